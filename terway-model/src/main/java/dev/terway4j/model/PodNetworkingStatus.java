package dev.terway4j.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** {@code PodNetworking.status}, written by the controller. Immutable and thread-safe. */
@Value.Immutable
@JsonSerialize(as = ImmutablePodNetworkingStatus.class)
@JsonDeserialize(as = ImmutablePodNetworkingStatus.class)
public interface PodNetworkingStatus {

  /** Returns {@code status}; absent before the first synchronisation. */
  Optional<NetworkingStatus> status();

  /** Returns {@code vSwitches}: one entry per {@code spec.vSwitchOptions} id, in spec order. */
  List<VSwitchZone> vSwitches();

  /** Returns {@code updateAt}, the time of the last status write. */
  Optional<Instant> updateAt();

  /** Returns {@code message}, the error text when {@code Fail}. */
  @Value.Default
  default String message() {
    return "";
  }

  /**
   * Returns a new builder, so that no generated {@code Immutable*} type needs importing.
   *
   * @return an empty builder
   */
  static ImmutablePodNetworkingStatus.Builder builder() {
    return ImmutablePodNetworkingStatus.builder();
  }
}
