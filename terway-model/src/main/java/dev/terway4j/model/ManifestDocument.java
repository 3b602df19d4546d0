package dev.terway4j.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One object read from a text, with where it came from.
 *
 * @param documentIndex 0-based index of the YAML document that held it
 * @param path {@code ""} for a document that is the object, or {@code items[i]} for an entry of a
 *     {@code List}
 * @param object the object
 */
public record ManifestDocument(int documentIndex, String path, KubernetesObject object) {

  /** Checks the components. */
  public ManifestDocument {
    checkArgument(documentIndex >= 0, "documentIndex must be >= 0 but was %s", documentIndex);
    checkNotNull(path, "path");
    checkNotNull(object, "object");
  }
}
