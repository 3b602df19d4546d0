package dev.terway4j.testkit.internal;

/**
 * The events a harness try reports about itself. Each counter adds to the {@linkplain
 * TrialStatistics statistics} of the try running on the calling thread, so the figures of a run
 * ({@code HarnessResult}) are measured by the engine over the tries that passed: discarded tries
 * and shrinking replays are not counted.
 *
 * <p>Stateless apart from the names; thread-safe (each count goes to the calling thread's try).
 */
public final class HarnessStats {
  /** Event name of a step run. */
  public static final String STEPS = "steps";

  /** Event name of a step that met at least one injected fault. */
  public static final String FAULTED_STEPS = "faulted steps";

  /** Event name of an injected fault that an operation actually met. */
  public static final String INJECTED_FAULTS = "injected faults";

  /** Event name of a simulated crash. */
  public static final String CRASHES = "crashes";

  /** Event name of a controller (re)start after the first. */
  public static final String RESTARTS = "restarts";

  /** Event name of a tolerated exception (a requeue). */
  public static final String TOLERATED = "requeues";

  /** Event name of a clock advance of the final convergence. */
  public static final String SETTLE_ROUNDS = "settle rounds";

  /** Steps run. */
  public final Counter steps = new Counter(STEPS);

  /** Steps that met at least one injected fault. */
  public final Counter faultedSteps = new Counter(FAULTED_STEPS);

  /** Injected faults consumed. */
  public final Counter injectedFaults = new Counter(INJECTED_FAULTS);

  /** Simulated crashes. */
  public final Counter crashes = new Counter(CRASHES);

  /** Controller (re)starts after the first. */
  public final Counter restarts = new Counter(RESTARTS);

  /** Tolerated exceptions (requeues). */
  public final Counter tolerated = new Counter(TOLERATED);

  /** Clock advances of the final convergence. */
  public final Counter settleRounds = new Counter(SETTLE_ROUNDS);

  /** One named event count of the current try. */
  public static final class Counter {
    private final String event;

    Counter(String event) {
      this.event = event;
    }

    /** Counts one occurrence in the current try. */
    public void incrementAndGet() {
      addAndGet(1);
    }

    /**
     * Counts occurrences in the current try.
     *
     * @param amount how many, not negative
     */
    public void addAndGet(long amount) {
      TrialStatistics.current("a harness counter").count(event, amount);
    }
  }
}
