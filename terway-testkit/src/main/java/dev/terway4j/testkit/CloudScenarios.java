package dev.terway4j.testkit;

import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.ImmutablePodNetworkingSelector;
import dev.terway4j.model.ImmutablePodNetworkingSpec;
import dev.terway4j.model.ImmutablePodNetworkingStatus;
import dev.terway4j.model.LabelSelector;
import dev.terway4j.model.NetworkingStatus;
import dev.terway4j.model.ObjectMeta;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.VSwitchSelectOptions;
import dev.terway4j.model.VSwitchSelectionPolicy;
import dev.terway4j.model.VSwitchZone;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Generators of whole fake-cloud scenarios ({@link CloudScenario}) and of PodNetworkings that fit
 * them.
 *
 * <p>Scenarios are small on purpose: pod vSwitches are /29 (4 addresses), /28 (12) or /27 (28)
 * blocks, instance types carry 1 to a few member ENIs, so that vSwitch exhaustion and full trunks
 * are reached within a handful of pods. They shrink toward one zone, one node, the smallest blocks,
 * the smallest member limit and immediate ENI transitions.
 *
 * <p>Stateless and thread-safe; the generators may be kept in static fields.
 */
public final class CloudScenarios {
  /** The zones scenarios draw from, in order. */
  public static final List<String> ZONES =
      List.of("cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j");

  /** The security groups of every scenario, for PodNetworkings. */
  public static final List<String> SECURITY_GROUPS = List.of("sg-pods-a", "sg-pods-b");

  /** The apps that {@link #podNetworkings(CloudScenario)} names its PodNetworkings after. */
  public static final List<String> APPS = List.of("web", "db", "cache");

  private static final String VPC = "vpc-t4jscenario";

  private CloudScenarios() {}

  /**
   * Returns scenarios of 1 to 2 zones, 1 to 3 nodes and member limits of 1 to 3.
   *
   * @return the generator
   */
  public static Gen<CloudScenario> scenarios() {
    return scenarios(2, 3, 3);
  }

  /**
   * Returns scenarios within the given bounds: 1 to 2 pod vSwitches per zone, 1 or 2 instance
   * types, every zone with at least one node, and now and then ENI transitions that take a few
   * seconds.
   *
   * @param maxZones the most zones, 1 to 3
   * @param maxNodes the most nodes, at least {@code maxZones}
   * @param maxMemberLimit the largest member limit of an instance type, 1 to 100
   * @return the generator
   */
  public static Gen<CloudScenario> scenarios(int maxZones, int maxNodes, int maxMemberLimit) {
    if (maxZones < 1 || maxZones > ZONES.size()) {
      throw new IllegalArgumentException("maxZones must be 1 to " + ZONES.size() + ": " + maxZones);
    }
    if (maxNodes < maxZones) {
      throw new IllegalArgumentException(
          "maxNodes must be at least maxZones (" + maxZones + "): " + maxNodes);
    }
    if (maxMemberLimit < 1 || maxMemberLimit > 100) {
      throw new IllegalArgumentException("maxMemberLimit must be 1 to 100: " + maxMemberLimit);
    }
    Gen<Integer> prefixes = Gens.elements(29, 28, 27);
    Gen<List<Integer>> zonePrefixes = prefixes.listOf(1, 2);
    Gen<List<Integer>> limits = Gens.integers(1, maxMemberLimit).listOf(1, 2);
    Gen<Duration> delays =
        Gens.frequency(
            4,
            Gens.constant(Duration.ZERO),
            1,
            Gens.elements(Duration.ofSeconds(2), Duration.ofSeconds(20)));
    return Gens.integers(1, maxZones)
        .flatMap(
            zoneCount ->
                Gens.combine(
                    zonePrefixes.listOf(zoneCount, zoneCount),
                    limits,
                    Gens.integers(zoneCount, maxNodes)
                        .flatMap(
                            nodeCount ->
                                Gens.combine(
                                        Gens.integers(0, zoneCount - 1),
                                        Gens.integers(0, 1),
                                        (zone, type) -> new int[] {zone, type})
                                    .listOf(nodeCount - zoneCount, nodeCount - zoneCount)),
                    Gens.combine(delays, Gens.longs(0, 3), Map::entry),
                    (prefixLists, typeLimits, extraNodes, delayAndSeed) ->
                        build(
                            zoneCount,
                            prefixLists,
                            typeLimits,
                            extraNodes,
                            delayAndSeed.getKey(),
                            delayAndSeed.getValue())));
  }

  private static CloudScenario build(
      int zoneCount,
      List<List<Integer>> prefixLists,
      List<Integer> typeLimits,
      List<int[]> extraNodes,
      Duration delay,
      long seed) {
    List<String> zones = ZONES.subList(0, zoneCount);
    List<CloudScenario.VSwitchSpec> vSwitches = new ArrayList<>();
    for (int z = 0; z < zoneCount; z++) {
      String letter = zones.get(z).substring(zones.get(z).length() - 1);
      vSwitches.add(
          new CloudScenario.VSwitchSpec(
              "vsw-node" + letter, zones.get(z), "10.0." + z + ".0/24", false));
      List<Integer> prefixes = prefixLists.get(z);
      for (int k = 0; k < prefixes.size(); k++) {
        vSwitches.add(
            new CloudScenario.VSwitchSpec(
                "vsw-" + letter + k,
                zones.get(z),
                "10." + (10 + z) + "." + k + ".0/" + prefixes.get(k),
                true));
      }
    }
    List<InstanceType> types = new ArrayList<>();
    for (int limit : typeLimits) {
      String id = "ecs.t4j-m" + limit + ".large";
      if (types.stream().noneMatch(t -> t.id().equals(id))) {
        types.add(new InstanceType(id, 3, 3 + limit, true, 10, 10));
      }
    }
    List<int[]> placements = new ArrayList<>();
    for (int z = 0; z < zoneCount; z++) {
      placements.add(new int[] {z, z});
    }
    placements.addAll(extraNodes);
    List<CloudScenario.NodeSpec> nodes = new ArrayList<>();
    for (int i = 0; i < placements.size(); i++) {
      String zone = zones.get(placements.get(i)[0]);
      InstanceType type = types.get(placements.get(i)[1] % types.size());
      String letter = zone.substring(zone.length() - 1);
      nodes.add(
          new CloudScenario.NodeSpec(
              "node" + i, "i-node" + i, type.id(), zone, "vsw-node" + letter, "eni-trunk" + i));
    }
    return new CloudScenario(
        "cn-hangzhou", VPC, zones, vSwitches, SECURITY_GROUPS, types, nodes, delay, seed);
  }

