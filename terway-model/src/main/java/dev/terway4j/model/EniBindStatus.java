package dev.terway4j.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.terway4j.model.internal.WireEnums;

/** Whether an ENI of a PodENI is bound ({@code eniInfos[].status}). */
public enum EniBindStatus implements WireEnum {
  /** Attached for the pod. */
  BIND("Bind"),

  /** Detached. */
  UNBIND("Unbind"),

  /** Released (defined by Terway, unused by its controllers). */
  DELETED("Deleted");

  private final String wireValue;

  EniBindStatus(String wireValue) {
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
  public static EniBindStatus fromWire(String value) {
    return WireEnums.parse(EniBindStatus.class, value);
  }

  @Override
  public String toString() {
    return wireValue;
  }
}
