package dev.terway4j.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.kubernetes.KubernetesCrds.Installed;
import dev.terway4j.kubernetes.KubernetesCrds.Outcome;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link KubernetesCrds} against fabric8's mock API server. */
@EnableKubernetesMockClient(crud = true)
class KubernetesCrdsTest {

  KubernetesClient client;

  @Test
  void install_createsBothCrds_thenLeavesThemAlone() {
    assertEquals(
        List.of(
            new Installed("podnetworkings.network.alibabacloud.com", Outcome.CREATED),
            new Installed("podenis.network.alibabacloud.com", Outcome.CREATED)),
        KubernetesCrds.install(client));

    assertEquals(
        List.of(
            new Installed("podnetworkings.network.alibabacloud.com", Outcome.UNCHANGED),
            new Installed("podenis.network.alibabacloud.com", Outcome.UNCHANGED)),
        KubernetesCrds.install(client));
  }

  @Test
  void install_updatesACrdThatDiffers_andKeepsItsMetadata() {
    KubernetesCrds.install(client);
    var crds = client.apiextensions().v1().customResourceDefinitions();
    CustomResourceDefinition edited = crds.withName("podenis.network.alibabacloud.com").get();
    edited.getSpec().getNames().setShortNames(List.of("pe"));
    edited.getMetadata().setLabels(java.util.Map.of("owner", "someone"));
    crds.resource(edited).update();

    List<Installed> again = KubernetesCrds.install(client);

    assertEquals(Outcome.UNCHANGED, again.get(0).outcome());
    assertEquals(Outcome.UPDATED, again.get(1).outcome());
    CustomResourceDefinition now = crds.withName("podenis.network.alibabacloud.com").get();
    assertTrue(now.getSpec().getNames().getShortNames().isEmpty());
    assertEquals("someone", now.getMetadata().getLabels().get("owner"));
  }

  @Test
  void definitions_areTheModelJarsManifests_withAStatusSubresource() {
    List<CustomResourceDefinition> definitions = KubernetesCrds.definitions(client);

    assertEquals("PodNetworking", definitions.get(0).getSpec().getNames().getKind());
    assertEquals("Cluster", definitions.get(0).getSpec().getScope());
    assertEquals("PodENI", definitions.get(1).getSpec().getNames().getKind());
    assertEquals("Namespaced", definitions.get(1).getSpec().getScope());
    for (CustomResourceDefinition crd : definitions) {
      assertTrue(crd.getSpec().getVersions().get(0).getSubresources().getStatus() != null);
    }
  }
}
