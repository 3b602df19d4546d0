package dev.terway4j.allocator;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Waits for a while: how the allocator spends the time a rate limiter or a retry backoff asks for.
 *
 * <p>The allocator never sleeps on its own: in production pass {@link #sleeping()}; in tests pass a
 * waiter that advances a fake clock, so that the same code runs deterministically in virtual time.
 * Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Waiter {

  /**
   * Waits for {@code duration}, or returns early if interrupted (restoring the interrupt flag).
   *
   * @param duration how long, positive
   */
  void await(Duration duration);

  /**
   * Returns a waiter that blocks the calling thread for real.
   *
   * @return the waiter
   */
  static Waiter sleeping() {
    return duration -> {
      checkNotNull(duration, "duration");
      try {
        TimeUnit.NANOSECONDS.sleep(duration.toNanos());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }
}
