package dev.terway4j.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One reason a manifest could not be read: which document, which field path, what kind of problem
 * and a message a user understands.
 *
 * <p>Every component is bounded whatever the input: a source or path longer than {@link
 * #MAX_PATH_CHARS} and a message longer than {@link #MAX_MESSAGE_CHARS} are cut, ending in {@code
 * ...}, so that a hostile key of a million characters cannot make a problem (or the exception
 * listing it) large.
 *
 * @param source the file or stream name the text came from, {@code ""} when unnamed
 * @param documentIndex 0-based index of the YAML document in the text, or -1 for the whole text
 * @param path the field path, for example {@code spec.securityGroupIDs[1]}; {@code ""} for the
 *     document root
 * @param kind what went wrong
 * @param message the explanation, naming the bad value
 */
public record ManifestProblem(
    String source, int documentIndex, String path, Kind kind, String message) {

  /** What went wrong when reading a manifest. */
  public enum Kind {
    /** The text is not well-formed YAML or JSON, or a file is not UTF-8 text. */
    SYNTAX,
    /**
     * The text, a line, a number, the nesting, the document count or the number of problems is over
     * its limit; the last problems of a text can be a summary such as {@code and 12 more problems}.
     */
    TOO_LARGE,
    /** A YAML alias was used; manifests never need them and they enable expansion bombs. */
    ALIAS,
    /** A document's root is not a mapping. */
    NOT_A_MAPPING,
    /** {@code kind} or {@code apiVersion} names an object this library does not model. */
    UNKNOWN_KIND,
    /** A field that must be present is missing. */
    MISSING_FIELD,
    /** A field has the wrong JSON type (a list where a string belongs, for example). */
    WRONG_TYPE,
    /** A field has the right type but an invalid value (an unknown enum value, a bad time). */
    INVALID_VALUE,
    /** A field the model does not know; reported in strict mode only. */
    UNKNOWN_FIELD
  }

  /** The longest {@link #source()} and {@link #path()} kept, in characters; longer ones are cut. */
  public static final int MAX_PATH_CHARS = 256;

  /** The longest {@link #message()} kept, in characters; a longer one is cut. */
  public static final int MAX_MESSAGE_CHARS = 1024;

  /** Checks the components and cuts an overlong source, path or message. */
  public ManifestProblem {
    checkNotNull(source, "source");
    checkArgument(documentIndex >= -1, "documentIndex must be >= -1 but was %s", documentIndex);
    checkNotNull(path, "path");
    checkNotNull(kind, "kind");
    checkNotNull(message, "message");
    source = cut(source, MAX_PATH_CHARS);
    path = cut(path, MAX_PATH_CHARS);
    message = cut(message, MAX_MESSAGE_CHARS);
  }

  /**
   * Returns {@code text} if it has at most {@code max} characters, else its start and {@code ...},
   * {@code max} characters in all (never splitting a surrogate pair).
   */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 3;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "...";
  }

  /**
   * Returns the problem as one line: {@code source#doc path: message}, with {@linkplain
   * ControlCharacters control characters} escaped.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (!source.isEmpty()) {
      sb.append(source);
    }
    if (documentIndex >= 0) {
      sb.append(source.isEmpty() ? "" : " ").append("document ").append(documentIndex);
    }
    if (!path.isEmpty()) {
      sb.append(sb.length() == 0 ? "" : " ").append(path);
    }
    return ControlCharacters.escape(
        sb.append(sb.length() == 0 ? "" : ": ").append(message).toString());
  }
}
