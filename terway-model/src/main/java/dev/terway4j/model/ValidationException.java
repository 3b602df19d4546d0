package dev.terway4j.model;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Thrown when an object breaks validation rules; carries every violation with its path. */
public final class ValidationException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient ValidationResult result;

  /** Creates the exception from a result with at least one error. */
  public ValidationException(ValidationResult result) {
    super(describe(result));
    this.result = result;
  }

  /** Returns the result: every error and warning. */
  public ValidationResult result() {
    return result;
  }

  /** Returns every error. */
  public List<Violation> errors() {
    return result.errors();
  }

  private static String describe(ValidationResult result) {
    return ControlCharacters.escape(result.object())
        + " is invalid:\n  "
        + Stream.concat(result.errors().stream(), result.warnings().stream())
            .map(Violation::toString)
            .collect(Collectors.joining("\n  "));
  }
}
