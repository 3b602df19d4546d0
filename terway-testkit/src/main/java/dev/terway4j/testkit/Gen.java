package dev.terway4j.testkit;

import dev.terway4j.testkit.internal.ChoiceSource;
import dev.terway4j.testkit.internal.Discarded;
import dev.terway4j.testkit.internal.Engine;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of random values of type {@code T}, with shrinking built in.
 *
 * <p>A generator turns a stream of recorded random choices into a value. Shrinking never looks at
 * the value: it simplifies the recorded choices and generates again. That is why a value built with
 * {@link #map}, {@link #flatMap}, {@link #filter} or any {@link Gens} combinator shrinks without
 * any extra code, and why the functions you pass must be pure (same input, same output; no
 * randomness of their own).
 *
 * <p>Create generators with {@link Gens}; compose them with the instance methods here.
 *
 * <p>Generators are immutable and thread-safe, and may be kept in static fields.
 *
 * @param <T> the type of generated values
 */
public final class Gen<T> {
  /** How many candidates {@link #filter} tries before discarding the whole trial. */
  static final int FILTER_ATTEMPTS = 100;

  /** Turns choices into a value; must be deterministic given the choices. */
  @FunctionalInterface
  interface Body<T> {
    T generate(ChoiceSource source);
  }

  private final String description;
  private final Body<T> body;

  /** Longest description kept; chained descriptions would otherwise grow without bound. */
  private static final int MAX_DESCRIPTION = 200;

  Gen(String description, Body<T> body) {
    Objects.requireNonNull(description, "description");
    this.description =
        description.length() <= MAX_DESCRIPTION
            ? description
            : description.substring(0, MAX_DESCRIPTION) + "...";
    this.body = Objects.requireNonNull(body, "body");
  }

  T generate(ChoiceSource source) {
    return body.generate(source);
  }

  /**
   * Returns a generator that applies a function to every value this one generates.
   *
   * @param mapper a pure function; may return null
   * @param <R> the result type
   * @return the mapped generator; shrinks as this one does
   */
  public <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return new Gen<>(description + ".map(...)", source -> mapper.apply(generate(source)));
  }

  /**
   * Returns a generator that uses each value of this one to choose the next generator.
   *
   * <p>Use it when one value constrains another, e.g. a list whose length was generated first. Both
   * parts shrink: the first value toward simpler, then the second within what the first allows.
   *
   * @param binder a pure function from a value to the generator of the result
   * @param <R> the result type
   * @return the dependent generator
   */
  public <R> Gen<R> flatMap(Function<? super T, ? extends Gen<? extends R>> binder) {
    Objects.requireNonNull(binder, "binder");
    return new Gen<>(
        description + ".flatMap(...)",
        source -> {
          T first = generate(source);
          Gen<? extends R> next = Objects.requireNonNull(binder.apply(first), "binder result");
          int span = source.startSpan();
          R result = next.generate(source);
          source.endSpan(span);
          return result;
        });
  }

  /**
   * Returns a generator of only the values that satisfy a predicate.
   *
   * <p>Each trial tries up to {@value #FILTER_ATTEMPTS} candidates; if all are rejected the trial
   * is discarded, and a run with too many discards fails with {@link TooManyDiscardsError}. Prefer
   * generating valid values directly (with {@link #map}) when the predicate rejects more than about
   * half of the values.
   *
   * @param predicate a pure predicate
   * @return the filtered generator
   */
  public Gen<T> filter(Predicate<? super T> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    String filtered = description + ".filter(...)";
    return new Gen<>(
        filtered,
        source -> {
          for (int attempt = 0; attempt < FILTER_ATTEMPTS; attempt++) {
            int span = source.startSpan();
            T candidate = generate(source);
            source.endSpan(span);
            if (predicate.test(candidate)) {
              return candidate;
            }
          }
          throw new Discarded(
              filtered
                  + " rejected "
                  + FILTER_ATTEMPTS
                  + " candidates in a row; loosen the predicate or build valid values directly"
                  + " with map");
        });
  }

  /**
   * Returns a generator of lists of this generator's values; same as {@link Gens#listOf}.
   *
   * @param minSize the smallest size, non-negative
   * @param maxSize the largest size, at least {@code minSize}
   * @return the list generator
   */
  public Gen<List<T>> listOf(int minSize, int maxSize) {
    return Gens.listOf(this, minSize, maxSize);
  }

  /**
   * Returns a generator of sets of this generator's values; same as {@link Gens#setOf}.
   *
   * @param minSize the smallest size, non-negative
   * @param maxSize the largest size, at least {@code minSize}
   * @return the set generator
   */
  public Gen<Set<T>> setOf(int minSize, int maxSize) {
    return Gens.setOf(this, minSize, maxSize);
  }

  /**
   * Returns a generator that is sometimes empty; same as {@link Gens#optionals}.
   *
   * @return the optional generator; shrinks toward empty
   */
  public Gen<Optional<T>> optional() {
    return Gens.optionals(this);
  }

  /**
   * Returns a generator that runs this one with a fixed size hint.
   *
   * <p>The size hint (0 to 100, growing over a run) scales default collection lengths and is what
   * {@link Gens#sized} reads; pinning it is how recursive generators bound their depth.
   *
   * @param size the size hint, non-negative
   * @return the resized generator
   */
  public Gen<T> resize(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("size must be non-negative: " + size);
    }
    return new Gen<>(
        description + ".resize(" + size + ")",
        source -> {
          int previous = source.size();
          source.setSize(size);
          try {
            return generate(source);
          } finally {
            source.setSize(previous);
          }
        });
  }

  /**
   * Generates some values, for eyeballing a generator or checking its distribution.
   *
   * <p>The size hint grows as in a property run. Deterministic for a given seed.
   *
   * @param count how many values, non-negative
   * @param seed the random seed
   * @return an unmodifiable list of {@code count} values
   * @throws IllegalStateException if the generator discards far too often (e.g. a filter that
   *     rejects everything)
   */
  public List<T> samples(int count, long seed) {
    if (count < 0) {
      throw new IllegalArgumentException("count must be non-negative: " + count);
    }
    SplittableRandom random = new SplittableRandom(seed);
    List<T> values = new ArrayList<>(count);
    int discards = 0;
    while (values.size() < count) {
      int size = Math.min(values.size(), Engine.MAX_SIZE);
      try {
        values.add(generate(ChoiceSource.generating(random, size)));
      } catch (Discarded e) {
        if (++discards > 10 * count + 100) {
          throw new IllegalStateException(
              "gave up sampling " + description + ": " + e.getMessage(), e);
        }
      }
    }
    return Collections.unmodifiableList(values);
  }

  /**
   * Describes how this generator was built, e.g. {@code integers(0, 9).map(...)}.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return description;
  }
}
