package dev.terway4j.model.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * Reads Kubernetes timestamps exactly as the API server does: Go's {@code time.Parse(time.RFC3339,
 * s)}, which {@code metav1.Time} uses. Unlike Jackson's default (and {@code OffsetDateTime.parse}),
 * it refuses numbers, years past 9999 or with a sign, a missing seconds field, a fraction without
 * digits ({@code .Z}), a lower-case {@code t} or {@code z}, offsets with seconds, and surrounding
 * spaces. Like Go it accepts a one-digit hour, a comma before the fraction, any number of fraction
 * digits (the tenth on ignored) and offsets up to {@code +24:60}, which Go's layout-driven parser
 * lets through. Stateless and thread-safe.
 */
final class TimestampDeserializer extends StdScalarDeserializer<Instant> {

  private static final long serialVersionUID = 1L;

  TimestampDeserializer() {
    super(Instant.class);
  }

  @Override
  public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
    }
    String text = p.getText();
    Instant instant = parse(text);
    if (instant == null) {
      return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not RFC 3339");
    }
    return instant;
  }

  /**
   * Parses {@code text} as Go's {@code time.Parse(time.RFC3339, text)} does (layout {@code
   * 2006-01-02T15:04:05Z07:00}), or returns {@code null} where Go returns an error.
   */
  static Instant parse(String text) {
    Cursor c = new Cursor(text);
    int year = c.digits(4);
    c.expect('-');
    int month = c.digits(2);
    c.expect('-');
    int day = c.digits(2);
    c.expect('T');
    int hour = c.oneOrTwoDigits();
    c.expect(':');
    int minute = c.digits(2);
    c.expect(':');
    int second = c.digits(2);
    int nanos = c.fraction();
    int offsetSeconds = c.offset();
    if (c.failed
        || c.at != text.length()
        || month < 1
        || month > 12
        || day < 1
        || day > YearMonth.of(year, month).lengthOfMonth()
        || hour > 23
        || minute > 59
        || second > 59) {
      return null;
    }
    long epochSecond =
        LocalDateTime.of(year, month, day, hour, minute, second).toEpochSecond(ZoneOffset.UTC)
            - offsetSeconds;
    return Instant.ofEpochSecond(epochSecond, nanos);
  }

  /** Reads a text left to right; once {@link #failed}, every read returns 0. */
  private static final class Cursor {
    private final String text;
    private int at;
    private boolean failed;

    Cursor(String text) {
      this.text = text;
    }

    private boolean digitAt(int i) {
      return i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9';
    }

    /** Reads exactly {@code count} ASCII digits. */
    int digits(int count) {
      int value = 0;
      for (int i = 0; i < count; i++) {
        if (failed || !digitAt(at)) {
          failed = true;
          return 0;
        }
        value = value * 10 + (text.charAt(at++) - '0');
      }
      return value;
    }

    /** Reads one digit, or two when two follow (Go's {@code 15} hour element). */
    int oneOrTwoDigits() {
      return digitAt(at + 1) ? digits(2) : digits(1);
    }

    void expect(char ch) {
      if (failed || at >= text.length() || text.charAt(at) != ch) {
        failed = true;
        return;
      }
      at++;
    }

    /** Reads an optional fraction: '.' or ',' and at least one digit; nanoseconds from 9 digits. */
    int fraction() {
      if (failed
          || at + 1 >= text.length()
          || (text.charAt(at) != '.' && text.charAt(at) != ',')
          || !digitAt(at + 1)) {
        return 0;
      }
      at++;
      int nanos = 0;
      int count = 0;
      while (digitAt(at)) {
        if (count < 9) {
          nanos = nanos * 10 + (text.charAt(at) - '0');
        }
        count++;
        at++;
      }
      for (int i = count; i < 9; i++) {
        nanos *= 10;
      }
      return nanos;
    }

    /** Reads {@code Z} or {@code ±hh:mm} (hh up to 24, mm up to 60) as seconds east of UTC. */
    int offset() {
      if (failed) {
        return 0;
      }
      if (at < text.length() && text.charAt(at) == 'Z') {
        at++;
        return 0;
      }
      if (at + 6 > text.length() || text.charAt(at + 3) != ':') {
        failed = true;
        return 0;
      }
      char sign = text.charAt(at);
      if (sign != '+' && sign != '-') {
        failed = true;
        return 0;
      }
      at++;
      int hours = digits(2);
      expect(':');
      int minutes = digits(2);
      if (hours > 24 || minutes > 60) {
        failed = true;
        return 0;
      }
      int seconds = (hours * 60 + minutes) * 60;
      return sign == '-' ? -seconds : seconds;
    }
  }
}
