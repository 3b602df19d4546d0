package dev.terway4j.allocator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Recurring due times on a clock that jumps (issue 13 item 12). */
class ScheduleTest {
  private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");
  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void due_onceAnIntervalHasPassed_thenAgainOneIntervalLater() {
    Schedule schedule = new Schedule(MINUTE, T);

    assertFalse(schedule.due(T.plusSeconds(59)));
    assertTrue(schedule.due(T.plusSeconds(60)));
    assertFalse(schedule.due(T.plusSeconds(119)));
    assertTrue(schedule.due(T.plusSeconds(120)));
  }

  @Test
  void due_afterAJumpTenYearsAheadAndBack_isDueAgainWithinAnInterval_issue13item12() {
    Schedule schedule = new Schedule(MINUTE, T);

    assertTrue(schedule.due(T.plus(Duration.ofDays(3653))));
    assertFalse(schedule.due(T.plusSeconds(30)), "back: the far due time is brought back");
    assertTrue(schedule.due(T.plusSeconds(90)));
  }

  @Test
  void due_atInstantMax_neitherThrowsNorStaysStuck_issue13item12() {
    Schedule schedule = new Schedule(MINUTE, Instant.MAX.minusSeconds(1));

    assertTrue(schedule.due(Instant.MAX));
    assertEquals(Instant.MAX, schedule.next());
    assertTrue(schedule.due(Instant.MAX));
    assertFalse(schedule.due(T));
    assertTrue(schedule.due(T.plus(MINUTE)));
  }

  @Test
  void plusSaturating_stopsAtTheEndsOfTheTimeLine_issue13item12() {
    assertEquals(Instant.MAX, Instants.plusSaturating(Instant.MAX, MINUTE));
    assertEquals(Instant.MIN, Instants.plusSaturating(Instant.MIN, MINUTE.negated()));
    assertEquals(T.plus(MINUTE), Instants.plusSaturating(T, MINUTE));
  }
}
