package dev.terway4j.model;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.Optional;

/**
 * What reading and validating one document (or one item of a {@code List}) found, on its own:
 * whatever the other documents of the text hold, this one's problems are all here. Immutable and
 * thread-safe.
 *
 * <p>{@link #errors()} holds the problems met when reading (a wrong type, a bad enum value, an
 * unknown field when reading strictly: {@link #readProblems()} has them with their {@linkplain
 * ManifestProblem.Kind kind}) followed by the validator's errors. A field that could not be read is
 * left out and the rest of the document validated without it; the validator's errors at or under
 * that field, and its warnings next to it, are dropped, since they would only describe the default
 * that took its place. Paths of {@link #errors()} and {@link #warnings()} are relative to the
 * object; those of {@link #readProblems()} to the document (they start with {@code items[i]} for a
 * List's item). Each list is bounded by {@link ReadOptions#maxProblemsPerDocument()}, and all the
 * documents of a text by {@link ReadOptions#maxProblems()}: the violations past a bound are
 * summarised as one last violation of the same severity, {@code and N more errors} or {@code and N
 * more warnings}, so that an invalid document never looks valid.
 *
 * @param documentIndex 0-based index of the YAML document in the text
 * @param path {@code ""} for a whole document, or {@code items[i]} for an entry of a {@code List}
 * @param kind its {@code kind}, {@code ""} when it has none that could be read
 * @param namespace its {@code metadata.namespace}, {@code ""} when absent or unreadable
 * @param name its {@code metadata.name}, {@code ""} when absent or unreadable
 * @param object the object, present when it was read without error (unknown fields read leniently
 *     are warnings and do not prevent it)
 * @param readProblems the problems met when reading, with their kinds
 * @param errors every error: the read problems, then the validator's
 * @param warnings every warning: unknown fields read leniently, then the validator's
 */
public record DocumentCheck(
    int documentIndex,
    String path,
    String kind,
    String namespace,
    String name,
    Optional<KubernetesObject> object,
    List<ManifestProblem> readProblems,
    List<Violation> errors,
    List<Violation> warnings) {

  /** Checks the components, copies the lists and cuts overlong strings. */
  public DocumentCheck {
    checkArgument(documentIndex >= 0, "documentIndex must be >= 0 but was %s", documentIndex);
    checkNotNull(path, "path");
    checkNotNull(kind, "kind");
    checkNotNull(namespace, "namespace");
    checkNotNull(name, "name");
    checkNotNull(object, "object");
    path = ManifestProblem.cut(path, ManifestProblem.MAX_PATH_CHARS);
    kind = ManifestProblem.cut(kind, ManifestProblem.MAX_PATH_CHARS);
    namespace = ManifestProblem.cut(namespace, ManifestProblem.MAX_PATH_CHARS);
    name = ManifestProblem.cut(name, ManifestProblem.MAX_PATH_CHARS);
    readProblems = List.copyOf(readProblems);
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  /** Returns whether the document has no error (warnings allowed). */
  public boolean valid() {
    return errors.isEmpty();
  }

  /**
   * Returns a short name of the object, {@code Kind/name} or {@code Kind/namespace/name} as {@link
   * ValidationResult#object()}, {@code <unnamed>} for a missing name and {@code <unknown kind>} for
   * a missing kind.
   */
  public String displayName() {
    String shownKind = kind.isEmpty() ? "<unknown kind>" : kind;
    String shownName = name.isEmpty() ? "<unnamed>" : name;
    return shownKind + "/" + (namespace.isEmpty() ? "" : namespace + "/") + shownName;
  }

  /** Returns {@code document N [items[i]]}, where the document is in its text. */
  public String location() {
    return "document " + documentIndex + (path.isEmpty() ? "" : " " + path);
  }
}
