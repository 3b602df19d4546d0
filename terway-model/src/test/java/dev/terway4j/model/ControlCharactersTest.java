package dev.terway4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("ControlCharacters (issue 13 item 3)")
class ControlCharactersTest {

  @ParameterizedTest(name = "U+{0} -> {1}")
  @CsvSource({
    "0000, \\x00",
    "0007, \\x07",
    "0009, \\t",
    "000a, \\n",
    "000d, \\r",
    "001b, \\x1b",
    "007f, \\x7f",
    "0085, \\x85",
    "009b, \\x9b",
    "061c, \\u061c",
    "200f, \\u200f",
    "2028, \\u2028",
    "202e, \\u202e",
    "2066, \\u2066",
    "2069, \\u2069"
  })
  void escape_controlCharacter_becomesVisibleEscape_issue13item3(String hex, String expected) {
    char c = (char) Integer.parseInt(hex, 16);
    assertEquals("a" + expected + "b", ControlCharacters.escape("a" + c + "b"));
  }

  @Test
  void escape_terminalTitleSequence_keepsNoEscOrBel_issue13item3() {
    String escaped = ControlCharacters.escape("\u001b]0;PWNED\u0007");
    assertEquals("\\x1b]0;PWNED\\x07", escaped);
  }

  @Test
  void escape_printableText_isReturnedAsItIs() {
    String text = "vsw-1 web/app-0 é 名前 \\n";
    assertSame(text, ControlCharacters.escape(text));
    for (char c : text.toCharArray()) {
      assertFalse(ControlCharacters.isEscaped(c));
    }
  }

  @Test
  void escape_isIdempotent_andItsOutputHasNoControlCharacter_issue13item3() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x3000; c++) {
      all.append(c);
    }
    String once = ControlCharacters.escape(all);
    assertEquals(once, ControlCharacters.escape(once));
    assertTrue(once.chars().noneMatch(c -> ControlCharacters.isEscaped((char) c)));
  }

  @Test
  void escaped_escapesWhenPrinted() {
    assertEquals(
        "eni-1\\nERROR forged", ControlCharacters.escaped("eni-1\nERROR forged").toString());
    assertEquals("null", ControlCharacters.escaped(null).toString());
  }

  @Test
  void violationAndProblemText_escapeUserInput_issue13item3() {
    Violation violation = Violation.error("metadata.name", "invalid name \"\u001b]0;x\u0007\"");
    assertEquals("metadata.name: invalid name \"\\x1b]0;x\\x07\"", violation.toString());
    ManifestProblem problem =
        new ManifestProblem(
            "f\r.yaml", 0, "spec", ManifestProblem.Kind.INVALID_VALUE, "bad\nERROR forged");
    assertEquals("f\\r.yaml document 0 spec: bad\\nERROR forged", problem.toString());
    ValidationException e =
        new ValidationException(
            new ValidationResult("pod \u001b[2J", List.of(violation), List.of()));
    assertTrue(e.getMessage().chars().noneMatch(c -> c == 0x1b || c == 7), e.getMessage());
  }

  @Test
  void cloudIdsError_escapesTheId_issue13item3() {
    String message = CloudIds.error(CloudIds.Type.ENI, "eni-1\nERROR forged").orElseThrow();
    assertFalse(message.contains("\n"), message);
  }
}
