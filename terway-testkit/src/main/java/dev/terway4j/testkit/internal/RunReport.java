package dev.terway4j.testkit.internal;

/**
 * The outcome of {@link Engine#run}: passed, failed (with original and shrunk runs) or gave up.
 *
 * <p>Immutable.
 */
public final class RunReport {
  /** How a run ended. */
  public enum Outcome {
    /** Every try passed. */
    PASSED,
    /** A try failed; see {@link #original()} and {@link #shrunk()}. */
    FAILED,
    /** Too many trials were discarded; see {@link #discardReason()}. */
    GAVE_UP
  }

  private final Outcome outcome;
  private final RunSettings settings;
  private final int passed;
  private final int discarded;
  private final int tryNumber;
  private final TrialRun original;
  private final TrialRun shrunk;
  private final int shrinkSteps;
  private final String discardReason;
  private final Regression failingTry;
  private final RunStatistics statistics;

  private RunReport(
      Outcome outcome,
      RunSettings settings,
      int passed,
      int discarded,
      int tryNumber,
      TrialRun original,
      TrialRun shrunk,
      int shrinkSteps,
      String discardReason,
      Regression failingTry,
      RunStatistics statistics) {
    this.outcome = outcome;
    this.settings = settings;
    this.passed = passed;
    this.discarded = discarded;
    this.tryNumber = tryNumber;
    this.original = original;
    this.shrunk = shrunk;
    this.shrinkSteps = shrinkSteps;
    this.discardReason = discardReason;
    this.failingTry = failingTry;
    this.statistics = statistics;
  }

  static RunReport passed(
      RunSettings settings, int passed, int discarded, RunStatistics statistics) {
    return new RunReport(
        Outcome.PASSED, settings, passed, discarded, 0, null, null, 0, null, null, statistics);
  }

  static RunReport failed(
      RunSettings settings,
      int tryNumber,
      int discarded,
      TrialRun original,
      TrialRun shrunk,
      int shrinkSteps,
      Regression failingTry,
      RunStatistics statistics) {
    return new RunReport(
        Outcome.FAILED,
        settings,
        Math.max(0, tryNumber - 1),
        discarded,
        tryNumber,
        original,
        shrunk,
        shrinkSteps,
        null,
        failingTry,
        statistics);
  }

  static RunReport gaveUp(
      RunSettings settings, int passed, int discarded, String reason, RunStatistics statistics) {
    return new RunReport(
        Outcome.GAVE_UP, settings, passed, discarded, 0, null, null, 0, reason, null, statistics);
  }

  /**
   * Returns how the run ended.
   *
   * @return the outcome
   */
  public Outcome outcome() {
    return outcome;
  }

  /**
   * Returns the resolved settings the run used.
   *
   * @return the settings
   */
  public RunSettings settings() {
    return settings;
  }

  /**
   * Returns how many tries passed.
   *
   * @return the passing tries
   */
  public int passed() {
    return passed;
  }

  /**
   * Returns how many trials were discarded.
   *
   * @return the discarded trials
   */
  public int discarded() {
    return discarded;
  }

  /**
   * Returns the 1-based number of the failing try.
   *
   * @return the try number, or 0 if nothing failed
   */
  public int tryNumber() {
    return tryNumber;
  }

  /**
   * Returns the failing run as first generated.
   *
   * @return the original run, or null if nothing failed
   */
  public TrialRun original() {
    return original;
  }

  /**
   * Returns the smallest failing run the shrinker found.
   *
   * @return the shrunk run, or null if nothing failed
   */
  public TrialRun shrunk() {
    return shrunk;
  }

  /**
   * Returns how many shrink candidates were accepted.
   *
   * @return the shrink steps
   */
  public int shrinkSteps() {
    return shrinkSteps;
  }

  /**
   * Returns why the last discarded trial was discarded.
   *
   * @return the reason, or null unless the run gave up
   */
  public String discardReason() {
    return discardReason;
  }

  /**
   * Returns the seed and size of the try that failed, which can be kept as a regression example.
   *
   * @return the failing try, or null unless the run failed
   */
  public Regression failingTry() {
    return failingTry;
  }

  /**
   * Tells whether the failing try was one of the kept regression examples.
   *
   * @return true when a regression example failed
   */
  public boolean failedOnRegression() {
    return outcome == Outcome.FAILED && tryNumber < 0;
  }

  /**
   * Returns the labels and events of the tries that passed.
   *
   * @return the statistics
   */
  public RunStatistics statistics() {
    return statistics;
  }
}
