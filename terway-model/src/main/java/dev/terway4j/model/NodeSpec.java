package dev.terway4j.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** The part of {@code Node.spec} the control plane reads. Immutable and thread-safe. */
@Value.Immutable
@JsonSerialize(as = ImmutableNodeSpec.class)
@JsonDeserialize(as = ImmutableNodeSpec.class)
public interface NodeSpec {

  /** Returns {@code providerID}, {@code <region>.<instance id>} on Alibaba Cloud. */
  @Value.Default
  default String providerID() {
    return "";
  }

  /**
   * Returns a new builder, so that no generated {@code Immutable*} type needs importing.
   *
   * @return an empty builder
   */
  static ImmutableNodeSpec.Builder builder() {
    return ImmutableNodeSpec.builder();
  }
}
