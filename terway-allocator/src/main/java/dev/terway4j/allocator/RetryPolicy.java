package dev.terway4j.allocator;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Bounded retries with exponential backoff and jitter, for cloud calls that failed in a way that
 * retrying can fix (throttling, internal errors, lost connections).
 *
 * <p>Attempt {@code n} (from 1) that fails waits {@code min(cap, initialDelay * factor^(n-1))},
 * stretched by a random fraction up to {@code jitter} of itself, before attempt {@code n + 1};
 * after {@code maxAttempts} attempts the last failure is thrown. Terway's default backoff is 2 s,
 * factor 1.5, jitter 0.3, 6 steps ({@link #terwayDefault()}). Immutable and thread-safe.
 *
 * @param maxAttempts how many attempts in all, at least 1
 * @param initialDelay the wait after the first failure, not negative
 * @param factor how much each wait grows, at least 1
 * @param jitter the largest random stretch of a wait, as a fraction of it, 0 to 10
 * @param cap the longest wait
 */
public record RetryPolicy(
    int maxAttempts, Duration initialDelay, double factor, double jitter, Duration cap) {

  /** Checks the values. */
  public RetryPolicy {
    checkArgument(maxAttempts >= 1, "maxAttempts must be at least 1: %s", maxAttempts);
    checkNotNull(initialDelay, "initialDelay");
    checkArgument(!initialDelay.isNegative(), "initialDelay is negative: %s", initialDelay);
    checkArgument(factor >= 1, "factor must be at least 1: %s", factor);
    checkArgument(jitter >= 0 && jitter <= 10, "jitter must be 0 to 10: %s", jitter);
    checkNotNull(cap, "cap");
    checkArgument(!cap.isNegative(), "cap is negative: %s", cap);
  }

  /**
   * Returns Terway's default backoff: 6 attempts, 2 s, factor 1.5, jitter 0.3, capped at 30 s.
   *
   * @return the policy
   */
  public static RetryPolicy terwayDefault() {
    return new RetryPolicy(6, Duration.ofSeconds(2), 1.5, 0.3, Duration.ofSeconds(30));
  }

  /**
   * Returns a policy that never retries.
   *
   * @return the policy
   */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, 1, 0, Duration.ZERO);
  }

  /**
   * Returns the wait after failed attempt {@code attempt}.
   *
   * @param attempt the attempt that failed, from 1
   * @param random the source of the jitter
   * @return the wait
   */
  public Duration delayAfter(int attempt, RandomGenerator random) {
    checkArgument(attempt >= 1, "attempt must be at least 1: %s", attempt);
    double base = initialDelay.toNanos() * Math.pow(factor, attempt - 1);
    base = Math.min(base, cap.toNanos());
    double stretched = base * (1 + jitter * random.nextDouble());
    return Duration.ofNanos((long) stretched);
  }
}
