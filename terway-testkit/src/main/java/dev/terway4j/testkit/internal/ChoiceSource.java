package dev.terway4j.testkit.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The stream of non-negative choices every generator draws from, recorded so it can be replayed.
 *
 * <p>A source either <em>generates</em> (choices come from a random generator, possibly steered by
 * a hint) or <em>replays</em> a recorded prefix (choices come from the array; past its end every
 * choice is zero). Because every generated value is a pure function of its choices, shrinking only
 * has to make the choice sequence smaller and replay it: that is what makes shrinking work through
 * {@code map}, {@code flatMap} and {@code filter} without type-specific shrinkers. The convention
 * that makes this effective is that <strong>choice zero always means the simplest option</strong>.
 *
 * <p>Spans mark groups of choices that belong together (a list element, a filter attempt, an action
 * step) so the shrinker can delete or hoist them as a unit.
 *
 * <p>Not thread-safe: one source belongs to one trial on one thread.
 */
public final class ChoiceSource {
  /** Upper bound on choices per trial, so runaway recursion is discarded instead of hanging. */
  public static final int MAX_CHOICES = 32_768;

  /** Deepest nesting of {@code lazy} generators, so runaway recursion is discarded, not a crash. */
  public static final int MAX_DEPTH = 256;

  private static final long[] NO_CHOICES = {};

  private final SplittableRandom random;
  private final long[] prefix;
  private long[] choices = new long[32];
  private int length;
  private int[] spans = new int[32];
  private int spanCount;
  private int size;
  private int depth;
  private Object example;

  private ChoiceSource(SplittableRandom random, long[] prefix, int size) {
    this.random = random;
    this.prefix = prefix;
    this.size = size;
  }

  /**
   * Creates a source that makes fresh random choices.
   *
   * @param random the run's random generator; consumed by this source
   * @param size the size hint generators scale with, 0 to 100
   * @return a generating source
   */
  public static ChoiceSource generating(SplittableRandom random, int size) {
    return new ChoiceSource(random, NO_CHOICES, size);
  }

  /**
   * Creates a source that replays recorded choices, then answers zero once they run out.
   *
   * @param prefix the choices to replay; not copied, so callers must not modify it
   * @param size the size hint of the run being replayed
   * @return a replaying source
   */
  public static ChoiceSource replaying(long[] prefix, int size) {
    return new ChoiceSource(null, prefix, size);
  }

  /**
   * Tells whether this source makes fresh random choices.
   *
   * @return true when generating, false when replaying
   */
  public boolean isGenerating() {
    return random != null;
  }

  /**
   * Returns the random generator, for computing hints while generating.
   *
   * @return the random generator
   * @throws IllegalStateException when replaying, because replay must not consume randomness
   */
  public SplittableRandom random() {
    if (random == null) {
      throw new IllegalStateException("a replaying source has no randomness");
    }
    return random;
  }

  /**
   * Draws a choice in {@code [0, max]}, uniformly when generating.
   *
   * @param max the largest allowed choice, non-negative
   * @return the choice
   */
  public long draw(long max) {
    return draw(max, random == null ? 0 : uniform(random, max));
  }

  /**
   * Draws a choice in {@code [0, max]}; when generating the choice is exactly {@code hint}.
   *
   * <p>Hints let a generator pick a value with any distribution it likes while still recording
   * choices whose zero is the simplest value. When replaying, the hint is ignored and a recorded
   * choice larger than {@code max} is clamped to {@code max}.
   *
   * @param max the largest allowed choice, non-negative
   * @param hint the choice to make when generating, in {@code [0, max]}; ignored when replaying
   * @return the choice
   */
  public long draw(long max, long hint) {
    if (max < 0) {
      throw new IllegalArgumentException("max must be non-negative: " + max);
    }
    if (length >= MAX_CHOICES) {
      throw new Discarded(
          "the generated value needed more than "
              + MAX_CHOICES
              + " random choices; bound the sizes of collections and recursion");
    }
    long value;
    if (random != null) {
      if (hint < 0 || hint > max) {
        throw new IllegalArgumentException("hint " + hint + " is outside [0, " + max + "]");
      }
      value = hint;
    } else if (length < prefix.length) {
      value = Math.min(prefix[length], max);
    } else {
      value = 0;
    }
    if (length == choices.length) {
      choices = Arrays.copyOf(choices, length * 2);
    }
    choices[length++] = value;
    return value;
  }

  /**
   * Draws a long in {@code [min, max]} whose simplest value is the one closest to zero.
   *
   * <p>The encoding is a side flag (only when the range extends below the simplest value) followed
   * by a distance from the simplest value, so lowering either choice moves toward it. When
   * generating, the value is biased toward the bounds, the simplest value and small distances,
   * because those are where bugs cluster and a uniform draw would rarely hit them.
   *
   * @param min the smallest value
   * @param max the largest value, at least {@code min}
   * @return the drawn value
   */
  public long drawInRange(long min, long max) {
    if (min > max) {
      throw new IllegalArgumentException("min " + min + " > max " + max);
    }
    if (min == max) {
      return min;
    }
    long target = min > 0 ? min : (max < 0 ? max : 0);
    long hint = random == null ? target : biasedValue(min, max, target);
    boolean below = false;
    if (min < target) {
      below = draw(1, hint < target ? 1 : 0) == 1;
    }
    if (below) {
      // target <= 0 here, so target - 1 - min cannot overflow even for Long.MIN_VALUE.
      long farthest = target - 1 - min;
      return target - 1 - draw(farthest, hint < target ? target - 1 - hint : 0);
    }
    if (max > target) {
      return target + draw(max - target, hint >= target ? hint - target : 0);
    }
    return target;
  }

