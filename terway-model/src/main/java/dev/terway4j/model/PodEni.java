package dev.terway4j.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A {@code PodENI} ({@code network.alibabacloud.com/v1beta1}, namespaced, same namespace and name
 * as its pod): the ENIs allocated to one pod and their binding state. Immutable and thread-safe.
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePodEni.class)
@JsonDeserialize(as = ImmutablePodEni.class)
public interface PodEni extends KubernetesObject {

  /** The kind, as Terway spells it. */
  String KIND = "PodENI";

  @Override
  @Value.Default
  default String apiVersion() {
    return PodNetworking.API_VERSION;
  }

  @Override
  @Value.Default
  default String kind() {
    return KIND;
  }

  @Override
  @Value.Default
  default ObjectMeta metadata() {
    return ImmutableObjectMeta.builder().build();
  }

  /** Returns {@code spec}. */
  @Value.Default
  default PodEniSpec spec() {
    return ImmutablePodEniSpec.builder().build();
  }

  /** Returns {@code status}. */
  Optional<PodEniStatus> status();

  /** Returns whether any allocation is {@code Fixed} (Terway's "has fixed IP"). */
  default boolean fixedIp() {
    return spec().allocations().stream()
        .anyMatch(a -> a.allocationType().type() == IpAllocationType.FIXED);
  }

  /** Returns a new builder. */
  static ImmutablePodEni.Builder builder() {
    return ImmutablePodEni.builder();
  }
}
