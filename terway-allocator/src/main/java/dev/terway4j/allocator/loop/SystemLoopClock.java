package dev.terway4j.allocator.loop;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link LoopClock} in real time: it reads {@link Clock#systemUTC()} and runs wake-ups on one
 * daemon thread of its own, which waits (it never spins) until the earliest is due.
 *
 * <p>Thread-safe. {@link #close()} stops the thread; wake-ups asked for afterwards are refused, and
 * those still pending are dropped.
 */
public final class SystemLoopClock implements LoopClock, AutoCloseable {
  private static final AtomicInteger COUNT = new AtomicInteger();
  private final Clock clock = Clock.systemUTC();
  private final ScheduledThreadPoolExecutor executor;

  SystemLoopClock() {
    String name = "terway-loop-clock-" + COUNT.incrementAndGet();
    this.executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread thread = new Thread(r, name);
              thread.setDaemon(true);
              return thread;
            });
    // A cancelled or finished wake-up leaves nothing behind: the queue holds only pending ones.
    executor.setRemoveOnCancelPolicy(true);
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public Wake wakeAt(Instant at, Runnable task) {
    checkNotNull(at, "at");
    checkNotNull(task, "task");
    Instant now = clock.instant();
    long nanos;
    if (!at.isAfter(now)) {
      nanos = 0;
    } else {
      Duration delay = Duration.between(now, at);
      // A wake-up centuries ahead waits "forever" rather than overflowing.
      nanos =
          delay.compareTo(Duration.ofDays(365 * 100)) > 0 ? Long.MAX_VALUE / 4 : delay.toNanos();
    }
    ScheduledFuture<?> future = executor.schedule(task, nanos, TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  /** Stops the clock's thread; pending wake-ups are dropped. Idempotent. */
  @Override
  public void close() {
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "SystemLoopClock";
  }
}
