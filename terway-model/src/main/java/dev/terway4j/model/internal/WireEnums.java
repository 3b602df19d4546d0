package dev.terway4j.model.internal;

import dev.terway4j.model.WireEnum;
import java.util.Arrays;
import java.util.stream.Collectors;

/** Lookups of {@link WireEnum} constants by their wire strings. */
public final class WireEnums {

  private WireEnums() {}

  /**
   * Returns the constant of {@code type} whose wire value is exactly {@code value}.
   *
   * @throws IllegalArgumentException naming the value and every accepted one when none matches
   */
  public static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.wireValue().equals(value)) {
        return constant;
      }
    }
    throw new IllegalArgumentException(
        "unknown value \"" + value + "\"; expected one of " + allowed(type));
  }

  /** Returns the accepted wire values of {@code type}, in declaration order, for messages. */
  public static <E extends Enum<E> & WireEnum> String allowed(Class<E> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(c -> "\"" + c.wireValue() + "\"")
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
