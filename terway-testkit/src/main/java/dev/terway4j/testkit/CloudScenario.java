package dev.terway4j.testkit;

import dev.terway4j.cloud.fake.FakeCloudProvider;
import dev.terway4j.cloud.fake.FakeTopology;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.model.Node;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A whole fake-cloud topology: zones, a VPC with node and pod vSwitches, security groups, instance
 * types and the trunk nodes of a cluster, plus the fake's seed and transition delay. {@link
 * #newCloud(Clock)} builds a {@link FakeCloudProvider} from it and {@link #kubernetesNodes()} gives
 * the matching Kubernetes {@link Node} objects.
 *
 * <p>Generate scenarios with {@link CloudScenarios}: pod vSwitches have tiny CIDR blocks and
 * instance types small member limits, so that exhaustion and full trunks happen within a few steps.
 * Every zone has at least one node.
 *
 * <p>Immutable and thread-safe; the lists are unmodifiable copies.
 *
 * @param regionId the region, e.g. {@code cn-hangzhou}
 * @param vpcId the VPC every vSwitch and security group is in
 * @param zones the zones, in order
 * @param vSwitches the vSwitches: one per zone for nodes, and the pod vSwitches
 * @param securityGroupIds the security groups PodNetworkings may use
 * @param instanceTypes the instance types of the nodes
 * @param nodes the nodes, each with a trunk ENI
 * @param transitionDelay how long the fake's attach, detach and delete take (zero: at once)
 * @param seed the fake's seed (ids, MACs, addresses, VLAN ids)
 */
