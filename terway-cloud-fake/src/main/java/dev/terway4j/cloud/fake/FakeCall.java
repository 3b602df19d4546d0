package dev.terway4j.cloud.fake;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.cloud.spi.CloudOperation;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One call to a {@link FakeCloudProvider}, as recorded in its call log.
 *
 * <p>Immutable and thread-safe.
 *
 * @param sequence the call's number, from 1, in the order calls were served
 * @param startedAt the clock's time when the call arrived
 * @param operation the operation
 * @param request a short description of the arguments (ids, filters)
 * @param outcome how the call ended
 * @param errorCode the error code the caller saw, for a failed call
 * @param latency the latency injected into this call
 */
public record FakeCall(
    long sequence,
    Instant startedAt,
    CloudOperation operation,
    String request,
    Outcome outcome,
    Optional<String> errorCode,
    Duration latency) {

  /** How a call ended. */
  public enum Outcome {
    /** It succeeded. */
    SUCCEEDED,
    /** It failed and changed nothing. */
    FAILED,
    /** It took effect, but the caller saw an outcome-unknown client exception. */
    APPLIED_THEN_FAILED
  }

  /** Checks the values. */
  public FakeCall {
    checkNotNull(startedAt, "startedAt");
    checkNotNull(operation, "operation");
    checkNotNull(request, "request");
    checkNotNull(outcome, "outcome");
    checkNotNull(errorCode, "errorCode");
    checkNotNull(latency, "latency");
  }
}
