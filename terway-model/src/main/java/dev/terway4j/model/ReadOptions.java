package dev.terway4j.model;

import static com.google.common.base.Preconditions.checkState;

import java.util.Set;
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
   * core objects (Pod, Namespace, Node) always ignore the fields they do not model. {@link
   * Manifests#check(String, String, ReadOptions, ManifestValidator)} reports unknown fields in both
   * modes: as errors when strict, as warnings naming each field when lenient.
   */
  @Value.Default
  default boolean strict() {
    return false;
  }

  /**
   * Returns the kinds to read, for example {@code Set.of("PodNetworking")}; empty (the default)
   * means every kind this library models ({@code PodNetworking}, {@code PodENI}, {@code Pod},
   * {@code Namespace}, {@code Node}). A document of another kind is a {@link
   * ManifestProblem.Kind#UNKNOWN_KIND} problem, unless {@link #skipOtherKinds()}.
   */
  Set<String> kinds();

  /**
   * Returns whether documents of a kind not asked for (not modelled, or not in a non-empty {@link
   * #kinds()}) are skipped rather than reported, so that a Helm or kustomize bundle, or a {@code
   * kubectl get -o yaml} List mixing Deployments and ConfigMaps with PodNetworkings, can be read.
   * Off by default. A document of a modelled kind with another {@code apiVersion} is never skipped
   * (it is more likely a typo than a foreign kind), and neither is a document without a kind. The
   * skipped documents are listed by {@link Manifests#check(String, String, ReadOptions,
   * ManifestValidator)}.
   */
  @Value.Default
  default boolean skipOtherKinds() {
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

  /** Returns a copy with {@link #skipOtherKinds()} set. */
  default ReadOptions withSkipOtherKinds(boolean skip) {
    return ImmutableReadOptions.copyOf(this).withSkipOtherKinds(skip);
  }

  /** Returns a copy that reads only the given kinds, as {@link #kinds()}. */
  default ReadOptions withKinds(Set<String> kinds) {
    // As an Iterable: the generated withKinds(Iterable) is meant, not this method again.
    Iterable<String> all = kinds;
    return ImmutableReadOptions.copyOf(this).withKinds(all);
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
