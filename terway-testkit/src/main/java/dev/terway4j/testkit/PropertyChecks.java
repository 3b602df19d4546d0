package dev.terway4j.testkit;

import dev.terway4j.testkit.internal.Discarded;
import dev.terway4j.testkit.internal.RunSettings;

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
}
