package dev.terway4j.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** {@code eniOptions}; the CRD default type is {@code Default}. Immutable and thread-safe. */
@Value.Immutable
@JsonSerialize(as = ImmutableEniOptions.class)
@JsonDeserialize(as = ImmutableEniOptions.class)
public interface EniOptions {

  /** Returns {@code eniType}. */
  @Value.Default
  default EniAttachType eniType() {
    return EniAttachType.DEFAULT;
  }

  /** Returns the options with the given type. */
  static EniOptions of(EniAttachType type) {
    return ImmutableEniOptions.builder().eniType(type).build();
  }

  /**
   * Returns a new builder, so that no generated {@code Immutable*} type needs importing.
   *
   * @return an empty builder
   */
  static ImmutableEniOptions.Builder builder() {
    return ImmutableEniOptions.builder();
  }
}
