package dev.terway4j.testkit.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.fake.FakeClock;
import dev.terway4j.cloud.fake.FakeCloudProvider;
import dev.terway4j.cloud.fake.FakeTopology;
import dev.terway4j.cloud.fake.FakeTopologyException;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceStatus;
import dev.terway4j.cloud.spi.NetworkInterfaceType;
import dev.terway4j.model.Annotations;
import dev.terway4j.model.Node;
import dev.terway4j.testkit.FakeTopologies;
import dev.terway4j.testkit.PropertyChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link FakeTopology} over generated topologies: the cloud and the Kubernetes Nodes
 * it builds agree, and every mistake appended to a valid topology is reported with its path.
 */
@DisplayName("FakeTopology properties (issue 14 item 8)")
class FakeTopologyProperties {

  @Test
  void cloudAndNodes_agree_forEveryValidTopology_issue14item8() {
    PropertyChecks.forAll(FakeTopologies.topologies())
        .withTries(200)
        .checkThat(
            topology -> {
              FakeCloudProvider cloud = topology.newCloud(new FakeClock());
              List<Node> nodes = topology.kubernetesNodes();
              assertEquals(topology.nodes().size(), nodes.size());
              int trunks = 0;
              for (int i = 0; i < nodes.size(); i++) {
                FakeTopology.NodeSpec spec = topology.nodes().get(i);
                Node node = nodes.get(i);
                assertEquals(spec.name(), node.metadata().name());
                assertEquals(Optional.of(spec.instanceId()), node.instanceId());
                assertEquals(
                    topology.regionId() + "." + spec.instanceId(), node.spec().providerID());
                assertEquals(Optional.of(spec.zoneId()), node.zone());
                assertEquals(Optional.of(spec.instanceTypeId()), node.instanceType());
                assertEquals(spec.trunkEniId(), node.trunkEniId());
                assertEquals(
                    spec.trunkEniId().isPresent(),
                    node.metadata().annotations().containsKey(Annotations.TRUNK_ON));
                List<NetworkInterface> enis =
                    cloud.networkInterfaces().stream()
                        .filter(e -> e.instanceId().equals(Optional.of(spec.instanceId())))
                        .toList();
                for (NetworkInterface eni : enis) {
                  assertEquals(spec.zoneId(), eni.zoneId(), eni.id());
                  assertEquals(spec.vSwitchId(), eni.vSwitchId(), eni.id());
                  assertEquals(NetworkInterfaceStatus.IN_USE, eni.status(), eni.id());
                }
                assertEquals(
                    1, enis.stream().filter(e -> e.type() == NetworkInterfaceType.PRIMARY).count());
                assertEquals(
                    spec.trunkEniId().stream().toList(),
                    enis.stream()
                        .filter(e -> e.type() == NetworkInterfaceType.TRUNK)
                        .map(NetworkInterface::id)
                        .toList());
                InstanceType type =
                    cloud.describeInstanceTypes(List.of(spec.instanceTypeId())).get(0);
                assertEquals(topology.instanceType(spec.instanceTypeId()), type);
                trunks += spec.trunkEniId().isPresent() ? 1 : 0;
              }
              assertEquals(nodes.size() + trunks, cloud.networkInterfaces().size());
              for (FakeTopology.VSwitchSpec v : topology.vSwitches()) {
                assertEquals(v.zoneId(), cloud.describeVSwitch(v.id()).zoneId());
              }
            });
  }

  @Test
  void redeclaring_givesAnEqualTopology() {
    PropertyChecks.forAll(FakeTopologies.topologies())
        .withTries(100)
        .checkThat(t -> assertEquals(t, FakeTopologies.redeclare(t).build()));
  }

  @Test
  void everyMistake_isReportedWithItsPath_issue14item8() {
    PropertyChecks.forAll(FakeTopologies.topologies(), FakeTopologies.mistakes())
        .withTries(300)
        .checkThat(
            (topology, mistakes) -> {
              FakeTopology.Builder builder = FakeTopologies.redeclare(topology);
              int[] counts = {
                topology.vSwitches().size(),
                topology.securityGroupIds().size(),
                topology.nodes().size()
              };
              List<String> expected = new ArrayList<>();
              for (FakeTopologies.Mistake m : mistakes) {
                expected.add(m.apply(topology, builder, counts));
              }
              List<String> problems =
                  assertThrows(FakeTopologyException.class, builder::build).problems();
              for (String path : expected) {
                assertTrue(
                    problems.stream().anyMatch(p -> p.startsWith(path)),
                    () -> path + "... not in " + problems);
              }
            });
  }
}
