package dev.terway4j.allocator.loop;

import java.time.Instant;

/**
 * The time a {@link WorkQueue} or a {@link PodLoop} reads, and the wake-ups it asks for: a delayed
 * add or a backoff becomes due at an instant, and the clock calls back then.
 *
 * <p>Two implementations: {@link #system()} (real time, wake-ups run on a daemon thread of its own)
 * and {@link VirtualLoopClock} (virtual time on any {@link java.time.Clock}, such as the fake
 * cloud's {@code FakeClock}: wake-ups run when the test moves time on). Code written against this
 * interface runs unchanged in both, so a test of the backoff sequence needs no sleeps.
 *
 * <p><b>Thread safety:</b> implementations must be thread-safe. A wake-up task must be quick and
 * must not block: it runs on the clock's thread (real time) or on the thread that moves time on
 * (virtual time), which other wake-ups share.
 */
public interface LoopClock {

  /**
   * Returns the current instant.
   *
   * @return now
   */
  Instant now();

  /**
   * Runs {@code task} once, at {@code at} or soon after (at once if {@code at} is not after now).
   * Wake-ups may be asked for in any order; a task asked for twice runs twice.
   *
   * @param at when
   * @param task what; quick and non-blocking
   * @return a handle that cancels the wake-up if it has not run yet
   * @throws java.util.concurrent.RejectedExecutionException if the clock is closed
   */
  Wake wakeAt(Instant at, Runnable task);

  /** A wake-up asked for; {@link #cancel()} keeps it from running if it has not yet. */
  @FunctionalInterface
  interface Wake {
    /** Cancels the wake-up if it has not run; does nothing otherwise. Idempotent. */
    void cancel();
  }

  /**
   * Returns a clock in real time: {@link java.time.Clock#systemUTC()}, wake-ups on a daemon thread
   * of its own (one per clock, so that two loops share nothing).
   *
   * @return the clock
   */
  static SystemLoopClock system() {
    return new SystemLoopClock();
  }
}
