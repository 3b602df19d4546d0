package dev.terway4j.cloud.aliyun.internal;

/**
 * Stands in for an exception from beneath the SDK whose message held a credential or control
 * characters: the original class name and the cleaned message as its message, the original stack
 * trace, and a cleaned copy of its cause.
 *
 * <p>Thread-safe once published.
 */
public final class RedactedFailure extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the copy.
   *
   * @param message the original class name and cleaned message
   * @param cause the cleaned cause, or {@code null}
   */
  public RedactedFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
