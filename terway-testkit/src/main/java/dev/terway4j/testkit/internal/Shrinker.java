package dev.terway4j.testkit.internal;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Minimises a failing choice sequence by proposing smaller sequences and replaying them.
 *
 * <p>"Smaller" is shortlex order: fewer choices first, then lexicographically lower choices. A
 * candidate is accepted only if its replay still fails and the choices it actually consumed are
 * smaller than the current best, so shrinking always terminates. Any failure counts, not only one
 * like the original; that is simpler and rarely matters in practice.
 *
 * <p>The passes, repeated until a whole round makes no progress or the budget runs out:
 *
 * <ol>
 *   <li>delete whole spans (list elements, action steps, filter attempts);
 *   <li>hoist a span in place of a span that contains it (replaces a tree by a subtree);
 *   <li>delete runs of 8, 4, 2 and 1 choices;
 *   <li>zero runs of 8, 4 and 2 choices;
 *   <li>lower each choice to zero, else binary-search its smallest failing value;
 *   <li>lower a choice by one while deleting a later span (fixes length-then-elements shapes such
 *       as {@code flatMap(n -> listOf(g, n, n))});
 *   <li>move a choice's value onto a nearby later choice (turns {@code [40, 60]} into {@code [0,
 *       100]} for sum properties).
 * </ol>
 *
 * <p>Not thread-safe; one shrinker per failure.
 */
public final class Shrinker {
  private static final int REDISTRIBUTE_WINDOW = 8;
  private static final int LOWER_AND_DELETE_SPANS = 8;
  private static final int HOIST_OUTER_LIMIT = 64;
  private static final int HOIST_INNER_LIMIT = 16;
  private static final int CACHE_LIMIT = 50_000;

  private final Function<long[], TrialRun> replay;
  private final int maxAttempts;
  private final Set<Key> tried = new HashSet<>();
  private TrialRun best;
  private int steps;
  private int attempts;

  /**
   * Creates a shrinker for one failure.
   *
   * @param failing the failing run to start from
   * @param replay runs a candidate choice sequence and classifies it
   * @param maxAttempts how many replays the shrinker may spend
   */
  public Shrinker(TrialRun failing, Function<long[], TrialRun> replay, int maxAttempts) {
    this.best = failing;
    this.replay = replay;
    this.maxAttempts = maxAttempts;
  }

  /**
   * Shrinks until no pass helps or the attempt budget is spent.
   *
   * @return the smallest failing run found
   */
  public TrialRun shrink() {
    boolean improved = true;
    while (improved && !exhausted()) {
      improved = deleteSpans();
      improved |= hoistSpans();
      for (int k = 8; k >= 1; k /= 2) {
        improved |= deleteChunks(k);
      }
      for (int k = 8; k >= 2; k /= 2) {
        improved |= zeroChunks(k);
      }
      improved |= minimizeChoices();
      improved |= lowerAndDelete();
      improved |= redistribute();
    }
    return best;
  }

  /**
   * Returns how many candidates were accepted.
   *
   * @return the number of successful shrink steps
   */
  public int steps() {
    return steps;
  }

  /**
   * Returns how many replays were spent.
   *
   * @return the number of attempts
   */
  public int attempts() {
    return attempts;
  }

  private boolean exhausted() {
    return attempts >= maxAttempts;
  }

  private boolean consider(long[] candidate) {
    if (exhausted() || compare(candidate, best.choices()) >= 0) {
      return false;
    }
    if (tried.size() > CACHE_LIMIT) {
      tried.clear();
    }
    if (!tried.add(new Key(candidate))) {
      return false;
    }
    attempts++;
    TrialRun run = replay.apply(candidate);
    if (run.failed() && compare(run.choices(), best.choices()) < 0) {
      best = run;
      steps++;
      return true;
    }
    return false;
  }

  private boolean deleteSpans() {
    boolean improved = false;
    for (int i = best.spanCount() - 1; i >= 0 && !exhausted(); i--) {
      if (i < best.spanCount()) {
        improved |= consider(remove(best.choices(), best.spanStart(i), best.spanEnd(i)));
      }
    }
    return improved;
  }

