package dev.terway4j.cloud.spi;

/**
 * The root of every failure a {@link CloudProvider} reports.
 *
 * <p>Unchecked, like the rest of the SPI. Catch a portable subtype ({@link NotFoundException},
 * {@link InsufficientResourcesException}, ...) to react to a specific condition, or this type and
 * {@link #retryable()} to decide whether to try again.
 *
 * <p>Instances are immutable and safe to share between threads.
 */
public abstract class CloudException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what went wrong, naming the resource concerned
   * @param cause the underlying failure, or {@code null}
   */
  protected CloudException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Returns whether the same request may succeed if sent again later (throttling, a transient
   * service fault, a lost connection). A request that created something must then be retried with
   * the same client token.
   *
   * @return {@code true} if retrying can help
   */
  public abstract boolean retryable();
}
