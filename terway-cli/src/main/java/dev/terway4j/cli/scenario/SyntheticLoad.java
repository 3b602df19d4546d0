package dev.terway4j.cli.scenario;

import static com.google.common.base.Preconditions.checkArgument;

import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.ImmutablePodNetworkingSelector;
import dev.terway4j.model.ImmutablePodNetworkingSpec;
import dev.terway4j.model.LabelSelector;
import dev.terway4j.model.ObjectMeta;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.VSwitchSelectOptions;
import dev.terway4j.model.VSwitchSelectionPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.IntConsumer;

/**
 * {@code terway simulate --pods N --nodes M}: a generated cluster under load instead of a scenario
 * file. The nodes alternate between two zones, each zone has two /16 pod vSwitches, and the
 * instance type has just enough member slots. Half the pods belong to a Deployment and get an
 * {@code Elastic} PodNetworking ({@code most} spreading), half to a StatefulSet and get a {@code
 * Fixed} one (TTL 1h).
 *
 * <p>Three phases are timed, in wall-clock time and in virtual time: every pod is created and
 * bound, every pod is deleted (Elastic ENIs go, Fixed ones are kept), and the TTL passes (Fixed
 * ENIs go). The cloud must end with no ENI of the cluster. Virtual time is what the allocator's
 * client-side rate limits (Terway's defaults, e.g. 500 CreateNetworkInterface calls a minute) make
 * the load take on a real cloud. Single-threaded and deterministic for a seed.
 */
public final class SyntheticLoad {

  /** The most pods a synthetic load may have (the in-memory cloud slows down past that). */
  public static final int MAX_PODS = 20_000;

  /** The most nodes a synthetic load may have. */
  public static final int MAX_NODES = 10_000;

  private static final int BATCH = 100;
  private static final String NAMESPACE = "load";
  // Long enough that few TTLs run out while the rate-limited delete phase is still going.
  private static final Duration TTL = Duration.ofHours(1);

  /**
   * One timed phase.
   *
   * @param name {@code create}, {@code delete} or {@code release}
   * @param pods the pods it handled (for {@code release}: the kept ENIs it released)
   * @param wall the wall-clock time it took
   * @param virtual the virtual time it took
   * @param failures pods it could not handle
   */
  public record Phase(String name, int pods, Duration wall, Duration virtual, int failures) {

    /** Returns pods per wall-clock second. */
    public double podsPerSecond() {
      double seconds = wall.toNanos() / 1e9;
      return seconds <= 0 ? pods : pods / seconds;
    }
  }

  /**
   * The outcome of a load.
   *
   * @param pods the pod count
   * @param nodes the node count
   * @param seed the seed
   * @param memberLimit the member ENIs each node can carry
   * @param phases the timed phases
   * @param failuresByReason failed allocations by reason
   * @param phasesAfterCreate PodENIs by phase once every pod was created
   * @param summary the state at the end
   */
  public record Report(
      int pods,
      int nodes,
      long seed,
      int memberLimit,
      List<Phase> phases,
      Map<String, Long> failuresByReason,
      Map<String, Long> phasesAfterCreate,
      Simulation.Summary summary) {

    /** Copies the collections. */
    public Report {
      phases = List.copyOf(phases);
      failuresByReason = Map.copyOf(failuresByReason);
      phasesAfterCreate = Map.copyOf(phasesAfterCreate);
    }

    /** Returns whether every pod was bound and nothing was left in the cloud. */
    public boolean passed() {
      return failuresByReason.isEmpty()
          && phasesAfterCreate.getOrDefault("Bind", 0L) == pods
          && summary.clusterEnis().isEmpty()
          && summary.leakedEnis().isEmpty();
    }
  }

  private SyntheticLoad() {}

