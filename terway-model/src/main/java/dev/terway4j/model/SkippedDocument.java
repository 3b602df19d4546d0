package dev.terway4j.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A document (or an item of a {@code List}) that was not read because its kind was not asked for,
 * as {@link ReadOptions#skipOtherKinds()} allows: a Deployment or a ConfigMap of a Helm bundle, for
 * example. Immutable and thread-safe.
 *
 * @param documentIndex 0-based index of the YAML document in the text
 * @param path {@code ""} for a whole document, or {@code items[i]} for an entry of a {@code List}
 * @param apiVersion its {@code apiVersion}, {@code ""} when absent or not a string
 * @param kind its {@code kind}
 * @param name its {@code metadata.name}, {@code ""} when absent or not a string
 */
public record SkippedDocument(
    int documentIndex, String path, String apiVersion, String kind, String name) {

  /** Checks the components and cuts overlong strings, as {@link ManifestProblem} does. */
  public SkippedDocument {
    checkArgument(documentIndex >= 0, "documentIndex must be >= 0 but was %s", documentIndex);
    checkNotNull(path, "path");
    checkNotNull(apiVersion, "apiVersion");
    checkNotNull(kind, "kind");
    checkNotNull(name, "name");
    path = ManifestProblem.cut(path, ManifestProblem.MAX_PATH_CHARS);
    apiVersion = ManifestProblem.cut(apiVersion, ManifestProblem.MAX_PATH_CHARS);
    kind = ManifestProblem.cut(kind, ManifestProblem.MAX_PATH_CHARS);
    name = ManifestProblem.cut(name, ManifestProblem.MAX_PATH_CHARS);
  }

  /**
   * Returns {@code document N [items[i]] Kind/name}, with {@linkplain ControlCharacters control
   * characters} escaped.
   */
  @Override
  public String toString() {
    return ControlCharacters.escape(
        "document "
            + documentIndex
            + (path.isEmpty() ? "" : " " + path)
            + " "
            + kind
            + "/"
            + (name.isEmpty() ? "<unnamed>" : name));
  }
}
