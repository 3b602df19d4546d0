package dev.terway4j.allocator.internal;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.time.Instant;

/**
 * A recurring job's next due time, on a clock that may jump. A job is due once {@code now} reaches
 * its due time, and is then due again one interval later. If the clock went back (a jump forward
 * that returned, or a correction), the due time would lie more than one interval ahead of now,
 * which never happens otherwise: it is then brought back to one interval from now, so one jump
 * delays a job by at most an interval instead of disabling it until the clock catches up.
 * Arithmetic saturates at {@link Instant#MAX}.
 *
 * <p>Not thread-safe: the allocator calls it under its tick lock.
 */
public final class Schedule {
  private final Duration interval;
  private Instant next;

  /**
   * Creates a schedule whose first due time is one interval from now.
   *
   * @param interval the interval, positive
   * @param now the current time
   */
  public Schedule(Duration interval, Instant now) {
    checkNotNull(interval, "interval");
    checkArgument(!interval.isNegative() && !interval.isZero(), "interval %s", interval);
    this.interval = interval;
    this.next = Instants.plusSaturating(checkNotNull(now, "now"), interval);
  }

  /**
   * Returns whether the job is due now; if it is, the next due time becomes one interval from now.
   *
   * @param now the current time
   * @return {@code true} if the job should run now
   */
  public boolean due(Instant now) {
    checkNotNull(now, "now");
    Instant oneIntervalAhead = Instants.plusSaturating(now, interval);
    if (!now.isBefore(next)) {
      next = oneIntervalAhead;
      return true;
    }
    if (next.isAfter(oneIntervalAhead)) {
      // The clock went back since the due time was set.
      next = oneIntervalAhead;
    }
    return false;
  }

  /**
   * Returns the next due time.
   *
   * @return the instant
   */
  public Instant next() {
    return next;
  }
}