  /**
   * Runs a load.
   *
   * @param pods how many pods, 1 to {@link #MAX_PODS}
   * @param nodes how many nodes, 1 to {@link #MAX_NODES}
   * @param seed the seed of the cloud and the allocator
   * @param progress receives the number of pods handled so far in the current phase
   * @return the report
   */
  public static Report run(int pods, int nodes, long seed, IntConsumer progress) {
    checkArgument(
        pods >= 1 && pods <= MAX_PODS, "--pods must be 1 to %s but was %s", MAX_PODS, pods);
    checkArgument(
        nodes >= 1 && nodes <= MAX_NODES, "--nodes must be 1 to %s but was %s", MAX_NODES, nodes);
    int memberLimit = (pods + nodes - 1) / nodes;
    Simulation simulation = Simulation.start(scenario(pods, nodes, seed, memberLimit));
    List<Phase> phases = new ArrayList<>();
    Map<String, Long> failures = new TreeMap<>();

    // 1. Create every pod, ticking every batch so attaches complete as they would.
    long wall = System.nanoTime();
    Duration virtual = simulation.elapsed();
    int failed = 0;
    for (int i = 0; i < pods; i++) {
      boolean web = i % 2 == 0;
      String name = (web ? "web-" : "db-") + i;
      simulation.create(createStep(web, name, "node-" + (i % nodes)), name);
      String error = simulation.error(NAMESPACE, name);
      if (!error.isEmpty()) {
        failed++;
        failures.merge(error, 1L, Long::sum);
      }
      if ((i + 1) % BATCH == 0) {
        simulation.tick();
      }
      progress.accept(i + 1);
    }
    simulation.settleAll();
    phases.add(phase("create", pods, wall, virtual, simulation, failed));
    Map<String, Long> afterCreate = simulation.phases();

    // 2. Delete every pod: Elastic ENIs are deleted, Fixed ones detached and kept.
    wall = System.nanoTime();
    virtual = simulation.elapsed();
    for (int i = 0; i < pods; i++) {
      simulation.delete(NAMESPACE, (i % 2 == 0 ? "web-" : "db-") + i);
      if ((i + 1) % BATCH == 0) {
        simulation.tick();
      }
      progress.accept(i + 1);
    }
    simulation.settleAll();
    phases.add(phase("delete", pods, wall, virtual, simulation, 0));

    // 3. Let the Fixed TTL pass: the kept ENIs are released.
    wall = System.nanoTime();
    virtual = simulation.elapsed();
    int kept = simulation.summary().clusterEnis().size();
    simulation.advance(TTL.plus(Duration.ofMinutes(2)), Duration.ofMinutes(1));
    simulation.settleAll();
    int released = kept - simulation.summary().clusterEnis().size();
    phases.add(phase("release", released, wall, virtual, simulation, 0));
    return new Report(
        pods, nodes, seed, memberLimit, phases, failures, afterCreate, simulation.summary());
  }

  private static Phase phase(
      String name, int pods, long wallStart, Duration virtualStart, Simulation s, int failures) {
    return new Phase(
        name,
        pods,
        Duration.ofNanos(System.nanoTime() - wallStart),
        s.elapsed().minus(virtualStart),
        failures);
  }

  private static Scenario.CreatePods createStep(boolean web, String name, String node) {
    return new Scenario.CreatePods(
        NAMESPACE,
        List.of(name),
        Map.of("app", web ? "web" : "db"),
        Map.of(),
        Optional.of(web ? "ReplicaSet" : "StatefulSet"),
        web ? "web-5d8f7c" : "db",
        node);
  }

  private static Scenario scenario(int pods, int nodes, long seed, int memberLimit) {
    List<Scenario.VSwitch> vSwitches =
        List.of(
            new Scenario.VSwitch("vsw-load-h1", "cn-hangzhou-h", "10.10.0.0/16"),
            new Scenario.VSwitch("vsw-load-h2", "cn-hangzhou-h", "10.11.0.0/16"),
            new Scenario.VSwitch("vsw-load-i1", "cn-hangzhou-i", "10.12.0.0/16"),
            new Scenario.VSwitch("vsw-load-i2", "cn-hangzhou-i", "10.13.0.0/16"));
    InstanceType type = new InstanceType("ecs.load.trunk", 3, 3 + memberLimit, true, 10, 0);
    Scenario.Cloud cloud =
        new Scenario.Cloud(
            "cn-hangzhou",
            "c-terway4j-load",
            "vpc-terway4j-load",
            vSwitches,
            List.of(type),
            Optional.empty(),
            Duration.ZERO);
    List<Scenario.Node> nodeList = new ArrayList<>();
    for (int i = 0; i < nodes; i++) {
      String name = "node-" + i;
      nodeList.add(
          new Scenario.Node(
              name,
              i % 2 == 0 ? "cn-hangzhou-h" : "cn-hangzhou-i",
              type.id(),
              "i-load" + i,
              "eni-trunkload" + i));
    }
    List<String> all = vSwitches.stream().map(Scenario.VSwitch::id).toList();
    return new Scenario(
        Path.of("(synthetic load)"),
        "synthetic-load",
        pods + " pods on " + nodes + " nodes",
        seed,
        cloud,
        nodeList,
        List.of(new Scenario.Namespace(NAMESPACE, Map.of())),
        List.of(
            podNetworking(
                "load-elastic", "web", AllocationType.elastic(), all, VSwitchSelectionPolicy.MOST),
            podNetworking(
                "load-fixed",
                "db",
                AllocationType.fixedTtl(TTL),
                all,
                VSwitchSelectionPolicy.ORDERED)),
        List.of());
  }

  private static PodNetworking podNetworking(
      String name,
      String app,
      AllocationType type,
      List<String> vSwitches,
      VSwitchSelectionPolicy policy) {
    return PodNetworking.builder()
        .metadata(ObjectMeta.named(name))
        .spec(
            ImmutablePodNetworkingSpec.builder()
                .allocationType(type)
                .selector(
                    ImmutablePodNetworkingSelector.builder()
                        .podSelector(LabelSelector.matchLabels(Map.of("app", app)))
                        .build())
                .addSecurityGroupIDs("sg-load-" + app)
                .vSwitchOptions(vSwitches)
                .vSwitchSelectOptions(VSwitchSelectOptions.of(policy))
                .build())
        .build();
  }
}
