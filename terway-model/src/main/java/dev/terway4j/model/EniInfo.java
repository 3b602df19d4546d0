package dev.terway4j.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** A value of {@code PodENI.status.eniInfos}: the binding of one ENI. Immutable. */
@Value.Immutable
@JsonSerialize(as = ImmutableEniInfo.class)
@JsonDeserialize(as = ImmutableEniInfo.class)
public interface EniInfo {

  /** Returns {@code id}. */
  @Value.Default
  default String id() {
    return "";
  }

  /** Returns {@code type}. */
  Optional<EniType> type();

  /** Returns {@code vid}: the VLAN id of a trunk member, 0 when not bound to a trunk. */
  @JsonInclude(JsonInclude.Include.NON_DEFAULT) // Go's omitempty: false and 0 are not written
  @Value.Default
  default int vid() {
    return 0;
  }

  /** Returns {@code status}. */
  Optional<EniBindStatus> status();

  /** Returns {@code networkCardIndex}. */
  Optional<Integer> networkCardIndex();

  /** Returns {@code vfID}, an unsigned 32-bit SR-IOV VF id. */
  Optional<Long> vfID();

  /**
   * Returns a new builder, so that no generated {@code Immutable*} type needs importing.
   *
   * @return an empty builder
   */
  static ImmutableEniInfo.Builder builder() {
    return ImmutableEniInfo.builder();
  }
}
