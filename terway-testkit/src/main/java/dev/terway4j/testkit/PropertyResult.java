package dev.terway4j.testkit;

import dev.terway4j.testkit.internal.RunReport;

/**
 * Statistics of a property run that passed.
 *
 * <p>Immutable and thread-safe.
 */
public final class PropertyResult {
  private final long seed;
  private final int tries;
  private final int discarded;
  private final Statistics statistics;

  PropertyResult(long seed, int tries, int discarded, Statistics statistics) {
    this.seed = seed;
    this.tries = tries;
    this.discarded = discarded;
    this.statistics = statistics;
  }

  static PropertyResult of(RunReport report) {
    return new PropertyResult(
        report.settings().seed(),
        report.passed(),
        report.discarded(),
        Statistics.of(report.statistics()));
  }

  /**
   * Returns the seed the run used; pass it to {@code withSeed} to repeat the run.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Returns how many tries ran and passed.
   *
   * @return the passing tries
   */
  public int tries() {
    return tries;
  }

  /**
   * Returns how many trials were discarded by filters or assumptions and not counted as tries.
   *
   * @return the discarded trials
   */
  public int discarded() {
    return discarded;
  }

  /**
   * Returns the labels and event counts the passing tries reported ({@link PropertyChecks#label},
   * {@link PropertyChecks#classify}, {@link PropertyChecks#count}).
   *
   * @return the statistics, empty when the property reported none
   */
  public Statistics statistics() {
    return statistics;
  }

  /**
   * Summarises the run, e.g. {@code 100 tries passed (3 discarded, seed 42)}.
   *
   * @return the summary
   */
  @Override
  public String toString() {
    return tries + " tries passed (" + discarded + " discarded, seed " + seed + ")";
  }
}
