package dev.terway4j.cloud.spi;

/**
 * A client token was reused with different request parameters ({@code IdempotentFailed}): the
 * service refuses the request rather than guess which one was meant.
 *
 * <p>Never retryable: the caller must use a fresh token for a new request. Instances are immutable
 * and safe to share between threads.
 */
public class IdempotencyMismatchException extends AlreadyExistsException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong, naming the token
   * @param errorCode the service's error code
   * @param httpStatus the HTTP status
   * @param requestId the request id, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public IdempotencyMismatchException(
      String message, String errorCode, int httpStatus, String requestId, Throwable cause) {
    super(message, errorCode, httpStatus, requestId, cause);
  }
}
