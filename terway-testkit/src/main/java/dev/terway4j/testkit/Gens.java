package dev.terway4j.testkit;

import dev.terway4j.testkit.internal.ChoiceSource;
import dev.terway4j.testkit.internal.Discarded;
import dev.terway4j.testkit.internal.FailureMessages;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Factories for generators.
 *
 * <p>Every generator shrinks toward a documented simplest value: numbers toward zero (or the bound
 * nearest zero), booleans toward false, choices toward the first alternative, collections toward
 * fewer and simpler elements, strings toward shorter strings of the alphabet's first character. Put
 * the simplest alternative first in {@link #oneOf} and {@link #frequency}; recursive generators
 * must put their base case first.
 *
 * <p>Collections generated here are unmodifiable and keep generation order (sets and maps iterate
 * in insertion order), so counterexamples print deterministically. Collections may contain null
 * only if the element generator produces null.
 *
 * <p>All generators are immutable and thread-safe.
 */
public final class Gens {
  /** The alphabet of {@link #alphanumeric}: lower case first, so strings shrink toward "a". */
  public static final String ALPHANUMERIC =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  private static final int DUPLICATE_LIMIT = 50;

  private Gens() {}

  /**
   * Returns a generator of ints in {@code [min, max]}.
   *
   * <p>Generation favours the bounds, zero and small values besides uniform ones.
   *
   * @param min the smallest value
   * @param max the largest value, at least {@code min}
   * @return the generator; shrinks toward 0, or toward the bound nearest 0 if 0 is out of range
   */
  public static Gen<Integer> integers(int min, int max) {
    checkRange(min, max);
    return new Gen<>(
        "integers(" + min + ", " + max + ")", source -> (int) source.drawInRange(min, max));
  }

  /**
   * Returns a generator of longs in {@code [min, max]}.
   *
   * <p>Generation favours the bounds, zero, small values and every order of magnitude.
   *
   * @param min the smallest value
   * @param max the largest value, at least {@code min}
   * @return the generator; shrinks toward 0, or toward the bound nearest 0 if 0 is out of range
   */
  public static Gen<Long> longs(long min, long max) {
    checkRange(min, max);
    return new Gen<>("longs(" + min + ", " + max + ")", source -> source.drawInRange(min, max));
  }

  /**
   * Returns a generator of fair coin flips.
   *
   * @return the generator; shrinks toward false
   */
  public static Gen<Boolean> booleans() {
    return new Gen<>("booleans()", source -> source.draw(1) == 1);
  }

  /**
   * Returns a generator that always produces the same value.
   *
   * @param value the value, may be null
   * @param <T> the value type
   * @return the generator; makes no choices, so there is nothing to shrink
   */
  public static <T> Gen<T> constant(T value) {
    return new Gen<>("constant(" + FailureMessages.render(value) + ")", source -> value);
  }

  /**
   * Returns a generator that picks uniformly from a list.
   *
   * @param values the candidates, non-empty; copied
   * @param <T> the element type
   * @return the generator; shrinks toward the first element
   */
  public static <T> Gen<T> elements(List<? extends T> values) {
    Objects.requireNonNull(values, "values");
    if (values.isEmpty()) {
      throw new IllegalArgumentException("elements needs at least one value");
    }
    List<T> copy = new ArrayList<>(values);
    return new Gen<>(
        "elements(" + copy + ")", source -> copy.get((int) source.draw(copy.size() - 1)));
  }

  /**
   * Returns a generator that picks uniformly from some values.
   *
   * @param values the candidates, at least one
   * @param <T> the element type
   * @return the generator; shrinks toward the first value
   */
  @SafeVarargs
  public static <T> Gen<T> elements(T... values) {
    return elements(listOf(values));
  }

  /**
   * Returns a generator of the constants of an enum type, in declaration order.
   *
   * @param type the enum class, with at least one constant
   * @param <E> the enum type
   * @return the generator; shrinks toward the first declared constant
   */
  public static <E extends Enum<E>> Gen<E> enums(Class<E> type) {
    return elements(Arrays.asList(type.getEnumConstants()));
  }

  /**
   * Returns a generator that picks one of some generators uniformly and uses it.
   *
   * @param gens the alternatives, at least one; simplest first
   * @param <T> the common value type
   * @return the generator; shrinks toward the first alternative, then within it
   */
  @SafeVarargs
  public static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
    return oneOf(listOf(gens));
  }

  /**
   * Returns a generator that picks one of a list of generators uniformly and uses it.
   *
   * @param gens the alternatives, at least one; simplest first; copied
   * @param <T> the common value type
   * @return the generator; shrinks toward the first alternative, then within it
   */
  public static <T> Gen<T> oneOf(List<? extends Gen<? extends T>> gens) {
    Objects.requireNonNull(gens, "gens");
    if (gens.isEmpty()) {
      throw new IllegalArgumentException("oneOf needs at least one generator");
    }
    List<Gen<? extends T>> copy = new ArrayList<>(gens);
    copy.forEach(g -> Objects.requireNonNull(g, "generator"));
    return new Gen<>(
        "oneOf" + copy,
        source -> {
          int span = source.startSpan();
          T value = copy.get((int) source.draw(copy.size() - 1)).generate(source);
          source.endSpan(span);
          return value;
        });
  }

  /**
   * Returns a generator that picks one of two generators with the given weights.
   *
   * @param weight1 the weight of {@code gen1}, non-negative
   * @param gen1 the first (simplest) alternative
   * @param weight2 the weight of {@code gen2}, non-negative
   * @param gen2 the second alternative
   * @param <T> the common value type
   * @return the generator; shrinks toward the first alternative
   */
  public static <T> Gen<T> frequency(
      int weight1, Gen<? extends T> gen1, int weight2, Gen<? extends T> gen2) {
    return frequency(List.of(Map.entry(weight1, gen1), Map.entry(weight2, gen2)));
  }

  /**
   * Returns a generator that picks one of three generators with the given weights.
   *
   * @param weight1 the weight of {@code gen1}, non-negative
   * @param gen1 the first (simplest) alternative
   * @param weight2 the weight of {@code gen2}, non-negative
   * @param gen2 the second alternative
   * @param weight3 the weight of {@code gen3}, non-negative
   * @param gen3 the third alternative
   * @param <T> the common value type
   * @return the generator; shrinks toward the first alternative
   */
  public static <T> Gen<T> frequency(
      int weight1,
      Gen<? extends T> gen1,
      int weight2,
      Gen<? extends T> gen2,
      int weight3,
      Gen<? extends T> gen3) {
    return frequency(
        List.of(Map.entry(weight1, gen1), Map.entry(weight2, gen2), Map.entry(weight3, gen3)));
  }

  /**
   * Returns a generator that picks among weighted generators, e.g. {@code
   * frequency(List.of(Map.entry(3, small), Map.entry(1, large)))}.
   *
   * @param weighted weight and generator pairs, simplest first; weights non-negative with a
   *     positive sum
   * @param <T> the common value type
   * @return the generator; shrinks toward the first alternative
   */
  public static <T> Gen<T> frequency(
      List<? extends Map.Entry<Integer, ? extends Gen<? extends T>>> weighted) {
    Objects.requireNonNull(weighted, "weighted");
    int n = weighted.size();
    long[] cumulative = new long[n];
    List<Gen<? extends T>> gens = new ArrayList<>(n);
    long total = 0;
    for (int i = 0; i < n; i++) {
      int weight = weighted.get(i).getKey();
      if (weight < 0) {
        throw new IllegalArgumentException("weights must be non-negative: " + weight);
      }
      total += weight;
      cumulative[i] = total;
      gens.add(Objects.requireNonNull(weighted.get(i).getValue(), "generator"));
    }
    if (total == 0) {
      throw new IllegalArgumentException("frequency needs a positive total weight");
    }
    long last = total - 1;
    return new Gen<>(
        "frequency" + weighted,
        source -> {
          int span = source.startSpan();
          // The hint keeps generation exactly proportional to the weights.
          long hint = source.isGenerating() ? source.random().nextLong(last + 1) : 0;
          long pick = source.draw(last, hint);
          int index = 0;
          while (pick >= cumulative[index]) {
            index++;
          }
          T value = gens.get(index).generate(source);
          source.endSpan(span);
          return value;
        });
  }

  /**
   * Returns a generator of strings over an alphabet.
   *
   * @param alphabet the code points to use, non-empty; the first one is the simplest
   * @param minLength the shortest length in code points, non-negative
   * @param maxLength the longest length in code points, at least {@code minLength}
   * @return the generator; shrinks toward shorter strings of the alphabet's first code point
   */
  public static Gen<String> strings(String alphabet, int minLength, int maxLength) {
    Objects.requireNonNull(alphabet, "alphabet");
    int[] codePoints = alphabet.codePoints().toArray();
    if (codePoints.length == 0) {
      throw new IllegalArgumentException("alphabet must not be empty");
    }
    checkSizes(minLength, maxLength);
    Gen<List<Integer>> lists =
        listOf(
            new Gen<>("codePoint", source -> codePoints[(int) source.draw(codePoints.length - 1)]),
            minLength,
            maxLength);
    String description = "strings(\"" + alphabet + "\", " + minLength + ", " + maxLength + ")";
    return new Gen<>(
        description,
        source -> {
          StringBuilder text = new StringBuilder();
          lists.generate(source).forEach(text::appendCodePoint);
          return text.toString();
        });
  }

  /**
   * Returns a generator of strings of ASCII letters and digits ({@link #ALPHANUMERIC}).
   *
   * @param minLength the shortest length, non-negative
   * @param maxLength the longest length, at least {@code minLength}
   * @return the generator; shrinks toward shorter strings of "a"
   */
  public static Gen<String> alphanumeric(int minLength, int maxLength) {
    return strings(ALPHANUMERIC, minLength, maxLength);
  }

  /**
   * Returns a generator of lists.
   *
   * <p>Typical lengths grow with the size hint (short lists first); both bounds are generated
   * regularly when the range is small.
   *
   * @param elements the element generator
   * @param minSize the smallest size, non-negative
   * @param maxSize the largest size, at least {@code minSize}
   * @param <T> the element type
   * @return the generator; shrinks by dropping elements and simplifying the rest
   */
  public static <T> Gen<List<T>> listOf(Gen<? extends T> elements, int minSize, int maxSize) {
    Objects.requireNonNull(elements, "elements");
    checkSizes(minSize, maxSize);
    return new Gen<>(
        "listOf(" + elements + ", " + minSize + ", " + maxSize + ")",
        source -> {
          int target = source.isGenerating() ? source.targetLength(minSize, maxSize) : 0;
          List<T> list = new ArrayList<>();
          while (list.size() < maxSize) {
            // One span per element, holding its "more?" choice, so deletion drops both at once.
            int span = source.startSpan();
            if (list.size() >= minSize && !more(source, list.size() < target)) {
              source.endSpan(span);
              break;
            }
            list.add(elements.generate(source));
            source.endSpan(span);
          }
          return Collections.unmodifiableList(list);
        });
  }

  /**
   * Returns a generator of sets; duplicates drawn along the way are skipped.
   *
   * @param elements the element generator; must be able to produce {@code minSize} distinct values
   * @param minSize the smallest size, non-negative
   * @param maxSize the largest size, at least {@code minSize}
   * @param <T> the element type
   * @return the generator of insertion-ordered sets; shrinks like {@link #listOf}
   */
  public static <T> Gen<Set<T>> setOf(Gen<? extends T> elements, int minSize, int maxSize) {
    Objects.requireNonNull(elements, "elements");
    checkSizes(minSize, maxSize);
    String description = "setOf(" + elements + ", " + minSize + ", " + maxSize + ")";
    return new Gen<>(
        description,
        source -> {
          Map<T, Boolean> entries =
              distinctEntries(
                  source, description, elements, constant(Boolean.TRUE), minSize, maxSize);
          return Collections.unmodifiableSet(new LinkedHashSet<>(entries.keySet()));
        });
  }

  /**
   * Returns a generator of maps; entries with an already generated key are skipped.
   *
   * @param keys the key generator; must be able to produce {@code minSize} distinct keys
   * @param values the value generator
   * @param minSize the smallest size, non-negative
   * @param maxSize the largest size, at least {@code minSize}
   * @param <K> the key type
   * @param <V> the value type
   * @return the generator of insertion-ordered maps; shrinks like {@link #listOf}
   */
  public static <K, V> Gen<Map<K, V>> mapOf(
      Gen<? extends K> keys, Gen<? extends V> values, int minSize, int maxSize) {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(values, "values");
    checkSizes(minSize, maxSize);
    String description = "mapOf(" + keys + ", " + values + ", " + minSize + ", " + maxSize + ")";
    return new Gen<>(
        description,
        source ->
            Collections.unmodifiableMap(
                distinctEntries(source, description, keys, values, minSize, maxSize)));
  }

  /**
   * Returns a generator of optionals that are present most of the time.
   *
   * @param gen the generator of present values; a null value yields an empty optional
   * @param <T> the value type
   * @return the generator; shrinks toward empty, else toward a simpler value
   */
  public static <T> Gen<Optional<T>> optionals(Gen<? extends T> gen) {
    Objects.requireNonNull(gen, "gen");
    return new Gen<>(
        "optionals(" + gen + ")",
        source -> {
          boolean present = more(source, source.isGenerating() && source.random().nextInt(8) != 0);
          return present ? Optional.ofNullable(gen.generate(source)) : Optional.empty();
        });
  }

  /**
   * Returns a generator that combines two independent values.
   *
   * @param a the first generator
   * @param b the second generator
   * @param combiner a pure function of both values
   * @param <A> the first type
   * @param <B> the second type
   * @param <R> the result type
   * @return the generator; shrinks each part
   */
  public static <A, B, R> Gen<R> combine(
      Gen<? extends A> a,
      Gen<? extends B> b,
      BiFunction<? super A, ? super B, ? extends R> combiner) {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Objects.requireNonNull(combiner, "combiner");
    return new Gen<>(
        "combine(" + a + ", " + b + ")",
        source -> {
          A first = a.generate(source);
          B second = b.generate(source);
          return combiner.apply(first, second);
        });
  }

  /**
   * Returns a generator that combines three independent values.
   *
   * @param a the first generator
   * @param b the second generator
   * @param c the third generator
   * @param combiner a pure function of all values
   * @param <A> the first type
   * @param <B> the second type
   * @param <C> the third type
   * @param <R> the result type
   * @return the generator; shrinks each part
   */
  public static <A, B, C, R> Gen<R> combine(
      Gen<? extends A> a,
      Gen<? extends B> b,
      Gen<? extends C> c,
      Function3<? super A, ? super B, ? super C, ? extends R> combiner) {
    Objects.requireNonNull(combiner, "combiner");
    return new Gen<>(
        "combine(" + a + ", " + b + ", " + c + ")",
        source -> {
          A first = a.generate(source);
          B second = b.generate(source);
          C third = c.generate(source);
          return combiner.apply(first, second, third);
        });
  }

  /**
   * Returns a generator that combines four independent values.
   *
   * @param a the first generator
   * @param b the second generator
   * @param c the third generator
   * @param d the fourth generator
   * @param combiner a pure function of all values
   * @param <A> the first type
   * @param <B> the second type
   * @param <C> the third type
   * @param <D> the fourth type
   * @param <R> the result type
   * @return the generator; shrinks each part
   */
  public static <A, B, C, D, R> Gen<R> combine(
      Gen<? extends A> a,
      Gen<? extends B> b,
      Gen<? extends C> c,
      Gen<? extends D> d,
      Function4<? super A, ? super B, ? super C, ? super D, ? extends R> combiner) {
    Objects.requireNonNull(combiner, "combiner");
    return new Gen<>(
        "combine(" + a + ", " + b + ", " + c + ", " + d + ")",
        source -> {
          A first = a.generate(source);
          B second = b.generate(source);
          C third = c.generate(source);
          D fourth = d.generate(source);
          return combiner.apply(first, second, third, fourth);
        });
  }

  /**
   * Returns a generator of permutations of a list.
   *
   * @param values the elements to permute; copied
   * @param <T> the element type
   * @return the generator of unmodifiable lists; shrinks toward the original order
   */
  public static <T> Gen<List<T>> shuffled(List<? extends T> values) {
    Objects.requireNonNull(values, "values");
    List<T> copy = new ArrayList<>(values);
    return new Gen<>(
        "shuffled(" + copy + ")",
        source -> {
          List<T> list = new ArrayList<>(copy);
          // Fisher-Yates where a zero choice keeps the element in place.
          for (int i = 0; i < list.size() - 1; i++) {
            int j = i + (int) source.draw(list.size() - 1 - i);
            Collections.swap(list, i, j);
          }
          return Collections.unmodifiableList(list);
        });
  }

  /**
   * Returns a generator built from the current size hint (0 to 100, growing over a run).
   *
   * <p>Use with {@link Gen#resize} to bound recursion: {@code sized(n -> n == 0 ? leaf :
   * oneOf(leaf, node(self.resize(n / 2))))}.
   *
   * @param factory makes a generator for a size hint; must be pure
   * @param <T> the value type
   * @return the generator
   */
  public static <T> Gen<T> sized(IntFunction<? extends Gen<? extends T>> factory) {
    Objects.requireNonNull(factory, "factory");
    return new Gen<>(
        "sized(...)",
        source ->
            Objects.requireNonNull(factory.apply(source.size()), "sized factory result")
                .generate(source));
  }

  /**
   * Returns a generator that asks a supplier for the real generator on first use.
   *
   * <p>This is how a generator refers to itself: {@code static final Gen<Tree> TREES =
   * Gens.oneOf(LEAVES, Gens.combine(Gens.lazy(() -> TREES), ...))}. Each lazy use is a span, so a
   * recursive value can shrink to one of its own subtrees. Nesting deeper than 256 lazy levels
   * discards the trial rather than overflowing the stack.
   *
   * @param supplier supplies the generator; called at most a few times, racing threads may each
   *     call it once
   * @param <T> the value type
   * @return the deferred generator
   */
  public static <T> Gen<T> lazy(Supplier<? extends Gen<? extends T>> supplier) {
    Objects.requireNonNull(supplier, "supplier");
    Supplier<Gen<? extends T>> memo =
        new Supplier<>() {
          // Benign race: generators are immutable, so two threads computing it is harmless.
          private volatile Gen<? extends T> value;

          @Override
          public Gen<? extends T> get() {
            Gen<? extends T> result = value;
            if (result == null) {
              result = Objects.requireNonNull(supplier.get(), "lazy supplier result");
              value = result;
            }
            return result;
          }
        };
    return new Gen<>(
        "lazy(...)",
        source -> {
          source.enterRecursion();
          try {
            int span = source.startSpan();
            T value = memo.get().generate(source);
            source.endSpan(span);
            return value;
          } finally {
            source.exitRecursion();
          }
        });
  }

  /**
   * A function of three arguments, for {@link #combine(Gen, Gen, Gen, Function3)}.
   *
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <C> the third argument type
   * @param <R> the result type
   */
  @FunctionalInterface
  public interface Function3<A, B, C, R> {
    /**
     * Applies the function.
     *
     * @param a the first argument
     * @param b the second argument
     * @param c the third argument
     * @return the result
     */
    R apply(A a, B b, C c);
  }

  /**
   * A function of four arguments, for {@link #combine(Gen, Gen, Gen, Gen, Function4)}.
   *
   * @param <A> the first argument type
   * @param <B> the second argument type
   * @param <C> the third argument type
   * @param <D> the fourth argument type
   * @param <R> the result type
   */
  @FunctionalInterface
  public interface Function4<A, B, C, D, R> {
    /**
     * Applies the function.
     *
     * @param a the first argument
     * @param b the second argument
     * @param c the third argument
     * @param d the fourth argument
     * @return the result
     */
    R apply(A a, B b, C c, D d);
  }

  /** Draws a "one more?" flag; 0 (stop) is simplest, so shrinking shortens collections. */
  private static boolean more(ChoiceSource source, boolean hint) {
    return source.draw(1, hint ? 1 : 0) == 1;
  }

  private static <K, V> Map<K, V> distinctEntries(
      ChoiceSource source,
      String description,
      Gen<? extends K> keys,
      Gen<? extends V> values,
      int minSize,
      int maxSize) {
    int target = source.isGenerating() ? source.targetLength(minSize, maxSize) : 0;
    Map<K, V> map = new LinkedHashMap<>();
    int duplicatesInARow = 0;
    while (map.size() < maxSize) {
      int span = source.startSpan();
      if (map.size() >= minSize && !more(source, map.size() < target)) {
        source.endSpan(span);
        break;
      }
      K key = keys.generate(source);
      boolean fresh = !map.containsKey(key);
      if (fresh) {
        map.put(key, values.generate(source));
      }
      source.endSpan(span);
      duplicatesInARow = fresh ? 0 : duplicatesInARow + 1;
      if (duplicatesInARow > DUPLICATE_LIMIT) {
        if (map.size() >= minSize) {
          break;
        }
        throw new Discarded(
            description
                + " drew "
                + DUPLICATE_LIMIT
                + " duplicates in a row before reaching "
                + minSize
                + " distinct elements; widen the element generator or lower the minimum size");
      }
    }
    return map;
  }

  /** Copies varargs element by element, so the generic array itself never escapes. */
  @SafeVarargs
  private static <T> List<T> listOf(T... values) {
    List<T> list = new ArrayList<>(values.length);
    for (T value : values) {
      list.add(value);
    }
    return list;
  }

  private static void checkRange(long min, long max) {
    if (min > max) {
      throw new IllegalArgumentException("min " + min + " must not exceed max " + max);
    }
  }

  private static void checkSizes(int minSize, int maxSize) {
    if (minSize < 0 || minSize > maxSize) {
      throw new IllegalArgumentException(
          "sizes must satisfy 0 <= min <= max, got min " + minSize + ", max " + maxSize);
    }
  }
}
