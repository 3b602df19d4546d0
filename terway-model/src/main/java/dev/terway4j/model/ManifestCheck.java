package dev.terway4j.model;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.Optional;

/**
 * What {@link Manifests#check(String, String, ReadOptions, ManifestValidator)} found in one text:
 * every document read and validated on its own, the documents skipped, and the problems that
 * concern the text as a whole. Immutable and thread-safe.
 *
 * <p>Unlike {@link Manifests#readDocuments(String, String, ReadOptions)}, which throws for the
 * whole text when any document has a problem, a check reports each document with all its problems,
 * so one document never hides another.
 *
 * @param source the file or stream name the text came from, {@code ""} when unnamed
 * @param problems the problems of the text as a whole, that stopped it or a document from being
 *     parsed at all: malformed YAML (the documents before it are still checked), a text, a number
 *     or a nesting over its limit, bytes that are not UTF-8 text, too many documents
 * @param documents every document of a kind asked for (and every one whose kind could not be told),
 *     in text order, each item of a {@code List} apart
 * @param skipped the documents of other kinds, when {@link ReadOptions#skipOtherKinds()}
 */
public record ManifestCheck(
    String source,
    List<ManifestProblem> problems,
    List<DocumentCheck> documents,
    List<SkippedDocument> skipped) {

  /** Checks the components and copies the lists. */
  public ManifestCheck {
    checkNotNull(source, "source");
    problems = List.copyOf(problems);
    documents = List.copyOf(documents);
    skipped = List.copyOf(skipped);
  }

  /**
   * Returns whether the text could be parsed: no problem of the text as a whole, and no document
   * over a limit ({@link ManifestProblem.Kind#SYNTAX} or {@link ManifestProblem.Kind#TOO_LARGE}). A
   * wrong type or an unknown kind does not make a text unreadable: it makes its document invalid.
   */
  public boolean readable() {
    return problems.isEmpty()
        && documents.stream()
            .flatMap(d -> d.readProblems().stream())
            .noneMatch(
                p ->
                    p.kind() == ManifestProblem.Kind.SYNTAX
                        || p.kind() == ManifestProblem.Kind.TOO_LARGE);
  }

  /** Returns whether the text is readable and every document in it valid (warnings allowed). */
  public boolean valid() {
    return readable() && documents.stream().allMatch(DocumentCheck::valid);
  }

  /** Returns the objects read without error, in text order. */
  public List<KubernetesObject> objects() {
    return documents.stream().map(DocumentCheck::object).flatMap(Optional::stream).toList();
  }

  /** Returns the number of errors of every document, plus the problems of the text. */
  public int errorCount() {
    return problems.size() + documents.stream().mapToInt(d -> d.errors().size()).sum();
  }

  /** Returns the number of warnings of every document. */
  public int warningCount() {
    return documents.stream().mapToInt(d -> d.warnings().size()).sum();
  }
}
