package dev.terway4j.cloud.fake;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.cloud.fake.internal.AddressPool;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.cloud.spi.ResourceIds;
import dev.terway4j.model.Annotations;
import dev.terway4j.model.ControlCharacters;
import dev.terway4j.model.KubernetesNames;
import dev.terway4j.model.Labels;
import dev.terway4j.model.Node;
import dev.terway4j.model.ObjectMeta;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A typed fake-cloud topology: a region, one VPC, its zones, vSwitches, security groups, instance
 * types and the nodes of a cluster (an ECS instance each, with or without a trunk ENI). From one
 * topology come both the {@link FakeCloudProvider} ({@link #newCloud(Clock)}, or {@link
 * #cloudBuilder()} for more settings) and the Kubernetes {@link Node} objects that match it ({@link
 * #kubernetesNodes()}: {@code spec.providerID} {@code <region>.<instance id>}, the zone and
 * instance-type labels, and the {@code k8s.aliyun.com/trunk-on} annotation when the node has a
 * trunk ENI), so that the two never disagree.
 *
 * <pre>{@code
 * FakeTopology topology =
 *     FakeTopology.builder()
 *         .zone("cn-hangzhou-h")
 *         .vSwitch("vsw-node", "cn-hangzhou-h", "10.0.0.0/24")
 *         .vSwitch("vsw-pods", "cn-hangzhou-h", "10.0.1.0/24")
 *         .securityGroup("sg-pods")
 *         .instanceType(InstanceType.trunk("ecs.g7.large", 3, 7))
 *         .node("node1", "cn-hangzhou-h", "ecs.g7.large")
 *         .build();
 * FakeCloudProvider cloud = topology.newCloud(new FakeClock());
 * List<Node> nodes = topology.kubernetesNodes();
 * }</pre>
 *
 * <p>A node's omitted parts are generated: instance id {@code i-<name>}, trunk ENI {@code
 * eni-trunk-<name>} (dots of the name become dashes), ENIs in the first vSwitch declared in its
 * zone, with the first security group declared. {@link Builder#build()} checks everything at once
 * and throws a {@link FakeTopologyException} naming every problem with its path.
 *
 * <p>Immutable and thread-safe.
 */
public final class FakeTopology {
  /** The most entries of each kind (zones, vSwitches, security groups, types, nodes). */
  public static final int MAX_ENTRIES = 100_000;

  private final String regionId;
  private final String vpcId;
  private final List<String> zones;
  private final List<VSwitchSpec> vSwitches;
  private final List<String> securityGroupIds;
  private final List<InstanceType> instanceTypes;
  private final List<NodeSpec> nodes;

  private FakeTopology(
      String regionId,
      String vpcId,
      List<String> zones,
      List<VSwitchSpec> vSwitches,
      List<String> securityGroupIds,
      List<InstanceType> instanceTypes,
      List<NodeSpec> nodes) {
    this.regionId = regionId;
    this.vpcId = vpcId;
    this.zones = List.copyOf(zones);
    this.vSwitches = List.copyOf(vSwitches);
    this.securityGroupIds = List.copyOf(securityGroupIds);
    this.instanceTypes = List.copyOf(instanceTypes);
    this.nodes = List.copyOf(nodes);
  }

  /**
   * Returns a builder for a topology in {@code cn-hangzhou}, VPC {@code vpc-fake}, with nothing
   * declared yet.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns one zone ({@code cn-hangzhou-h}) with a node vSwitch {@code vsw-nodes} (10.0.0.0/24), a
   * pod vSwitch {@code vsw-pods} (10.0.1.0/24, and 2408:4005:1:1::/64), security groups {@code
   * sg-node} (the nodes') and {@code sg-pods}, instance type {@code ecs.g7.large} (EniQuantity 3, 7
   * member ENIs) and one trunk node {@code node1} (instance {@code i-node1}, trunk ENI {@code
   * eni-trunk-node1}).
   *
   * @return the topology
   */
  public static FakeTopology singleZone() {
    return builder()
        .zone("cn-hangzhou-h")
        .vSwitch("vsw-nodes", "cn-hangzhou-h", "10.0.0.0/24")
        .vSwitch("vsw-pods", "cn-hangzhou-h", "10.0.1.0/24", "2408:4005:1:1::/64")
        .securityGroup("sg-node")
        .securityGroup("sg-pods")
        .instanceType(InstanceType.trunk("ecs.g7.large", 3, 7))
        .node("node1", "cn-hangzhou-h", "ecs.g7.large")
        .build();
  }

  /**
   * Returns three zones ({@code cn-hangzhou-h}, {@code -i}, {@code -j}), each with a node vSwitch
   * {@code vsw-nodes-<z>} (10.k.0.0/20) and a pod vSwitch {@code vsw-pods-<z>} (10.10k.0.0/16, k =
   * 1, 2, 3), security groups {@code sg-node} and {@code sg-pods}, instance type {@code
   * ecs.g7.large} (EniQuantity 3, 7 member ENIs) and {@code nodesPerZone} trunk nodes per zone,
   * named {@code node-<z>-<n>} (n from 1).
   *
   * @param nodesPerZone from 1 to 1000
   * @return the topology
   * @throws IllegalArgumentException if {@code nodesPerZone} is out of range
   */
  public static FakeTopology threeZones(int nodesPerZone) {
    checkArgument(
        nodesPerZone >= 1 && nodesPerZone <= 1000,
        "nodesPerZone must be from 1 to 1000: %s",
        nodesPerZone);
    Builder b = builder();
    String[] suffixes = {"h", "i", "j"};
    for (int k = 0; k < suffixes.length; k++) {
      String zone = "cn-hangzhou-" + suffixes[k];
      b.zone(zone)
          .vSwitch("vsw-nodes-" + suffixes[k], zone, "10." + (k + 1) + ".0.0/20")
          .vSwitch("vsw-pods-" + suffixes[k], zone, "10." + (10 * (k + 1)) + ".0.0/16");
    }
    b.securityGroup("sg-node").securityGroup("sg-pods");
    b.instanceType(InstanceType.trunk("ecs.g7.large", 3, 7));
    for (String suffix : suffixes) {
      for (int n = 1; n <= nodesPerZone; n++) {
        b.node("node-" + suffix + "-" + n, "cn-hangzhou-" + suffix, "ecs.g7.large");
      }
    }
    return b.build();
  }

  /**
   * Returns the topology the cloud contract suite ({@code terway-cloud-tck}) expects of a backend:
   * zones {@code cn-hangzhou-h} and {@code -i}; vSwitches {@code vsw-tck-large} (10.0.0.0/24 and
   * 2408:4005:1:0::/64, zone h), {@code vsw-tck-small} (10.0.1.0/28, zone h) and {@code
   * vsw-tck-other} (10.0.2.0/24, zone i); security groups {@code sg-tck-1} and {@code sg-tck-2};
   * instance {@code i-tck-trunk} ({@code ecs.g7.large}: EniQuantity 3, EniTotalQuantity 8) with
   * trunk ENI {@code eni-tck-trunk}, and instance {@code i-tck-plain} ({@code ecs.t5.small}, no
   * trunk support), both in {@code vsw-tck-large}, in VPC {@code vpc-tck}.
   *
   * @param regionId the region
   * @return the topology
   */
  public static FakeTopology contractSuite(String regionId) {
    return builder()
        .regionId(regionId)
        .vpcId("vpc-tck")
        .zone("cn-hangzhou-h")
        .zone("cn-hangzhou-i")
        .vSwitch("vsw-tck-large", "cn-hangzhou-h", "10.0.0.0/24", "2408:4005:1:0::/64")
        .vSwitch("vsw-tck-small", "cn-hangzhou-h", "10.0.1.0/28")
        .vSwitch("vsw-tck-other", "cn-hangzhou-i", "10.0.2.0/24")
        .securityGroup("sg-tck-1")
        .securityGroup("sg-tck-2")
        .instanceType(new InstanceType("ecs.g7.large", 3, 8, true, 10, 10))
        .instanceType(new InstanceType("ecs.t5.small", 2, 2, false, 2, 0))
        .node(
            "tck-trunk",
            n ->
                n.instanceId("i-tck-trunk")
                    .zone("cn-hangzhou-h")
                    .instanceType("ecs.g7.large")
                    .vSwitch("vsw-tck-large")
                    .trunkEniId("eni-tck-trunk"))
        .node(
            "tck-plain",
            n ->
                n.instanceId("i-tck-plain")
                    .zone("cn-hangzhou-h")
                    .instanceType("ecs.t5.small")
                    .vSwitch("vsw-tck-large")
                    .withoutTrunk())
        .build();
  }

  /**
   * Returns the small topology the {@code fake} backend of {@link
   * dev.terway4j.cloud.spi.CloudProviders} starts with (see {@link FakeCloudProviderFactory}).
   *
   * @param regionId the region; the zones are {@code <region>-a} and {@code <region>-b}
   * @return the topology
   */
  public static FakeTopology demo(String regionId) {
    return builder()
        .regionId(regionId)
        .zone(regionId + "-a")
        .zone(regionId + "-b")
        .securityGroup("sg-fake")
        .vSwitch("vsw-fake-a", regionId + "-a", "192.168.0.0/24", "2408:4000:0:a::/64")
        .vSwitch("vsw-fake-b", regionId + "-b", "192.168.1.0/24")
        .instanceType(new InstanceType("ecs.g7.large", 3, 11, true, 10, 10))
        .node(
            "node-a",
            n ->
                n.instanceId("i-fake-a")
                    .zone(regionId + "-a")
                    .instanceType("ecs.g7.large")
                    .trunkEniId("eni-fake-trunk-a"))
        .build();
  }

  /**
   * Returns the region.
   *
   * @return e.g. {@code cn-hangzhou}
   */
  public String regionId() {
    return regionId;
  }

  /**
   * Returns the VPC every vSwitch and security group is in.
   *
   * @return the VPC id
   */
  public String vpcId() {
    return vpcId;
  }

  /**
   * Returns the zones, in declaration order.
   *
   * @return an unmodifiable list
   */
  public List<String> zones() {
    return zones;
  }

  /**
   * Returns the vSwitches, in declaration order.
   *
   * @return an unmodifiable list
   */
  public List<VSwitchSpec> vSwitches() {
    return vSwitches;
  }

  /**
   * Returns the security groups, in declaration order.
   *
   * @return an unmodifiable list of ids
   */
  public List<String> securityGroupIds() {
    return securityGroupIds;
  }

  /**
   * Returns the instance types, in declaration order.
   *
   * @return an unmodifiable list
   */
  public List<InstanceType> instanceTypes() {
    return instanceTypes;
  }

  /**
   * Returns the nodes, in declaration order, with every generated part filled in.
   *
   * @return an unmodifiable list
   */
  public List<NodeSpec> nodes() {
    return nodes;
  }

  /**
   * Returns a node by name.
   *
   * @param name the Kubernetes node name
   * @return the node
   * @throws IllegalArgumentException if there is no such node
   */
  public NodeSpec node(String name) {
    for (NodeSpec n : nodes) {
      if (n.name().equals(name)) {
        return n;
      }
    }
    throw new IllegalArgumentException("no node named " + ControlCharacters.escaped(name));
  }

  /**
   * Returns an instance type by id.
   *
   * @param id the instance type id
   * @return the type
   * @throws IllegalArgumentException if there is no such type
   */
  public InstanceType instanceType(String id) {
    for (InstanceType t : instanceTypes) {
      if (t.id().equals(id)) {
        return t;
      }
    }
    throw new IllegalArgumentException("no instance type " + ControlCharacters.escaped(id));
  }

  /**
   * Returns a builder of a {@link FakeCloudProvider} with this topology, seed 0, a new {@link
   * FakeClock} and immediate transitions, ready for more settings (seed, clock, delays, ...).
   *
   * @return the builder
   */
  public FakeCloudProvider.Builder cloudBuilder() {
    return FakeCloudProvider.builder().topology(this);
  }

  /**
   * Builds a fresh cloud with this topology on the given clock, seed 0 and immediate transitions:
   * every node's instance runs with its primary ENI and, for a trunk node, its trunk ENI {@code
   * InUse}; there is no other ENI.
   *
   * @param clock the clock; a {@link FakeClock} lets injected latency advance it
   * @return the cloud
   */
  public FakeCloudProvider newCloud(Clock clock) {
    return cloudBuilder().clock(clock).build();
  }

  /**
   * Returns the Kubernetes nodes, in the order of {@link #nodes()}, as the Terway agent leaves
   * them.
   *
   * @return the nodes
   */
  public List<Node> kubernetesNodes() {
    return nodes.stream().map(this::kubernetesNode).toList();
  }

  /**
   * Returns the Kubernetes node of one node of this topology: {@code spec.providerID} {@code
   * <region>.<instance id>}, labels {@value Labels#ZONE} and {@value Labels#INSTANCE_TYPE}, and
   * annotation {@value Annotations#TRUNK_ON} naming the trunk ENI if it has one.
   *
   * @param node a node of this topology
   * @return the Kubernetes node
   */
  public Node kubernetesNode(NodeSpec node) {
    dev.terway4j.model.ImmutableObjectMeta.Builder meta =
        ObjectMeta.builder()
            .name(node.name())
            .putLabels(Labels.ZONE, node.zoneId())
            .putLabels(Labels.INSTANCE_TYPE, node.instanceTypeId());
    node.trunkEniId().ifPresent(t -> meta.putAnnotations(Annotations.TRUNK_ON, t));
    return Node.builder()
        .metadata(meta.build())
        .spec(
            dev.terway4j.model.NodeSpec.builder()
                .providerID(regionId + "." + node.instanceId())
                .build())
        .build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FakeTopology t
        && regionId.equals(t.regionId)
        && vpcId.equals(t.vpcId)
        && zones.equals(t.zones)
        && vSwitches.equals(t.vSwitches)
        && securityGroupIds.equals(t.securityGroupIds)
        && instanceTypes.equals(t.instanceTypes)
        && nodes.equals(t.nodes);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(
        regionId, vpcId, zones, vSwitches, securityGroupIds, instanceTypes, nodes);
  }

  /**
   * Describes the topology briefly: region, VPC, counts and the first nodes.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return "FakeTopology{"
        + regionId
        + ", "
        + vpcId
        + ", zones "
        + zones
        + ", "
        + vSwitches.size()
        + " vSwitches, "
        + securityGroupIds.size()
        + " security groups, "
        + instanceTypes.size()
        + " instance types, "
        + nodes.size()
        + " nodes"
        + (nodes.isEmpty() ? "" : " (first " + nodes.get(0) + ")")
        + "}";
  }

  /**
   * A vSwitch of the topology, in its VPC. Immutable and thread-safe.
   *
   * @param id the id, {@code vsw-...}
   * @param zoneId its zone
   * @param ipv4Cidr its IPv4 block; the fake hands out all but the first and the last three
   *     addresses (a /24 offers 252)
   * @param ipv6Cidr its IPv6 block, if dual-stack
   */
  public record VSwitchSpec(String id, String zoneId, String ipv4Cidr, Optional<String> ipv6Cidr) {
    /** Checks that no value is null. */
    public VSwitchSpec {
      checkNotNull(id, "id");
      checkNotNull(zoneId, "zoneId");
      checkNotNull(ipv4Cidr, "ipv4Cidr");
      checkNotNull(ipv6Cidr, "ipv6Cidr");
    }
  }

  /**
   * A node of the topology: a Kubernetes node and the ECS instance under it, with its primary ENI
   * (and trunk ENI, if any) in one vSwitch of its zone. Immutable and thread-safe.
   *
   * @param name the Kubernetes node name
   * @param instanceId the instance, {@code i-...}
   * @param zoneId its zone
   * @param instanceTypeId its instance type
   * @param vSwitchId the vSwitch of its primary and trunk ENIs, in its zone
   * @param securityGroupIds the security groups of its primary and trunk ENIs
   * @param trunkEniId its trunk ENI, {@code eni-...}, if it has one
   */
  public record NodeSpec(
      String name,
      String instanceId,
      String zoneId,
      String instanceTypeId,
      String vSwitchId,
      List<String> securityGroupIds,
      Optional<String> trunkEniId) {
    /** Checks that no value is null and copies the list. */
    public NodeSpec {
      checkNotNull(name, "name");
      checkNotNull(instanceId, "instanceId");
      checkNotNull(zoneId, "zoneId");
      checkNotNull(instanceTypeId, "instanceTypeId");
      checkNotNull(vSwitchId, "vSwitchId");
      securityGroupIds = List.copyOf(securityGroupIds);
      checkNotNull(trunkEniId, "trunkEniId");
    }

    @Override
    public String toString() {
      return name
          + " "
          + instanceId
          + " "
          + zoneId
          + " "
          + instanceTypeId
          + trunkEniId.map(t -> " trunk " + t).orElse("");
    }
  }

  /**
   * Declares one node; parts left unset are generated when the topology is built. Not thread-safe.
   */
  public static final class NodeBuilder {
    private final String name;
    private String instanceId;
    private String zoneId;
    private String instanceTypeId;
    private String vSwitchId;
    private List<String> securityGroupIds;
    private String trunkEniId;
    private boolean trunk = true;

    private NodeBuilder(String name) {
      this.name = name;
    }

    /**
     * Sets the instance id.
     *
     * @param id default {@code i-<name>}
     * @return this builder
     */
    public NodeBuilder instanceId(String id) {
      this.instanceId = id;
      return this;
    }

    /**
     * Sets the zone (required).
     *
     * @param zoneId a declared zone
     * @return this builder
     */
    public NodeBuilder zone(String zoneId) {
      this.zoneId = zoneId;
      return this;
    }

    /**
     * Sets the instance type (required).
     *
     * @param instanceTypeId a declared instance type
     * @return this builder
     */
    public NodeBuilder instanceType(String instanceTypeId) {
      this.instanceTypeId = instanceTypeId;
      return this;
    }

    /**
     * Sets the vSwitch of the node's primary and trunk ENIs.
     *
     * @param vSwitchId default the first vSwitch declared in the node's zone
     * @return this builder
     */
    public NodeBuilder vSwitch(String vSwitchId) {
      this.vSwitchId = vSwitchId;
      return this;
    }

    /**
     * Sets the security groups of the node's primary and trunk ENIs.
     *
     * @param ids default the first security group declared
     * @return this builder
     */
    public NodeBuilder securityGroups(String... ids) {
      this.securityGroupIds = Arrays.asList(checkNotNull(ids, "ids").clone());
      return this;
    }

    /**
     * Gives the node a trunk ENI with this id (the default is a trunk ENI {@code
     * eni-trunk-<name>}).
     *
     * @param eniId the trunk ENI id
     * @return this builder
     */
    public NodeBuilder trunkEniId(String eniId) {
      this.trunkEniId = eniId;
      this.trunk = true;
      return this;
    }

    /**
     * Leaves the node without a trunk ENI (and its Kubernetes node without the trunk annotation).
     *
     * @return this builder
     */
    public NodeBuilder withoutTrunk() {
      this.trunkEniId = null;
      this.trunk = false;
      return this;
    }
  }

  /**
   * Builds a {@link FakeTopology}. Not thread-safe. Nothing is checked before {@link #build()},
   * which reports every problem at once.
   */
  public static final class Builder {
    private String regionId = "cn-hangzhou";
    private String vpcId = "vpc-fake";
    private final List<String> zones = new ArrayList<>();
    private final List<VSwitchSpec> vSwitches = new ArrayList<>();
    private final List<String> securityGroupIds = new ArrayList<>();
    private final List<InstanceType> instanceTypes = new ArrayList<>();
    private final List<NodeBuilder> nodes = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the region, the first part of each node's {@code spec.providerID}.
     *
     * @param regionId default {@code cn-hangzhou}
     * @return this builder
     */
    public Builder regionId(String regionId) {
      this.regionId = regionId;
      return this;
    }

    /**
     * Sets the VPC.
     *
     * @param vpcId default {@code vpc-fake}
     * @return this builder
     */
    public Builder vpcId(String vpcId) {
      this.vpcId = vpcId;
      return this;
    }

    /**
     * Declares a zone.
     *
     * @param zoneId e.g. {@code cn-hangzhou-h}
     * @return this builder
     */
    public Builder zone(String zoneId) {
      zones.add(zoneId);
      return this;
    }

    /**
     * Declares an IPv4-only vSwitch.
     *
     * @param id the id, {@code vsw-...}
     * @param zoneId its zone, declared
     * @param ipv4Cidr its IPv4 block, e.g. {@code 10.0.0.0/24}
     * @return this builder
     */
    public Builder vSwitch(String id, String zoneId, String ipv4Cidr) {
      return vSwitch(id, zoneId, ipv4Cidr, null);
    }

    /**
     * Declares a vSwitch, dual-stack when {@code ipv6Cidr} is given.
     *
     * @param id the id, {@code vsw-...}
     * @param zoneId its zone, declared
     * @param ipv4Cidr its IPv4 block
     * @param ipv6Cidr its IPv6 block, or {@code null}
     * @return this builder
     */
    public Builder vSwitch(String id, String zoneId, String ipv4Cidr, String ipv6Cidr) {
      vSwitches.add(new Draft(id, zoneId, ipv4Cidr, ipv6Cidr).spec());
      return this;
    }

    /**
     * Declares a security group.
     *
     * @param id the id, {@code sg-...}
     * @return this builder
     */
    public Builder securityGroup(String id) {
      securityGroupIds.add(id);
      return this;
    }

    /**
     * Declares an instance type.
     *
     * @param type the type and its ENI limits
     * @return this builder
     */
    public Builder instanceType(InstanceType type) {
      instanceTypes.add(checkNotNull(type, "type"));
      return this;
    }

    /**
     * Declares a trunk node with generated ids (instance {@code i-<name>}, trunk ENI {@code
     * eni-trunk-<name>}), its ENIs in the first vSwitch of its zone with the first security group.
     *
     * @param name the Kubernetes node name
     * @param zoneId its zone, declared
     * @param instanceTypeId its instance type, declared
     * @return this builder
     */
    public Builder node(String name, String zoneId, String instanceTypeId) {
      return node(name, n -> n.zone(zoneId).instanceType(instanceTypeId));
    }

    /**
     * Declares a node, described by {@code spec}.
     *
     * @param name the Kubernetes node name
     * @param spec sets the node's parts; those it leaves unset are generated
     * @return this builder
     */
    public Builder node(String name, Consumer<NodeBuilder> spec) {
      checkNotNull(spec, "spec");
      NodeBuilder node = new NodeBuilder(name);
      spec.accept(node);
      nodes.add(node);
      return this;
    }

    /**
     * Builds the topology.
     *
     * @return the topology
     * @throws FakeTopologyException naming every problem found, each with its path
     */
    public FakeTopology build() {
      List<String> problems = new ArrayList<>();
      if (regionId == null || regionId.isEmpty()) {
        problems.add("regionId: is empty");
      } else {
        labelValue(problems, "regionId", regionId);
      }
      resourceId(problems, "vpcId", vpcId, ResourceIds.VPC_PREFIX);
      // Bounded before anything is visited, so that a runaway generator fails fast.
      boolean tooMany = false;
      for (String kind :
          List.of("zones", "vSwitches", "securityGroups", "instanceTypes", "nodes")) {
        int size = count(kind);
        if (size > MAX_ENTRIES) {
          problems.add(kind + ": " + size + " entries, more than " + MAX_ENTRIES);
          tooMany = true;
        }
      }
      if (tooMany) {
        throw new FakeTopologyException(problems);
      }
      Set<String> zoneSet = new HashSet<>();
      for (int i = 0; i < zones.size(); i++) {
        String zone = zones.get(i);
        String path = "zones[" + i + "]";
        if (zone == null || zone.isEmpty()) {
          problems.add(path + ": is empty");
        } else if (!zoneSet.add(zone)) {
          problems.add(path + ": duplicate zone " + quoted(zone));
        } else {
          labelValue(problems, path, zone);
        }
      }
      Map<String, VSwitchSpec> vSwitchById = new HashMap<>();
      Map<String, Long> addressesLeft = new HashMap<>();
      for (int i = 0; i < vSwitches.size(); i++) {
        VSwitchSpec v = vSwitches.get(i);
        String path = "vSwitches[" + i + "]";
        if (resourceId(problems, path + ".id", v.id(), ResourceIds.VSWITCH_PREFIX)
            && vSwitchById.putIfAbsent(v.id(), v) != null) {
          problems.add(path + ".id: duplicate vSwitch " + quoted(v.id()));
        }
        declaredZone(problems, path + ".zone", v.zoneId(), zoneSet);
        try {
          long available = AddressPool.ipv4(v.ipv4Cidr()).availableCount();
          addressesLeft.putIfAbsent(v.id(), available);
        } catch (IllegalArgumentException | ArithmeticException e) {
          problems.add(path + ".ipv4Cidr: not an IPv4 block: " + quoted(v.ipv4Cidr()));
        }
        v.ipv6Cidr()
            .ifPresent(
                cidr -> {
                  try {
                    AddressPool.ipv6(cidr);
                  } catch (IllegalArgumentException | ArithmeticException e) {
                    problems.add(path + ".ipv6Cidr: not an IPv6 block: " + quoted(cidr));
                  }
                });
      }
      Set<String> groupSet = new HashSet<>();
      for (int i = 0; i < securityGroupIds.size(); i++) {
        String sg = securityGroupIds.get(i);
        String path = "securityGroups[" + i + "]";
        if (resourceId(problems, path, sg, ResourceIds.SECURITY_GROUP_PREFIX)
            && !groupSet.add(sg)) {
          problems.add(path + ": duplicate security group " + quoted(sg));
        }
      }
      Map<String, InstanceType> typeById = new LinkedHashMap<>();
      for (int i = 0; i < instanceTypes.size(); i++) {
        InstanceType t = instanceTypes.get(i);
        if (typeById.putIfAbsent(t.id(), t) != null) {
          problems.add("instanceTypes[" + i + "]: duplicate instance type " + quoted(t.id()));
        } else {
          labelValue(problems, "instanceTypes[" + i + "]", t.id());
        }
      }
      List<NodeSpec> built = new ArrayList<>();
      Set<String> names = new HashSet<>();
      Set<String> instanceIds = new HashSet<>();
      Set<String> eniIds = new HashSet<>();
      for (int i = 0; i < nodes.size(); i++) {
        built.add(
            node(
                problems,
                i,
                nodes.get(i),
                zoneSet,
                vSwitchById,
                addressesLeft,
                groupSet,
                typeById,
                names,
                instanceIds,
                eniIds));
      }
      if (!problems.isEmpty()) {
        throw new FakeTopologyException(problems);
      }
      return new FakeTopology(
          regionId, vpcId, zones, vSwitches, securityGroupIds, instanceTypes, built);
    }

    private int count(String kind) {
      return switch (kind) {
        case "zones" -> zones.size();
        case "vSwitches" -> vSwitches.size();
        case "securityGroups" -> securityGroupIds.size();
        case "instanceTypes" -> instanceTypes.size();
        default -> nodes.size();
      };
    }

    private NodeSpec node(
        List<String> problems,
        int i,
        NodeBuilder n,
        Set<String> zoneSet,
        Map<String, VSwitchSpec> vSwitchById,
        Map<String, Long> addressesLeft,
        Set<String> groupSet,
        Map<String, InstanceType> typeById,
        Set<String> names,
        Set<String> instanceIds,
        Set<String> eniIds) {
      String path = "nodes[" + i + "]";
      String name = n.name == null ? "" : n.name;
      List<String> nameErrors = KubernetesNames.dns1123SubdomainErrors(name);
      if (!nameErrors.isEmpty()) {
        problems.add(path + ".name: " + quoted(name) + " " + String.join(", ", nameErrors));
      } else if (!names.add(name)) {
        problems.add(path + ".name: duplicate node " + quoted(name));
      }
      String generated = name.replace('.', '-');
      String instanceId = n.instanceId != null ? n.instanceId : "i-" + generated;
      if (resourceId(problems, path + ".instanceId", instanceId, ResourceIds.INSTANCE_PREFIX)
          && !instanceIds.add(instanceId)) {
        problems.add(path + ".instanceId: duplicate instance " + quoted(instanceId));
      }
      String zone = n.zoneId == null ? "" : n.zoneId;
      boolean zoneKnown = declaredZone(problems, path + ".zone", zone, zoneSet);
      String typeId = n.instanceTypeId == null ? "" : n.instanceTypeId;
      InstanceType type = typeById.get(typeId);
      int enis = n.trunk ? 2 : 1;
      if (typeId.isEmpty()) {
        problems.add(path + ".instanceType: is not set");
      } else if (type == null) {
        problems.add(path + ".instanceType: instance type " + quoted(typeId) + " is not declared");
      } else if (type.eniQuantity() < enis) {
        problems.add(
            path
                + ".instanceType: "
                + quoted(typeId)
                + " attaches "
                + type.eniQuantity()
                + " ENIs directly; the node needs "
                + enis
                + (n.trunk ? " (primary and trunk)" : " (primary)"));
      }
      String vSwitchId = n.vSwitchId;
      if (vSwitchId == null && zoneKnown) {
        vSwitchId =
            vSwitches.stream()
                .filter(v -> v.zoneId().equals(zone))
                .map(VSwitchSpec::id)
                .findFirst()
                .orElse(null);
        if (vSwitchId == null) {
          problems.add(path + ".vSwitch: no vSwitch is declared in zone " + quoted(zone));
        }
      }
      if (vSwitchId != null) {
        VSwitchSpec v = vSwitchById.get(vSwitchId);
        if (v == null) {
          problems.add(path + ".vSwitch: vSwitch " + quoted(vSwitchId) + " is not declared");
        } else if (zoneKnown && !v.zoneId().equals(zone)) {
          problems.add(
              path
                  + ".vSwitch: vSwitch "
                  + quoted(vSwitchId)
                  + " is in zone "
                  + quoted(v.zoneId())
                  + ", not in the node's zone "
                  + quoted(zone));
        } else if (addressesLeft.containsKey(vSwitchId)) {
          long left = addressesLeft.get(vSwitchId) - enis;
          addressesLeft.put(vSwitchId, left);
          if (left < 0) {
            problems.add(
                path
                    + ".vSwitch: vSwitch "
                    + quoted(vSwitchId)
                    + " has no address left for the node's ENIs");
          }
        }
      } else if (n.vSwitchId == null && !zoneKnown) {
        vSwitchId = "";
      }
      List<String> groups = n.securityGroupIds;
      if (groups == null) {
        groups = securityGroupIds.isEmpty() ? List.of() : List.of(securityGroupIds.get(0));
      }
      if (groups.isEmpty()) {
        problems.add(path + ".securityGroups: none given and none declared");
      }
      for (int j = 0; j < groups.size(); j++) {
        String sg = groups.get(j);
        if (sg == null || !groupSet.contains(sg)) {
          problems.add(
              path
                  + ".securityGroups["
                  + j
                  + "]: security group "
                  + quoted(sg)
                  + " is not declared");
        }
      }
      Optional<String> trunk = Optional.empty();
      if (n.trunk) {
        String eni = n.trunkEniId != null ? n.trunkEniId : "eni-trunk-" + generated;
        if (resourceId(problems, path + ".trunkEniId", eni, ResourceIds.NETWORK_INTERFACE_PREFIX)
            && !eniIds.add(eni)) {
          problems.add(path + ".trunkEniId: duplicate ENI " + quoted(eni));
        }
        trunk = Optional.of(eni);
      }
      return new NodeSpec(
          name,
          instanceId == null ? "" : instanceId,
          zone,
          typeId,
          vSwitchId == null ? "" : vSwitchId,
          groups.stream().map(g -> g == null ? "" : g).toList(),
          trunk);
    }

    private static boolean declaredZone(
        List<String> problems, String path, String zone, Set<String> zoneSet) {
      if (zone == null || zone.isEmpty()) {
        problems.add(path + ": is not set");
        return false;
      }
      if (!zoneSet.contains(zone)) {
        problems.add(path + ": zone " + quoted(zone) + " is not declared");
        return false;
      }
      return true;
    }

    private static boolean resourceId(
        List<String> problems, String path, String id, String prefix) {
      if (id == null) {
        problems.add(path + ": is not set");
        return false;
      }
      String rest = id.startsWith(prefix) ? id.substring(prefix.length()) : "";
      if (rest.isEmpty() || rest.length() > 64 || !rest.chars().allMatch(Builder::isIdChar)) {
        problems.add(
            path
                + ": "
                + quoted(id)
                + " is not '"
                + prefix
                + "' followed by 1-64 letters, digits, '-' or '_'");
        return false;
      }
      return true;
    }

    private static boolean isIdChar(int c) {
      return (c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_';
    }

    private static void labelValue(List<String> problems, String path, String value) {
      List<String> errors = KubernetesNames.labelValueErrors(value);
      if (!errors.isEmpty()) {
        problems.add(
            path
                + ": "
                + quoted(value)
                + " cannot be a label value ("
                + String.join(", ", errors)
                + ")");
      }
    }

    private static String quoted(String value) {
      if (value == null) {
        return "null";
      }
      String shown = value.length() > 80 ? value.substring(0, 80) + "..." : value;
      return "\"" + ControlCharacters.escape(shown) + "\"";
    }
  }

  /** A vSwitch as declared; nulls are kept apart until {@link Builder#build()} reports them. */
  private record Draft(String id, String zoneId, String ipv4Cidr, String ipv6Cidr) {
    VSwitchSpec spec() {
      return new VSwitchSpec(
          id == null ? "" : id,
          zoneId == null ? "" : zoneId,
          ipv4Cidr == null ? "" : ipv4Cidr,
          Optional.ofNullable(ipv6Cidr));
    }
  }
}
