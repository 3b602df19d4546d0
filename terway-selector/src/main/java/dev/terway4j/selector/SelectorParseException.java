package dev.terway4j.selector;

import dev.terway4j.model.ControlCharacters;
import dev.terway4j.model.Violation;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when a string is not a label selector: a syntax error, or a requirement whose key or
 * values break the Kubernetes rules. Carries the input, the position (0-based character offset) of
 * the offending token or requirement, and for rule violations every one of them with its path.
 */
public final class SelectorParseException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String input;
  private final int position;
  private final transient List<Violation> violations;

  /**
   * Creates the exception.
   *
   * @param input the text that was parsed
   * @param position the 0-based offset of the problem in {@code input}
   * @param reason what was wrong, e.g. {@code found '=', expected: ',' or 'end of string'}
   * @param violations the rule violations, empty for syntax errors
   */
  public SelectorParseException(
      String input, int position, String reason, List<Violation> violations) {
    super(describe(input, position, reason, violations));
    this.input = input;
    this.position = position;
    this.violations = List.copyOf(violations);
  }

  private static String describe(
      String input, int position, String reason, List<Violation> violations) {
    String base =
        "unable to parse selector \""
            + ControlCharacters.escape(input)
            + "\" at position "
            + position
            + ": "
            + ControlCharacters.escape(reason);
    if (violations.isEmpty()) {
      return base;
    }
    return base
        + violations.stream().map(Violation::toString).collect(Collectors.joining("; ", ": ", ""));
  }

  /** Returns the text that was parsed. */
  public String input() {
    return input;
  }

  /** Returns the 0-based offset in {@link #input()} of the token or requirement at fault. */
  public int position() {
    return position;
  }

  /** Returns the rule violations (empty for a syntax error), with paths like {@code values[0]}. */
  public List<Violation> violations() {
    return violations;
  }
}
