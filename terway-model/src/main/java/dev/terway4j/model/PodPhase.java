package dev.terway4j.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.terway4j.model.internal.WireEnums;

/** The phase of a pod ({@code status.phase}). */
public enum PodPhase implements WireEnum {
  /** Accepted, not all containers running. */
  PENDING("Pending"),

  /** Bound to a node, containers started. */
  RUNNING("Running"),

  /** All containers terminated successfully. */
  SUCCEEDED("Succeeded"),

  /** All containers terminated, one at least in failure. */
  FAILED("Failed"),

  /** The state could not be obtained. */
  UNKNOWN("Unknown");

  private final String wireValue;

  PodPhase(String wireValue) {
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
  public static PodPhase fromWire(String value) {
    return WireEnums.parse(PodPhase.class, value);
  }

  @Override
  public String toString() {
    return wireValue;
  }
}
