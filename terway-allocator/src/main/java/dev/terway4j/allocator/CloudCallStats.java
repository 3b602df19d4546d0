package dev.terway4j.allocator;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import dev.terway4j.cloud.spi.CloudOperation;
import java.time.Duration;
import java.util.Map;

/**
 * A snapshot of the cloud calls an allocator made: attempts per API (retries included), failed
 * attempts per API, and time spent waiting for the client-side rate limiters.
 *
 * <p>Immutable and thread-safe.
 *
 * @param calls attempts per API; every API present
 * @param failures failed attempts per API; every API present
 * @param rateLimiterWait total time spent waiting for rate limiters
 */
public record CloudCallStats(
    Map<CloudOperation, Long> calls, Map<CloudOperation, Long> failures, Duration rateLimiterWait) {

  /** Checks and copies the values. */
  public CloudCallStats {
    calls = ImmutableMap.copyOf(calls);
    failures = ImmutableMap.copyOf(failures);
    checkNotNull(rateLimiterWait, "rateLimiterWait");
  }

  /**
   * Returns the attempts of one API.
   *
   * @param operation the API
   * @return the count
   */
  public long calls(CloudOperation operation) {
    return calls.getOrDefault(operation, 0L);
  }

  /**
   * Returns the attempts of every API together.
   *
   * @return the count
   */
  public long totalCalls() {
    return calls.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Returns the calls made between an earlier snapshot and this one.
   *
   * @param earlier the earlier snapshot
   * @return the difference
   */
  public CloudCallStats minus(CloudCallStats earlier) {
    ImmutableMap.Builder<CloudOperation, Long> c = ImmutableMap.builder();
    ImmutableMap.Builder<CloudOperation, Long> f = ImmutableMap.builder();
    for (CloudOperation op : CloudOperation.values()) {
      c.put(op, calls(op) - earlier.calls(op));
      f.put(op, failures.getOrDefault(op, 0L) - earlier.failures.getOrDefault(op, 0L));
    }
    return new CloudCallStats(c.build(), f.build(), rateLimiterWait.minus(earlier.rateLimiterWait));
  }
}
