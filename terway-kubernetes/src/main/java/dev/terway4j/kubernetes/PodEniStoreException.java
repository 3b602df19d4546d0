package dev.terway4j.kubernetes;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.model.PodEni;
import java.util.Optional;

/**
 * A {@link KubernetesPodEniStore} could not read or write a PodENI resource. {@link #reason()} says
 * why; for a {@link Reason#CONFLICT} the object as it is now is attached, so that the caller can
 * read it again and decide.
 *
 * <p>Unchecked. Immutable and thread-safe.
 */
public class PodEniStoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a store operation failed. */
  public enum Reason {
    /**
     * Another writer changed the record's {@code spec} or {@code status} since this store last read
     * it (or created or deleted it), and our write would have overwritten that change. Nothing was
     * written; read the record again and decide.
     */
    CONFLICT,
    /** The store's fence said this process may not write (it is not the leader any more). */
    NOT_LEADER,
    /**
     * An object on the server cannot be read as a PodENI; the message names it and each problem.
     */
    INVALID_OBJECT,
    /** The API server refused the call or could not be reached; see {@link #statusCode()}. */
    API_ERROR
  }

  private final Reason reason;
  private final int statusCode;
  private final transient Optional<PodEni> current;

  /**
   * Creates the exception.
   *
   * @param reason why
   * @param message what happened, naming the PodENI
   * @param statusCode the HTTP status of the failed call, or 0 when there was none
   * @param current the object as it is now, for a conflict
   * @param cause the underlying failure, or {@code null}
   */
  public PodEniStoreException(
      Reason reason, String message, int statusCode, Optional<PodEni> current, Throwable cause) {
    super(message, cause);
    this.reason = checkNotNull(reason, "reason");
    this.statusCode = statusCode;
    this.current = checkNotNull(current, "current");
  }

  /**
   * Returns why the operation failed.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Returns the HTTP status code of the call that failed.
   *
   * @return the code, or 0 when no response was received (or none was involved)
   */
  public int statusCode() {
    return statusCode;
  }

  /**
   * Returns the record as it is on the server now, for a {@link Reason#CONFLICT}.
   *
   * @return the current record, empty if it no longer exists or for other reasons
   */
  public Optional<PodEni> current() {
    return current;
  }

  /**
   * Returns whether calling again, after reading the record again, may succeed.
   *
   * @return {@code true} for conflicts, for failures without a response and for HTTP 429 and 5xx
   */
  public boolean retryable() {
    return switch (reason) {
      case CONFLICT -> true;
      case NOT_LEADER, INVALID_OBJECT -> false;
      case API_ERROR -> statusCode == 0 || statusCode == 429 || statusCode >= 500;
    };
  }
}
