package dev.terway4j.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One reason a manifest could not be read: which document, which field path, what kind of problem
 * and a message a user understands.
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
    /** The text is not well-formed YAML or JSON. */
    SYNTAX,
    /** The text, or the document count, is over the configured limit. */
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

  /** Checks the components. */
  public ManifestProblem {
    checkNotNull(source, "source");
    checkArgument(documentIndex >= -1, "documentIndex must be >= -1 but was %s", documentIndex);
    checkNotNull(path, "path");
    checkNotNull(kind, "kind");
    checkNotNull(message, "message");
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
