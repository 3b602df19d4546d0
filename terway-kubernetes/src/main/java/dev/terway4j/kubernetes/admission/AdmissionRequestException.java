package dev.terway4j.kubernetes.admission;

/**
 * A request that is not an {@code AdmissionReview v1} the webhook can answer: not JSON, too large,
 * too deep, of another kind or version, or without {@code request.uid}. The server answers it with
 * {@link #httpStatus()} and the message, and the API server applies the webhook's {@code
 * failurePolicy}.
 *
 * <p>Its message never contains the request's raw content beyond a bounded, escaped excerpt.
 */
public final class AdmissionRequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;

  /**
   * Creates the exception.
   *
   * @param httpStatus the HTTP status to answer with, e.g. 400 or 413
   * @param message what is wrong
   */
  public AdmissionRequestException(int httpStatus, String message) {
    super(message);
    this.httpStatus = httpStatus;
  }

  /**
   * Returns the HTTP status the server answers with.
   *
   * @return e.g. 400 (malformed) or 413 (too large)
   */
  public int httpStatus() {
    return httpStatus;
  }
}
