package dev.terway4j.model;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One rule a manifest breaks, with its field path.
 *
 * @param path the field path, for example {@code spec.allocationType.releaseAfter}
 * @param severity whether it prevents use ({@link Severity#ERROR}) or is advice
 * @param message what is wrong, naming the bad value, in words a user understands
 */
public record Violation(String path, Severity severity, String message) {

  /** How serious a violation is. */
  public enum Severity {
    /** The object must not be used as it is. */
    ERROR,
    /** The object works, but probably not as its author meant (an ignored field, say). */
    WARNING
  }

  /** Checks the components. */
  public Violation {
    checkNotNull(path, "path");
    checkNotNull(severity, "severity");
    checkNotNull(message, "message");
  }

  /** Returns an error at {@code path}. */
  public static Violation error(String path, String message) {
    return new Violation(path, Severity.ERROR, message);
  }

  /** Returns a warning at {@code path}. */
  public static Violation warning(String path, String message) {
    return new Violation(path, Severity.WARNING, message);
  }

  /**
   * Returns {@code path: message}, prefixed with {@code warning: } for warnings, with {@linkplain
   * ControlCharacters control characters} escaped: paths and messages quote user input.
   */
  @Override
  public String toString() {
    return (severity == Severity.WARNING ? "warning: " : "")
        + ControlCharacters.escape(path)
        + ": "
        + ControlCharacters.escape(message);
  }
}
