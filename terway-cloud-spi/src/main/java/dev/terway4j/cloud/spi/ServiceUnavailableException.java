package dev.terway4j.cloud.spi;

/**
 * A service-side failure meaning the service failed or is unavailable (InternalError,
 * ServiceUnavailable, HTTP 5xx).
 *
 * <p>Back off and retry; a create must be retried with the same client token. {@link #retryable()}
 * is {@code true}. Instances are immutable and safe to share between threads.
 */
public class ServiceUnavailableException extends CloudServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the resource
   * @param errorCode the service's error code
   * @param httpStatus the HTTP status
   * @param requestId the request id, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public ServiceUnavailableException(
      String message, String errorCode, int httpStatus, String requestId, Throwable cause) {
    super(message, errorCode, httpStatus, requestId, cause);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
