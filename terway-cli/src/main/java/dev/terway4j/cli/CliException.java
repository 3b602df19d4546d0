package dev.terway4j.cli;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;

/**
 * A reason a command cannot do its work, told to the user as one line ({@link #getMessage()}) and
 * the details below it (every problem of a file, say). Ends the command with {@link
 * ExitCodes#UNUSABLE}.
 */
final class CliException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> details;

  /** Creates the exception with a one-line message and no details. */
  CliException(String message) {
    this(message, List.of(), null);
  }

  /** Creates the exception with a one-line message and its details, one line each. */
  CliException(String message, List<String> details) {
    this(message, details, null);
  }

  /** Creates the exception with a one-line message, its details and the cause. */
  CliException(String message, List<String> details, Throwable cause) {
    super(checkNotNull(message, "message"), cause);
    this.details = List.copyOf(details);
  }

  /** Returns the details, one line each, in the order to print them. */
  List<String> details() {
    return details;
  }
}
