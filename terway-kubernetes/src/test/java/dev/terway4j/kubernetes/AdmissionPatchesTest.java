package dev.terway4j.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.model.Manifests;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.ObjectMeta;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.selector.AdmissionHints;
import dev.terway4j.selector.AdmissionResult;
import dev.terway4j.selector.AdmissionResult.Decision;
import dev.terway4j.selector.AdmissionResult.ExtendedResource;
import dev.terway4j.selector.AdmissionResult.ZoneAffinity;
import dev.terway4j.selector.AdmissionSettings;
import dev.terway4j.selector.PodNetworkingResolver;
import dev.terway4j.selector.Resolution;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.zjsonpatch.JsonPatch;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@link AdmissionPatches}: every patch is applied with an independent RFC 6902 implementation
 * (fabric8's zjsonpatch) and the patched pod compared with the pod Terway's webhook would leave.
 */
class AdmissionPatchesTest {

  private static final String MEMBER_ENI = "aliyun/member-eni";

  private static AdmissionResult patched(
      Map<String, String> annotations, int count, List<ZoneAffinity> zones) {
    return new AdmissionResult(
        Decision.PATCHED,
        Optional.empty(),
        "PodNetworking web",
        Resolution.none(),
        annotations,
        Optional.of(new ExtendedResource(MEMBER_ENI, count)),
        zones);
  }

  private static final AdmissionResult WEB =
      patched(
          Map.of(
              "k8s.aliyun.com/pod-networking", "web",
              "k8s.aliyun.com/pod-eni", "true"),
          1,
          List.of(
              new ZoneAffinity("topology.kubernetes.io/zone", List.of("cn-hangzhou-h")),
              new ZoneAffinity(
                  "topology.kubernetes.io/zone", List.of("cn-hangzhou-h", "cn-hangzhou-i"))));

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  private static JsonNode json(String text) {
    return SERIALIZATION.unmarshal(text.replace('\'', '"'), JsonNode.class);
  }

  /** Applies the patch of {@code result} to {@code pod} and returns the patched pod. */
  private static JsonNode apply(String pod, AdmissionResult result) {
    String patch = AdmissionPatches.jsonPatch(pod.replace('\'', '"'), result);
    return JsonPatch.apply(json(patch), json(pod));
  }

  @Test
  void barePod_gainsAnnotationsResourceAndAffinity() {
    String pod =
        "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'web-0','namespace':'apps'},"
            + "'spec':{'containers':[{'name':'app','image':'nginx'}]}}";

    JsonNode patched = apply(pod, WEB);

    assertEquals(
        json(
            "{'apiVersion':'v1','kind':'Pod','metadata':{'name':'web-0','namespace':'apps',"
                + "'annotations':{'k8s.aliyun.com/pod-eni':'true',"
                + "'k8s.aliyun.com/pod-networking':'web'}},"
                + "'spec':{'containers':[{'name':'app','image':'nginx','resources':{"
                + "'requests':{'aliyun/member-eni':'1'},'limits':{'aliyun/member-eni':'1'}}}],"
                + "'affinity':{'nodeAffinity':{'requiredDuringSchedulingIgnoredDuringExecution':{"
                + "'nodeSelectorTerms':[{'matchExpressions':["
                + "{'key':'topology.kubernetes.io/zone','operator':'In','values':['cn-hangzhou-h']},"
                + "{'key':'topology.kubernetes.io/zone','operator':'In',"
                + "'values':['cn-hangzhou-h','cn-hangzhou-i']}]}]}}}}}"),
        patched);
  }

  @Test
  void podWithExistingAnnotationsResourcesAndTerms_keepsThem_andEveryTermGainsTheZones() {
    String pod =
        "{'metadata':{'name':'web-0','annotations':{'team':'a','k8s.aliyun.com/pod-eni':'false'}},"
            + "'spec':{'containers':[{'name':'app','resources':{'requests':{'cpu':'1'}}},"
            + "{'name':'sidecar'}],"
            + "'affinity':{'podAntiAffinity':{},'nodeAffinity':{"
            + "'preferredDuringSchedulingIgnoredDuringExecution':[],"
            + "'requiredDuringSchedulingIgnoredDuringExecution':{'nodeSelectorTerms':["
            + "{'matchExpressions':[{'key':'disk','operator':'In','values':['ssd']}]},"
            + "{'matchFields':[{'key':'metadata.name','operator':'In','values':['n1']}]}]}}}}}";
    AdmissionResult result =
        patched(
            Map.of("k8s.aliyun.com/pod-eni", "true"),
            2,
            List.of(new ZoneAffinity("topology.kubernetes.io/zone", List.of("cn-hangzhou-i"))));

    JsonNode patched = apply(pod, result);

    String zone =
        "{'key':'topology.kubernetes.io/zone','operator':'In','values':['cn-hangzhou-i']}";
    assertEquals(
        json(
            "{'metadata':{'name':'web-0','annotations':{'team':'a','k8s.aliyun.com/pod-eni':'true'}},"
                + "'spec':{'containers':[{'name':'app','resources':{"
                + "'requests':{'cpu':'1','aliyun/member-eni':'2'},"
                + "'limits':{'aliyun/member-eni':'2'}}},{'name':'sidecar'}],"
                + "'affinity':{'podAntiAffinity':{},'nodeAffinity':{"
                + "'preferredDuringSchedulingIgnoredDuringExecution':[],"
                + "'requiredDuringSchedulingIgnoredDuringExecution':{'nodeSelectorTerms':["
                + "{'matchExpressions':[{'key':'disk','operator':'In','values':['ssd']},"
                + zone
                + "]},"
                + "{'matchFields':[{'key':'metadata.name','operator':'In','values':['n1']}],"
                + "'matchExpressions':["
                + zone
                + "]}]}}}}}"),
        patched);
  }

  @Test
  void podWithOnlyPreferredNodeAffinity_gainsTheRequiredSelector() {
    String pod =
        "{'metadata':{'name':'p'},'spec':{'containers':[{'name':'c','resources':{'limits':{}}}],"
            + "'affinity':{'nodeAffinity':{'preferredDuringSchedulingIgnoredDuringExecution':[]}}}}";

    JsonNode patched = apply(pod, WEB);

    JsonNode nodeAffinity = patched.path("spec").path("affinity").path("nodeAffinity");
    assertTrue(nodeAffinity.has("preferredDuringSchedulingIgnoredDuringExecution"));
    assertEquals(
        2,
        nodeAffinity
            .path("requiredDuringSchedulingIgnoredDuringExecution")
            .path("nodeSelectorTerms")
            .path(0)
            .path("matchExpressions")
            .size());
    JsonNode resources = patched.path("spec").path("containers").path(0).path("resources");
    assertEquals(json("{'aliyun/member-eni':'1'}"), resources.path("limits"));
    assertEquals(json("{'aliyun/member-eni':'1'}"), resources.path("requests"));
  }

  @Test
  void podWithEmptyTermsOrNullFields_isPatchedWithoutFailure() {
    String pod =
        "{'metadata':{'name':'p','annotations':null},'spec':{'containers':[{'name':'c',"
            + "'resources':null}],'affinity':{'nodeAffinity':{"
            + "'requiredDuringSchedulingIgnoredDuringExecution':{'nodeSelectorTerms':[]}}}}}";

    JsonNode patched = apply(pod, WEB);

    assertEquals(
        "web",
        patched
            .path("metadata")
            .path("annotations")
            .path("k8s.aliyun.com/pod-networking")
            .asString());
    assertEquals(
        1,
        patched
            .path("spec")
            .path("affinity")
            .path("nodeAffinity")
            .path("requiredDuringSchedulingIgnoredDuringExecution")
            .path("nodeSelectorTerms")
            .size());
  }

  @Test
  void annotationKeys_areEscapedAsJsonPointers() {
    String pod = "{'metadata':{'name':'p','annotations':{}},'spec':{'containers':[{'name':'c'}]}}";

    String patch = AdmissionPatches.jsonPatch(pod.replace('\'', '"'), WEB);

    assertTrue(patch.contains("\"/metadata/annotations/k8s.aliyun.com~1pod-networking\""), patch);
    assertTrue(patch.contains("\"/spec/containers/0/resources\""), patch);
    assertEquals("a~0b~1c", AdmissionPatches.escape("a~b/c"));
  }

  @Test
  void podWithoutContainers_getsNoResourceOperation() {
    JsonNode patched = apply("{'metadata':{'name':'p'},'spec':{}}", WEB);

    assertTrue(patched.path("spec").path("containers").isMissingNode());
    assertEquals(
        "true",
        patched.path("metadata").path("annotations").path("k8s.aliyun.com/pod-eni").asString());
  }

  @Test
  void skippedUnchangedAndRejectedResults_giveTheEmptyPatch() {
    String pod = "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"c\"}]}}";
    for (Decision decision : List.of(Decision.SKIPPED, Decision.UNCHANGED, Decision.REJECTED)) {
      AdmissionResult result =
          new AdmissionResult(
              decision,
              decision == Decision.REJECTED
                  ? Optional.of(AdmissionResult.Rejection.AMBIGUOUS_MATCH)
                  : Optional.empty(),
              "",
              Resolution.none(),
              Map.of(),
              Optional.empty(),
              List.of());
      assertEquals("[]", AdmissionPatches.jsonPatch(pod, result), decision.toString());
    }
  }

  @Test
  void theSelectorsOwnHints_forAStatefulPodWithAPreviousZone_patchAFabric8Pod() {
    PodNetworking web =
        Manifests.readOne(
            String.join(
                "\n",
                "apiVersion: network.alibabacloud.com/v1beta1",
                "kind: PodNetworking",
                "metadata: {name: db}",
                "spec:",
                "  allocationType: {type: Fixed, releaseStrategy: TTL, releaseAfter: 10m}",
                "  selector: {podSelector: {matchLabels: {app: db}}}",
                "  securityGroupIDs: [sg-db]",
                "  vSwitchOptions: [vsw-h1, vsw-i1]",
                "status:",
                "  status: Ready",
                "  vSwitches: [{id: vsw-h1, zone: cn-hangzhou-h}, {id: vsw-i1, zone: cn-hangzhou-i}]"),
            PodNetworking.class);
    PodNetworkingResolver resolver = PodNetworkingResolver.of(List.of(web));
    io.fabric8.kubernetes.api.model.Pod fabric8Pod =
        new PodBuilder()
            .withNewMetadata()
            .withName("db-0")
            .withNamespace("apps")
            .addToLabels("app", "db")
            .addNewOwnerReference()
            .withKind("StatefulSet")
            .withName("db")
            .withApiVersion("apps/v1")
            .withUid("u1")
            .endOwnerReference()
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName("pg")
            .endContainer()
            .endSpec()
            .build();
    String podJson = SERIALIZATION.asJson(fabric8Pod);
    Pod view = Manifests.readOne(podJson, Pod.class);
    PodEni previous =
        PodEni.builder()
            .metadata(ObjectMeta.named("apps", "db-0"))
            .spec(PodEniFixtures.bound("apps", "db-0").spec())
            .build();

    AdmissionResult result =
        AdmissionHints.evaluate(
            view,
            Namespace.builder().metadata(ObjectMeta.named("apps")).build(),
            Optional.of(previous),
            resolver,
            AdmissionSettings.defaults());
    JsonNode patched =
        JsonPatch.apply(json(AdmissionPatches.jsonPatch(fabric8Pod, result)), json(podJson));

    assertEquals(Decision.PATCHED, result.decision());
    JsonNode annotations = patched.path("metadata").path("annotations");
    assertEquals("db", annotations.path("k8s.aliyun.com/pod-networking").asString());
    assertEquals("true", annotations.path("k8s.aliyun.com/pod-eni").asString());
    assertTrue(annotations.path("k8s.aliyun.com/pod-networks").asString().contains("vsw-h1"));
    assertEquals(
        json(
            "[{'key':'topology.kubernetes.io/zone','operator':'In','values':['cn-hangzhou-h']},"
                + "{'key':'topology.kubernetes.io/zone','operator':'In',"
                + "'values':['cn-hangzhou-h','cn-hangzhou-i']}]"),
        patched
            .path("spec")
            .path("affinity")
            .path("nodeAffinity")
            .path("requiredDuringSchedulingIgnoredDuringExecution")
            .path("nodeSelectorTerms")
            .path(0)
            .path("matchExpressions"));
    assertEquals(
        "1",
        patched
            .path("spec")
            .path("containers")
            .path(0)
            .path("resources")
            .path("limits")
            .path(MEMBER_ENI)
            .asString());
  }
}
