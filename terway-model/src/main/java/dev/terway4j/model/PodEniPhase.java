package dev.terway4j.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.terway4j.model.internal.WireEnums;

/**
 * The phase of a PodENI ({@code status.phase}), as in Terway's state machine; the empty string is
 * {@link #INITIAL}.
 */
public enum PodEniPhase implements WireEnum {
  /** Created, not yet attached. */
  INITIAL(""),

  /** Every ENI is attached to the pod's node. */
  BIND("Bind"),

  /** Being attached again (a fixed-IP pod came back). */
  BINDING("Binding"),

  /** Detached and kept (fixed IP, pod absent). */
  UNBIND("Unbind"),

  /** Being detached. */
  DETACHING("Detaching"),

  /** Being released. */
  DELETING("Deleting");

  private final String wireValue;

  PodEniPhase(String wireValue) {
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
  public static PodEniPhase fromWire(String value) {
    return WireEnums.parse(PodEniPhase.class, value);
  }

  /**
   * Returns the wire value, except for {@link #INITIAL} whose wire value is empty: it prints as
   * {@code Initial} so that logs and tables show it.
   *
   * @return the readable name
   */
  @Override
  public String toString() {
    return wireValue.isEmpty() ? "Initial" : wireValue;
  }
}
