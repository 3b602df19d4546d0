package dev.terway4j.cloud.spi;

/**
 * A failure on the caller's side of the wire: the request never reached the cloud API, or the
 * answer never came back (connection refused, DNS failure, read timeout).
 *
 * <p>When {@link #outcomeUnknown()} is {@code true} the request may have been applied by the
 * service (typically a timeout after the request was sent); callers must find out by describing, or
 * retry with the same client token. Instances are immutable and safe to share between threads.
 */
public class CloudClientException extends CloudException {
  private static final long serialVersionUID = 1L;

  private final boolean outcomeUnknown;
  private final boolean retryable;

  /**
   * Creates a retryable client-side failure.
   *
   * @param message what went wrong
   * @param cause the underlying failure, or {@code null}
   * @param outcomeUnknown whether the request may have taken effect
   */
  public CloudClientException(String message, Throwable cause, boolean outcomeUnknown) {
    this(message, cause, outcomeUnknown, true);
  }

  /**
   * Creates a client-side failure.
   *
   * @param message what went wrong
   * @param cause the underlying failure, or {@code null}
   * @param outcomeUnknown whether the request may have taken effect
   * @param retryable whether sending again may succeed (false for, e.g., missing credentials)
   */
  public CloudClientException(
      String message, Throwable cause, boolean outcomeUnknown, boolean retryable) {
    super(message, cause);
    this.outcomeUnknown = outcomeUnknown;
    this.retryable = retryable;
  }

  /**
   * Returns whether the request may have been applied although the caller saw a failure.
   *
   * @return {@code true} after, e.g., a timeout once the request was sent
   */
  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }

  @Override
  public boolean retryable() {
    return retryable;
  }
}
