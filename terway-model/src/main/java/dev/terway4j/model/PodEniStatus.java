package dev.terway4j.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** {@code PodENI.status}. Immutable and thread-safe. */
@Value.Immutable
@JsonSerialize(as = ImmutablePodEniStatus.class)
@JsonDeserialize(as = ImmutablePodEniStatus.class)
public interface PodEniStatus {

  /** Returns {@code phase}; {@link PodEniPhase#INITIAL} ({@code ""}) when absent. */
  @Value.Default
  default PodEniPhase phase() {
    return PodEniPhase.INITIAL;
  }

  /** Returns {@code instanceID}: the ECS instance the ENIs are attached to. */
  @Value.Default
  default String instanceID() {
    return "";
  }

  /** Returns {@code trunkENIID}: the trunk ENI used. */
  @Value.Default
  default String trunkENIID() {
    return "";
  }

  /** Returns {@code msg}. */
  @Value.Default
  default String msg() {
    return "";
  }

  /** Returns {@code podLastSeen}: when the pod was last seen; the basis of TTL release. */
  Optional<Instant> podLastSeen();

  /** Returns {@code eniInfos}, keyed by ENI id. */
  Map<String, EniInfo> eniInfos();

  /**
   * Returns a new builder, so that no generated {@code Immutable*} type needs importing.
   *
   * @return an empty builder
   */
  static ImmutablePodEniStatus.Builder builder() {
    return ImmutablePodEniStatus.builder();
  }
}
