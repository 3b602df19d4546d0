package dev.terway4j.testkit;

import dev.terway4j.cloud.fake.FakeTopology;
import dev.terway4j.cloud.spi.InstanceType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Generators of valid {@link FakeTopology fake-cloud topologies}, and of mistakes to make in them
 * ({@link Mistake}), for properties of the fake cloud, of the Nodes it comes with, and of harnesses
 * that need a cluster of any shape.
 *
 * <p>Topologies have 1 to 3 zones with 1 or 2 vSwitches each (now and then dual-stack), 1 or 2
 * security groups, 1 or 2 instance types (1 to 4 directly attached ENIs, 0 to 5 members, with or
 * without trunk support) and 0 to 6 nodes, with or without a trunk ENI, their ids given or
 * generated. They shrink toward one zone, one vSwitch, one type and no node.
 *
 * <p>Stateless and thread-safe; the generators may be kept in static fields.
 */
public final class FakeTopologies {
  private static final List<String> ZONES =
      List.of("cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j");

  private FakeTopologies() {}

  /**
   * Returns valid topologies in {@code cn-hangzhou}.
   *
   * @return the generator
   */
  public static Gen<FakeTopology> topologies() {
    Gen<int[]> types =
        Gens.combine(
            Gens.integers(1, 4),
            Gens.integers(0, 5),
            Gens.booleans(),
            (direct, members, trunk) -> new int[] {direct, members, trunk ? 1 : 0});
    Gen<int[]> nodes =
        Gens.combine(
            Gens.integers(0, 2),
            Gens.integers(0, 1),
            Gens.booleans(),
            Gens.booleans(),
            (zone, type, trunk, explicit) ->
                new int[] {zone, type, trunk ? 1 : 0, explicit ? 1 : 0});
    return Gens.integers(1, ZONES.size())
        .flatMap(
            zoneCount ->
                Gens.combine(
                    Gens.combine(
                            Gens.integers(1, 2),
                            Gens.booleans(),
                            (n, v6) -> new int[] {n, v6 ? 1 : 0})
                        .listOf(zoneCount, zoneCount),
                    Gens.integers(1, 2),
                    types.listOf(1, 2),
                    nodes.listOf(0, 6),
                    (vSwitches, groups, typeList, nodeList) ->
                        build(zoneCount, vSwitches, groups, typeList, nodeList)));
  }

  private static FakeTopology build(
      int zoneCount, List<int[]> vSwitches, int groups, List<int[]> types, List<int[]> nodes) {
    FakeTopology.Builder b = FakeTopology.builder().vpcId("vpc-t4jtopology");
    for (int z = 0; z < zoneCount; z++) {
      b.zone(ZONES.get(z));
    }
    for (int z = 0; z < zoneCount; z++) {
      for (int k = 0; k < vSwitches.get(z)[0]; k++) {
        String v6 = vSwitches.get(z)[1] == 1 ? "2408:4005:" + (z + 1) + ":" + k + "::/64" : null;
        b.vSwitch("vsw-z" + z + "k" + k, ZONES.get(z), "10." + z + "." + k + ".0/24", v6);
      }
    }
    for (int g = 0; g < groups; g++) {
      b.securityGroup("sg-t4j" + g);
    }
    List<InstanceType> declared = new ArrayList<>();
    for (int t = 0; t < types.size(); t++) {
      int[] type = types.get(t);
      InstanceType it =
          InstanceType.builder("ecs.t4j" + t + ".large")
              .eniQuantity(type[0])
              .eniTotalQuantity(type[0] + type[1])
              .eniTrunkSupported(type[2] == 1)
              .build();
      declared.add(it);
      b.instanceType(it);
    }
    for (int i = 0; i < nodes.size(); i++) {
      int[] node = nodes.get(i);
      String zone = ZONES.get(node[0] % zoneCount);
      InstanceType type = declared.get(node[1] % declared.size());
      boolean trunk = node[2] == 1 && type.eniQuantity() >= 2;
      boolean explicit = node[3] == 1;
      String name = "node" + i;
      int index = i;
      b.node(
          name,
          n -> {
            n.zone(zone).instanceType(type.id());
            if (explicit) {
              n.instanceId("i-t4j" + index).securityGroups("sg-t4j0");
            }
            if (!trunk) {
              n.withoutTrunk();
            } else if (explicit) {
              n.trunkEniId("eni-t4jtrunk" + index);
            }
          });
    }
    return b.build();
  }

  /**
   * Returns 1 to 3 mistakes to make in a topology.
   *
   * @return the generator; shrinks toward one undeclared zone
   */
  public static Gen<List<Mistake>> mistakes() {
    return Gens.elements(Mistake.Kind.values()).listOf(1, 3).map(FakeTopologies::mistakes);
  }

  private static List<Mistake> mistakes(List<Mistake.Kind> kinds) {
    return kinds.stream().map(Mistake::new).toList();
  }

