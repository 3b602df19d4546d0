package dev.terway4j.model;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Thrown by {@link GoDurations#parse(String)} when a text is not a Go duration string.
 *
 * <p>The message is the one Go's {@code time.ParseDuration} returns for the same text, for example
 * {@code time: unknown unit "d" in duration "1d"}, so that an operator sees the wording the Go
 * controllers would log. {@link #input()} gives the offending text unquoted.
 */
public final class DurationFormatException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String input;

  /**
   * Creates an exception for {@code input} with Go's {@code message}.
   *
   * @param message the complete message, already in Go's wording
   * @param input the text that failed to parse
   */
  DurationFormatException(String message, String input) {
    super(checkNotNull(message, "message"));
    this.input = checkNotNull(input, "input");
  }

  /** Returns the text that failed to parse, exactly as it was passed in. */
  public String input() {
    return input;
  }
}
