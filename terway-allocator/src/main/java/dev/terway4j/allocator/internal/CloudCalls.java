package dev.terway4j.allocator.internal;

import static com.google.common.base.Preconditions.checkNotNull;
import static dev.terway4j.model.ControlCharacters.escaped;

import dev.terway4j.allocator.AllocatorMetrics;
import dev.terway4j.allocator.CloudCallStats;
import dev.terway4j.allocator.RateLimits;
import dev.terway4j.allocator.RetryPolicy;
import dev.terway4j.allocator.Waiter;
import dev.terway4j.cloud.spi.CloudClientException;
import dev.terway4j.cloud.spi.CloudException;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.cloud.spi.CloudServiceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The discipline every cloud call of the allocator goes through: a per-API token bucket on the
 * injected clock, bounded retries with backoff and seeded jitter for retryable failures, and
 * counting.
 *
 * <p>A retried call is sent again unchanged: callers that create pass a request with a client
 * token, so that a retry after an ambiguous failure returns the same ENI. Thread-safe.
 */
public final class CloudCalls {
  private static final Logger log = LoggerFactory.getLogger(CloudCalls.class);
  private static final Duration LOG_WAITS_FROM = Duration.ofSeconds(5);

  private final Clock clock;
  private final Waiter waiter;
  private final RetryPolicy retryPolicy;
  private final AllocatorMetrics metrics;
  private final Map<CloudOperation, TokenBucket> buckets = new EnumMap<>(CloudOperation.class);
  private final Map<CloudOperation, LongAdder> calls = new EnumMap<>(CloudOperation.class);
  private final Map<CloudOperation, LongAdder> failures = new EnumMap<>(CloudOperation.class);
  private final AtomicLong waitedNanos = new AtomicLong();
  private final Object randomLock = new Object();
  private final SplittableRandom random;

  /**
   * Creates the discipline.
   *
   * @param clock the clock buckets and latencies are measured on
   * @param waiter how to wait
   * @param rateLimits the per-API limits
   * @param retryPolicy the retries
   * @param metrics where to report
   * @param seed the seed of the jitter
   */
  public CloudCalls(
      Clock clock,
      Waiter waiter,
      RateLimits rateLimits,
      RetryPolicy retryPolicy,
      AllocatorMetrics metrics,
      long seed) {
    this.clock = checkNotNull(clock, "clock");
    this.waiter = checkNotNull(waiter, "waiter");
    this.retryPolicy = checkNotNull(retryPolicy, "retryPolicy");
    this.metrics = checkNotNull(metrics, "metrics");
    this.random = new SplittableRandom(seed);
    Instant now = clock.instant();
    for (CloudOperation op : CloudOperation.values()) {
      buckets.put(op, new TokenBucket(rateLimits.perMinute(op), now));
      calls.put(op, new LongAdder());
      failures.put(op, new LongAdder());
    }
  }

  /**
   * Runs a call with rate limiting and retries.
   *
   * @param operation the API the call uses
   * @param call the call; sent again unchanged on a retryable failure
   * @param <T> the result type
   * @return the result
   * @throws CloudException the last failure, once retries are exhausted or it is not retryable
   */
  public <T> T call(CloudOperation operation, Supplier<T> call) {
    for (int attempt = 1; ; attempt++) {
      acquire(operation);
      Instant started = clock.instant();
      calls.get(operation).increment();
      try {
        T result = call.get();
        metrics.cloudCall(operation, "success", Duration.between(started, clock.instant()));
        return result;
      } catch (CloudException e) {
        failures.get(operation).increment();
        metrics.cloudCall(operation, outcome(e), Duration.between(started, clock.instant()));
        if (!e.retryable() || attempt >= retryPolicy.maxAttempts()) {
          throw e;
        }
        Duration delay;
        synchronized (randomLock) {
          delay = retryPolicy.delayAfter(attempt, random);
        }
        log.debug(
            "{} attempt {} failed ({}), retrying in {}",
            operation.apiName(),
            attempt,
            escaped(outcome(e)),
            delay);
        if (!delay.isZero()) {
          waiter.await(delay);
        }
      }
    }
  }

  /**
   * Runs a call that returns nothing.
   *
   * @param operation the API
   * @param call the call
   */
  public void run(CloudOperation operation, Runnable call) {
    call(
        operation,
        () -> {
          call.run();
          return null;
        });
  }

  private void acquire(CloudOperation operation) {
    Duration wait = buckets.get(operation).reserve(clock.instant());
    if (wait.isZero()) {
      return;
    }
    if (wait.compareTo(LOG_WAITS_FROM) >= 0) {
      log.info("rate limiter of {} holds a call for {}", operation.apiName(), wait);
    }
    waitedNanos.addAndGet(wait.toNanos());
    metrics.rateLimiterWait(operation, wait);
    waiter.await(wait);
  }

  /**
   * Returns what the calls so far add up to.
   *
   * @return a snapshot
   */
  public CloudCallStats stats() {
    Map<CloudOperation, Long> c = new EnumMap<>(CloudOperation.class);
    Map<CloudOperation, Long> f = new EnumMap<>(CloudOperation.class);
    for (CloudOperation op : CloudOperation.values()) {
      c.put(op, calls.get(op).sum());
      f.put(op, failures.get(op).sum());
    }
    return new CloudCallStats(c, f, Duration.ofNanos(waitedNanos.get()));
  }

  /**
   * Returns a short name of a failure for metrics and logs: the error code, or the kind.
   *
   * @param e the failure
   * @return e.g. {@code Throttling} or {@code outcome-unknown}
   */
  public static String outcome(CloudException e) {
    if (e instanceof CloudServiceException service) {
      return service.errorCode();
    }
    if (e instanceof CloudClientException client) {
      return client.outcomeUnknown() ? "outcome-unknown" : "client-error";
    }
    return e.getClass().getSimpleName();
  }
}
