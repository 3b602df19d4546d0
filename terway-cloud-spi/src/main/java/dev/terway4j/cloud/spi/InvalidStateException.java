package dev.terway4j.cloud.spi;

/**
 * The resource exists but is in a state that does not allow the operation: attaching an ENI that is
 * not {@code Available}, deleting one that is {@code InUse} ({@code
 * InvalidOperation.InvalidEniState}), or a concurrent change ({@code Operation.Conflict}).
 *
 * <p>Retryable only for {@code Operation.Conflict}; otherwise the caller should describe the
 * resource and wait for the state it needs. Instances are immutable and safe to share between
 * threads.
 */
public class InvalidStateException extends CloudServiceException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the resource and its state
   * @param errorCode the service's error code
   * @param httpStatus the HTTP status
   * @param requestId the request id, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public InvalidStateException(
      String message, String errorCode, int httpStatus, String requestId, Throwable cause) {
    super(message, errorCode, httpStatus, requestId, cause);
  }

  @Override
  public boolean retryable() {
    return CloudErrorCodes.OPERATION_CONFLICT.equals(errorCode());
  }
}
