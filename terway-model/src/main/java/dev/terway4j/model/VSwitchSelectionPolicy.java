package dev.terway4j.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.terway4j.model.internal.WireEnums;

/** How a vSwitch is chosen among {@code vSwitchOptions}; the CRD default is {@link #ORDERED}. */
public enum VSwitchSelectionPolicy implements WireEnum {
  /** In the listed order. */
  ORDERED("ordered"),

  /** In a (seeded) random order. */
  RANDOM("random"),

  /** Most free IPs first, ties in listed order. */
  MOST("most");

  private final String wireValue;

  VSwitchSelectionPolicy(String wireValue) {
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
  public static VSwitchSelectionPolicy fromWire(String value) {
    return WireEnums.parse(VSwitchSelectionPolicy.class, value);
  }

  @Override
  public String toString() {
    return wireValue;
  }
}
