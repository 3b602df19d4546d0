package dev.terway4j.allocator;

import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.model.PodEniPhase;
import java.time.Duration;
import java.util.Map;

/**
 * Where the allocator reports its measurements: cloud calls by API and outcome with their
 * latencies, time spent waiting for the client-side rate limiter, and PodENIs by phase. {@link
 * dev.terway4j.allocator.micrometer.MicrometerAllocatorMetrics} puts them in a Micrometer registry
 * (with {@code micrometer-core}, an optional dependency, on the class path); bridge them to any
 * other registry by implementing this interface. Every method defaults to doing nothing.
 *
 * <p><b>Thread safety:</b> implementations must be thread-safe and quick; methods are called from
 * every thread that does allocator work.
 */
public interface AllocatorMetrics {

  /**
   * Records one cloud call (one attempt, retries count separately).
   *
   * @param operation the API
   * @param outcome {@code success}, or the error code or exception kind of the failure
   * @param latency how long it took on the allocator's clock
   */
  default void cloudCall(CloudOperation operation, String outcome, Duration latency) {}

  /**
   * Records time spent waiting for a rate limiter before a call.
   *
   * @param operation the API
   * @param waited how long
   */
  default void rateLimiterWait(CloudOperation operation, Duration waited) {}

  /**
   * Reports how many PodENIs are in each phase; called by the periodic release check.
   *
   * @param counts the count per phase, every phase present
   */
  default void podEnisByPhase(Map<PodEniPhase, Long> counts) {}

  /**
   * Returns metrics that record nothing.
   *
   * @return the metrics
   */
  static AllocatorMetrics none() {
    return new AllocatorMetrics() {};
  }
}
