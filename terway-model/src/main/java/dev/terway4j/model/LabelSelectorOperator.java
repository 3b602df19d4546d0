package dev.terway4j.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.terway4j.model.internal.WireEnums;

/** The operator of a label-selector requirement ({@code matchExpressions[].operator}). */
public enum LabelSelectorOperator implements WireEnum {
  /** The label's value is one of {@code values}. */
  IN("In"),

  /** The label is absent or its value is none of {@code values}. */
  NOT_IN("NotIn"),

  /** The label is present. */
  EXISTS("Exists"),

  /** The label is absent. */
  DOES_NOT_EXIST("DoesNotExist");

  private final String wireValue;

  LabelSelectorOperator(String wireValue) {
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
  public static LabelSelectorOperator fromWire(String value) {
    return WireEnums.parse(LabelSelectorOperator.class, value);
  }

  @Override
  public String toString() {
    return wireValue;
  }
}
