package dev.terway4j.cloud.fake;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that only moves when told to, for deterministic tests of time-dependent behaviour.
 *
 * <p>Thread-safe: the instant is held in an atomic reference.
 */
public final class FakeClock extends Clock {
  /** The instant a clock made with {@link #FakeClock()} starts at. */
  public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");

  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  /** Creates a clock at {@link #DEFAULT_START}, in UTC. */
  public FakeClock() {
    this(DEFAULT_START);
  }

  /**
   * Creates a clock at the given instant, in UTC.
   *
   * @param start the initial instant
   */
  public FakeClock(Instant start) {
    this(new AtomicReference<>(checkNotNull(start, "start")), ZoneOffset.UTC);
  }

  private FakeClock(AtomicReference<Instant> now, ZoneId zone) {
    this.now = now;
    this.zone = zone;
  }

  /**
   * Moves the clock forward.
   *
   * @param duration how far, not negative
   * @return the new instant
   */
  public Instant advance(Duration duration) {
    checkArgument(!duration.isNegative(), "cannot go back in time: %s", duration);
    return now.updateAndGet(i -> i.plus(duration));
  }

  /**
   * Sets the clock; it may not go backwards.
   *
   * @param instant the new instant
   */
  public void set(Instant instant) {
    checkNotNull(instant, "instant");
    now.updateAndGet(
        i -> {
          checkArgument(!instant.isBefore(i), "cannot go back in time from %s to %s", i, instant);
          return instant;
        });
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** Returns a clock sharing this one's time, in another zone. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new FakeClock(now, checkNotNull(zone, "zone"));
  }

  @Override
  public String toString() {
    return "FakeClock[" + now.get() + "]";
  }
}
