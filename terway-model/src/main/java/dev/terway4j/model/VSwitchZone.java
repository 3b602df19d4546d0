package dev.terway4j.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** An entry of {@code PodNetworking.status.vSwitches}: a vSwitch id and its zone. Immutable. */
@Value.Immutable
@JsonSerialize(as = ImmutableVSwitchZone.class)
@JsonDeserialize(as = ImmutableVSwitchZone.class)
public interface VSwitchZone {

  /** Returns {@code id}. */
  @Value.Default
  default String id() {
    return "";
  }

  /** Returns {@code zone}. */
  @Value.Default
  default String zone() {
    return "";
  }

  /** Returns the entry for the given vSwitch and zone. */
  static VSwitchZone of(String id, String zone) {
    return ImmutableVSwitchZone.builder().id(id).zone(zone).build();
  }

  /**
   * Returns a new builder, so that no generated {@code Immutable*} type needs importing.
   *
   * @return an empty builder
   */
  static ImmutableVSwitchZone.Builder builder() {
    return ImmutableVSwitchZone.builder();
  }
}
