package dev.terway4j.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * An entry of {@code metadata.ownerReferences}; only {@code kind} decides whether a pod is
 * fixed-name (Terway compares no API group). Immutable and thread-safe.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableOwnerReference.class)
@JsonDeserialize(as = ImmutableOwnerReference.class)
public interface OwnerReference {

  /** Returns {@code apiVersion}, for example {@code apps/v1}. */
  @Value.Default
  default String apiVersion() {
    return "";
  }

  /** Returns {@code kind}, for example {@code StatefulSet}. */
  @Value.Default
  default String kind() {
    return "";
  }

  /** Returns {@code name}. */
  @Value.Default
  default String name() {
    return "";
  }

  /** Returns {@code uid}. */
  @Value.Default
  default String uid() {
    return "";
  }

  /** Returns {@code controller}. */
  Optional<Boolean> controller();

  /** Returns {@code blockOwnerDeletion}. */
  Optional<Boolean> blockOwnerDeletion();

  /** Returns an owner reference of the given kind and name. */
  static OwnerReference of(String kind, String name) {
    return ImmutableOwnerReference.builder().kind(kind).name(name).build();
  }

  /**
   * Returns a new builder, so that no generated {@code Immutable*} type needs importing.
   *
   * @return an empty builder
   */
  static ImmutableOwnerReference.Builder builder() {
    return ImmutableOwnerReference.builder();
  }
}
