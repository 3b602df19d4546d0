package dev.terway4j.model;

/**
 * Makes text from manifests, scenarios or clouds safe to print on a terminal or in a log line:
 * every control character is replaced by a visible escape, so a name cannot retitle a terminal
 * ({@code ESC ] 0 ; ... BEL}), erase a line ({@code CR}), forge a log line ({@code LF}) or reorder
 * what is shown (Unicode bidirectional overrides).
 *
 * <p>Escaped: the C0 controls U+0000 to U+001F, DEL U+007F, the C1 controls U+0080 to U+009F, the
 * line and paragraph separators U+2028 and U+2029, and the bidirectional marks, embeddings,
 * overrides and isolates (U+061C, U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069). {@code LF},
 * {@code CR} and {@code TAB} become {@code \n}, {@code \r} and {@code \t}; the others a backslash,
 * {@code x} and two hex digits below U+0100, else a backslash, {@code u} and four hex digits.
 * Everything else, backslashes included, is kept, so ordinary text prints unchanged: the escape is
 * for display, not a reversible encoding.
 *
 * <p>Stateless and thread-safe.
 */
public final class ControlCharacters {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private ControlCharacters() {}

  /**
   * Returns whether {@code c} is one of the characters this class escapes.
   *
   * @param c a character
   * @return whether {@link #escape} replaces it
   */
  public static boolean isEscaped(char c) {
    if (c < 0x20 || c == 0x7f) {
      return true;
    }
    if (c < 0x80) {
      return false;
    }
    return c <= 0x9f
        || c == 0x061c
        || c == 0x200e
        || c == 0x200f
        || (c >= 0x2028 && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069);
  }

  /**
   * Returns {@code text} with every control character escaped; the same string when it has none.
   * {@code null} becomes {@code "null"}, as {@link String#valueOf(Object)}.
   *
   * @param text the text, or {@code null}
   * @return the text, safe to print
   */
  public static String escape(CharSequence text) {
    if (text == null) {
      return "null";
    }
    int n = text.length();
    int first = 0;
    while (first < n && !isEscaped(text.charAt(first))) {
      first++;
    }
    if (first == n) {
      return text.toString();
    }
    StringBuilder sb = new StringBuilder(n + 16);
    sb.append(text, 0, first);
    for (int i = first; i < n; i++) {
      char c = text.charAt(i);
      if (!isEscaped(c)) {
        sb.append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (c < 0x100) {
        sb.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
      } else {
        sb.append("\\u")
            .append(HEX[c >> 12])
            .append(HEX[(c >> 8) & 0xf])
            .append(HEX[(c >> 4) & 0xf])
            .append(HEX[c & 0xf]);
      }
    }
    return sb.toString();
  }

  /**
   * Returns an object whose {@link Object#toString()} is {@link #escape escape}{@code
   * (String.valueOf(value))}, for log arguments: the escaping runs only when the line is written.
   * For example {@code log.warn("ENI {} is gone", ControlCharacters.escaped(eniId))}.
   *
   * @param value the value, or {@code null}
   * @return a wrapper that escapes when printed
   */
  public static Object escaped(Object value) {
    return new Escaped(value);
  }

  private static final class Escaped {
    private final Object value;

    Escaped(Object value) {
      this.value = value;
    }

    @Override
    public String toString() {
      return escape(String.valueOf(value));
    }
  }
}
