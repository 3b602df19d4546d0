package dev.terway4j.testkit;

import dev.terway4j.testkit.internal.Discarded;
import dev.terway4j.testkit.internal.RunSettings;
import dev.terway4j.testkit.internal.TrialStatistics;

/**
 * Entry points for property-based tests: {@code forAll(gen).check(value -> ...)}.
 *
 * <p>Works from JUnit or any other framework: a failing check throws {@link PropertyFailure}, an
 * {@link AssertionError}. Runs are reproducible: the failure message prints the seed, and {@code
 * -Dterway.seed=<seed>} or {@code .withSeed(<seed>)} replays it. {@code -Dterway.tries=<n>} raises
 * the number of tries of every property, for a slower, deeper run.
 *
 * <p>Stateless and thread-safe; each check runs on the calling thread.
 */
public final class PropertyChecks {
  /** The system property that fixes the seed of every run that has no explicit seed. */
  public static final String SEED_PROPERTY = RunSettings.SEED_PROPERTY;

  /** The system property that, when {@code true}, gives unseeded runs a random seed. */
  public static final String EXPLORE_PROPERTY = RunSettings.EXPLORE_PROPERTY;

  /** The system property that raises the number of tries of every run. */
  public static final String TRIES_PROPERTY = RunSettings.TRIES_PROPERTY;

  private PropertyChecks() {}

  /**
   * Starts a property over values of one generator.
   *
   * @param gen the generator
   * @param <T> the value type
   * @return the property, with default settings
   */
  public static <T> Property<T> forAll(Gen<T> gen) {
    return new Property<>(gen, RunSettings.defaults());
  }

  /**
   * Starts a property over pairs of independently generated values.
   *
   * @param first the first generator
   * @param second the second generator
   * @param <A> the first value type
   * @param <B> the second value type
   * @return the property, with default settings
   */
  public static <A, B> BiProperty<A, B> forAll(Gen<A> first, Gen<B> second) {
    return new BiProperty<>(first, second, RunSettings.defaults());
  }

  /**
   * Discards the current try unless a condition holds; discarded tries are not counted.
   *
   * <p>Call it only inside a property body or action. Prefer generators that produce valid input
   * directly: a run that discards too often fails with {@link TooManyDiscardsError}. Do not catch
   * the exception this throws.
   *
   * @param condition the precondition of the property for the current input
   */
  public static void assume(boolean condition) {
    if (!condition) {
      throw new Discarded("an assume(...) call was not satisfied");
    }
  }

  /**
   * Labels the current try, for the run's {@link Statistics}: each try counts once per label.
   *
   * <p>Call it inside a property body or action, on the thread that runs it; control characters in
   * the label are escaped and labels are cut at 200 characters.
   *
   * @param label what this try is, e.g. {@code "refused"} or {@code "3 pods"}; not blank
   * @throws IllegalStateException when called outside a running property
   */
  public static void label(String label) {
    TrialStatistics.current("PropertyChecks.label").label(label);
  }

  /**
   * Labels the current try only when a condition holds; see {@link #label}.
   *
   * @param condition whether the label applies
   * @param label the label; not blank
   * @throws IllegalStateException when called outside a running property
   */
  public static void classify(boolean condition, String label) {
    TrialStatistics statistics = TrialStatistics.current("PropertyChecks.classify");
    if (condition) {
      statistics.label(label);
    }
  }

  /**
   * Adds one to an event count of the current try; the run's {@link Statistics} sums the counts.
   *
   * @param event what happened, e.g. {@code "faulted step"}; not blank
   * @throws IllegalStateException when called outside a running property
   */
  public static void count(String event) {
    count(event, 1);
  }

  /**
   * Adds to an event count of the current try; see {@link #count(String)}.
   *
   * @param event what happened; not blank
   * @param amount how many times, not negative
   * @throws IllegalStateException when called outside a running property
   */
  public static void count(String event, long amount) {
    TrialStatistics.current("PropertyChecks.count").count(event, amount);
  }
}
