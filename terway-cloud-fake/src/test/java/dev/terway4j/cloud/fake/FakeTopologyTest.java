package dev.terway4j.cloud.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceStatus;
import dev.terway4j.cloud.spi.NetworkInterfaceType;
import dev.terway4j.model.Annotations;
import dev.terway4j.model.Labels;
import dev.terway4j.model.Node;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("FakeTopology (issue 14 item 8, issue 17 item 2)")
class FakeTopologyTest {

  private static FakeTopology.Builder valid() {
    return FakeTopology.builder()
        .zone("cn-hangzhou-h")
        .zone("cn-hangzhou-i")
        .vSwitch("vsw-nodeh", "cn-hangzhou-h", "10.0.0.0/24")
        .vSwitch("vsw-nodei", "cn-hangzhou-i", "10.0.4.0/24")
        .securityGroup("sg-node")
        .securityGroup("sg-web")
        .instanceType(InstanceType.trunk("ecs.g7.xlarge", 3, 5))
        .instanceType(InstanceType.withoutTrunk("ecs.t5.small", 2));
  }

  @Test
  void build_givenOmittedParts_generatesIdsVSwitchAndSecurityGroup_issue14item8() {
    FakeTopology t = valid().node("node1.example", "cn-hangzhou-i", "ecs.g7.xlarge").build();

    FakeTopology.NodeSpec n = t.node("node1.example");
    assertEquals("i-node1-example", n.instanceId());
    assertEquals(Optional.of("eni-trunk-node1-example"), n.trunkEniId());
    assertEquals("vsw-nodei", n.vSwitchId());
    assertEquals(List.of("sg-node"), n.securityGroupIds());
  }

  @Test
  void build_givenManyProblems_reportsEveryOneWithItsPath_issue14item8() {
    FakeTopology.Builder b =
        FakeTopology.builder()
            .vpcId("vpc")
            .zone("cn-hangzhou-h")
            .zone("cn-hangzhou-h")
            .vSwitch("vsw-a", "cn-hangzhou-h", "10.0.0.0/24")
            .vSwitch("vsw-a", "cn-x-z", "not-a-cidr", "10.0.0.0/8")
            .securityGroup("sg-1")
            .securityGroup("group")
            .instanceType(InstanceType.trunk("ecs.g7.large", 3, 5))
            .instanceType(InstanceType.trunk("ecs.g7.large", 3, 5))
            .instanceType(InstanceType.withoutTrunk("ecs.one", 1))
            .node("Node_1", n -> n.zone("cn-hangzhou-h").instanceType("ecs.g7.large"))
            .node("node2", n -> n.zone("cn-hangzhou-h").instanceType("ecs.nope"))
            .node("node3", n -> n.zone("cn-x-z").instanceType("ecs.g7.large"))
            .node("node4", n -> n.zone("cn-hangzhou-h").instanceType("ecs.one"))
            .node(
                "node5",
                n ->
                    n.zone("cn-hangzhou-h")
                        .instanceType("ecs.g7.large")
                        .vSwitch("vsw-missing")
                        .securityGroups("sg-missing")
                        .instanceId("i-node2")
                        .trunkEniId("trunk"))
            .node("node2", n -> n.zone("cn-hangzhou-h").instanceType("ecs.g7.large"));

    FakeTopologyException e = assertThrows(FakeTopologyException.class, b::build);
    List<String> problems = e.problems();
    for (String expected :
        List.of(
            "zones[1]: duplicate zone \"cn-hangzhou-h\"",
            "vSwitches[1].zone: zone \"cn-x-z\" is not declared",
            "vSwitches[1].id: duplicate vSwitch \"vsw-a\"",
            "vSwitches[1].ipv4Cidr: not an IPv4 block: \"not-a-cidr\"",
            "vSwitches[1].ipv6Cidr: not an IPv6 block: \"10.0.0.0/8\"",
            "instanceTypes[1]: duplicate instance type \"ecs.g7.large\"",
            "nodes[1].instanceType: instance type \"ecs.nope\" is not declared",
            "nodes[2].zone: zone \"cn-x-z\" is not declared",
            "nodes[3].instanceType: \"ecs.one\" attaches 1 ENIs directly; the node"
                + " needs 2 (primary and trunk)",
            "nodes[4].vSwitch: vSwitch \"vsw-missing\" is not declared",
            "nodes[4].securityGroups[0]: security group \"sg-missing\" is not declared",
            "nodes[5].name: duplicate node \"node2\"",
            "nodes[5].instanceId: duplicate instance \"i-node2\"",
            "nodes[5].trunkEniId: duplicate ENI \"eni-trunk-node2\"")) {
      assertTrue(problems.contains(expected), () -> expected + " not in " + problems);
    }
    for (String prefix :
        List.of(
            "vpcId: \"vpc\" is not 'vpc-'",
            "securityGroups[1]: \"group\"",
            "nodes[0].name: \"Node_1\"",
            "nodes[4].trunkEniId: \"trunk\"")) {
      assertTrue(
          problems.stream().anyMatch(p -> p.startsWith(prefix)),
          () -> prefix + "... not in " + problems);
    }
    assertEquals(19, problems.size(), problems::toString);
    assertTrue(e.getMessage().startsWith("invalid fake topology (19 problems): "));
  }

