package dev.terway4j.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A {@code PodNetworking} ({@code network.alibabacloud.com/v1beta1}, cluster-scoped): the network
 * configuration (vSwitches, security groups, IP allocation policy) that pods matched by its
 * selectors receive. Immutable and thread-safe.
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePodNetworking.class)
@JsonDeserialize(as = ImmutablePodNetworking.class)
public interface PodNetworking extends KubernetesObject {

  /** The API version of Terway's CRDs. */
  String API_VERSION = "network.alibabacloud.com/v1beta1";

  /** The kind. */
  String KIND = "PodNetworking";

  @Override
  @Value.Default
  default String apiVersion() {
    return API_VERSION;
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
  default PodNetworkingSpec spec() {
    return ImmutablePodNetworkingSpec.builder().build();
  }

  /** Returns {@code status}, absent until Terway first synchronised the object. */
  Optional<PodNetworkingStatus> status();

  /** Returns whether {@code status.status} is {@code Ready}: only such objects match pods. */
  default boolean ready() {
    return status().flatMap(PodNetworkingStatus::status).orElse(null) == NetworkingStatus.READY;
  }

  /** Returns a new builder. */
  static ImmutablePodNetworking.Builder builder() {
    return ImmutablePodNetworking.builder();
  }
}
