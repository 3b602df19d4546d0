package dev.terway4j.allocator.loop;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link RateLimiter}s of a {@link WorkQueue}, after client-go's: per-key exponential backoff,
 * an overall token bucket, the larger of several, and the controller default that combines the
 * first two ({@link #controllerDefault()}).
 *
 * <p>Every limiter returned is thread-safe.
 */
public final class RateLimiters {
  /** The most keys a per-key limiter counts retries for, unless told otherwise. */
  public static final int DEFAULT_MAX_KEYS = 150_000;

  private RateLimiters() {}

  /**
   * Returns client-go's default controller rate limiter: the larger of a per-key exponential
   * backoff from 5 ms doubling up to 1000 s, and an overall token bucket of 10 per second with a
   * burst of 100.
   *
   * @param <K> the key type
   * @return the limiter
   */
  public static <K> RateLimiter<K> controllerDefault() {
    return maxOf(
        List.of(
            exponential(Duration.ofMillis(5), Duration.ofSeconds(1000)), tokenBucket(10.0, 100)));
  }

  /**
   * Returns a per-key exponential backoff: the {@code n}-th retry of a key (from 0) waits {@code
   * min(cap, base * 2^n)}; {@link RateLimiter#forget} starts the key over. It counts retries for at
   * most {@link #DEFAULT_MAX_KEYS} keys at once.
   *
   * @param <K> the key type
   * @param base the first wait, positive
   * @param cap the longest wait, at least {@code base}
   * @return the limiter
   * @throws IllegalArgumentException if {@code base} is not positive or {@code cap} is shorter
   */
  public static <K> RateLimiter<K> exponential(Duration base, Duration cap) {
    return exponential(base, cap, DEFAULT_MAX_KEYS);
  }

  /**
   * Returns a per-key exponential backoff (see {@link #exponential(Duration, Duration)}) that
   * counts retries for at most {@code maxKeys} keys at once: a key retried while that many others
   * are counted waits {@code cap} and is not counted, so memory stays bounded and an overloaded
   * queue backs off as much as it can.
   *
   * @param <K> the key type
   * @param base the first wait, positive
   * @param cap the longest wait, at least {@code base}
   * @param maxKeys the most keys counted, positive
   * @return the limiter
   * @throws IllegalArgumentException if a value is out of range
   */
  public static <K> RateLimiter<K> exponential(Duration base, Duration cap, int maxKeys) {
    checkNotNull(base, "base");
    checkNotNull(cap, "cap");
    checkArgument(!base.isNegative() && !base.isZero(), "base must be positive: %s", base);
    checkArgument(cap.compareTo(base) >= 0, "cap %s is shorter than base %s", cap, base);
    checkArgument(maxKeys > 0, "maxKeys must be positive: %s", maxKeys);
    return new Exponential<>(base, cap, maxKeys);
  }

  /**
   * Returns an overall token bucket, like client-go's bucket rate limiter: it holds {@code burst}
   * tokens, refilled at {@code perSecond}; every retry takes one, in debt if need be, and waits
   * until its token is there. It counts no key ({@link RateLimiter#numRequeues} is 0).
   *
   * @param <K> the key type
   * @param perSecond the refill rate, positive and finite
   * @param burst the bucket's size, positive
   * @return the limiter
   * @throws IllegalArgumentException if a value is out of range
   */
  public static <K> RateLimiter<K> tokenBucket(double perSecond, int burst) {
    checkArgument(
        perSecond > 0 && Double.isFinite(perSecond),
        "perSecond must be positive and finite: %s",
        perSecond);
    checkArgument(burst > 0, "burst must be positive: %s", burst);
    return new Bucket<>(perSecond, burst);
  }

  /**
   * Returns a limiter whose wait is the longest of {@code limiters}' (each is asked, so each
   * counts); forgetting forgets in each; {@link RateLimiter#numRequeues} is the largest count.
   *
   * @param <K> the key type
   * @param limiters at least one
   * @return the limiter
   */
  public static <K> RateLimiter<K> maxOf(List<? extends RateLimiter<K>> limiters) {
    checkNotNull(limiters, "limiters");
    checkArgument(!limiters.isEmpty(), "limiters is empty");
    limiters.forEach(l -> checkNotNull(l, "limiters has a null"));
    return new MaxOf<>(List.copyOf(limiters));
  }

  private static final class Exponential<K> implements RateLimiter<K> {
    private final Duration base;
    private final Duration cap;
    private final int maxKeys;
    private final Map<K, Integer> failures = new HashMap<>();

    Exponential(Duration base, Duration cap, int maxKeys) {
      this.base = base;
      this.cap = cap;
      this.maxKeys = maxKeys;
    }

    @Override
    public synchronized Duration when(K key, Instant now) {
      checkNotNull(key, "key");
      Integer previous = failures.get(key);
      if (previous == null && failures.size() >= maxKeys) {
        return cap;
      }
      int exponent = previous == null ? 0 : previous;
      failures.put(key, exponent == Integer.MAX_VALUE ? exponent : exponent + 1);
      return backoff(exponent);
    }

    /** Returns {@code min(cap, base * 2^exponent)} without overflowing. */
    private Duration backoff(int exponent) {
      if (exponent >= 62) {
        return cap;
      }
      long factor = 1L << exponent;
      long capNanos = saturatedNanos(cap);
      long baseNanos = saturatedNanos(base);
      if (baseNanos > capNanos / factor) {
        return cap;
      }
      return Duration.ofNanos(baseNanos * factor);
    }

    private static long saturatedNanos(Duration d) {
      return d.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : d.toNanos();
    }

    @Override
    public synchronized void forget(K key) {
      failures.remove(key);
    }

    @Override
    public synchronized int numRequeues(K key) {
      return failures.getOrDefault(key, 0);
    }

    @Override
    public String toString() {
      return "exponential(" + base + ", " + cap + ")";
    }
  }

  private static final class Bucket<K> implements RateLimiter<K> {
    private final double perNano;
    private final double burst;
    private double tokens;
    private Instant last;

    Bucket(double perSecond, int burst) {
      this.perNano = perSecond / 1e9;
      this.burst = burst;
      this.tokens = burst;
    }

    @Override
    public synchronized Duration when(K key, Instant now) {
      checkNotNull(now, "now");
      if (last == null || now.isBefore(last)) {
        // First use, or the clock went back: refill from now on rather than waiting for the old
        // time to come round again.
        last = now;
      } else if (now.isAfter(last)) {
        Duration elapsed = Duration.between(last, now);
        double refill = elapsed.getSeconds() * 1e9 * perNano + elapsed.getNano() * perNano;
        tokens = Math.min(burst, tokens + refill);
        last = now;
      }
      tokens -= 1;
      if (tokens >= 0) {
        return Duration.ZERO;
      }
      double nanos = Math.ceil(-tokens / perNano);
      return nanos >= Long.MAX_VALUE
          ? Duration.ofNanos(Long.MAX_VALUE)
          : Duration.ofNanos((long) nanos);
    }

    @Override
    public void forget(K key) {}

    @Override
    public int numRequeues(K key) {
      return 0;
    }

    @Override
    public String toString() {
      return "tokenBucket(" + perNano * 1e9 + "/s, " + (int) burst + ")";
    }
  }

  private static final class MaxOf<K> implements RateLimiter<K> {
    private final List<RateLimiter<K>> limiters;

    MaxOf(List<RateLimiter<K>> limiters) {
      this.limiters = limiters;
    }

    @Override
    public Duration when(K key, Instant now) {
      Duration longest = Duration.ZERO;
      for (RateLimiter<K> limiter : limiters) {
        Duration d = limiter.when(key, now);
        if (d.compareTo(longest) > 0) {
          longest = d;
        }
      }
      return longest;
    }

    @Override
    public void forget(K key) {
      limiters.forEach(l -> l.forget(key));
    }

    @Override
    public int numRequeues(K key) {
      int most = 0;
      for (RateLimiter<K> limiter : limiters) {
        most = Math.max(most, limiter.numRequeues(key));
      }
      return most;
    }

    @Override
    public String toString() {
      return "maxOf" + limiters;
    }
  }
}
