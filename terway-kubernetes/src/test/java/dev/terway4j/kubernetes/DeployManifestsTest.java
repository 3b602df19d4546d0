package dev.terway4j.kubernetes;

import static dev.terway4j.kubernetes.RbacTest.deployDirectory;
import static dev.terway4j.kubernetes.RbacTest.deployDocuments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.kubernetes.admission.AdmissionServer;
import dev.terway4j.model.Crds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The manifests of {@code deploy/} (issue 15 item 4) read as Kubernetes objects and agree with the
 * code: the CRDs are the model's, the controller runs two replicas with leader election and without
 * CRD access, and the webhook configurations reach the server's paths through the Service.
 */
class DeployManifestsTest {
  @Test
  void crds_areTheModelsOwn() throws Exception {
    String file = Files.readString(deployDirectory().resolve("crds.yaml"));
    assertTrue(file.endsWith(Crds.all()), "deploy/crds.yaml is Crds.all() behind its header");
  }

  @Test
  void controller_runsTwoReplicas_withLeaderElection_andWithoutInstallingCrds() throws Exception {
    Deployment controller = only(deployDocuments("controller.yaml"), Deployment.class);
    assertEquals(2, controller.getSpec().getReplicas());
    assertEquals("terway4j", controller.getSpec().getTemplate().getSpec().getServiceAccountName());
    List<String> args =
        controller.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    assertEquals("controller", args.get(0));
    assertTrue(args.contains("--no-install-crds"), args.toString());
    // The Role of deploy/rbac.yaml grants the Lease in this namespace only.
    assertTrue(args.contains("--lease-namespace=kube-system"), args.toString());
    assertTrue(args.contains("--identity=$(POD_NAME)"), args.toString());
  }

  @Test
  void webhooks_reachTheServersPaths_throughTheService() throws Exception {
    List<HasMetadata> documents = deployDocuments("webhook.yaml");
    Deployment webhook = only(documents, Deployment.class);
    Service service = only(documents, Service.class);
    assertEquals(2, webhook.getSpec().getReplicas());
    assertEquals(
        webhook.getSpec().getTemplate().getMetadata().getLabels(), service.getSpec().getSelector());
    List<String> args = webhook.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
    assertEquals("webhook", args.get(0));
    assertTrue(args.contains("--port=9443"), args.toString());

    MutatingWebhook mutating =
        only(documents, MutatingWebhookConfiguration.class).getWebhooks().get(0);
    assertEquals(AdmissionServer.MUTATE_POD, mutating.getClientConfig().getService().getPath());
    assertEquals(
        service.getMetadata().getName(), mutating.getClientConfig().getService().getName());
    assertEquals(List.of("v1"), mutating.getAdmissionReviewVersions());
    assertEquals(List.of("CREATE"), mutating.getRules().get(0).getOperations());
    assertEquals(List.of("pods"), mutating.getRules().get(0).getResources());
    assertEquals("Fail", mutating.getFailurePolicy());

    ValidatingWebhook validating =
        only(documents, ValidatingWebhookConfiguration.class).getWebhooks().get(0);
    assertEquals(
        AdmissionServer.VALIDATE_POD_NETWORKING,
        validating.getClientConfig().getService().getPath());
    assertEquals(List.of("CREATE", "UPDATE"), validating.getRules().get(0).getOperations());
    assertEquals(List.of("podnetworkings"), validating.getRules().get(0).getResources());
    assertEquals("None", validating.getSideEffects());
  }

  private static <T> T only(List<HasMetadata> documents, Class<T> type) {
    List<T> found = documents.stream().filter(type::isInstance).map(type::cast).toList();
    assertEquals(1, found.size(), type.getSimpleName() + " in " + documents);
    return found.get(0);
  }
}
