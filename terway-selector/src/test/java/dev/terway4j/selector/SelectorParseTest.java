package dev.terway4j.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.model.Violation;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parsing and printing, ported from Kubernetes apimachinery {@code pkg/labels/selector_test.go}
 * (github.com/kubernetes/apimachinery, commit eed236ceee2c19c2753a3d93ac0631dc20750454): tables
 * {@code TestSelectorParse}, {@code TestDeterministicParse}, {@code TestSetSelectorParser} and
 * {@code TestToString}. Where a Go case builds an invalid in-memory selector (which our types
 * cannot hold), the case says so.
 */
class SelectorParseTest {

  private static Requirement req(String key, Operator op, String... values) {
    return Requirement.of(key, op, values);
  }

  // TestSelectorParse: good strings print back as themselves without spaces.
  @ParameterizedTest
  @ValueSource(
      strings = {
        "x=a,y=b,z=c",
        "",
        "x!=a,y=b",
        "x=",
        "x= ",
        "x=,z= ",
        "x= ,z= ",
        "!x",
        "x>1",
        "x>1,z<5"
      })
  void parse_goodString_printsBackWithoutSpaces(String text) {
    assertEquals(text.replace(" ", ""), Selector.parse(text).toString());
  }

  // TestSelectorParse: bad strings.
  @ParameterizedTest
  @ValueSource(strings = {"x=a||y=b", "x==a==b", "!x=a", "x<a"})
  void parse_badString_fails(String text) {
    assertThrows(SelectorParseException.class, () -> Selector.parse(text));
  }

  @Test
  void parse_isDeterministic_whateverTheOrderOfRequirements() {
    // TestDeterministicParse
    assertEquals(Selector.parse("x=a,a=x").toString(), Selector.parse("a=x,x=a").toString());
    assertEquals(Selector.parse("x=a,a=x"), Selector.parse("a=x,x=a"));
  }

  /** One row of TestSetSelectorParser: input, expected selector, whether to compare, validity. */
  private record Row(String in, Selector out, boolean compare, boolean valid) {}

