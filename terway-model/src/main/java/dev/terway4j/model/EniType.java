package dev.terway4j.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.terway4j.model.internal.WireEnums;

/** The type of an ENI as the cloud reports it ({@code eniInfos[].type}). */
public enum EniType implements WireEnum {
  /** A secondary (exclusive) ENI. */
  SECONDARY("Secondary"),

  /** A trunk ENI. */
  TRUNK("Trunk"),

  /** The instance's primary ENI. */
  PRIMARY("Primary"),

  /** A member ENI on a trunk (VLAN). */
  MEMBER("Member");

  private final String wireValue;

  EniType(String wireValue) {
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
  public static EniType fromWire(String value) {
    return WireEnums.parse(EniType.class, value);
  }

  @Override
  public String toString() {
    return wireValue;
  }
}
