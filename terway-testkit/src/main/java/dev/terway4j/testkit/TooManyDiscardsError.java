package dev.terway4j.testkit;

import dev.terway4j.testkit.internal.FailureMessages;
import dev.terway4j.testkit.internal.RunReport;

/**
 * Thrown when a run discards so many trials (filters that reject, failed assumptions, data too
 * large) that it cannot reach the requested number of tries.
 *
 * <p>The message names the last reason for discarding, which usually points at the filter or
 * assumption to loosen.
 */
public final class TooManyDiscardsError extends AssertionError {
  private static final long serialVersionUID = 1L;

  /** The seed of the run that gave up. */
  private final long seed;

  /** The tries that passed before giving up. */
  private final int passedTries;

  /** The discarded trials. */
  private final int discarded;

  TooManyDiscardsError(String message, long seed, int passedTries, int discarded) {
    super(message);
    this.seed = seed;
    this.passedTries = passedTries;
    this.discarded = discarded;
  }

  static TooManyDiscardsError of(RunReport report) {
    return new TooManyDiscardsError(
        FailureMessages.gaveUp(report),
        report.settings().seed(),
        report.passed(),
        report.discarded());
  }

  /**
   * Returns the seed of the run that gave up.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Returns how many tries passed before the run gave up.
   *
   * @return the passing tries
   */
  public int passedTries() {
    return passedTries;
  }

  /**
   * Returns how many trials were discarded.
   *
   * @return the discarded trials
   */
  public int discarded() {
    return discarded;
  }
}
