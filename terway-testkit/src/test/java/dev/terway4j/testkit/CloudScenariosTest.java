package dev.terway4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.fake.FakeClock;
import dev.terway4j.cloud.fake.FakeCloudProvider;
import dev.terway4j.model.Labels;
import dev.terway4j.model.ManifestValidator;
import dev.terway4j.model.Manifests;
import dev.terway4j.model.Node;
import dev.terway4j.model.PodNetworking;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Generated scenarios build the fake cloud they describe, and their PodNetworkings are valid. */
class CloudScenariosTest {

  @Test
  void everyScenario_buildsAFakeCloud_withANodeInEveryZone_andTinyVSwitches() {
    PropertyChecks.forAll(CloudScenarios.scenarios(3, 5, 4))
        .withTries(200)
        .checkThat(
            scenario -> {
              FakeCloudProvider cloud = scenario.newCloud(new FakeClock());
              Set<String> zonesWithNodes = new HashSet<>();
              for (Node node : scenario.kubernetesNodes()) {
                zonesWithNodes.add(node.metadata().labels().get(Labels.ZONE));
                assertTrue(node.trunkEniId().isPresent());
              }
              assertEquals(new HashSet<>(scenario.zones()), zonesWithNodes);
              for (CloudScenario.VSwitchSpec v : scenario.podVSwitches()) {
                assertTrue(v.usableAddresses() <= 28, v::toString);
                assertEquals(
                    v.usableAddresses(), cloud.describeVSwitch(v.id()).availableIpAddressCount());
              }
              for (CloudScenario.NodeSpec node : scenario.nodes()) {
                int limit = scenario.memberLimit(node);
                assertTrue(limit >= 1 && limit <= 4, () -> node + " " + limit);
              }
              assertEquals(2 * scenario.nodes().size(), cloud.networkInterfaces().size());
            });
  }

  @Test
  void podNetworkings_areReadyValid_andSurviveYaml() {
    PropertyChecks.forAll(CloudScenarios.scenarios().flatMap(CloudScenarios::podNetworkings))
        .withTries(200)
        .checkThat(
            (List<PodNetworking> pns) -> {
              for (PodNetworking pn : pns) {
                assertTrue(pn.ready());
                assertTrue(
                    ManifestValidator.defaults().validate(pn).valid(),
                    () -> ManifestValidator.defaults().validate(pn).toString());
                assertEquals(List.of(pn), Manifests.read(Manifests.toYaml(pn)));
              }
            });
  }

  @Test
  void scenarios_shrinkTowardTheSmallestBlocks_limits_andNoDelay() {
    PropertyFailure failure =
        org.junit.jupiter.api.Assertions.assertThrows(
            PropertyFailure.class,
            () ->
                PropertyChecks.forAll(CloudScenarios.scenarios())
                    .withSeed(1)
                    .check(s -> s.nodes().size() < 3));
    CloudScenario shrunk = (CloudScenario) failure.shrunkCounterexample();
    assertEquals(3, shrunk.nodes().size(), shrunk::toString);
    assertTrue(
        shrunk.podVSwitches().stream().allMatch(v -> v.usableAddresses() == 4), shrunk::toString);
    assertTrue(shrunk.nodes().stream().allMatch(n -> shrunk.memberLimit(n) == 1), shrunk::toString);
    assertEquals(java.time.Duration.ZERO, shrunk.transitionDelay());
  }
}
