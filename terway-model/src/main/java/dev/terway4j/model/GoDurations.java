package dev.terway4j.model;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;

/**
 * Parses and prints duration strings exactly as Go's {@code time.ParseDuration} and {@code
 * time.Duration.String()} do, so that values such as {@code "5m0s"}, {@code "1.5h"} or {@code
 * "300ms"} in Terway's configuration mean here what they mean to the Go controllers.
 *
 * <p>A Go duration is a signed 64-bit count of nanoseconds; {@link #parse(String)} rejects text
 * outside that range and {@link #format(Duration)} rejects durations outside it. The grammar is an
 * optional sign followed either by {@code 0} alone or by one or more {@code <number><unit>} groups,
 * where a number may have a fraction ({@code 1.5}, {@code .5}, {@code 1.}) and the units are {@code
 * ns}, {@code us}, {@code µs} (U+00B5), {@code μs} (U+03BC), {@code ms}, {@code s}, {@code m} and
 * {@code h}. Fractions are turned into nanoseconds with Go's own floating-point step and truncated,
 * so {@code "1.0000000001s"} is one second.
 *
 * <p>The class is stateless and its methods are thread-safe.
 */
public final class GoDurations {

  // The units of Go's time.Duration, in nanoseconds.
  private static final long NANOSECOND = 1L;
  private static final long MICROSECOND = 1_000L * NANOSECOND;
  private static final long MILLISECOND = 1_000L * MICROSECOND;
  private static final long SECOND = 1_000L * MILLISECOND;
  private static final long MINUTE = 60L * SECOND;
  private static final long HOUR = 60L * MINUTE;

  /**
   * 1<<63 read as an unsigned 64-bit number. Go accumulates the magnitude in a uint64 capped at
   * this value so that -9223372036854775808ns, whose magnitude is one more than the largest
   * positive int64, still parses; the parser below does the same with unsigned comparisons.
   */
  private static final long TWO_TO_THE_63 = Long.MIN_VALUE;

  private static final char MICRO_SIGN = '\u00b5';

  private GoDurations() {}

  /**
   * Parses a Go duration string such as {@code "300ms"}, {@code "-1.5h"} or {@code "2h45m"}.
   *
   * <p>Accepts and rejects exactly the inputs Go's {@code time.ParseDuration} does and returns the
   * same number of nanoseconds. Thread-safe.
   *
   * @param text the duration string; must not be null (a null is a programming error)
   * @return the duration, between {@code -2^63} and {@code 2^63 - 1} nanoseconds
   * @throws DurationFormatException if {@code text} is not a valid Go duration or does not fit in
   *     an int64 of nanoseconds; its message is Go's, e.g. {@code time: missing unit in duration
   *     "1"}
   * @throws NullPointerException if {@code text} is null
   */
  public static Duration parse(String text) {
    checkNotNull(text, "text");
    return Duration.ofNanos(new Parser(text).parse());
  }

  /**
   * Tells whether {@link #parse(String)} would accept {@code text}.
   *
   * <p>Thread-safe.
   *
   * @param text the duration string; must not be null (a null is a programming error)
   * @return {@code true} if {@code text} is a valid Go duration within the int64-nanosecond range
   * @throws NullPointerException if {@code text} is null
   */
  public static boolean isValid(String text) {
    checkNotNull(text, "text");
    try {
      new Parser(text).parse();
      return true;
    } catch (DurationFormatException e) {
      return false;
    }
  }

