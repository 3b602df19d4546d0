package dev.terway4j.testkit.internal;

import dev.terway4j.cloud.fake.FakeClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The controller's clock in the harness: the harness's fake clock, except while a jump is on, when
 * it reads a fixed distance ahead or behind, or a fixed instant (the end of time). The cloud keeps
 * the fake clock: a node's clock jumps, not the cloud's. Thread-safe (volatile state).
 */
final class JumpingClock extends Clock {
  private final FakeClock base;
  private volatile Duration offset = Duration.ZERO;
  private volatile Instant pinned;

  JumpingClock(FakeClock base) {
    this.base = base;
  }

  /** Jumps by a distance from the fake clock's time, either way. */
  void jump(Duration by) {
    pinned = null;
    offset = by;
  }

  /** Jumps to a fixed instant. */
  void pin(Instant at) {
    pinned = at;
  }

  /** Comes back to the fake clock's time. */
  void back() {
    pinned = null;
    offset = Duration.ZERO;
  }

  @Override
  public Instant instant() {
    Instant at = pinned;
    if (at != null) {
      return at;
    }
    Instant now = base.instant();
    Duration by = offset;
    try {
      return now.plus(by);
    } catch (RuntimeException e) {
      return by.isNegative() ? Instant.MIN : Instant.MAX;
    }
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public String toString() {
    return "JumpingClock{" + instant() + "}";
  }
}