  private static final List<Row> SET_SELECTOR_PARSER =
      List.of(
          new Row("", Selector.everything(), true, true),
          new Row("\rx", Selector.of(req("x", Operator.EXISTS)), true, true),
          new Row(
              "this-is-a-dns.domain.com/key-with-dash",
              Selector.of(req("this-is-a-dns.domain.com/key-with-dash", Operator.EXISTS)),
              true,
              true),
          new Row(
              "this-is-another-dns.domain.com/key-with-dash in (so,what)",
              Selector.of(
                  req("this-is-another-dns.domain.com/key-with-dash", Operator.IN, "so", "what")),
              true,
              true),
          new Row(
              "0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)",
              Selector.of(
                  req("0.1.2.domain/99", Operator.NOT_IN, "10.10.100.1", "tick.tack.clock")),
              true,
              true),
          new Row("foo  in\t (abc)", Selector.of(req("foo", Operator.IN, "abc")), true, true),
          new Row("x notin\n (abc)", Selector.of(req("x", Operator.NOT_IN, "abc")), true, true),
          new Row(
              "x  notin\t\t\t(abc,def)",
              Selector.of(req("x", Operator.NOT_IN, "abc", "def")),
              true,
              true),
          new Row("x in (abc,def)", Selector.of(req("x", Operator.IN, "abc", "def")), true, true),
          new Row("x in (abc,)", Selector.of(req("x", Operator.IN, "abc", "")), true, true),
          new Row("x in (abc,abc)", Selector.of(req("x", Operator.IN, "abc")), true, true),
          new Row("x in ()", Selector.of(req("x", Operator.IN, "")), true, true),
          new Row("x in (a,,)", Selector.of(req("x", Operator.IN, "a", "")), true, true),
          new Row("x in (a,,,)", Selector.of(req("x", Operator.IN, "a", "")), true, true),
          new Row("x in (a,,,,,,)", Selector.of(req("x", Operator.IN, "a", "")), true, true),
          new Row("x in (a,,a,,a,,a,,)", Selector.of(req("x", Operator.IN, "a", "")), true, true),
          new Row(
              "x notin (abc,,def),bar,z in (),w",
              Selector.of(
                  req("bar", Operator.EXISTS),
                  req("w", Operator.EXISTS),
                  req("x", Operator.NOT_IN, "abc", "", "def"),
                  req("z", Operator.IN, "")),
              true,
              true),
          new Row(
              "x,y in (a)",
              Selector.of(req("y", Operator.IN, "a"), req("x", Operator.EXISTS)),
              false,
              true),
          new Row("x=a", Selector.of(req("x", Operator.EQUALS, "a")), true, true),
          new Row("x>1", Selector.of(req("x", Operator.GREATER_THAN, "1")), true, true),
          new Row("x<7", Selector.of(req("x", Operator.LESS_THAN, "7")), true, true),
          new Row(
              "x=a,y!=b",
              Selector.of(req("x", Operator.EQUALS, "a"), req("y", Operator.NOT_EQUALS, "b")),
              true,
              true),
          new Row(
              "x=a,y!=b,z in (h,i,j)",
              Selector.of(
                  req("x", Operator.EQUALS, "a"),
                  req("y", Operator.NOT_EQUALS, "b"),
                  req("z", Operator.IN, "h", "i", "j")),
              true,
              true),
          new Row("x=a||y=b", Selector.everything(), false, false),
          new Row("x,,y", null, true, false),
          new Row(",x,y", null, true, false),
          new Row("x nott in (y)", null, true, false),
          new Row("x notin ( )", Selector.of(req("x", Operator.NOT_IN, "")), true, true),
          new Row("x notin (, a)", Selector.of(req("x", Operator.NOT_IN, "", "a")), true, true),
          new Row("a in (xyz),", null, true, false),
          new Row("a in (xyz)b notin ()", null, true, false),
          new Row("a ", Selector.of(req("a", Operator.EXISTS)), true, true),
          // operator 'in' inside list of identifiers
          new Row(
              "a in (x,y,notin, z,in)",
              Selector.of(req("a", Operator.IN, "in", "notin", "x", "y", "z")),
              true,
              true),
          new Row("a in (xyz abc)", null, false, false), // no comma
          new Row("a notin(", null, true, false), // bad formed
          new Row("a (", null, false, false), // cpar
          new Row("(", null, false, false)); // opar

  @Test
  void parse_setSelectorParserTable_givesApimachineryResults() {
    for (Row row : SET_SELECTOR_PARSER) {
      if (row.valid()) {
        Selector parsed = Selector.parse(row.in());
        if (row.compare()) {
          assertEquals(row.out(), parsed, "Parse(" + row.in() + ")");
        }
        assertEquals(parsed, Selector.parse(parsed.toString()), "reparse of " + row.in());
      } else {
        assertThrows(
            SelectorParseException.class,
            () -> Selector.parse(row.in()),
            "Parse(" + row.in() + ")");
      }
    }
  }

