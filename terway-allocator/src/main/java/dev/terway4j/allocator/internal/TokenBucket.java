package dev.terway4j.allocator.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * A token bucket of {@code burst} tokens refilled at {@code burst} per minute, on times the caller
 * passes in (the allocator's clock). A reservation may take the bucket into debt: it then returns
 * how long the caller must wait, and later reservations wait longer, so waiting callers are served
 * in reservation order at the refill rate.
 *
 * <p>Thread-safe (synchronized; the critical section is a few arithmetic operations).
 */
public final class TokenBucket {
  private static final Duration REFILL_TIME = Duration.ofMinutes(1);
  private final double burst;
  private final double tokensPerNano;
  private double tokens;
  private Instant last;

  /**
   * Creates a full bucket.
   *
   * @param callsPerMinute the burst and the refill per minute
   * @param now the current time
   */
  public TokenBucket(int callsPerMinute, Instant now) {
    this.burst = callsPerMinute;
    this.tokensPerNano = callsPerMinute / (double) Duration.ofMinutes(1).toNanos();
    this.tokens = callsPerMinute;
    this.last = now;
  }

  /**
   * Takes one token, in debt if need be.
   *
   * @param now the current time
   * @return how long the caller must wait before calling; zero if a token was there
   */
  public synchronized Duration reserve(Instant now) {
    if (now.isAfter(last)) {
      Duration elapsed = Duration.between(last, now);
      // A minute refills the bucket; comparing first keeps a jump to the end of time from
      // overflowing the nanosecond count.
      tokens =
          elapsed.compareTo(REFILL_TIME) >= 0
              ? burst
              : Math.min(burst, tokens + elapsed.toNanos() * tokensPerNano);
      last = now;
    } else if (now.isBefore(last)) {
      // The clock went back (after a jump forward, say): refill from now on, rather than not
      // until the clock reaches the old time again.
      last = now;
    }
    tokens -= 1;
    if (tokens >= 0) {
      return Duration.ZERO;
    }
    return Duration.ofNanos((long) Math.ceil(-tokens / tokensPerNano));
  }
}