  /**
   * Returns a builder holding every declaration of a topology, in order, with each node's parts
   * given explicitly, so that more (and wrong) declarations can be appended.
   *
   * @param topology the topology
   * @return the builder; building it at once gives an equal topology
   */
  public static FakeTopology.Builder redeclare(FakeTopology topology) {
    FakeTopology.Builder b =
        FakeTopology.builder().regionId(topology.regionId()).vpcId(topology.vpcId());
    topology.zones().forEach(b::zone);
    topology
        .vSwitches()
        .forEach(v -> b.vSwitch(v.id(), v.zoneId(), v.ipv4Cidr(), v.ipv6Cidr().orElse(null)));
    topology.securityGroupIds().forEach(b::securityGroup);
    topology.instanceTypes().forEach(b::instanceType);
    for (FakeTopology.NodeSpec node : topology.nodes()) {
      b.node(
          node.name(),
          n -> {
            n.instanceId(node.instanceId())
                .zone(node.zoneId())
                .instanceType(node.instanceTypeId())
                .vSwitch(node.vSwitchId())
                .securityGroups(node.securityGroupIds().toArray(String[]::new));
            node.trunkEniId().ifPresentOrElse(n::trunkEniId, n::withoutTrunk);
          });
    }
    return b;
  }

  /**
   * A mistake appended to a topology's declarations, and the path of the problem it must cause.
   * Immutable and thread-safe.
   *
   * @param kind what is wrong
   */
  public record Mistake(Kind kind) {
    /** Checks the value. */
    public Mistake {
      Objects.requireNonNull(kind, "kind");
    }

    /** The mistakes. */
    public enum Kind {
      /** A node in a zone that is not declared. */
      UNDECLARED_ZONE,
      /** A node of an instance type that is not declared. */
      UNDECLARED_INSTANCE_TYPE,
      /** A vSwitch with the id of another. */
      DUPLICATE_VSWITCH,
      /** A vSwitch whose IPv4 block is not one. */
      BAD_CIDR,
      /** A security group id without the {@code sg-} prefix. */
      BAD_SECURITY_GROUP_ID,
      /** A node with the name of another (or, in a topology without nodes, an invalid name). */
      DUPLICATE_NODE,
      /** A node naming a security group that is not declared. */
      UNDECLARED_SECURITY_GROUP
    }

    /**
     * Appends this mistake to declarations of the given topology.
     *
     * @param topology the topology the builder was made from ({@link #redeclare})
     * @param builder the builder to append to
     * @param counts how many vSwitches, security groups and nodes the builder holds so far; updated
     * @return the path the problem must start with
     */
    public String apply(FakeTopology topology, FakeTopology.Builder builder, int[] counts) {
      String zone = topology.zones().get(0);
      String type = topology.instanceTypes().get(0).id();
      int node = counts[2];
      Consumer<FakeTopology.NodeBuilder> plain =
          n -> n.zone(zone).instanceType(type).withoutTrunk().instanceId("i-mistake" + node);
      return switch (kind) {
        case UNDECLARED_ZONE -> {
          builder.node(
              "mistake" + node,
              n -> n.zone("cn-undeclared-z").instanceType(type).instanceId("i-mistake" + node));
          counts[2]++;
          yield "nodes[" + node + "].zone: zone \"cn-undeclared-z\" is not declared";
        }
        case UNDECLARED_INSTANCE_TYPE -> {
          builder.node(
              "mistake" + node,
              n -> n.zone(zone).instanceType("ecs.undeclared").instanceId("i-mistake" + node));
          counts[2]++;
          yield "nodes[" + node + "].instanceType: instance type \"ecs.undeclared\"";
        }
        case DUPLICATE_VSWITCH -> {
          String id = topology.vSwitches().get(0).id();
          builder.vSwitch(id, zone, "192.168.0.0/24");
          yield "vSwitches[" + counts[0]++ + "].id: duplicate vSwitch";
        }
        case BAD_CIDR -> {
          builder.vSwitch("vsw-mistake" + counts[0], zone, "10.0.0.0/33");
          yield "vSwitches[" + counts[0]++ + "].ipv4Cidr: not an IPv4 block";
        }
        case BAD_SECURITY_GROUP_ID -> {
          builder.securityGroup("group" + counts[1]);
          yield "securityGroups[" + counts[1]++ + "]: \"group";
        }
        case DUPLICATE_NODE -> {
          if (topology.nodes().isEmpty()) {
            builder.node("Mistake_" + node, plain);
            counts[2]++;
            yield "nodes[" + node + "].name: \"Mistake_";
          }
          builder.node(topology.nodes().get(0).name(), plain);
          counts[2]++;
          yield "nodes[" + node + "].name: duplicate node";
        }
        case UNDECLARED_SECURITY_GROUP -> {
          builder.node(
              "mistake" + node,
              n -> plain.andThen(m -> m.securityGroups("sg-undeclared")).accept(n));
          counts[2]++;
          yield "nodes[" + node + "].securityGroups[0]: security group \"sg-undeclared\"";
        }
      };
    }
  }
}
