package dev.terway4j.testkit;

import dev.terway4j.testkit.internal.RunReport;

/**
 * Thrown when a property or action sequence fails; carries the original and shrunk counterexamples
 * and the seed that reproduces them.
 *
 * <p>The message says how to replay ({@code -Dterway.seed=...} or {@code .withSeed(...)}), on which
 * try the failure appeared, both counterexamples, the number of shrink steps and the original
 * failure. The {@linkplain #getCause() cause} is what the property threw on the shrunk
 * counterexample.
 *
 * <p>Like any exception, not meant to be shared between threads while being modified.
 */
public final class PropertyFailure extends AssertionError {
  private static final long serialVersionUID = 1L;

  /** The seed that reproduces the failure. */
  private final long seed;

  /** The 1-based try that failed. */
  private final int tryNumber;

  /** The accepted shrink steps. */
  private final int shrinkSteps;

  // Counterexamples are arbitrary user objects, so they are not serialised.
  private final transient Object originalCounterexample;
  private final transient Object shrunkCounterexample;

  /** What the property threw on the original counterexample. */
  private final Throwable originalFailure;

  PropertyFailure(String message, RunReport report, Object original, Object shrunk) {
    super(message, report.shrunk().failure());
    this.seed = report.settings().seed();
    this.tryNumber = report.tryNumber();
    this.shrinkSteps = report.shrinkSteps();
    this.originalCounterexample = original;
    this.shrunkCounterexample = shrunk;
    this.originalFailure = report.original().failure();
  }

  /**
   * Returns the seed that reproduces this failure.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Returns the 1-based number of the try that failed.
   *
   * @return the try number
   */
  public int tryNumber() {
    return tryNumber;
  }

  /**
   * Returns how many shrink steps were accepted on the way from the original to the shrunk
   * counterexample.
   *
   * @return the shrink steps
   */
  public int shrinkSteps() {
    return shrinkSteps;
  }

  /**
   * Returns the counterexample as first generated: the value, a two-element list for two-value
   * properties, or the list of executed actions for action sequences.
   *
   * @return the original counterexample; null after deserialisation
   */
  public Object originalCounterexample() {
    return originalCounterexample;
  }

  /**
   * Returns the smallest counterexample found, in the same form as {@link
   * #originalCounterexample()}.
   *
   * @return the shrunk counterexample; null after deserialisation
   */
  public Object shrunkCounterexample() {
    return shrunkCounterexample;
  }

  /**
   * Returns what the property threw on the original counterexample.
   *
   * @return the original failure
   */
  public Throwable originalFailure() {
    return originalFailure;
  }
}