  private boolean hoistSpans() {
    boolean improved = false;
    int outerTried = 0;
    for (int i = best.spanCount() - 1; i >= 0 && outerTried < HOIST_OUTER_LIMIT; i--) {
      if (i >= best.spanCount() || exhausted()) {
        continue;
      }
      int start = best.spanStart(i);
      int end = best.spanEnd(i);
      outerTried++;
      int innerTried = 0;
      for (int j = 0; j < best.spanCount() && innerTried < HOIST_INNER_LIMIT; j++) {
        int innerStart = best.spanStart(j);
        int innerEnd = best.spanEnd(j);
        if (innerStart < start || innerEnd > end || innerEnd - innerStart >= end - start) {
          continue;
        }
        innerTried++;
        long[] current = best.choices();
        long[] candidate = new long[current.length - (end - start) + (innerEnd - innerStart)];
        System.arraycopy(current, 0, candidate, 0, start);
        System.arraycopy(current, innerStart, candidate, start, innerEnd - innerStart);
        System.arraycopy(
            current, end, candidate, start + innerEnd - innerStart, current.length - end);
        if (consider(candidate)) {
          improved = true;
          break;
        }
      }
    }
    return improved;
  }

  private boolean deleteChunks(int k) {
    boolean improved = false;
    for (int i = best.length() - k; i >= 0 && !exhausted(); i--) {
      if (i + k <= best.length()) {
        improved |= consider(remove(best.choices(), i, i + k));
      }
    }
    return improved;
  }

  private boolean zeroChunks(int k) {
    boolean improved = false;
    for (int i = best.length() - k; i >= 0 && !exhausted(); i--) {
      if (i + k > best.length()) {
        continue;
      }
      long[] candidate = best.choices();
      boolean nonZero = false;
      for (int j = i; j < i + k; j++) {
        nonZero |= candidate[j] != 0;
        candidate[j] = 0;
      }
      if (nonZero) {
        improved |= consider(candidate);
      }
    }
    return improved;
  }

  private boolean minimizeChoices() {
    boolean improved = false;
    for (int i = 0; i < best.length() && !exhausted(); i++) {
      long value = best.choice(i);
      if (value == 0) {
        continue;
      }
      if (consider(with(best.choices(), i, 0))) {
        improved = true;
        continue;
      }
      // Invariant: lo does not fail (or was not accepted), hi is the current failing value.
      long lo = 0;
      long hi = value;
      while (hi - lo > 1 && !exhausted() && i < best.length()) {
        long mid = lo + (hi - lo) / 2;
        if (consider(with(best.choices(), i, mid))) {
          improved = true;
          hi = i < best.length() ? Math.min(mid, best.choice(i)) : mid;
        } else {
          lo = mid;
        }
      }
    }
    return improved;
  }

  private boolean lowerAndDelete() {
    boolean improved = false;
    for (int i = 0; i < best.length() && !exhausted(); i++) {
      if (best.choice(i) == 0) {
        continue;
      }
      int spansTried = 0;
      for (int s = 0; s < best.spanCount() && spansTried < LOWER_AND_DELETE_SPANS; s++) {
        if (best.spanStart(s) <= i) {
          continue;
        }
        spansTried++;
        long[] lowered = with(best.choices(), i, best.choice(i) - 1);
        if (consider(remove(lowered, best.spanStart(s), best.spanEnd(s)))) {
          improved = true;
          break;
        }
      }
    }
    return improved;
  }

  private boolean redistribute() {
    boolean improved = false;
    for (int i = 0; i < best.length() && !exhausted(); i++) {
      long value = best.choice(i);
      if (value == 0) {
        continue;
      }
      int last = Math.min(best.length() - 1, i + REDISTRIBUTE_WINDOW);
      for (int j = i + 1; j <= last && i < best.length(); j++) {
        long[] candidate = best.choices();
        if (j >= candidate.length) {
          break;
        }
        candidate[i] = 0;
        candidate[j] = ChoiceSource.saturatingAdd(candidate[j], value);
        if (consider(candidate)) {
          improved = true;
          break;
        }
      }
    }
    return improved;
  }

  private static long[] remove(long[] choices, int from, int to) {
    long[] result = new long[choices.length - (to - from)];
    System.arraycopy(choices, 0, result, 0, from);
    System.arraycopy(choices, to, result, from, choices.length - to);
    return result;
  }

  private static long[] with(long[] choices, int index, long value) {
    choices[index] = value;
    return choices;
  }

  /**
   * Compares choice sequences in shortlex order.
   *
   * @param a one sequence
   * @param b another sequence
   * @return negative, zero or positive as {@code a} is simpler than, equal to or more complex than
   *     {@code b}
   */
  public static int compare(long[] a, long[] b) {
    if (a.length != b.length) {
      return Integer.compare(a.length, b.length);
    }
    return Arrays.compare(a, b);
  }

  /** Wraps an array so it can sit in a hash set of already-tried candidates. */
  private static final class Key {
    private final long[] choices;
    private final int hash;

    Key(long[] choices) {
      this.choices = choices;
      this.hash = Arrays.hashCode(choices);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Key && Arrays.equals(choices, ((Key) other).choices);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