  @Test
  void build_givenNodeVSwitchInAnotherZone_reportsIt_issue14item8() {
    FakeTopology.Builder b =
        valid()
            .node(
                "node1",
                n -> n.zone("cn-hangzhou-h").instanceType("ecs.g7.xlarge").vSwitch("vsw-nodei"));

    assertEquals(
        List.of(
            "nodes[0].vSwitch: vSwitch \"vsw-nodei\" is in zone \"cn-hangzhou-i\","
                + " not in the node's zone \"cn-hangzhou-h\""),
        assertThrows(FakeTopologyException.class, b::build).problems());
  }

  @Test
  void build_givenMoreNodesThanTheVSwitchHasAddresses_reportsTheFirstNodeThatDoesNotFit() {
    FakeTopology.Builder b =
        FakeTopology.builder()
            .zone("z")
            .vSwitch("vsw-tiny", "z", "10.0.0.0/29") // 4 addresses: two trunk nodes
            .securityGroup("sg-1")
            .instanceType(InstanceType.trunk("t", 3, 1))
            .node("n1", "z", "t")
            .node("n2", "z", "t")
            .node("n3", "z", "t");

    assertEquals(
        List.of(
            "nodes[2].vSwitch: vSwitch \"vsw-tiny\" has no address left for the" + " node's ENIs"),
        assertThrows(FakeTopologyException.class, b::build).problems());
  }

  @Test
  void build_givenNoZoneVSwitchOrSecurityGroup_saysWhatIsMissing() {
    FakeTopology.Builder b =
        FakeTopology.builder()
            .zone("z")
            .instanceType(InstanceType.trunk("t", 3, 1))
            .node("n1", n -> n.instanceType("t"))
            .node("n2", "z", "t");

    assertEquals(
        List.of(
            "nodes[0].zone: is not set",
            "nodes[0].securityGroups: none given and none declared",
            "nodes[1].vSwitch: no vSwitch is declared in zone \"z\"",
            "nodes[1].securityGroups: none given and none declared"),
        assertThrows(FakeTopologyException.class, b::build).problems());
  }

  @Test
  void build_givenControlCharactersInAnId_escapesThemInTheProblem() {
    FakeTopology.Builder b = valid().node("n1", "cn-hangzhou-h\u001b[31m", "ecs.g7.xlarge");

    assertFalse(
        assertThrows(FakeTopologyException.class, b::build).getMessage().contains("\u001b"));
  }

  @Test
  void cloudAndNodes_agree_onInstanceZoneTypeAndTrunk_issue14item8() {
    FakeTopology t =
        valid()
            .node("node1", "cn-hangzhou-h", "ecs.g7.xlarge")
            .node("node2", n -> n.zone("cn-hangzhou-i").instanceType("ecs.t5.small").withoutTrunk())
            .build();
    FakeCloudProvider cloud = t.newCloud(new FakeClock());
    List<Node> nodes = t.kubernetesNodes();

    assertEquals(2, nodes.size());
    Node n1 = nodes.get(0);
    assertEquals("node1", n1.metadata().name());
    assertEquals("cn-hangzhou.i-node1", n1.spec().providerID());
    assertEquals("cn-hangzhou-h", n1.metadata().labels().get(Labels.ZONE));
    assertEquals("ecs.g7.xlarge", n1.metadata().labels().get(Labels.INSTANCE_TYPE));
    assertEquals("eni-trunk-node1", n1.metadata().annotations().get(Annotations.TRUNK_ON));
    assertEquals(Optional.empty(), nodes.get(1).trunkEniId());
    assertFalse(nodes.get(1).metadata().annotations().containsKey(Annotations.TRUNK_ON));

    NetworkInterface trunk = eni(cloud, "eni-trunk-node1");
    assertEquals(NetworkInterfaceType.TRUNK, trunk.type());
    assertEquals(NetworkInterfaceStatus.IN_USE, trunk.status());
    assertEquals(Optional.of("i-node1"), trunk.instanceId());
    assertEquals("cn-hangzhou-h", trunk.zoneId());
    assertEquals(
        List.of(NetworkInterfaceType.PRIMARY),
        cloud.networkInterfaces().stream()
            .filter(e -> e.instanceId().equals(Optional.of("i-node2")))
            .map(NetworkInterface::type)
            .toList());
    assertEquals(5, cloud.describeInstanceTypes(List.of("ecs.g7.xlarge")).get(0).memberEniLimit());
  }

