package dev.terway4j.cloud.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;

/**
 * A request the cloud service answered with an error: it carries the service's error code (for
 * Alibaba Cloud, codes such as {@code InvalidVSwitchId.IpNotEnough}), the HTTP status and the
 * request id.
 *
 * <p>The portable subtypes ({@link NotFoundException}, {@link AlreadyExistsException}, {@link
 * InsufficientResourcesException}, {@link RateLimitedException}, {@link UnauthorizedException},
 * {@link InvalidArgumentException}, {@link InvalidStateException}, {@link
 * ServiceUnavailableException}) say what the code means; {@link CloudErrors#fromService} picks the
 * subtype for a code. An {@link InvalidArgumentException} may also be raised locally, before any
 * request is sent, when an argument is one the service would reject (a malformed id); it then has
 * no request id.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public class CloudServiceException extends CloudException {
  private static final long serialVersionUID = 1L;

  private final String errorCode;
  private final int httpStatus;
  private final String requestId;

  /**
   * Creates a service-side failure.
   *
   * @param message the service's message, or ours naming the resource
   * @param errorCode the service's error code, never empty
   * @param httpStatus the HTTP status of the reply (for a locally detected error, the status the
   *     service would have used)
   * @param requestId the service's request id, or {@code null} when detected locally
   * @param cause the underlying failure, or {@code null}
   */
  public CloudServiceException(
      String message, String errorCode, int httpStatus, String requestId, Throwable cause) {
    super(format(message, errorCode, httpStatus, requestId), cause);
    checkArgument(!errorCode.isEmpty(), "errorCode is empty");
    checkArgument(
        httpStatus >= 100 && httpStatus <= 599, "httpStatus out of range: %s", httpStatus);
    this.errorCode = errorCode;
    this.httpStatus = httpStatus;
    this.requestId = requestId;
  }

  private static String format(String message, String errorCode, int httpStatus, String requestId) {
    checkNotNull(message, "message");
    checkNotNull(errorCode, "errorCode");
    return message
        + " (errorCode: "
        + errorCode
        + ", httpStatus: "
        + httpStatus
        + ", requestId: "
        + (requestId == null ? "none" : requestId)
        + ")";
  }

  /**
   * Returns the service's error code, e.g. {@code InvalidEniId.NotFound}. See {@link
   * CloudErrorCodes}.
   *
   * @return the error code, never empty
   */
  public String errorCode() {
    return errorCode;
  }

  /**
   * Returns the HTTP status of the reply.
   *
   * @return an HTTP status code
   */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * Returns the service's request id, empty when the error was detected before sending.
   *
   * @return the request id, if any
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** Retryable for HTTP 429 and 5xx; subtypes refine this. */
  @Override
  public boolean retryable() {
    return httpStatus == 429 || httpStatus >= 500;
  }
}
