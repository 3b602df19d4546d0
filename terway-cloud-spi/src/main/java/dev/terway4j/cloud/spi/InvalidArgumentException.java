package dev.terway4j.cloud.spi;

/**
 * A request the service rejects, or would reject, because of its arguments: a malformed id, an
 * out-of-range count, an ENI in another zone than the instance ({@code InvalidParameter}, {@code
 * MissingParameter}, {@code InvalidOperation.AvailabilityZoneMismatch}).
 *
 * <p>Raised locally, before any request is sent and without a request id, for arguments the SPI
 * validates itself (see {@link #local}). Never retryable. Instances are immutable and safe to share
 * between threads.
 */
public class InvalidArgumentException extends CloudServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the argument and its value
   * @param errorCode the service's error code
   * @param httpStatus the HTTP status
   * @param requestId the request id, or {@code null} when detected locally
   * @param cause the underlying failure, or {@code null}
   */
  public InvalidArgumentException(
      String message, String errorCode, int httpStatus, String requestId, Throwable cause) {
    super(message, errorCode, httpStatus, requestId, cause);
  }

  /**
   * Creates an exception for an argument rejected before sending, with code {@code
   * InvalidParameter} and status 400.
   *
   * @param template a message template with {@code %s} placeholders, as in Guava's checks
   * @param args the values for the placeholders
   * @return the exception, to be thrown by the caller
   */
  public static InvalidArgumentException local(String template, Object... args) {
    return new InvalidArgumentException(
        String.format(template, args), CloudErrorCodes.INVALID_PARAMETER, 400, null, null);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
