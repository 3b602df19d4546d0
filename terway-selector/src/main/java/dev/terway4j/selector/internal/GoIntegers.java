package dev.terway4j.selector.internal;

import java.util.OptionalLong;

/**
 * Decimal integers as Go's {@code strconv.ParseInt(s, 10, 64)} reads them, which apimachinery uses
 * for the {@code gt}/{@code lt} operators: an optional {@code +} or {@code -}, then one or more
 * ASCII digits {@code 0-9}, in the signed 64-bit range. Unlike {@link Long#parseLong(String)} no
 * other Unicode digit (U+0663 ARABIC-INDIC DIGIT THREE, U+FF15 FULLWIDTH DIGIT FIVE) is a digit.
 * Stateless and thread-safe.
 */
public final class GoIntegers {

  private GoIntegers() {}

  /**
   * Returns the value of {@code s}, or empty when Go's {@code ParseInt} would return an error.
   *
   * @param s the text
   * @return the value, or empty for a syntax or range error
   */
  public static OptionalLong parseInt64(String s) {
    int n = s.length();
    int i = 0;
    boolean negative = false;
    if (n > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    if (i == n) {
      return OptionalLong.empty();
    }
    // Accumulate negatively: Long.MIN_VALUE has no positive counterpart.
    long limit = negative ? Long.MIN_VALUE : -Long.MAX_VALUE;
    long multiplyLimit = limit / 10;
    long result = 0;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return OptionalLong.empty();
      }
      int digit = c - '0';
      if (result < multiplyLimit) {
        return OptionalLong.empty();
      }
      result *= 10;
      if (result < limit + digit) {
        return OptionalLong.empty();
      }
      result -= digit;
    }
    return OptionalLong.of(negative ? result : -result);
  }

  /**
   * Returns whether {@code s} parses; see {@link #parseInt64(String)}.
   *
   * @param s the text
   * @return whether it is a 64-bit decimal integer of ASCII digits
   */
  public static boolean isInt64(String s) {
    return parseInt64(s).isPresent();
  }
}