  @Test
  void cloudProviderBuilder_withTopology_isTheSameCloudAsDeclaredByHand_issue17item2() {
    FakeTopology t = FakeTopology.contractSuite("cn-hangzhou");
    FakeCloudProvider byTopology = t.cloudBuilder().seed(7).build();
    FakeCloudProvider byHand =
        FakeCloudProvider.builder()
            .seed(7)
            .zone("cn-hangzhou-h")
            .zone("cn-hangzhou-i")
            .vpc("vpc-tck")
            .vSwitch(
                "vsw-tck-large", "vpc-tck", "cn-hangzhou-h", "10.0.0.0/24", "2408:4005:1:0::/64")
            .vSwitch("vsw-tck-small", "vpc-tck", "cn-hangzhou-h", "10.0.1.0/28")
            .vSwitch("vsw-tck-other", "vpc-tck", "cn-hangzhou-i", "10.0.2.0/24")
            .securityGroup("sg-tck-1", "vpc-tck")
            .securityGroup("sg-tck-2", "vpc-tck")
            .instanceType(new InstanceType("ecs.g7.large", 3, 8, true, 10, 10))
            .instanceType(new InstanceType("ecs.t5.small", 2, 2, false, 2, 0))
            .instance("i-tck-trunk", "ecs.g7.large", "vsw-tck-large", "sg-tck-1")
            .instance("i-tck-plain", "ecs.t5.small", "vsw-tck-large", "sg-tck-1")
            .trunkNetworkInterface("eni-tck-trunk", "i-tck-trunk", "vsw-tck-large", "sg-tck-1")
            .build();

    assertEquals(byHand.networkInterfaces(), byTopology.networkInterfaces());
    assertEquals(
        byHand.describeVSwitch("vsw-tck-large"), byTopology.describeVSwitch("vsw-tck-large"));
  }

  @Test
  void presets_buildAndAgreeWithTheirCloud() {
    for (FakeTopology t :
        List.of(
            FakeTopology.singleZone(),
            FakeTopology.threeZones(4),
            FakeTopology.contractSuite("cn-beijing"),
            FakeTopology.demo("cn-shanghai"))) {
      FakeCloudProvider cloud = t.newCloud(new FakeClock());
      for (Node node : t.kubernetesNodes()) {
        String instance = node.instanceId().orElseThrow();
        assertEquals(t.regionId() + "." + instance, node.spec().providerID());
        List<NetworkInterface> enis =
            cloud.networkInterfaces().stream()
                .filter(e -> e.instanceId().equals(Optional.of(instance)))
                .toList();
        assertFalse(enis.isEmpty(), instance);
        enis.forEach(e -> assertEquals(node.zone().orElseThrow(), e.zoneId()));
        assertEquals(
            node.trunkEniId().stream().toList(),
            enis.stream()
                .filter(e -> e.type() == NetworkInterfaceType.TRUNK)
                .map(NetworkInterface::id)
                .toList());
      }
    }
    assertEquals(12, FakeTopology.threeZones(4).nodes().size());
    assertEquals("cn-hangzhou-j", FakeTopology.threeZones(2).node("node-j-2").zoneId());
  }

  @Test
  void threeZones_givenNodesPerZoneOutOfRange_throws() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> FakeTopology.threeZones(0))
            .getMessage()
            .contains("nodesPerZone"));
  }

  @Test
  void topology_isAValue() {
    assertEquals(FakeTopology.threeZones(1), FakeTopology.threeZones(1));
    assertEquals(FakeTopology.threeZones(1).hashCode(), FakeTopology.threeZones(1).hashCode());
    assertNotEquals(FakeTopology.threeZones(1), FakeTopology.threeZones(2));
  }

  private static NetworkInterface eni(FakeCloudProvider cloud, String id) {
    return cloud.networkInterfaces().stream()
        .filter(e -> e.id().equals(id))
        .findFirst()
        .orElseThrow();
  }
}
