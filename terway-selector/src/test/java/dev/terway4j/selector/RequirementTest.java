package dev.terway4j.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.model.ValidationException;
import dev.terway4j.model.Violation;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Construction rules, ported from Kubernetes apimachinery {@code pkg/labels/selector_test.go}
 * (github.com/kubernetes/apimachinery, commit eed236ceee2c19c2753a3d93ac0631dc20750454): {@code
 * TestRequirementConstructor} (the field of each expected error becomes our violation path) and
 * {@code TestRequirementEqual}.
 */
class RequirementTest {

  private record Row(String key, Operator op, List<String> values, List<String> errorPaths) {}

  private static final List<Row> CONSTRUCTOR =
      List.of(
          new Row("x1", Operator.IN, List.of(), List.of("values")),
          new Row("x2", Operator.NOT_IN, List.of(), List.of("values")),
          new Row("x3", Operator.IN, List.of("foo"), List.of()),
          new Row("x4", Operator.NOT_IN, List.of("foo"), List.of()),
          new Row("x5", Operator.EQUALS, List.of("bar", "foo"), List.of("values")),
          new Row("x6", Operator.EXISTS, List.of(), List.of()),
          new Row("x7", Operator.DOES_NOT_EXIST, List.of(), List.of()),
          new Row("x8", Operator.EXISTS, List.of("foo"), List.of("values")),
          new Row("x9", Operator.IN, List.of("bar"), List.of()),
          new Row("x10", Operator.IN, List.of("bar"), List.of()),
          new Row("x11", Operator.GREATER_THAN, List.of("1"), List.of()),
          new Row("x12", Operator.LESS_THAN, List.of("6"), List.of()),
          new Row("x13", Operator.GREATER_THAN, List.of(), List.of("values")),
          new Row("x14", Operator.GREATER_THAN, List.of("bar"), List.of("values[0]")),
          new Row("x15", Operator.LESS_THAN, List.of("bar"), List.of("values[0]")),
          // breaks the DNS rule that len(key) <= 253
          new Row("a".repeat(254), Operator.EXISTS, List.of(), List.of("key")),
          // apimachinery's path here is values[0][x16]; ours leaves out the key suffix.
          new Row("x16", Operator.EQUALS, List.of("a".repeat(254)), List.of("values[0]")),
          new Row("x17", Operator.EQUALS, List.of("a b"), List.of("values[0]")));

  // The Go row x18 ("unsupportedOp") cannot be written: Operator is an enum.

  @Test
  void of_requirementConstructorTable_reportsApimachineryErrors() {
    for (Row row : CONSTRUCTOR) {
      List<String> paths =
          Requirement.violations(row.key(), row.op(), row.values()).stream()
              .map(Violation::path)
              .collect(Collectors.toList());
      assertEquals(row.errorPaths(), paths, "NewRequirement(" + row.key() + ")");
      if (row.errorPaths().isEmpty()) {
        assertEquals(row.key(), Requirement.of(row.key(), row.op(), row.values()).key());
      } else {
        ValidationException e =
            assertThrows(
                ValidationException.class, () -> Requirement.of(row.key(), row.op(), row.values()));
        assertEquals(row.errorPaths().size(), e.errors().size());
      }
    }
  }

