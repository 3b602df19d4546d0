package dev.terway4j.testkit.internal;

import java.util.Objects;

/**
 * One try of a property pinned down so that it runs again in every later run: the seed of that
 * try's random choices and the size hint it was generated with.
 *
 * <p>Its text form, {@code <size>/<seed in hex>} such as {@code 57/9e3779b97f4a7c15}, is what a
 * failure message prints and what {@code withRegression(...)} takes. Immutable and thread-safe.
 *
 * @param size the size hint, 0 to {@link Engine#MAX_SIZE}
 * @param seed the seed of the try's choices
 */
public record Regression(int size, long seed) {
  /** Longest text accepted by {@link #parse(String)}. */
  private static final int MAX_TEXT = 3 + 1 + 16;

  /**
   * Checks the size.
   *
   * @param size the size hint
   * @param seed the seed
   */
  public Regression {
    if (size < 0 || size > Engine.MAX_SIZE) {
      throw new IllegalArgumentException(
          "regression size must be between 0 and " + Engine.MAX_SIZE + ": " + size);
    }
  }

  /**
   * Parses the text form printed by a failure.
   *
   * @param text e.g. {@code 57/9e3779b97f4a7c15}
   * @return the regression
   * @throws IllegalArgumentException when the text is not of that form
   */
  public static Regression parse(String text) {
    Objects.requireNonNull(text, "regression");
    String trimmed = text.strip();
    int slash = trimmed.indexOf('/');
    if (trimmed.length() > MAX_TEXT
        || slash <= 0
        || slash > 3
        || slash == trimmed.length() - 1
        || trimmed.length() - slash - 1 > 16
        || !allMatch(trimmed, 0, slash, 10)
        || !allMatch(trimmed, slash + 1, trimmed.length(), 16)) {
      throw malformed(text);
    }
    int size = Integer.parseInt(trimmed.substring(0, slash));
    if (size > Engine.MAX_SIZE) {
      throw malformed(text);
    }
    long seed = Long.parseUnsignedLong(trimmed.substring(slash + 1), 16);
    return new Regression(size, seed);
  }

  private static IllegalArgumentException malformed(String text) {
    return new IllegalArgumentException(
        "a regression is <size>/<seed in hex> as a failure prints it, with a size from 0 to "
            + Engine.MAX_SIZE
            + ", e.g. 57/9e3779b97f4a7c15; was '"
            + FailureMessages.truncate(FailureMessages.escape(text))
            + "'");
  }

  /**
   * Returns the text form, which {@link #parse(String)} reads back.
   *
   * @return e.g. {@code 57/9e3779b97f4a7c15}
   */
  @Override
  public String toString() {
    return size + "/" + Long.toHexString(seed);
  }

  private static boolean allMatch(String text, int from, int to, int radix) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      boolean digit = c >= '0' && c <= '9';
      boolean hex = radix == 16 && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
      if (!digit && !hex) {
        return false;
      }
    }
    return true;
  }
}
