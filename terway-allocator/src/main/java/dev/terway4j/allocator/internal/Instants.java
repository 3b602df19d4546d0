package dev.terway4j.allocator.internal;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/** Arithmetic on instants that stops at the ends of the time line instead of throwing. */
public final class Instants {
  private Instants() {}

  /**
   * Returns {@code instant + duration}, or {@link Instant#MAX} / {@link Instant#MIN} where that
   * would leave the range (a clock that jumped to the end of time must not break a schedule).
   *
   * @param instant the instant
   * @param duration the duration, of either sign
   * @return the sum, saturated
   */
  public static Instant plusSaturating(Instant instant, Duration duration) {
    try {
      return instant.plus(duration);
    } catch (DateTimeException | ArithmeticException e) {
      return duration.isNegative() ? Instant.MIN : Instant.MAX;
    }
  }
}
