package dev.terway4j.model;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;

/**
 * Every violation of one object, errors apart from warnings. Immutable and thread-safe.
 *
 * @param object a short name of the object validated, for example {@code PodNetworking/web}
 * @param errors the violations that make the object invalid, in field order
 * @param warnings advice that does not make it invalid
 */
public record ValidationResult(String object, List<Violation> errors, List<Violation> warnings) {

  /** Copies the lists. */
  public ValidationResult {
    checkNotNull(object, "object");
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  /** Returns whether there is no error (warnings allowed). */
  public boolean valid() {
    return errors.isEmpty();
  }

  /**
   * Returns normally when valid.
   *
   * @throws ValidationException carrying every error and warning otherwise
   */
  public void throwIfInvalid() {
    if (!valid()) {
      throw new ValidationException(this);
    }
  }
}
