package dev.terway4j.cloud.spi;

/**
 * A service-side failure meaning the caller's credentials are missing, wrong, or lack the
 * permission (Forbidden.RAM).
 *
 * <p>Retrying does not help until the credentials or the RAM policy change. {@link #retryable()} is
 * {@code false}. Instances are immutable and safe to share between threads.
 */
public class UnauthorizedException extends CloudServiceException {
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
  public UnauthorizedException(
      String message, String errorCode, int httpStatus, String requestId, Throwable cause) {
    super(message, errorCode, httpStatus, requestId, cause);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