  /**
   * Picks a collection length to aim for while generating; the size hint caps typical lengths.
   *
   * @param min the smallest allowed length
   * @param max the largest allowed length
   * @return a length in {@code [min, max]}
   * @throws IllegalStateException when replaying
   */
  public int targetLength(int min, int max) {
    SplittableRandom r = random();
    long limit = Math.min((long) max - min, Math.max(5, size / 2));
    int pick = r.nextInt(8);
    long extra = pick == 0 ? 0 : pick == 1 ? limit : r.nextLong(limit + 1);
    return (int) (min + extra);
  }

  /**
   * Opens a span at the current position.
   *
   * @return the token to pass to {@link #endSpan(int)}
   */
  public int startSpan() {
    return length;
  }

  /**
   * Closes a span opened by {@link #startSpan()}; empty spans are not recorded.
   *
   * @param start the token returned by {@link #startSpan()}
   */
  public void endSpan(int start) {
    if (length == start) {
      return;
    }
    if (spanCount * 2 == spans.length) {
      spans = Arrays.copyOf(spans, spans.length * 2);
    }
    spans[spanCount * 2] = start;
    spans[spanCount * 2 + 1] = length;
    spanCount++;
  }

  /**
   * Notes entry into a recursive generator; pair every call with {@link #exitRecursion()}.
   *
   * @throws Discarded when recursion is nested deeper than {@link #MAX_DEPTH}, which would
   *     otherwise end in a stack overflow
   */
  public void enterRecursion() {
    if (++depth > MAX_DEPTH) {
      depth--;
      throw new Discarded(
          "recursive generation nested deeper than "
              + MAX_DEPTH
              + " levels; put the base case first in oneOf/frequency or bound the depth with"
              + " sized and resize");
    }
  }

  /** Notes exit from a recursive generator entered with {@link #enterRecursion()}. */
  public void exitRecursion() {
    depth--;
  }

  /**
   * Returns the size hint generators scale with.
   *
   * @return the size hint
   */
  public int size() {
    return size;
  }

  /**
   * Replaces the size hint; callers restore the previous one when their generator is done.
   *
   * @param size the new size hint, non-negative
   */
  public void setSize(int size) {
    this.size = size;
  }

  /**
   * Returns the object the trial registered to describe its counterexample, if any.
   *
   * @return the example or null
   */
  public Object example() {
    return example;
  }

  /**
   * Registers the object that describes this trial's counterexample should it fail.
   *
   * @param example the description object
   */
  public void setExample(Object example) {
    this.example = example;
  }

  /**
   * Returns a copy of the choices made so far.
   *
   * @return the recorded choices
   */
  public long[] choices() {
    return Arrays.copyOf(choices, length);
  }

  /**
   * Returns a copy of the recorded spans as {@code start, end} pairs in the order they closed.
   *
   * @return the spans
   */
  public int[] spans() {
    return Arrays.copyOf(spans, spanCount * 2);
  }

  private static long uniform(SplittableRandom random, long max) {
    if (max == Long.MAX_VALUE) {
      return random.nextLong() & Long.MAX_VALUE;
    }
    return random.nextLong(max + 1);
  }

  private long biasedValue(long min, long max, long target) {
    int pick = random.nextInt(16);
    switch (pick) {
      case 0:
        return min;
      case 1:
        return max;
      case 2:
        return target;
      case 3:
      case 4:
      case 5:
      case 6:
        return clamp(saturatingAdd(target, random.nextLong(33) - 16), min, max);
      case 7:
      case 8:
      case 9:
        int bits = random.nextInt(64);
        long magnitude = bits == 0 ? 0 : random.nextLong() >>> (64 - bits);
        long offset = random.nextBoolean() ? magnitude : -magnitude;
        return clamp(saturatingAdd(target, offset), min, max);
      default:
        return uniformBetween(min, max);
    }
  }

  private long uniformBetween(long min, long max) {
    long width = max - min;
    if (width >= 0 && width < Long.MAX_VALUE) {
      return min + random.nextLong(width + 1);
    }
    // The range holds at least 2^63 values, so rejection accepts at least half the draws.
    while (true) {
      long candidate = random.nextLong();
      if (candidate >= min && candidate <= max) {
        return candidate;
      }
    }
  }

  private static long clamp(long value, long min, long max) {
    return Math.max(min, Math.min(max, value));
  }

  /**
   * Adds two longs, sticking at the extremes instead of wrapping around.
   *
   * @param a the first addend
   * @param b the second addend
   * @return {@code a + b}, saturated to the long range
   */
  public static long saturatingAdd(long a, long b) {
    long sum = a + b;
    if (((a ^ sum) & (b ^ sum)) < 0) {
      return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return sum;
  }
}
