package dev.terway4j.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** The part of {@code Pod.spec} the control plane reads. Immutable and thread-safe. */
@Value.Immutable
@JsonSerialize(as = ImmutablePodSpec.class)
@JsonDeserialize(as = ImmutablePodSpec.class)
public interface PodSpec {

  /** Returns {@code nodeName}: the node the pod is scheduled to, {@code ""} before that. */
  @Value.Default
  default String nodeName() {
    return "";
  }

  /** Returns {@code hostNetwork}: such pods never get a PodENI. */
  @JsonInclude(JsonInclude.Include.NON_DEFAULT) // Go's omitempty: false and 0 are not written
  @Value.Default
  default boolean hostNetwork() {
    return false;
  }

  /**
   * Returns a new builder, so that no generated {@code Immutable*} type needs importing.
   *
   * @return an empty builder
   */
  static ImmutablePodSpec.Builder builder() {
    return ImmutablePodSpec.builder();
  }
}
