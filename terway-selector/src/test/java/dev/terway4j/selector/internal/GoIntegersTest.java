package dev.terway4j.selector.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Conformance with Go's {@code strconv.ParseInt(s, 10, 64)}. The first rows are the table {@code
 * parseInt64Tests} of {@code src/strconv/atoi_test.go} (github.com/golang/go, commit
 * 1ad1d615b8b1e19e5e4e3ad1cd908a03997aaa51), where an error row becomes empty; the rest follow
 * {@code atoi.go} of the same tree: one optional sign, then ASCII digits only (issue 13 item 17).
 */
class GoIntegersTest {

  static Stream<Arguments> parseInt64Table() {
    return Stream.of(
        // parseInt64Tests
        row("", null),
        row("0", 0L),
        row("-0", 0L),
        row("1", 1L),
        row("-1", -1L),
        row("12345", 12345L),
        row("-12345", -12345L),
        row("012345", 12345L),
        row("-012345", -12345L),
        row("98765432100", 98765432100L),
        row("-98765432100", -98765432100L),
        row("9223372036854775807", Long.MAX_VALUE),
        row("-9223372036854775807", -Long.MAX_VALUE),
        row("9223372036854775808", null),
        row("-9223372036854775808", Long.MIN_VALUE),
        row("9223372036854775809", null),
        row("-9223372036854775809", null),
        // From parseInt64BaseTests and parseUint64Tests, base 10 rows.
        row("12345x", null),
        row("-12345x", null),
        row("18446744073709551616", null),
        // atoi.go: a sign alone, two signs, blanks, underscores (base 0 only) are syntax errors.
        row("+", null),
        row("-", null),
        row("+5", 5L),
        row("+-5", null),
        row("--5", null),
        row(" 5", null),
        row("5 ", null),
        row("1_000", null),
        row("0x10", null),
        // Unicode digits are not digits to Go: Arabic-Indic three, fullwidth five, Devanagari one.
        row("\u0663", null),
        row("\uff15", null),
        row("1\u0967", null),
        row("-\u0663", null));
  }

  private static Arguments row(String in, Long out) {
    return Arguments.of(in, out == null ? OptionalLong.empty() : OptionalLong.of(out));
  }

  @ParameterizedTest(name = "ParseInt({0}) = {1}")
  @MethodSource("parseInt64Table")
  void parseInt64_agreesWithGoStrconvParseInt_issue13item17(String in, OptionalLong expected) {
    assertEquals(expected, GoIntegers.parseInt64(in));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parseInt64Table")
  void parseInt64_agreesWithLongParseLongOnAsciiInput(String in, OptionalLong expected) {
    if (in.chars().allMatch(c -> c < 0x80)) {
      OptionalLong java;
      try {
        java = OptionalLong.of(Long.parseLong(in));
      } catch (NumberFormatException e) {
        java = OptionalLong.empty();
      }
      assertEquals(java, GoIntegers.parseInt64(in));
    }
  }
}
