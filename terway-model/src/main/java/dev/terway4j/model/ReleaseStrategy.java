package dev.terway4j.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.terway4j.model.internal.WireEnums;

/**
 * When a {@link IpAllocationType#FIXED} IP is released ({@code allocationType.releaseStrategy}).
 */
public enum ReleaseStrategy implements WireEnum {
  /** Released {@code releaseAfter} after the pod was last seen. */
  TTL("TTL"),

  /** Kept until the PodENI is deleted by hand. */
  NEVER("Never");

  private final String wireValue;

  ReleaseStrategy(String wireValue) {
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
  public static ReleaseStrategy fromWire(String value) {
    return WireEnums.parse(ReleaseStrategy.class, value);
  }

  @Override
  public String toString() {
    return wireValue;
  }
}
