package dev.terway4j.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.immutables.value.Value;

/** {@code PodENI.spec}. Immutable and thread-safe. */
@Value.Immutable
@JsonSerialize(as = ImmutablePodEniSpec.class)
@JsonDeserialize(as = ImmutablePodEniSpec.class)
public interface PodEniSpec {

  /** Returns {@code allocations}: one per pod interface. */
  List<Allocation> allocations();

  /**
   * Returns {@code zone}: the zone where the PodENI was first created (the previous zone of a fixed
   * IP).
   */
  @Value.Default
  default String zone() {
    return "";
  }

  /**
   * Returns a new builder, so that no generated {@code Immutable*} type needs importing.
   *
   * @return an empty builder
   */
  static ImmutablePodEniSpec.Builder builder() {
    return ImmutablePodEniSpec.builder();
  }
}
