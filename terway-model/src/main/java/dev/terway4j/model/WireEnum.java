package dev.terway4j.model;

/**
 * An enum whose constants carry the exact string Kubernetes and Terway write on the wire.
 *
 * <p>Implementations are immutable enums and therefore thread-safe.
 */
public interface WireEnum {

  /** Returns the exact string this constant has in YAML and JSON, for example {@code Fixed}. */
  String wireValue();
}
