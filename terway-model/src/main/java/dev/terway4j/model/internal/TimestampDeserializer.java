package dev.terway4j.model.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads Kubernetes timestamps: RFC 3339 strings only ({@code 2021-06-01T00:00:00Z}, offsets
 * allowed). Unlike Jackson's default it refuses numbers, which Kubernetes never writes.
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
    String text = p.getText().trim();
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not RFC 3339");
    }
  }
}