public record CloudScenario(
    String regionId,
    String vpcId,
    List<String> zones,
    List<VSwitchSpec> vSwitches,
    List<String> securityGroupIds,
    List<InstanceType> instanceTypes,
    List<NodeSpec> nodes,
    Duration transitionDelay,
    long seed) {

  /** The security group of the nodes' primary and trunk ENIs. */
  public static final String NODE_SECURITY_GROUP = "sg-node";

  /** Checks and copies the values. */
  public CloudScenario {
    Objects.requireNonNull(regionId, "regionId");
    Objects.requireNonNull(vpcId, "vpcId");
    zones = List.copyOf(zones);
    vSwitches = List.copyOf(vSwitches);
    securityGroupIds = List.copyOf(securityGroupIds);
    instanceTypes = List.copyOf(instanceTypes);
    nodes = List.copyOf(nodes);
    Objects.requireNonNull(transitionDelay, "transitionDelay");
    if (nodes.isEmpty()) {
      throw new IllegalArgumentException("a scenario needs at least one node");
    }
  }

  /**
   * A vSwitch of the scenario.
   *
   * @param id the id, {@code vsw-...}
   * @param zoneId its zone
   * @param ipv4Cidr its IPv4 block; a /29 offers 4 addresses, a /28 12, a /27 28
   * @param forPods whether PodNetworkings may use it (otherwise it holds the nodes' ENIs)
   */
  public record VSwitchSpec(String id, String zoneId, String ipv4Cidr, boolean forPods) {
    /** Checks the values. */
    public VSwitchSpec {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(zoneId, "zoneId");
      Objects.requireNonNull(ipv4Cidr, "ipv4Cidr");
    }

    /**
     * Returns how many addresses the fake hands out from this vSwitch: the block less the first and
     * the last three addresses, as on Alibaba Cloud.
     *
     * @return the usable addresses
     */
    public int usableAddresses() {
      int prefix = Integer.parseInt(ipv4Cidr.substring(ipv4Cidr.indexOf('/') + 1));
      return (1 << (32 - prefix)) - 4;
    }

    @Override
    public String toString() {
      return id + " " + zoneId + " " + ipv4Cidr + (forPods ? "" : " (nodes)");
    }
  }

  /**
   * A trunk node of the scenario: an ECS instance with a primary ENI in its zone's node vSwitch and
   * a trunk ENI.
   *
   * @param name the Kubernetes node name
   * @param instanceId the instance, {@code i-...}
   * @param instanceTypeId its instance type, one of the scenario's
   * @param zoneId its zone
   * @param vSwitchId the vSwitch of its primary and trunk ENIs
   * @param trunkEniId its trunk ENI, {@code eni-...}
   */
  public record NodeSpec(
      String name,
      String instanceId,
      String instanceTypeId,
      String zoneId,
      String vSwitchId,
      String trunkEniId) {
    /** Checks the values. */
    public NodeSpec {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(instanceId, "instanceId");
      Objects.requireNonNull(instanceTypeId, "instanceTypeId");
      Objects.requireNonNull(zoneId, "zoneId");
      Objects.requireNonNull(vSwitchId, "vSwitchId");
      Objects.requireNonNull(trunkEniId, "trunkEniId");
    }
  }

  /**
   * Returns this scenario's topology: its vSwitches, security groups ({@link #NODE_SECURITY_GROUP}
   * first) and instance types, and its nodes, each with its primary and trunk ENI in its vSwitch.
   *
   * @return the topology
   */
  public FakeTopology topology() {
    FakeTopology.Builder b = FakeTopology.builder().regionId(regionId).vpcId(vpcId);
    zones.forEach(b::zone);
    vSwitches.forEach(v -> b.vSwitch(v.id(), v.zoneId(), v.ipv4Cidr()));
    b.securityGroup(NODE_SECURITY_GROUP);
    securityGroupIds.forEach(b::securityGroup);
    instanceTypes.forEach(b::instanceType);
    for (NodeSpec node : nodes) {
      b.node(
          node.name(),
          n ->
              n.instanceId(node.instanceId())
                  .zone(node.zoneId())
                  .instanceType(node.instanceTypeId())
                  .vSwitch(node.vSwitchId())
                  .securityGroups(NODE_SECURITY_GROUP)
                  .trunkEniId(node.trunkEniId()));
    }
    return b.build();
  }

  /**
   * Builds a fresh fake cloud with this topology, on the given clock.
   *
   * @param clock the clock the cloud measures time on; a {@link dev.terway4j.cloud.fake.FakeClock}
   *     lets injected latency advance it
   * @return the cloud, with every node's primary and trunk ENI in place and no other ENI
   */
  public FakeCloudProvider newCloud(Clock clock) {
    Objects.requireNonNull(clock, "clock");
    return topology()
        .cloudBuilder()
        .clock(clock)
        .seed(seed)
        .transitionDelay(transitionDelay)
        .build();
  }

  /**
   * Returns the Kubernetes nodes, in the order of {@link #nodes()}.
   *
   * @return the nodes
   */
  public List<Node> kubernetesNodes() {
    return topology().kubernetesNodes();
  }

  /**
   * Returns the vSwitches PodNetworkings may use.
   *
   * @return the pod vSwitches, in order
   */
  public List<VSwitchSpec> podVSwitches() {
    return vSwitches.stream().filter(VSwitchSpec::forPods).toList();
  }

  /**
   * Returns a node by name.
   *
   * @param name the node name
   * @return the node
   * @throws IllegalArgumentException if the scenario has no such node
   */
  public NodeSpec node(String name) {
    return nodes.stream()
        .filter(n -> n.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node named " + name));
  }

  /**
   * Returns a vSwitch by id.
   *
   * @param id the vSwitch id
   * @return the vSwitch
   * @throws IllegalArgumentException if the scenario has no such vSwitch
   */
  public VSwitchSpec vSwitch(String id) {
    return vSwitches.stream()
        .filter(v -> v.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no vSwitch " + id));
  }

  /**
   * Returns how many member ENIs a node's trunk may carry: {@link InstanceType#memberEniLimit()}.
   *
   * @param node the node
   * @return the limit
   */
  public int memberLimit(NodeSpec node) {
    return instanceTypes.stream()
        .filter(t -> t.id().equals(node.instanceTypeId()))
        .findFirst()
        .map(InstanceType::memberEniLimit)
        .orElse(0);
  }

  /**
   * Describes the scenario on one line, for failure reports.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "CloudScenario{pod vSwitches "
        + podVSwitches()
        + ", nodes "
        + nodes.stream()
            .map(n -> n.name() + " " + n.zoneId() + " (" + memberLimit(n) + " members)")
            .collect(Collectors.joining(", ", "[", "]"))
        + ", transition delay "
        + transitionDelay
        + ", seed "
        + seed
        + "}";
  }
}
