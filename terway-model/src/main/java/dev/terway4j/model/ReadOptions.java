package dev.terway4j.model;

import static com.google.common.base.Preconditions.checkState;

import org.immutables.value.Value;

/**
 * How {@link Manifests} reads text: lenient or strict, and the limits that protect a reader from
 * hostile input. Immutable and thread-safe.
 */
@Value.Immutable
public interface ReadOptions {

  /** The default options: lenient, 8 MiB, 10,000 documents, depth 64. */
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

  /** Returns the deepest accepted nesting of mappings and lists. */
  @Value.Default
  default int maxDepth() {
    return 64;
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
    checkState(maxDepth() > 1, "maxDepth must be > 1 but was %s", maxDepth());
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
