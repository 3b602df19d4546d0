package dev.terway4j.testkit;

import dev.terway4j.testkit.internal.ChoiceSource;
import dev.terway4j.testkit.internal.Engine;
import dev.terway4j.testkit.internal.FailureMessages;
import dev.terway4j.testkit.internal.Regression;
import dev.terway4j.testkit.internal.RunReport;
import dev.terway4j.testkit.internal.RunSettings;
import dev.terway4j.testkit.internal.TrialRun;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A property over one generated value: configure it, then {@code check} it.
 *
 * <p>Obtain one with {@link PropertyChecks#forAll(Gen)}. The {@code with*} methods return a new
 * property, so a configured property is immutable and thread-safe; each {@code check} is an
 * independent run on the calling thread.
 *
 * @param <T> the type of the generated value
 */
public final class Property<T> {
  private final Gen<T> gen;
  private final RunSettings settings;

  Property(Gen<T> gen, RunSettings settings) {
    this.gen = Objects.requireNonNull(gen, "gen");
    this.settings = settings;
  }

  /**
   * Returns a copy that uses a fixed seed, e.g. the one printed by a failure.
   *
   * <p>Without it the seed comes from {@code -Dterway.seed}; else it is random when {@code
   * -Dterway.explore=true}; else it is derived from the name of the test method that runs the
   * check, so every build runs the same cases.
   *
   * @param seed the seed
   * @return the configured property
   */
  public Property<T> withSeed(long seed) {
    return new Property<>(gen, settings.withSeed(seed));
  }

  /**
   * Returns a copy that runs a kept failing case before its random tries, in every run whatever the
   * seed: the permanent regression example that a failure message offers ({@code
   * .withRegression("57/9e3779b97f4a7c15")}). A case is named by the seed and size of its try, so
   * it stays meaningful as long as the property's generators draw the same way.
   *
   * @param regression the text a failure printed, {@code <size>/<seed in hex>}
   * @return the configured property
   * @throws IllegalArgumentException when the text is not of that form
   */
  public Property<T> withRegression(String regression) {
    return new Property<>(gen, settings.withRegression(Regression.parse(regression)));
  }

  /**
   * Returns a copy whose default seed is derived from this name rather than from the test method
   * that runs the check (the default, see {@link PropertyChecks}). Useful when one helper method
   * runs several properties.
   *
   * @param name the name, not blank
   * @return the configured property
   */
  public Property<T> named(String name) {
    return new Property<>(gen, settings.withName(name));
  }

  /**
   * Returns a copy that runs a number of passing tries (default 100).
   *
   * <p>{@code -Dterway.tries} raises, but never lowers, the effective number.
   *
   * @param tries the tries, positive
   * @return the configured property
   */
  public Property<T> withTries(int tries) {
    return new Property<>(gen, settings.withTries(tries));
  }

  /**
   * Returns a copy with a shrink budget (default 10,000 replays).
   *
   * @param attempts the replays the shrinker may spend; zero reports the unshrunk counterexample
   * @return the configured property
   */
  public Property<T> withMaxShrinkAttempts(int attempts) {
    return new Property<>(gen, settings.withMaxShrinkAttempts(attempts));
  }

  /**
   * Returns a copy with a discard budget (default ten times the tries).
   *
   * @param discards the discarded trials to tolerate before {@link TooManyDiscardsError}
   * @return the configured property
   */
  public Property<T> withMaxDiscards(int discards) {
    return new Property<>(gen, settings.withMaxDiscards(discards));
  }

  /**
   * Checks that a predicate holds for every generated value.
   *
   * <p>Returning false or throwing anything (except a {@link VirtualMachineError}, which
   * propagates) is a failure. For bodies that assert instead of returning a boolean, use {@link
   * #checkThat(ThrowingConsumer)}; the two are not overloads because Java would find an implicitly
   * typed lambda such as {@code x -> assertTrue(x > 0)} ambiguous between them.
   *
   * @param property the predicate
   * @return statistics of the passing run
   * @throws PropertyFailure with the shrunk counterexample when the predicate fails
   * @throws TooManyDiscardsError when filters or assumptions discard too many trials
   */
  public PropertyResult check(Predicate<? super T> property) {
    Objects.requireNonNull(property, "property");
    return run(
        value -> {
          if (!property.test(value)) {
            throw new AssertionError("property returned false");
          }
        });
  }

  /**
   * Checks that a body completes normally for every generated value; use assertions inside.
   *
   * @param property the body; throwing anything (except a {@link VirtualMachineError}) fails it
   * @return statistics of the passing run
   * @throws PropertyFailure with the shrunk counterexample when the body throws
   * @throws TooManyDiscardsError when filters or assumptions discard too many trials
   */
  public PropertyResult checkThat(ThrowingConsumer<? super T> property) {
    Objects.requireNonNull(property, "property");
    return run(property);
  }

  private PropertyResult run(ThrowingConsumer<? super T> property) {
    RunReport report =
        Engine.run(source -> property.accept(gen.generate(source)), settings.resolve());
    switch (report.outcome()) {
      case PASSED:
        return PropertyResult.of(report);
      case GAVE_UP:
        throw TooManyDiscardsError.of(report);
      default:
        Object original = regenerate(report.original());
        Object shrunk = regenerate(report.shrunk());
        String message =
            FailureMessages.propertyFailed(
                report, FailureMessages.render(original), FailureMessages.render(shrunk));
        throw new PropertyFailure(message, report, original, shrunk);
    }
  }

  /** Generates the value of a run again, because the property may have mutated the one it got. */
  private Object regenerate(TrialRun run) {
    try {
      return gen.generate(ChoiceSource.replaying(run.choices(), run.size()));
    } catch (RuntimeException e) {
      return "<could not regenerate the value: " + e + ">";
    }
  }
}