  @Test
  void of_severalProblems_reportsThemAll() {
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> Requirement.of("-bad", Operator.EQUALS, "x y", "z"));
    assertEquals(
        List.of("key", "values", "values[0]"),
        e.errors().stream().map(Violation::path).collect(Collectors.toList()));
    assertTrue(e.getMessage().contains("-bad"), e.getMessage());
  }

  @Test
  void of_keyWithPrefix_followsQualifiedNameRules() {
    Requirement.of("example.com/app", Operator.EXISTS);
    Requirement.of("a".repeat(63), Operator.EXISTS);
    assertThrows(ValidationException.class, () -> Requirement.of("a".repeat(64), Operator.EXISTS));
    assertThrows(
        ValidationException.class, () -> Requirement.of("Example.com/app", Operator.EXISTS));
    assertThrows(ValidationException.class, () -> Requirement.of("/app", Operator.EXISTS));
    assertThrows(
        ValidationException.class, () -> Requirement.of("a".repeat(254) + "/app", Operator.EXISTS));
    Requirement.of("x", Operator.IN, "v".repeat(63));
    assertThrows(ValidationException.class, () -> Requirement.of("x", Operator.IN, "v".repeat(64)));
  }

  @Test
  void equals_requirementEqualTable_comparesKeyOperatorAndValues() {
    assertEquals(
        Requirement.of("key", Operator.IN, "foo", "bar"),
        Requirement.of("key", Operator.IN, "foo", "bar"));
    assertNotEquals(
        Requirement.of("key1", Operator.IN, "foo"), Requirement.of("key2", Operator.IN, "foo"));
    assertNotEquals(
        Requirement.of("key", Operator.EQUALS, "foo"), Requirement.of("key", Operator.IN, "foo"));
    assertNotEquals(
        Requirement.of("key", Operator.IN, "foo", "bar"),
        Requirement.of("key", Operator.IN, "foobar"));
    // Values are a set: order and duplicates do not matter.
    assertEquals(
        Requirement.of("key", Operator.IN, "b", "a", "a"),
        Requirement.of("key", Operator.IN, "a", "b"));
  }

  @Test
  void toString_printsValuesSorted() {
    // TestSafeSort: sorting for output never changes the values held.
    Requirement requirement = Requirement.of("environment", Operator.NOT_IN, "foo", "bar");
    assertEquals("environment notin (bar,foo)", requirement.toString());
    assertEquals(List.of("bar", "foo"), requirement.valueList());
  }

  @Test
  void matches_integerComparisons_ignoreNonIntegers() {
    Requirement gt = Requirement.of("n", Operator.GREATER_THAN, "5");
    assertTrue(gt.matchesValue("6"));
    assertTrue(!gt.matchesValue("5"));
    assertTrue(!gt.matchesValue("six"));
    assertTrue(!gt.matchesValue(null));
    Requirement lt = Requirement.of("n", Operator.LESS_THAN, "5");
    assertTrue(lt.matchesValue("-3"));
  }

  @Test
  void matches_gtLt_takeAsciiDigitsOnly_issue13item17() {
    // The differential run against apimachinery: Go's strconv.ParseInt rejects these values.
    assertFalse(Selector.parse("a>1").matches(Map.of("a", "\u0663")));
    assertFalse(Selector.parse("a>0").matches(Map.of("a", "\uff15")));
    assertFalse(Selector.parse("a<9").matches(Map.of("a", "\u0967")));
    assertTrue(Selector.parse("a>1").matches(Map.of("a", "3")));
    assertTrue(Selector.parse("a<0").matches(Map.of("a", "-9223372036854775808")));
    assertFalse(Selector.parse("a>0").matches(Map.of("a", "9223372036854775808")));
    assertTrue(Selector.parse("a>0").matches(Map.of("a", "+5")));
  }

  @Test
  void of_gtWithUnicodeDigitValue_isInvalid_issue13item17() {
    assertThrows(
        ValidationException.class, () -> Requirement.of("a", Operator.GREATER_THAN, "\u0663"));
  }

  @Test
  void of_longDottedKeyPrefix_reportsTheKeyWithoutOverflowingStack_issue13item4() {
    String key = "a.".repeat(2000) + "a/b";
    ValidationException e =
        assertThrows(ValidationException.class, () -> Requirement.of(key, Operator.EXISTS));
    assertEquals(List.of("key"), e.errors().stream().map(Violation::path).toList());
  }

  @Test
  void parse_longDottedKeyPrefix_throwsParseExceptionWithoutOverflowingStack_issue13item4() {
    assertThrows(SelectorParseException.class, () -> Selector.parse("a.".repeat(2000) + "a/b"));
    assertThrows(
        SelectorParseException.class, () -> Selector.parse("a.".repeat(100_000) + "a/b in (x)"));
  }

  @Test
  void fromSet_longDottedKey_throwsValidationExceptionWithoutOverflowingStack_issue13item4() {
    assertThrows(
        ValidationException.class, () -> Selectors.fromSet(Map.of("a.".repeat(2000) + "a/b", "v")));
  }

  @Test
  void parse_inputWithControlCharacters_escapesThemInTheMessage_issue13item3() {
    SelectorParseException e =
        assertThrows(SelectorParseException.class, () -> Selector.parse("a=\u001b]0;x\u0007"));
    assertFalse(e.getMessage().contains("\u001b"), e.getMessage());
    assertFalse(e.getMessage().contains("\u0007"), e.getMessage());
    assertTrue(e.getMessage().contains("\\x1b]0;x\\x07"), e.getMessage());
  }
}
