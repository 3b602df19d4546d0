package dev.terway4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13 item 14: timestamps are read exactly as Kubernetes reads them, with Go's {@code
 * time.Parse(time.RFC3339, s)} ({@code metav1.Time.UnmarshalJSON}).
 *
 * <p>The table is ported from Go's {@code src/time/format_test.go} ({@code rfc3339Formats}, the
 * RFC3339 rows of {@code parseTests} and {@code parseErrorTests}, including go.dev/issue/54569 and
 * go.dev/issue/54570, and the time zone offset range rows), plus the cases that Go's {@code
 * src/time/format_rfc3339.go} documents {@code Parse} as letting through (go.dev/issue/54580: a
 * one-digit hour, a comma before the fraction, offset hour 24), plus the inputs issue 13 found
 * accepted by {@code OffsetDateTime.parse}: years past 9999, {@code .Z}, surrounding spaces.
 */
@DisplayName("issue 13 item 14: RFC 3339 timestamps as Go parses them")
class Rfc3339TimestampsTest {

  static Stream<Arguments> accepted() {
    return Stream.of(
        // rfc3339Formats
        Arguments.of("2008-09-17T20:04:26Z", "2008-09-17T20:04:26Z"),
        Arguments.of("1994-09-17T20:04:26-05:00", "1994-09-18T01:04:26Z"),
        Arguments.of("2000-12-26T01:15:06+04:20", "2000-12-25T20:55:06Z"),
        // parseTests: RFC3339, with and without fractional seconds
        Arguments.of("2010-02-04T21:00:57-08:00", "2010-02-05T05:00:57Z"),
        Arguments.of("2010-02-04T21:00:57.012345678-08:00", "2010-02-05T05:00:57.012345678Z"),
        Arguments.of("2010-02-04T21:00:57.0123-08:00", "2010-02-05T05:00:57.012300Z"),
        // parseNanoseconds keeps nine digits and ignores the rest
        Arguments.of("2010-02-04T21:00:57.0123456789-08:00", "2010-02-05T05:00:57.012345678Z"),
        // the range of four-digit years, and leap days
        Arguments.of("0000-01-01T00:00:00Z", "0000-01-01T00:00:00Z"),
        Arguments.of("9999-12-31T23:59:59Z", "9999-12-31T23:59:59Z"),
        Arguments.of("2024-02-29T12:00:00Z", "2024-02-29T12:00:00Z"),
        Arguments.of("2000-02-29T12:00:00+00:00", "2000-02-29T12:00:00Z"),
        // go.dev/issue/54580: what Parse lets through and only the strict JSON parser refuses
        Arguments.of("2006-01-02T1:04:05Z", "2006-01-02T01:04:05Z"),
        Arguments.of("2006-01-02T15:04:05,5Z", "2006-01-02T15:04:05.5Z"),
        Arguments.of("2006-01-02T15:04:05+24:00", "2006-01-01T15:04:05Z"),
        Arguments.of("2006-01-02T15:04:05-00:60", "2006-01-02T16:04:05Z"));
  }

  static Stream<String> refused() {
    return Stream.of(
        // parseErrorTests (RFC3339 rows)
        "2006-01-02T15:04:05Z07:00",
        "2006-01-02T15:04_abc",
        "2006-01-02T15:04:05_abc",
        "2006-01-02T15:04:05Z_abc",
        "2010-02-04T21:00:67.012345678-08:00",
        "0000-01-01T00:00:.0+00:00", // go.dev/issue/54569
        "0000-01-01T00:00:00+00:+0", // go.dev/issue/54570
        "\"",
        // time zone offset out of range (Z07:00 rows)
        "2006-01-02T15:04:05+25:00",
        "2006-01-02T15:04:05-23:61",
        // issue 13: accepted by OffsetDateTime.parse, refused by Go
        "10000-01-01T00:00:00Z",
        "+2021-06-01T00:00:00Z",
        "-0001-06-01T00:00:00Z",
        "2021-06-01T00:00:00.Z",
        " 2021-06-01T00:00:00Z",
        "2021-06-01T00:00:00Z ",
        "2021-06-01T00:00:00Z\n",
        "2021-06-01t00:00:00Z",
        "2021-06-01T00:00:00z",
        "2021-06-01T00:00Z",
        "2021-06-01T00:00:00+01:00:30",
        "2021-06-01T00:00:00+01",
        "2021-06-01T00:00:00+0100",
        // ranges Go checks
        "2021-02-29T00:00:00Z",
        "2021-04-31T00:00:00Z",
        "2021-00-01T00:00:00Z",
        "2021-13-01T00:00:00Z",
        "2021-06-00T00:00:00Z",
        "2021-06-01T24:00:00Z",
        "2021-06-01T00:60:00Z",
        "2021-06-01T00:00:60Z",
        // shapes
        "",
        "2021-06-01",
        "2021-06-01T00:00:00",
        "2021-6-01T00:00:00Z",
        "2021-06-1T00:00:00Z",
        "2021-06-01T123:00:00Z",
        "2021-06-01T00:0:00Z",
        "2021-06-01 00:00:00Z",
        "２０２１-06-01T00:00:00Z",
        "2021-06-01T00:00:00.١Z",
        "1622505600");
  }

  private static String manifest(String timestamp) {
    return "kind: Namespace\napiVersion: v1\nmetadata:\n  name: a\n  creationTimestamp: '"
        + timestamp.replace("'", "''")
        + "'\n";
  }

  @ParameterizedTest
  @MethodSource("accepted")
  void read_timestampGoAccepts_isReadAsTheSameInstant_issue13item14(
      String timestamp, String expected) {
    Namespace ns = Manifests.readOne(manifest(timestamp), Namespace.class);
    assertEquals(Instant.parse(expected), ns.metadata().creationTimestamp().orElseThrow());
  }

  @ParameterizedTest
  @MethodSource("refused")
  void read_timestampGoRefuses_isAnInvalidValueAtItsPath_issue13item14(String timestamp) {
    ManifestException e =
        assertThrows(ManifestException.class, () -> Manifests.read(manifest(timestamp)));
    ManifestProblem p = e.problems().get(0);
    assertEquals("metadata.creationTimestamp", p.path(), e.getMessage());
    assertEquals(ManifestProblem.Kind.INVALID_VALUE, p.kind(), e.getMessage());
  }
}