  /**
   * Formats a duration the way Go's {@code time.Duration.String()} does, e.g. {@code "1h2m3.5s"}.
   *
   * <p>Zero is {@code "0s"}; durations under one second use the largest of {@code ns}, {@code µs}
   * (U+00B5) or {@code ms} that keeps a non-zero leading digit ({@code "1.5µs"}, {@code "300ms"});
   * longer ones use hours, minutes and seconds, with trailing zeros of the fraction dropped ({@code
   * "2h45m0s"}, {@code "-1m0s"}). Thread-safe.
   *
   * @param duration the duration to print; must not be null
   * @return Go's text for the same number of nanoseconds
   * @throws IllegalArgumentException if {@code duration} is outside the int64-nanosecond range Go
   *     can represent (about ±292 years); the message names the value
   * @throws NullPointerException if {@code duration} is null
   */
  public static String format(Duration duration) {
    checkNotNull(duration, "duration");
    long nanos;
    try {
      nanos = duration.toNanos();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "duration "
              + duration
              + " is outside the range of a Go time.Duration"
              + " (-9223372036854775808ns to 9223372036854775807ns)",
          e);
    }
    return formatNanos(nanos);
  }

  /** Go's {@code Duration.format}: writes right to left into a buffer long enough for any value. */
  private static String formatNanos(long nanos) {
    // The longest result, "-2562047h47m16.854775808s", has 25 characters.
    char[] buf = new char[32];
    int w = buf.length;
    boolean neg = nanos < 0;
    // The magnitude as unsigned: negating Long.MIN_VALUE leaves its bits, which read as 2^63.
    long u = neg ? -nanos : nanos;

    if (Long.compareUnsigned(u, SECOND) < 0) {
      // Under a second Go picks a smaller unit so that the leading digit is not zero.
      if (u == 0) {
        return "0s";
      }
      buf[--w] = 's';
      long unit;
      int precision;
      if (u < MICROSECOND) {
        buf[--w] = 'n';
        unit = NANOSECOND;
        precision = 0;
      } else if (u < MILLISECOND) {
        buf[--w] = MICRO_SIGN;
        unit = MICROSECOND;
        precision = 3;
      } else {
        buf[--w] = 'm';
        unit = MILLISECOND;
        precision = 6;
      }
      w = writeFraction(buf, w, u % unit, precision);
      w = writeInteger(buf, w, u / unit);
    } else {
      buf[--w] = 's';
      w = writeFraction(buf, w, Long.remainderUnsigned(u, SECOND), 9);
      // Whole seconds fit easily in a signed long from here on.
      long seconds = Long.divideUnsigned(u, SECOND);
      w = writeInteger(buf, w, seconds % 60);
      long minutes = seconds / 60;
      if (minutes > 0) {
        buf[--w] = 'm';
        w = writeInteger(buf, w, minutes % 60);
        long hours = minutes / 60;
        // Go stops at hours because days can be of different lengths.
        if (hours > 0) {
          buf[--w] = 'h';
          w = writeInteger(buf, w, hours);
        }
      }
    }
    if (neg) {
      buf[--w] = '-';
    }
    return new String(buf, w, buf.length - w);
  }

  /**
   * Go's {@code fmtFrac}: writes {@code fraction} (below {@code 10^precision}) as a decimal
   * fraction ending at {@code w}, leaving out trailing zeros and, when nothing is left, the point.
   */
  private static int writeFraction(char[] buf, int w, long fraction, int precision) {
    boolean print = false;
    long v = fraction;
    for (int i = 0; i < precision; i++) {
      int digit = (int) (v % 10);
      print = print || digit != 0;
      if (print) {
        buf[--w] = (char) ('0' + digit);
      }
      v /= 10;
    }
    if (print) {
      buf[--w] = '.';
    }
    return w;
  }

  /** Go's {@code fmtInt}: writes non-negative {@code value} in decimal ending at {@code w}. */
  private static int writeInteger(char[] buf, int w, long value) {
    long v = value;
    do {
      buf[--w] = (char) ('0' + v % 10);
      v /= 10;
    } while (v > 0);
    return w;
  }

  /**
   * A port of Go's {@code ParseDuration} over one input. Magnitudes are unsigned 64-bit values held
   * in {@code long}s, as Go holds them in {@code uint64}s, so every bound check and every overflow
   * behaves as in Go; a new instance per call keeps {@link GoDurations} stateless.
   */
  private static final class Parser {

    /** 1<<63 / 10, Go's bound in {@code leadingInt} before multiplying by ten. */
    private static final long INT_LIMIT = Long.divideUnsigned(TWO_TO_THE_63, 10);

    /** (1<<63 - 1) / 10, Go's bound in {@code leadingFraction} before multiplying by ten. */
    private static final long FRACTION_LIMIT = Long.MAX_VALUE / 10;

    private final String text;
    private int pos;

    /** The power of ten that the last {@link #leadingFraction()} divides by. */
    private double scale;

    Parser(String text) {
      this.text = text;
    }

    long parse() {
      int end = text.length();
      boolean neg = false;
      if (end > 0 && (text.charAt(0) == '-' || text.charAt(0) == '+')) {
        neg = text.charAt(0) == '-';
        pos = 1;
      }
      // Go allows a bare zero, with or without a sign, and nothing else without a unit.
      if (end - pos == 1 && text.charAt(pos) == '0') {
        return 0;
      }
      if (pos == end) {
        throw invalid();
      }
      long total = 0;
      while (pos < end) {
        char first = text.charAt(pos);
        if (first != '.' && !isDigit(first)) {
          throw invalid();
        }
        int start = pos;
        long v = leadingInt();
        boolean digitsBeforePoint = pos != start;

        long f = 0;
        scale = 1;
        boolean digitsAfterPoint = false;
        if (pos < end && text.charAt(pos) == '.') {
          pos++;
          int fractionStart = pos;
          f = leadingFraction();
          digitsAfterPoint = pos != fractionStart;
        }
        if (!digitsBeforePoint && !digitsAfterPoint) {
          // A point alone, as in ".s" or "-.s", is not a number.
          throw invalid();
        }

        // The unit is everything up to the next digit or point.
        int unitStart = pos;
        while (pos < end && text.charAt(pos) != '.' && !isDigit(text.charAt(pos))) {
          pos++;
        }
        if (pos == unitStart) {
          throw new DurationFormatException("time: missing unit in duration " + quote(text), text);
        }
        String unitText = text.substring(unitStart, pos);
        long unit = unitNanos(unitText);
        if (unit == 0) {
          throw new DurationFormatException(
              "time: unknown unit " + quote(unitText) + " in duration " + quote(text), text);
        }

        if (Long.compareUnsigned(v, Long.divideUnsigned(TWO_TO_THE_63, unit)) > 0) {
          throw invalid();
        }
        v *= unit;
        // Unsigned "f > 0": f can be exactly 2^63, which a signed long sees as negative.
        if (f != 0) {
          // Go goes through float64 here to stay nanosecond-exact for fractions of an hour, and
          // truncates the product; Java's double arithmetic is the same IEEE 754 arithmetic.
          v += (long) (unsignedToDouble(f) * ((double) unit / scale));
          if (Long.compareUnsigned(v, TWO_TO_THE_63) > 0) {
            throw invalid();
          }
        }
        // As in Go this sum may wrap past 2^64 (only 2^63 + 2^63 can), and then goes unnoticed.
        total += v;
        if (Long.compareUnsigned(total, TWO_TO_THE_63) > 0) {
          throw invalid();
        }
      }
      if (neg) {
        // Negating 2^63 gives Long.MIN_VALUE, which is exactly the most negative duration.
        return -total;
      }
      if (total < 0) {
        // 2^63 itself is one past the largest positive duration.
        throw invalid();
      }
      return total;
    }

    /** Go's {@code leadingInt}: consumes {@code [0-9]*}; more than 2^63 is an invalid duration. */
    private long leadingInt() {
      long x = 0;
      while (pos < text.length() && isDigit(text.charAt(pos))) {
        if (Long.compareUnsigned(x, INT_LIMIT) > 0) {
          throw invalid();
        }
        x = x * 10 + (text.charAt(pos) - '0');
        if (Long.compareUnsigned(x, TWO_TO_THE_63) > 0) {
          throw invalid();
        }
        pos++;
      }
      return x;
    }

    /**
     * Go's {@code leadingFraction}: consumes {@code [0-9]*} and returns the digits read as an
     * integer, setting {@link #scale} to ten to the number of digits kept. Digits that would
     * overflow are consumed but ignored, which is how Go accepts arbitrarily long fractions.
     */
    private long leadingFraction() {
      long x = 0;
      boolean overflow = false;
      while (pos < text.length() && isDigit(text.charAt(pos))) {
        char c = text.charAt(pos++);
        if (overflow) {
          continue;
        }
        if (Long.compareUnsigned(x, FRACTION_LIMIT) > 0) {
          overflow = true;
          continue;
        }
        long y = x * 10 + (c - '0');
        if (Long.compareUnsigned(y, TWO_TO_THE_63) > 0) {
          overflow = true;
          continue;
        }
        x = y;
        scale *= 10;
      }
      return x;
    }

    private DurationFormatException invalid() {
      return new DurationFormatException("time: invalid duration " + quote(text), text);
    }
  }

  /** Returns the length of Go's unit in nanoseconds, or 0 when Go does not know the unit. */
  private static long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> NANOSECOND;
      // Go accepts the ASCII spelling, the micro sign U+00B5 and the Greek mu U+03BC.
      case "us", "\u00b5s", "\u03bcs" -> MICROSECOND;
      case "ms" -> MILLISECOND;
      case "s" -> SECOND;
      case "m" -> MINUTE;
      case "h" -> HOUR;
      default -> 0;
    };
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Converts an unsigned 64-bit value to the nearest double, as Go's {@code float64(uint64)}. */
  private static double unsignedToDouble(long value) {
    if (value >= 0) {
      return value;
    }
    // Halve without losing the bit that decides rounding, convert, then double back.
    return ((value >>> 1) | (value & 1)) * 2.0;
  }

  /**
   * Go's {@code time.quote}: wraps {@code s} in double quotes, escapes {@code "} and {@code \}, and
   * writes every non-ASCII or control character as the {@code \xNN} escapes of its UTF-8 bytes.
   * Java strings cannot hold Go's invalid UTF-8; a lone surrogate is written as the three bytes a
   * lenient UTF-8 encoder would give it.
   */
  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp >= 0x80 || cp < ' ') {
        appendUtf8Escapes(out, cp);
      } else {
        if (cp == '"' || cp == '\\') {
          out.append('\\');
        }
        out.append((char) cp);
      }
    }
    return out.append('"').toString();
  }

  private static void appendUtf8Escapes(StringBuilder out, int cp) {
    if (cp < 0x80) {
      appendHexByte(out, cp);
    } else if (cp < 0x800) {
      appendHexByte(out, 0xC0 | (cp >> 6));
      appendHexByte(out, 0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      appendHexByte(out, 0xE0 | (cp >> 12));
      appendHexByte(out, 0x80 | ((cp >> 6) & 0x3F));
      appendHexByte(out, 0x80 | (cp & 0x3F));
    } else {
      appendHexByte(out, 0xF0 | (cp >> 18));
      appendHexByte(out, 0x80 | ((cp >> 12) & 0x3F));
      appendHexByte(out, 0x80 | ((cp >> 6) & 0x3F));
      appendHexByte(out, 0x80 | (cp & 0x3F));
    }
  }

  private static void appendHexByte(StringBuilder out, int b) {
    out.append("\\x")
        .append(Character.forDigit((b >> 4) & 0xF, 16))
        .append(Character.forDigit(b & 0xF, 16));
  }
}
