package dev.terway4j.kubernetes.admission;

import dev.terway4j.model.Manifests;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.ObjectMeta;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.selector.AdmissionSettings;
import dev.terway4j.selector.PodNetworkingResolver;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** Reviews and cluster state for the webhook tests. */
final class AdmissionFixtures {
  private AdmissionFixtures() {}

  static final PodNetworking WEB =
      Manifests.readOne(
          String.join(
              "\n",
              "apiVersion: network.alibabacloud.com/v1beta1",
              "kind: PodNetworking",
              "metadata: {name: web}",
              "spec:",
              "  selector: {podSelector: {matchLabels: {app: web}}}",
              "  securityGroupIDs: [sg-web]",
              "  vSwitchOptions: [vsw-h1]",
              "status:",
              "  status: Ready",
              "  vSwitches: [{id: vsw-h1, zone: cn-hangzhou-h}]"),
          PodNetworking.class);

  /** The namespace "apps" is known; every other one is not. */
  static final AdmissionLookups LOOKUPS =
      new AdmissionLookups() {
        private final PodNetworkingResolver resolver = PodNetworkingResolver.of(List.of(WEB));

        @Override
        public Optional<Namespace> namespace(String name) {
          return name.equals("apps")
              ? Optional.of(Namespace.builder().metadata(ObjectMeta.named("apps")).build())
              : Optional.empty();
        }

        @Override
        public Optional<PodEni> podEni(String namespace, String name) {
          return Optional.empty();
        }

        @Override
        public PodNetworkingResolver resolver() {
          return resolver;
        }

        @Override
        public AdmissionSettings settings() {
          return AdmissionSettings.defaults();
        }
      };

  static byte[] podReview(String uid, String operation, String namespace, String podJson) {
    return review(uid, operation, namespace, "", "v1", "Pod", podJson);
  }

  static byte[] podNetworkingReview(String uid, String operation, String podNetworkingJson) {
    return review(
        uid,
        operation,
        "",
        "network.alibabacloud.com",
        "v1beta1",
        "PodNetworking",
        podNetworkingJson);
  }

  static byte[] review(
      String uid,
      String operation,
      String namespace,
      String group,
      String version,
      String kind,
      String object) {
    String text =
        "{'apiVersion':'admission.k8s.io/v1','kind':'AdmissionReview','request':{'uid':'"
            + uid
            + "','kind':{'group':'"
            + group
            + "','version':'"
            + version
            + "','kind':'"
            + kind
            + "'},'operation':'"
            + operation
            + "','namespace':'"
            + namespace
            + "','object':"
            + object
            + "}}";
    return text.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
  }

  static String webPod(String name) {
    return "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'"
        + name
        + "','namespace':'apps','labels':{'app':'web'}},"
        + "'spec':{'containers':[{'name':'app','image':'nginx'}]}}";
  }

  static String podNetworking(String spec) {
    return "{'apiVersion':'network.alibabacloud.com/v1beta1','kind':'PodNetworking',"
        + "'metadata':{'name':'db'},'spec':"
        + spec
        + "}";
  }
}
