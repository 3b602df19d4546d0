package dev.terway4j.testkit;

import dev.terway4j.allocator.AllocationException;
import dev.terway4j.cloud.spi.CloudException;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.testkit.internal.HarnessActions;
import dev.terway4j.testkit.internal.HarnessConfig;
import dev.terway4j.testkit.internal.HarnessModel;
import dev.terway4j.testkit.internal.HarnessStats;
import dev.terway4j.testkit.internal.HarnessWorld;
import dev.terway4j.testkit.internal.Regression;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A model-based (action-chain) test of a controller of your own: random interleavings of pod
 * creation, deletion and re-creation, clock advances, cloud faults, crashes and restarts against a
 * simulated cluster on the fake cloud, with the harness's invariants checked after every step and a
 * failing sequence shrunk to a minimal one.
 *
 * <pre>{@code
 * ControllerHarness.of(cluster -> new MyController(cluster.newAllocator()))
 *     .maxSteps(30)
 *     .check();
 * }</pre>
 *
 * <p>Every sequence starts with a generated {@link CloudScenario} and PodNetworkings ({@link
 * CloudScenarios#podNetworkings}), builds a {@link SimulatedCluster}, and asks your factory for a
 * {@link PodController}; a crash or restart asks it again, on the same cloud and store. Pods are
 * named {@code <app>-<n>} and labelled {@code app=<app>}; pods of Fixed PodNetworkings belong to a
 * StatefulSet; one stray app matches no PodNetworking.
 *
 * <p>Besides cloud faults, crashes and restarts, sequences may make the PodENI store refuse writes
 * ({@link Fault#STORE_FAILURE}), make the controller's clock jump far ahead or behind and come back
 * ({@link Fault#CLOCK_JUMP}), and deliver pods whose namespace and name collide with a pod's when
 * joined with a {@code /} (always on: none of them may get a PodENI).
 *
 * <p>After every step the harness checks that no ENI, IPv4 address or VLAN is held by two PodENIs;
 * no trunk carries more members than its instance type allows; the controller's count of member
 * slots in use, if it {@linkplain PodController#memberSlotsInUse keeps one}, equals the PodENIs
 * that hold a slot (none is ever lost); a Fixed pod's address never changes once bound, and is
 * released only when the pod has been gone for its TTL (never for {@code Never}); and the {@link
 * dev.terway4j.allocator.audit.EniAudit} finds no missing ENI and no mismatched attachment, VLAN or
 * address. Then your own {@linkplain #invariant invariant}. At the end of every sequence faults
 * stop and time passes (two minutes at a time, with resyncs) until the audit is clean with nothing
 * pending and no leaked ENI, every live pod has its member ENI bound on its node unless its trunk
 * is full or its vSwitches are exhausted, and gone pods keep only Fixed ENIs; if that does not
 * happen within the settle bound, the sequence fails.
 *
 * <p>Reproducing: runs are deterministic by default (the seed is derived from the calling test
 * method, see {@link PropertyChecks}); {@code -Dterway.explore=true} draws random seeds. The
 * failure report prints the seed ({@link #withSeed} or {@code -Dterway.seed=<seed>} replays the
 * run) and the failing sequence's {@code <size>/<seed>}, which {@link #withRegression} keeps as a
 * permanent regression example. {@code -Dterway.tries=<n>} raises the number of sequences.
 *
 * <p>Instances are immutable (every method returns a copy) and thread-safe; each {@link #check()}
 * runs on the calling thread.
 *
 * @param <C> the type of your controller
 */
public final class ControllerHarness<C extends PodController> {
  /** Sequences run by {@link #check()} unless {@link #withTries} says otherwise. */
  public static final int DEFAULT_TRIES = 100;

  /** The longest sequence unless {@link #maxSteps} says otherwise. */
  public static final int DEFAULT_MAX_STEPS = 40;

  /** Clock advances of two minutes that the final convergence may take. */
  public static final int DEFAULT_SETTLE_ROUNDS = 40;

  private final Function<? super SimulatedCluster, ? extends C> factory;
  private final Gen<CloudScenario> scenarios;
  private final Function<CloudScenario, Gen<List<PodNetworking>>> podNetworkings;
  private final Set<Fault> faults;
  private final Set<Map.Entry<Fault, CloudOperation>> excluded;
  private final Invariant<? super C> invariant;
  private final List<Class<? extends Throwable>> tolerated;
  private final int maxSteps;
  private final int settleRounds;
  private final int tries;
  private final Long seed;
  private final Integer maxShrinkAttempts;
  private final List<String> regressions;
  private final String name;

  private ControllerHarness(Draft<C> draft) {
    this.factory = draft.factory;
    this.scenarios = draft.scenarios;
    this.podNetworkings = draft.podNetworkings;
    this.faults = draft.faults;
    this.excluded = draft.excluded;
    this.invariant = draft.invariant;
    this.tolerated = draft.tolerated;
    this.maxSteps = draft.maxSteps;
    this.settleRounds = draft.settleRounds;
    this.tries = draft.tries;
    this.seed = draft.seed;
    this.maxShrinkAttempts = draft.maxShrinkAttempts;
    this.regressions = draft.regressions;
    this.name = draft.name;
  }

  /** Returns a copy with some settings changed; a harness itself never changes. */
  private ControllerHarness<C> with(Consumer<Draft<C>> change) {
    Draft<C> draft = new Draft<>(this);
    change.accept(draft);
    return new ControllerHarness<>(draft);
  }

  /** The settings of a harness while a copy is being made. */
  private static final class Draft<C extends PodController> {
    Function<? super SimulatedCluster, ? extends C> factory;
    Gen<CloudScenario> scenarios;
    Function<CloudScenario, Gen<List<PodNetworking>>> podNetworkings;
    Set<Fault> faults;
    Set<Map.Entry<Fault, CloudOperation>> excluded;
    Invariant<? super C> invariant;
    List<Class<? extends Throwable>> tolerated;
    int maxSteps;
    int settleRounds;
    int tries;
    Long seed;
    Integer maxShrinkAttempts;
    List<String> regressions = List.of();
    String name;

    Draft() {}

    Draft(ControllerHarness<C> harness) {
      factory = harness.factory;
      scenarios = harness.scenarios;
      podNetworkings = harness.podNetworkings;
      faults = harness.faults;
      excluded = harness.excluded;
      invariant = harness.invariant;
      tolerated = harness.tolerated;
      maxSteps = harness.maxSteps;
      settleRounds = harness.settleRounds;
      tries = harness.tries;
      seed = harness.seed;
      maxShrinkAttempts = harness.maxShrinkAttempts;
      regressions = harness.regressions;
      name = harness.name;
    }
  }

  /**
   * Starts a harness for a controller: every fault, {@link CloudScenarios#scenarios()}, {@value
   * #DEFAULT_MAX_STEPS} steps, {@value #DEFAULT_TRIES} sequences, tolerating {@link
   * AllocationException} and {@link CloudException}.
   *
   * @param factory creates your controller in a cluster; called again after every crash and
   *     restart, when the store may already hold records (recover from them). A tolerated exception
   *     or a crash while starting makes the harness try again, up to 30 times.
   * @param <C> the type of your controller
   * @return the harness
   */
  public static <C extends PodController> ControllerHarness<C> of(
      Function<? super SimulatedCluster, ? extends C> factory) {
    Draft<C> draft = new Draft<>();
    draft.factory = Objects.requireNonNull(factory, "factory");
    draft.scenarios = CloudScenarios.scenarios();
    draft.podNetworkings = CloudScenarios::podNetworkings;
    draft.faults = EnumSet.allOf(Fault.class);
    draft.excluded = Set.of();
    draft.invariant = null;
    draft.tolerated = List.of(AllocationException.class, CloudException.class);
    draft.maxSteps = DEFAULT_MAX_STEPS;
    draft.settleRounds = DEFAULT_SETTLE_ROUNDS;
    draft.tries = DEFAULT_TRIES;
    draft.seed = null;
    draft.maxShrinkAttempts = null;
    return new ControllerHarness<>(draft);
  }

  /**
   * Returns a copy that draws its cloud scenarios from another generator.
   *
   * @param scenarios e.g. {@code CloudScenarios.scenarios(1, 2, 2)}
   * @return the configured harness
   */
  public ControllerHarness<C> scenarios(Gen<CloudScenario> scenarios) {
    return with(d -> d.scenarios = Objects.requireNonNull(scenarios, "scenarios"));
  }

  /**
   * Returns a copy that draws the PodNetworkings of a scenario from another generator. Pods are
   * labelled {@code app=<name of a PodNetworking>}, so each PodNetworking should select exactly
   * those.
   *
   * @param podNetworkings gives the generator for a scenario; the default is {@link
   *     CloudScenarios#podNetworkings}
   * @return the configured harness
   */
  public ControllerHarness<C> podNetworkings(
      Function<CloudScenario, Gen<List<PodNetworking>>> podNetworkings) {
    return with(d -> d.podNetworkings = Objects.requireNonNull(podNetworkings, "podNetworkings"));
  }

  /**
   * Returns a copy that injects only some faults.
   *
   * @param faults the faults, e.g. {@link Fault#none()} for pod events and time only
   * @return the configured harness
   */
  public ControllerHarness<C> faults(Set<Fault> faults) {
    Set<Fault> copy = EnumSet.noneOf(Fault.class);
    copy.addAll(Objects.requireNonNull(faults, "faults"));
    return with(d -> d.faults = copy);
  }

  /**
   * Returns a copy in which one cloud fault never hits one operation, e.g. to leave out a
   * combination your controller is known not to survive yet while testing everything else.
   *
   * @param fault the fault
   * @param operation the operation it must not hit
   * @return the configured harness
   */
  public ControllerHarness<C> excluding(Fault fault, CloudOperation operation) {
    Set<Map.Entry<Fault, CloudOperation>> copy = new HashSet<>(excluded);
    copy.add(
        Map.entry(
            Objects.requireNonNull(fault, "fault"),
            Objects.requireNonNull(operation, "operation")));
    return with(d -> d.excluded = Set.copyOf(copy));
  }

  /**
   * Returns a copy that also checks your invariant after every step (and every settle round).
   *
   * @param invariant throws when the cluster or the controller is in a bad state; must not change
   *     them
   * @return the configured harness
   */
  public ControllerHarness<C> invariant(Invariant<? super C> invariant) {
    return with(d -> d.invariant = Objects.requireNonNull(invariant, "invariant"));
  }

  /**
   * Returns a copy that tolerates exactly these exception types from a reaction (a requeue);
   * anything else thrown by the controller fails the sequence.
   *
   * @param types the tolerated types; none means every exception fails
   * @return the configured harness
   */
  @SafeVarargs
  public final ControllerHarness<C> tolerating(Class<? extends Throwable>... types) {
    List<Class<? extends Throwable>> copy = new ArrayList<>();
    for (Class<? extends Throwable> type : types) {
      copy.add(Objects.requireNonNull(type, "type"));
    }
    return with(d -> d.tolerated = List.copyOf(copy));
  }

  /**
   * Returns a copy whose sequences have at most this many steps (the setup included).
   *
   * @param maxSteps positive
   * @return the configured harness
   */
  public ControllerHarness<C> maxSteps(int maxSteps) {
    if (maxSteps <= 0) {
      throw new IllegalArgumentException("maxSteps must be positive: " + maxSteps);
    }
    return with(d -> d.maxSteps = maxSteps);
  }

  /**
   * Returns a copy whose final convergence may take this many two-minute clock advances.
   *
   * @param rounds positive; the default {@value #DEFAULT_SETTLE_ROUNDS} covers Terway's 10-minute
   *     leak guard and sweep interval several times over
   * @return the configured harness
   */
  public ControllerHarness<C> settleRounds(int rounds) {
    if (rounds <= 0) {
      throw new IllegalArgumentException("settle rounds must be positive: " + rounds);
    }
    return with(d -> d.settleRounds = rounds);
  }

  /**
   * Returns a copy that runs this many passing sequences; {@code -Dterway.tries} raises, never
   * lowers, it.
   *
   * @param tries positive
   * @return the configured harness
   */
  public ControllerHarness<C> withTries(int tries) {
    if (tries <= 0) {
      throw new IllegalArgumentException("tries must be positive: " + tries);
    }
    return with(d -> d.tries = tries);
  }

  /**
   * Returns a copy with a fixed seed, e.g. the one a failure printed.
   *
   * @param seed the seed
   * @return the configured harness
   */
  public ControllerHarness<C> withSeed(long seed) {
    return with(d -> d.seed = seed);
  }

  /**
   * Returns a copy that replays a kept failing sequence before its random ones, in every run
   * whatever the seed: the permanent regression example a failure message offers. See {@link
   * Property#withRegression(String)}.
   *
   * @param regression the text a failure printed, {@code <size>/<seed in hex>}
   * @return the configured harness
   * @throws IllegalArgumentException when the text is not of that form
   */
  public ControllerHarness<C> withRegression(String regression) {
    Regression parsed = Regression.parse(regression);
    List<String> more = new ArrayList<>(regressions);
    more.add(parsed.toString());
    return with(d -> d.regressions = List.copyOf(more));
  }

  /**
   * Returns a copy whose default seed is derived from a name instead of the calling test method;
   * see {@link Property#named(String)}.
   *
   * @param name the name, not blank
   * @return the configured harness
   */
  public ControllerHarness<C> named(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a harness name must not be blank");
    }
    return with(d -> d.name = name);
  }

  /**
   * Returns a copy with a shrink budget (default 10,000 replays).
   *
   * @param attempts the replays the shrinker may spend; zero reports the unshrunk sequence
   * @return the configured harness
   */
  public ControllerHarness<C> withMaxShrinkAttempts(int attempts) {
    if (attempts < 0) {
      throw new IllegalArgumentException("max shrink attempts must be >= 0: " + attempts);
    }
    return with(d -> d.maxShrinkAttempts = attempts);
  }

  /**
   * Runs the sequences.
   *
   * @return statistics of the passing run
   * @throws PropertyFailure listing the minimal failing sequence, step by step, with the seed
   */
  public HarnessResult check() {
    HarnessStats stats = new HarnessStats();
    Invariant<? super C> user = invariant;
    HarnessConfig.UserInvariant erased =
        user == null ? null : (cluster, controller) -> user.check(cluster, cast(controller));
    HarnessConfig config =
        new HarnessConfig(
            factory,
            scenarios,
            podNetworkings,
            Set.copyOf(faults),
            excluded,
            erased,
            tolerated,
            settleRounds,
            stats);
    ActionSequences<HarnessModel, HarnessWorld> sequences =
        ActionSequences.<HarnessModel, HarnessWorld>of(
                HarnessModel::new,
                () -> new HarnessWorld(config),
                model -> HarnessActions.next(model, config))
            .invariant(HarnessActions::check)
            .maxLength(maxSteps)
            .withTries(tries);
    if (seed != null) {
      sequences = sequences.withSeed(seed);
    }
    if (maxShrinkAttempts != null) {
      sequences = sequences.withMaxShrinkAttempts(maxShrinkAttempts);
    }
    for (String regression : regressions) {
      sequences = sequences.withRegression(regression);
    }
    if (name != null) {
      sequences = sequences.named(name);
    }
    PropertyResult result = sequences.check();
    Statistics figures = result.statistics();
    return new HarnessResult(
        result.seed(),
        result.tries(),
        figures.events(HarnessStats.STEPS),
        figures.events(HarnessStats.FAULTED_STEPS),
        figures.events(HarnessStats.INJECTED_FAULTS),
        figures.events(HarnessStats.CRASHES),
        figures.events(HarnessStats.RESTARTS),
        figures.events(HarnessStats.TOLERATED),
        figures.events(HarnessStats.SETTLE_ROUNDS),
        figures);
  }

  @SuppressWarnings("unchecked")
  private static <C> C cast(PodController controller) {
    // Safe: every controller came from the factory of C.
    return (C) controller;
  }

  /**
   * An invariant of your own, checked after every step.
   *
   * @param <C> the type of your controller
   */
  @FunctionalInterface
  public interface Invariant<C> {
    /**
     * Throws if the invariant does not hold.
     *
     * @param cluster the cluster
     * @param controller the controller now running
     * @throws Exception when the invariant does not hold
     */
    void check(SimulatedCluster cluster, C controller) throws Exception;
  }
}
