package dev.terway4j.allocator.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rate-limit bucket on a clock that jumps (issue 13 item 12). */
class TokenBucketTest {
  private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void reserve_afterTheClockWentBack_refillsFromThen_issue13item12() {
    TokenBucket bucket = new TokenBucket(60, T.plus(Duration.ofDays(3653)));
    for (int i = 0; i < 60; i++) {
      bucket.reserve(T.plus(Duration.ofDays(3653)));
    }

    bucket.reserve(T);
    // One more minute on the returned clock refills the bucket; without the fix it would stay
    // empty for ten years.
    assertEquals(Duration.ZERO, bucket.reserve(T.plus(Duration.ofMinutes(2))));
  }

  @Test
  void reserve_atInstantMax_doesNotOverflow_issue13item12() {
    TokenBucket bucket = new TokenBucket(60, T);

    assertDoesNotThrow(() -> bucket.reserve(Instant.MAX));
    assertEquals(Duration.ZERO, bucket.reserve(Instant.MAX));
  }
}
