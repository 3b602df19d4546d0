package dev.terway4j.cloud.spi;

/**
 * A service-side failure meaning the resource named in the request (ENI, instance, vSwitch,
 * security group) does not exist.
 *
 * <p>The resource may still appear later only if created again. Detach and delete callers usually
 * treat this as success. {@link #retryable()} is {@code false}. Instances are immutable and safe to
 * share between threads.
 */
public class NotFoundException extends CloudServiceException {
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
  public NotFoundException(
      String message, String errorCode, int httpStatus, String requestId, Throwable cause) {
    super(message, errorCode, httpStatus, requestId, cause);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
