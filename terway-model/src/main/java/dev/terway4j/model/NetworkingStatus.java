package dev.terway4j.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.terway4j.model.internal.WireEnums;

/** The state of a PodNetworking ({@code status.status}); only {@link #READY} ones match pods. */
public enum NetworkingStatus implements WireEnum {
  /** vSwitches resolved; the PodNetworking takes part in matching. */
  READY("Ready"),

  /** vSwitches could not be resolved; see {@code status.message}. */
  FAIL("Fail");

  private final String wireValue;

  NetworkingStatus(String wireValue) {
    this.wireValue = wireValue;
  }

  @Override
  @JsonValue
  public String wireValue() {
    return wireValue;
  }

  /**
   * Returns the constant written as {@code value} on the wire.
   *
   * @throws IllegalArgumentException naming the accepted values when {@code value} is unknown
   */
  @JsonCreator
  public static NetworkingStatus fromWire(String value) {
    return WireEnums.parse(NetworkingStatus.class, value);
  }

  @Override
  public String toString() {
    return wireValue;
  }
}
