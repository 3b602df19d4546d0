package dev.terway4j.cloud.fake;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.cloud.fake.internal.TokenBucket;
import dev.terway4j.cloud.spi.CloudErrorCodes;
import dev.terway4j.cloud.spi.CloudOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The fault-injection knobs of a {@link FakeCloudProvider}, per operation.
 *
 * <p>One-shot faults ({@link #throttle}, {@link #failWith}, {@link #applyThenFail}) queue up per
 * operation and each is consumed by one call, in the order they were added. Standing faults ({@link
 * #latency}, {@link #rateLimit}) apply to every call until {@link #clear()}. A call is checked in
 * this order: the rate limit, then injected latency (the fake clock is advanced, nothing sleeps),
 * then the next one-shot fault.
 *
 * <p>Thread-safe: every method takes the provider's lock.
 */
public final class FakeFaults {
  private static final Set<String> FORBIDDEN_STATUS_CODES =
      Set.of(
          CloudErrorCodes.VSWITCH_IP_NOT_ENOUGH,
          CloudErrorCodes.QUOTA_EXCEEDED_PRIVATE_IP,
          CloudErrorCodes.ENI_PER_INSTANCE_LIMIT_EXCEEDED,
          CloudErrorCodes.SECURITY_GROUP_INSTANCE_LIMIT_EXCEED,
          CloudErrorCodes.INVALID_ENI_TYPE,
          CloudErrorCodes.AVAILABILITY_ZONE_MISMATCH,
          CloudErrorCodes.VPC_MISMATCH,
          CloudErrorCodes.OPERATION_CONFLICT,
          CloudErrorCodes.IPV4_COUNT_EXCEEDED,
          CloudErrorCodes.IPV6_COUNT_EXCEEDED,
          CloudErrorCodes.FORBIDDEN_RAM);

  /** A one-shot fault. */
  record Fault(Kind kind, String errorCode, int httpStatus) {}

  /**
   * A fault queued {@code remaining} times in a row: counts are stored, not one entry per call, so
   * that {@code times = Integer.MAX_VALUE} costs one entry (issue 13 item 8). Guarded by the lock.
   */
  private static final class Run {
    final Fault fault;
    long remaining;

    Run(Fault fault, long remaining) {
      this.fault = fault;
      this.remaining = remaining;
    }
  }

  /** What a one-shot fault does. */
  enum Kind {
    FAIL,
    APPLY_THEN_FAIL
  }

  private final ReentrantLock lock;
  private final Map<CloudOperation, Deque<Run>> pending = new EnumMap<>(CloudOperation.class);
  private final Map<CloudOperation, Duration> latencies = new EnumMap<>(CloudOperation.class);
  private final Map<CloudOperation, TokenBucket> rateLimits = new EnumMap<>(CloudOperation.class);
  private final FakeClock clockForLatency;
  private final java.time.Clock clock;

  FakeFaults(ReentrantLock lock, java.time.Clock clock) {
    this.lock = lock;
    this.clock = clock;
    this.clockForLatency = clock instanceof FakeClock fake ? fake : null;
  }

  /**
   * Makes the next {@code times} calls of an operation fail with {@code Throttling} (HTTP 400),
   * i.e. a {@link dev.terway4j.cloud.spi.RateLimitedException}.
   *
   * @param operation the operation
   * @param times how many calls, at least 1
   * @return this
   */
  public FakeFaults throttle(CloudOperation operation, int times) {
    return failWith(operation, CloudErrorCodes.THROTTLING, 400, times);
  }

  /**
   * Makes the next {@code times} calls of an operation fail with an error code, with the HTTP
   * status ECS uses for it (403, 404, 500 or 503; 400 otherwise). The exception type is the one
   * {@link dev.terway4j.cloud.spi.CloudErrors#fromService} gives for the code.
   *
   * @param operation the operation
   * @param errorCode e.g. {@code InvalidVSwitchId.IpNotEnough}
   * @param times how many calls, at least 1
   * @return this
   */
  public FakeFaults failWith(CloudOperation operation, String errorCode, int times) {
    return failWith(operation, errorCode, httpStatusOf(errorCode), times);
  }

  /**
   * Makes the next {@code times} calls of an operation fail with an error code and HTTP status.
   *
   * @param operation the operation
   * @param errorCode the error code
   * @param httpStatus the HTTP status
   * @param times how many calls, at least 1
   * @return this
   */
  public FakeFaults failWith(
      CloudOperation operation, String errorCode, int httpStatus, int times) {
    checkNotNull(errorCode, "errorCode");
    checkArgument(!errorCode.isEmpty(), "errorCode is empty");
    checkArgument(httpStatus >= 400 && httpStatus <= 599, "not an error status: %s", httpStatus);
    return enqueue(operation, new Fault(Kind.FAIL, errorCode, httpStatus), times);
  }

  /**
   * Makes the next {@code times} calls of an operation take effect and then fail as if the reply
   * was lost: the caller gets a {@link dev.terway4j.cloud.spi.CloudClientException} whose {@code
   * outcomeUnknown()} is true. Calls that fail on their own are not affected but still consume the
   * fault.
   *
   * @param operation the operation
   * @param times how many calls, at least 1
   * @return this
   */
  public FakeFaults applyThenFail(CloudOperation operation, int times) {
    return enqueue(operation, new Fault(Kind.APPLY_THEN_FAIL, null, 0), times);
  }

  /**
   * Adds latency to every call of an operation: the provider's clock, if it is a {@link FakeClock},
   * is advanced by this much when the call arrives, and the latency is recorded in the call log.
   * Nothing sleeps.
   *
   * @param operation the operation
   * @param latency the latency; zero removes it
   * @return this
   */
  public FakeFaults latency(CloudOperation operation, Duration latency) {
    checkNotNull(operation, "operation");
    checkArgument(!latency.isNegative(), "latency is negative: %s", latency);
    lock.lock();
    try {
      if (latency.isZero()) {
        latencies.remove(operation);
      } else {
        latencies.put(operation, latency);
      }
    } finally {
      lock.unlock();
    }
    return this;
  }

  /**
   * Limits an operation on the server side, as ECS does per API: a token bucket holding {@code
   * callsPerMinute} calls, refilled at that rate on the provider's clock. Calls over the limit fail
   * with {@code Throttling}.
   *
   * @param operation the operation
   * @param callsPerMinute the limit, at least 1
   * @return this
   */
  public FakeFaults rateLimit(CloudOperation operation, int callsPerMinute) {
    checkNotNull(operation, "operation");
    lock.lock();
    try {
      rateLimits.put(
          operation, new TokenBucket(callsPerMinute, Duration.ofMinutes(1), clock.instant()));
    } finally {
      lock.unlock();
    }
    return this;
  }

  /**
   * Removes every fault, one-shot and standing.
   *
   * @return this
   */
  public FakeFaults clear() {
    lock.lock();
    try {
      pending.clear();
      latencies.clear();
      rateLimits.clear();
    } finally {
      lock.unlock();
    }
    return this;
  }

  /**
   * Returns how many one-shot faults are still queued for an operation, at most {@link
   * Integer#MAX_VALUE}.
   *
   * @param operation the operation
   * @return the count
   */
  public int pendingCount(CloudOperation operation) {
    lock.lock();
    try {
      Deque<Run> queue = pending.get(operation);
      long count = 0;
      if (queue != null) {
        for (Run run : queue) {
          count += run.remaining;
        }
      }
      return (int) Math.min(count, Integer.MAX_VALUE);
    } finally {
      lock.unlock();
    }
  }

  private FakeFaults enqueue(CloudOperation operation, Fault fault, int times) {
    checkNotNull(operation, "operation");
    checkArgument(times >= 1, "times must be at least 1: %s", times);
    lock.lock();
    try {
      Deque<Run> queue = pending.computeIfAbsent(operation, o -> new ArrayDeque<>());
      Run last = queue.peekLast();
      if (last != null && last.fault.equals(fault)) {
        last.remaining += times; // at most about 2^31 calls per enqueue: a long cannot overflow
      } else {
        queue.add(new Run(fault, times));
      }
    } finally {
      lock.unlock();
    }
    return this;
  }

  /** Returns whether the rate limit admits a call now. Caller holds the lock. */
  boolean admit(CloudOperation operation, Instant now) {
    TokenBucket bucket = rateLimits.get(operation);
    return bucket == null || bucket.tryAcquire(now);
  }

  /** Applies the operation's latency to the fake clock and returns it. Caller holds the lock. */
  Duration applyLatency(CloudOperation operation) {
    Duration latency = latencies.getOrDefault(operation, Duration.ZERO);
    if (!latency.isZero() && clockForLatency != null) {
      clockForLatency.advance(latency);
    }
    return latency;
  }

  /** Takes the next one-shot fault, or null. Caller holds the lock. */
  Fault next(CloudOperation operation) {
    Deque<Run> queue = pending.get(operation);
    Run run = queue == null ? null : queue.peekFirst();
    if (run == null) {
      return null;
    }
    if (--run.remaining == 0) {
      queue.pollFirst();
    }
    return run.fault;
  }

  /** The HTTP status ECS uses for an error code. */
  static int httpStatusOf(String errorCode) {
    if (errorCode.endsWith(".NotFound")) {
      return 404;
    }
    if (FORBIDDEN_STATUS_CODES.contains(errorCode)) {
      return 403;
    }
    if (errorCode.equals(CloudErrorCodes.INTERNAL_ERROR)) {
      return 500;
    }
    if (errorCode.equals(CloudErrorCodes.SERVICE_UNAVAILABLE)) {
      return 503;
    }
    return 400;
  }
}
