package dev.terway4j.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.terway4j.model.internal.WireEnums;

/**
 * How a pod's IP is allocated ({@code allocationType.type}); the CRD default is {@link #ELASTIC}.
 */
public enum IpAllocationType implements WireEnum {
  /** Released when the pod goes. */
  ELASTIC("Elastic"),

  /** Kept for a pod of the same namespace and name (fixed-name pods only). */
  FIXED("Fixed");

  private final String wireValue;

  IpAllocationType(String wireValue) {
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
  public static IpAllocationType fromWire(String value) {
    return WireEnums.parse(IpAllocationType.class, value);
  }

  @Override
  public String toString() {
    return wireValue;
  }
}
