package dev.terway4j.testkit;

import dev.terway4j.testkit.internal.Regression;
import dev.terway4j.testkit.internal.RunSettings;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * A property over two independently generated values: configure it, then {@code check} it.
 *
 * <p>Obtain one with {@link PropertyChecks#forAll(Gen, Gen)}. Counterexamples are reported as
 * two-element lists {@code [a, b]}. Immutable and thread-safe, like {@link Property}.
 *
 * @param <A> the type of the first value
 * @param <B> the type of the second value
 */
public final class BiProperty<A, B> {
  private final Gen<A> first;
  private final Gen<B> second;
  private final RunSettings settings;

  BiProperty(Gen<A> first, Gen<B> second, RunSettings settings) {
    this.first = Objects.requireNonNull(first, "first");
    this.second = Objects.requireNonNull(second, "second");
    this.settings = settings;
  }

  /**
   * Returns a copy that uses a fixed seed; see {@link Property#withSeed(long)}.
   *
   * @param seed the seed
   * @return the configured property
   */
  public BiProperty<A, B> withSeed(long seed) {
    return new BiProperty<>(first, second, settings.withSeed(seed));
  }

  /**
   * Returns a copy that runs a kept failing case before its random tries, in every run whatever the
   * seed: see {@link Property#withRegression(String)}.
   *
   * @param regression the text a failure printed, {@code <size>/<seed in hex>}
   * @return the configured property
   * @throws IllegalArgumentException when the text is not of that form
   */
  public BiProperty<A, B> withRegression(String regression) {
    return new BiProperty<>(first, second, settings.withRegression(Regression.parse(regression)));
  }

  /**
   * Returns a copy whose default seed is derived from a name; see {@link Property#named(String)}.
   *
   * @param name the name, not blank
   * @return the configured property
   */
  public BiProperty<A, B> named(String name) {
    return new BiProperty<>(first, second, settings.withName(name));
  }

  /**
   * Returns a copy that runs a number of passing tries; see {@link Property#withTries(int)}.
   *
   * @param tries the tries, positive
   * @return the configured property
   */
  public BiProperty<A, B> withTries(int tries) {
    return new BiProperty<>(first, second, settings.withTries(tries));
  }

  /**
   * Returns a copy with a shrink budget; see {@link Property#withMaxShrinkAttempts(int)}.
   *
   * @param attempts the replays the shrinker may spend
   * @return the configured property
   */
  public BiProperty<A, B> withMaxShrinkAttempts(int attempts) {
    return new BiProperty<>(first, second, settings.withMaxShrinkAttempts(attempts));
  }

  /**
   * Returns a copy with a discard budget; see {@link Property#withMaxDiscards(int)}.
   *
   * @param discards the discarded trials to tolerate
   * @return the configured property
   */
  public BiProperty<A, B> withMaxDiscards(int discards) {
    return new BiProperty<>(first, second, settings.withMaxDiscards(discards));
  }

  /**
   * Checks that a predicate holds for every generated pair.
   *
   * @param property the predicate; false or any throwable is a failure
   * @return statistics of the passing run
   * @throws PropertyFailure with the shrunk pair when the predicate fails
   * @throws TooManyDiscardsError when filters or assumptions discard too many trials
   */
  public PropertyResult check(BiPredicate<? super A, ? super B> property) {
    Objects.requireNonNull(property, "property");
    return checkThat(
        (a, b) -> {
          if (!property.test(a, b)) {
            throw new AssertionError("property returned false");
          }
        });
  }

  /**
   * Checks that a body completes normally for every generated pair; use assertions inside.
   *
   * @param property the body; any throwable (except a {@link VirtualMachineError}) is a failure
   * @return statistics of the passing run
   * @throws PropertyFailure with the shrunk pair when the body throws
   * @throws TooManyDiscardsError when filters or assumptions discard too many trials
   */
  public PropertyResult checkThat(ThrowingBiConsumer<? super A, ? super B> property) {
    Objects.requireNonNull(property, "property");
    Gen<List<Object>> pairs = Gens.combine(first, second, (a, b) -> Arrays.asList(a, b));
    return new Property<>(pairs, settings)
        .checkThat(pair -> property.accept(cast(pair.get(0)), cast(pair.get(1))));
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    // Safe: the list was built from values of exactly these generators.
    return (T) value;
  }
}
