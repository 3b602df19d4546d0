package dev.terway4j.cloud.fake.internal;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket on an external clock: {@code capacity} tokens, refilled at {@code capacity} per
 * {@code period}, the way ECS limits calls per API (and Terway's limiter is shaped: burst N, N per
 * minute). Time is passed in, so it is deterministic.
 *
 * <p>Not thread-safe: the fake cloud guards it with its lock.
 */
public final class TokenBucket {
  private final int capacity;
  private final double tokensPerNano;
  private double tokens;
  private Instant last;

  /**
   * Creates a full bucket.
   *
   * @param capacity the burst size and refill amount per period, at least 1
   * @param period the refill period
   * @param now the current time
   */
  public TokenBucket(int capacity, Duration period, Instant now) {
    checkArgument(capacity >= 1, "capacity must be at least 1: %s", capacity);
    checkArgument(!period.isNegative() && !period.isZero(), "period must be positive: %s", period);
    this.capacity = capacity;
    this.tokensPerNano = capacity / (double) period.toNanos();
    this.tokens = capacity;
    this.last = checkNotNull(now, "now");
  }

  /**
   * Takes a token if one is available.
   *
   * @param now the current time (never before an earlier call's)
   * @return {@code true} if a token was taken, {@code false} if the call must be refused
   */
  public boolean tryAcquire(Instant now) {
    if (now.isAfter(last)) {
      tokens = Math.min(capacity, tokens + Duration.between(last, now).toNanos() * tokensPerNano);
      last = now;
    }
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
