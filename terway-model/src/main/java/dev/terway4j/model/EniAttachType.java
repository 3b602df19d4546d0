package dev.terway4j.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.terway4j.model.internal.WireEnums;

/**
 * Which kind of ENI a pod gets ({@code eniOptions.eniType}); the CRD default is {@link #DEFAULT}.
 */
public enum EniAttachType implements WireEnum {
  /** Follow the cluster: trunk member when trunking is on, else exclusive ENI. */
  DEFAULT("Default"),

  /** An exclusive (secondary) ENI. */
  ENI("ENI"),

  /** A member ENI on the node's trunk ENI. */
  TRUNK("Trunk");

  private final String wireValue;

  EniAttachType(String wireValue) {
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
  public static EniAttachType fromWire(String value) {
    return WireEnums.parse(EniAttachType.class, value);
  }

  @Override
  public String toString() {
    return wireValue;
  }
}