  // TestToString. The Go row "x in (abc,def)," holds a zero Requirement, which our types cannot
  // build; it is left out.
  @Test
  void toString_toStringTable_givesApimachineryForms() {
    assertEquals(
        "x in (abc,def),y notin (jkl),z",
        Selector.of(
                req("x", Operator.IN, "abc", "def"),
                req("y", Operator.NOT_IN, "jkl"),
                req("z", Operator.EXISTS))
            .toString());
    assertEquals(
        "x notin (abc,def),y!=jkl,!z",
        Selector.of(
                req("x", Operator.NOT_IN, "abc", "def"),
                req("y", Operator.NOT_EQUALS, "jkl"),
                req("z", Operator.DOES_NOT_EXIST))
            .toString());
    assertEquals(
        "x notin (abc),y in (jkl,mno),z notin ()",
        Selector.of(
                req("x", Operator.NOT_IN, "abc"),
                req("y", Operator.IN, "jkl", "mno"),
                req("z", Operator.NOT_IN, ""))
            .toString());
    assertEquals(
        "x=abc,y==jkl,z!=a,z",
        Selector.of(
                req("x", Operator.EQUALS, "abc"),
                req("y", Operator.DOUBLE_EQUALS, "jkl"),
                req("z", Operator.NOT_EQUALS, "a"),
                req("z", Operator.EXISTS))
            .toString());
    assertEquals(
        "x>2,y<8,z",
        Selector.of(
                req("x", Operator.GREATER_THAN, "2"),
                req("y", Operator.LESS_THAN, "8"),
                req("z", Operator.EXISTS))
            .toString());
  }

  @Test
  void toString_sortsRequirementsByKeyAndValuesAlphabetically() {
    Selector selector =
        Selector.of(
            req("zone", Operator.NOT_IN, "x"),
            req("env", Operator.IN, "b", "a"),
            req("app", Operator.EQUALS, "web"));
    assertEquals("app=web,env in (a,b),zone notin (x)", selector.toString());
  }

  @Test
  void parse_printedForm_givesTheSameSelector() {
    String text = "app=web,tier!=db,env in (a,b),zone notin (x),gpu,!spot";
    Selector selector = Selector.parse(text);
    assertEquals("app=web,env in (a,b),gpu,!spot,tier!=db,zone notin (x)", selector.toString());
    assertEquals(selector, Selector.parse(selector.toString()));
  }

  @Test
  void parse_syntaxError_namesThePosition() {
    SelectorParseException e =
        assertThrows(SelectorParseException.class, () -> Selector.parse("x=a,y=b c"));
    assertEquals(8, e.position());
    assertTrue(
        e.getMessage().contains("found 'c', expected: ',' or 'end of string'"), e.getMessage());
    assertTrue(e.violations().isEmpty());

    e = assertThrows(SelectorParseException.class, () -> Selector.parse("a in (xyz abc)"));
    assertEquals(10, e.position());

    e = assertThrows(SelectorParseException.class, () -> Selector.parse("x,,y"));
    assertEquals(2, e.position());
    assertTrue(e.getMessage().contains("expected: identifier after ','"), e.getMessage());
  }

  @Test
  void parse_misplacedOperator_namesTheApimachineryExpectation() {
    SelectorParseException e =
        assertThrows(SelectorParseException.class, () -> Selector.parse("x (a)"));
    assertTrue(
        e.getMessage().contains("found '(', expected: in, notin, =, ==, !=, gt, lt"),
        e.getMessage());
    assertEquals(2, e.position());
  }

  @Test
  void parse_invalidKeyOrValue_listsEveryViolationWithItsPath() {
    SelectorParseException e =
        assertThrows(SelectorParseException.class, () -> Selector.parse("a=b, x in (-bad,ok,_x)"));
    assertEquals(5, e.position());
    List<String> paths = e.violations().stream().map(Violation::path).collect(Collectors.toList());
    assertEquals(List.of("values[0]", "values[1]"), paths);
    assertTrue(e.getMessage().contains("-bad"), e.getMessage());

    e = assertThrows(SelectorParseException.class, () -> Selector.parse("Bad_/key=v"));
    assertEquals(0, e.position());
    assertEquals("key", e.violations().get(0).path());

    e = assertThrows(SelectorParseException.class, () -> Selector.parse("n>x"));
    assertEquals("values[0]", e.violations().get(0).path());
  }

  @Test
  void parse_keywordsAsValues_areIdentifiers() {
    // TestSelectorMatches: "notin=in" is an exact match on key "notin".
    Selector selector = Selector.parse("notin=in");
    assertTrue(selector.matches(Map.of("notin", "in")));
    assertFalse(selector.matches(Map.of("notin", "x")));
  }
}