  /**
   * Returns 1 to 3 Ready PodNetworkings over a scenario's pod vSwitches, named after {@link #APPS}
   * ({@code web}, {@code db}, {@code cache}) and each selecting the pods labelled {@code app=<its
   * name>}. Each is Elastic, Fixed with a TTL (5, 10 or 30 minutes) or Fixed with {@code Never},
   * with 1 to 3 of the vSwitches (possibly in zones without nodes, or none in a node's zone), any
   * selection policy and 1 or 2 security groups. Their status is Ready, with each vSwitch's zone,
   * as Terway's controller writes it.
   *
   * @param scenario the scenario
   * @return the generator; shrinks toward one Elastic PodNetworking on the first vSwitch
   */
  public static Gen<List<PodNetworking>> podNetworkings(CloudScenario scenario) {
    return podNetworkings(scenario, allocationTypes());
  }

  /**
   * Returns the allocation types of {@link #podNetworkings(CloudScenario)}: Elastic, Fixed with a
   * TTL of 5, 10 or 30 minutes, and Fixed with {@code Never}.
   *
   * @return the generator; shrinks toward Elastic
   */
  public static Gen<AllocationType> allocationTypes() {
    return Gens.oneOf(
        Gens.constant(AllocationType.elastic()),
        Gens.elements(5, 10, 30).map(m -> AllocationType.fixedTtl(Duration.ofMinutes(m))),
        Gens.constant(AllocationType.fixedNever()));
  }

  /**
   * Returns PodNetworkings as {@link #podNetworkings(CloudScenario)} does, with allocation types
   * from the given generator.
   *
   * @param scenario the scenario
   * @param types the allocation types
   * @return the generator
   */
  public static Gen<List<PodNetworking>> podNetworkings(
      CloudScenario scenario, Gen<AllocationType> types) {
    Objects.requireNonNull(types, "types");
    List<CloudScenario.VSwitchSpec> candidates = scenario.podVSwitches();
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException("the scenario has no pod vSwitch");
    }
    Gen<List<Integer>> picks =
        Gens.integers(0, candidates.size() - 1)
            .setOf(1, Math.min(3, candidates.size()))
            .map(List::copyOf);
    Gen<Shape> one =
        Gens.combine(
            types,
            picks,
            Gens.enums(VSwitchSelectionPolicy.class),
            Gens.integers(1, SECURITY_GROUPS.size()),
            Shape::new);
    return Gens.integers(1, APPS.size())
        .flatMap(n -> one.listOf(n, n))
        .map(
            shapes -> {
              List<PodNetworking> out = new ArrayList<>();
              for (int i = 0; i < shapes.size(); i++) {
                Shape s = shapes.get(i);
                out.add(
                    podNetworking(
                        APPS.get(i),
                        s.type(),
                        s.vSwitches().stream().map(candidates::get).toList(),
                        s.policy(),
                        SECURITY_GROUPS.subList(0, s.groups())));
              }
              return List.copyOf(out);
            });
  }

  /** The generated parts of one PodNetworking. */
  private record Shape(
      AllocationType type, List<Integer> vSwitches, VSwitchSelectionPolicy policy, int groups) {}

  /**
   * Returns one Ready PodNetworking selecting the pods labelled {@code app=<name>}.
   *
   * @param name its name, also the {@code app} label value it selects
   * @param type its allocation type
   * @param vSwitches its vSwitches, in order, non-empty
   * @param policy its vSwitch selection policy
   * @param securityGroupIds its security groups, 1 to 5
   * @return the PodNetworking, with a Ready status listing each vSwitch's zone
   */
  public static PodNetworking podNetworking(
      String name,
      AllocationType type,
      List<CloudScenario.VSwitchSpec> vSwitches,
      VSwitchSelectionPolicy policy,
      List<String> securityGroupIds) {
    ImmutablePodNetworkingStatus.Builder status =
        ImmutablePodNetworkingStatus.builder().status(NetworkingStatus.READY);
    vSwitches.forEach(v -> status.addVSwitches(VSwitchZone.of(v.id(), v.zoneId())));
    return PodNetworking.builder()
        .metadata(ObjectMeta.named(name))
        .spec(
            ImmutablePodNetworkingSpec.builder()
                .allocationType(type)
                .selector(
                    ImmutablePodNetworkingSelector.builder()
                        .podSelector(LabelSelector.matchLabels(Map.of("app", name)))
                        .build())
                .securityGroupIDs(securityGroupIds)
                .vSwitchOptions(vSwitches.stream().map(CloudScenario.VSwitchSpec::id).toList())
                .vSwitchSelectOptions(VSwitchSelectOptions.of(policy))
                .build())
        .status(status.build())
        .build();
  }
}
