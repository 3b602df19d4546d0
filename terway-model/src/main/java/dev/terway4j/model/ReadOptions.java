package dev.terway4j.model;

import static com.google.common.base.Preconditions.checkState;

import org.immutables.value.Value;

/**
 * How {@link Manifests} reads text: lenient or strict, and the limits that protect a reader from
 * hostile input. Immutable and thread-safe.
 *
 * <p>With every limit in place, reading takes time and memory linear in the text's length, whatever
 * its shape: one long scalar, comment or key costs no more than many short ones, and an input that
 * breaks every rule gives a bounded list of problems.
 */
@Value.Immutable
public interface ReadOptions {

  /**
   * The default options: lenient, 8 MiB, 10,000 documents, 750,000 nodes, depth 64, numbers of
   * 1,000 characters, 100 problems (20 per document).
   */
  ReadOptions DEFAULT = ImmutableReadOptions.builder().build();

  /**
   * Returns whether unknown fields are errors. Lenient reading (the default) ignores them, so that
   * the output of {@code kubectl get -o yaml} (with {@code managedFields} and the like) can be
   * read; strict reading reports every unknown field of Terway's CRDs with its path. Read views of
   * core objects (Pod, Namespace, Node) always ignore the fields they do not model.
   */
  @Value.Default
  default boolean strict() {
    return false;
  }

  /** Returns the largest accepted input, in characters (about bytes for manifests). */
  @Value.Default
  default int maxChars() {
    return 8 * 1024 * 1024;
  }

  /** Returns the largest accepted number of documents in one text. */
  @Value.Default
  default int maxDocuments() {
    return 10_000;
  }

  /**
   * Returns the most YAML (or JSON) nodes accepted in one text: every scalar, mapping, list and
   * mapping key counts one, over all its documents. Reading stops at the first node past it with a
   * {@link ManifestProblem.Kind#TOO_LARGE} problem.
   *
   * <p>This is what bounds reading time: a YAML parser's cost grows with the number of nodes much
   * more than with the characters, and 8 MiB of one-character keys and values is over a million
   * nodes (several seconds of parsing), while 8 MiB of real manifests ({@code kubectl get -o yaml}
   * output, Helm bundles) holds about 20 characters per node. The default, 750,000 nodes, reads in
   * well under a second on a 2-core machine (see {@code ManifestReadBenchmark.WorstCase}).
   */
  @Value.Default
  default int maxNodes() {
    return 750_000;
  }

  /** Returns the deepest accepted nesting of mappings and lists. */
  @Value.Default
  default int maxDepth() {
    return 64;
  }

  /**
   * Returns the longest accepted number, in characters (digits, sign, point and exponent). Longer
   * numbers are refused with a {@link ManifestProblem.Kind#TOO_LARGE} problem naming the field, so
   * that no huge number is ever converted. A plain scalar of digits too long to be a YAML number
   * (more than 5,000 characters or so) is read as a string, as {@code sigs.k8s.io/yaml} does.
   */
  @Value.Default
  default int maxNumberChars() {
    return 1_000;
  }

  /**
   * Returns the most problems kept for one text. Problems past it are counted and summarised as one
   * last problem {@code and N more problems}.
   */
  @Value.Default
  default int maxProblems() {
    return 100;
  }

  /**
   * Returns the most problems kept for one document. Problems past it are counted and summarised as
   * one problem of that document, {@code and N more problems in this document}; the document's
   * binding stops there.
   */
  @Value.Default
  default int maxProblemsPerDocument() {
    return 20;
  }

  /** Returns a copy with {@link #strict()} set. */
  default ReadOptions withStrict(boolean strict) {
    return ImmutableReadOptions.copyOf(this).withStrict(strict);
  }

  /** Returns the strict default options. */
  static ReadOptions strictDefaults() {
    return DEFAULT.withStrict(true);
  }

  /** Checks the limits. */
  @Value.Check
  default void check() {
    checkState(maxChars() > 0, "maxChars must be positive but was %s", maxChars());
    checkState(maxDocuments() > 0, "maxDocuments must be positive but was %s", maxDocuments());
    checkState(maxNodes() > 0, "maxNodes must be positive but was %s", maxNodes());
    checkState(maxDepth() > 1, "maxDepth must be > 1 but was %s", maxDepth());
    checkState(
        maxNumberChars() > 0, "maxNumberChars must be positive but was %s", maxNumberChars());
    checkState(maxProblems() > 0, "maxProblems must be positive but was %s", maxProblems());
    checkState(
        maxProblemsPerDocument() > 0,
        "maxProblemsPerDocument must be positive but was %s",
        maxProblemsPerDocument());
  }

  /**
   * Returns a new builder, so that no generated {@code Immutable*} type needs importing.
   *
   * @return a builder with every option at its default
   */
  static ImmutableReadOptions.Builder builder() {
    return ImmutableReadOptions.builder();
  }
}
