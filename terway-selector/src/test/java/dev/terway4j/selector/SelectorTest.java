package dev.terway4j.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Matching, ported from Kubernetes apimachinery {@code pkg/labels/selector_test.go}
 * (github.com/kubernetes/apimachinery, commit eed236ceee2c19c2753a3d93ac0631dc20750454): {@code
 * TestEverything}, {@code TestSelectorMatches}, {@code TestSetMatches}, {@code
 * TestRequirementSelectorMatching}, {@code TestAdd}, {@code TestRequiresExactMatch}, {@code
 * TestMatchesNothing}.
 */
class SelectorTest {

  private static Requirement req(String key, Operator op, String... values) {
    return Requirement.of(key, op, values);
  }

  private static void expectMatch(String selector, Map<String, String> labels) {
    assertTrue(Selector.parse(selector).matches(labels), selector + " should match " + labels);
  }

  private static void expectNoMatch(String selector, Map<String, String> labels) {
    assertFalse(Selector.parse(selector).matches(labels), selector + " should not match " + labels);
  }

  @Test
  void everything_matchesAnyLabelsAndIsEmpty() {
    assertTrue(Selector.everything().matches(Map.of("x", "y")));
    assertTrue(Selector.everything().isEverything());
    assertEquals("", Selector.everything().toString());
  }

  @Test
  void nothing_matchesNoLabels() {
    assertFalse(Selector.nothing().matches(Map.of()));
    assertFalse(Selector.nothing().matches(Map.of("x", "y")));
    assertTrue(Selector.nothing().isNothing());
    assertFalse(Selector.nothing().isEverything());
    assertTrue(Selector.nothing().and(List.of(req("a", Operator.EXISTS))).isNothing());
  }

  @Test
  void matches_selectorMatchesTable_givesApimachineryResults() {
    expectMatch("", Map.of("x", "y"));
    expectMatch("x=y", Map.of("x", "y"));
    expectMatch("x=y,z=w", Map.of("x", "y", "z", "w"));
    expectMatch("x!=y,z!=w", Map.of("x", "z", "z", "a"));
    expectMatch("notin=in", Map.of("notin", "in"));
    expectMatch("x", Map.of("x", "z"));
    expectMatch("!x", Map.of("y", "z"));
    expectMatch("x>1", Map.of("x", "2"));
    expectMatch("x<1", Map.of("x", "0"));
    expectNoMatch("x=z", Map.of());
    expectNoMatch("x=y", Map.of("x", "z"));
    expectNoMatch("x=y,z=w", Map.of("x", "w", "z", "w"));
    expectNoMatch("x!=y,z!=w", Map.of("x", "z", "z", "w"));
    expectNoMatch("x", Map.of("y", "z"));
    expectNoMatch("!x", Map.of("x", "z"));
    expectNoMatch("x>1", Map.of("x", "0"));
    expectNoMatch("x<1", Map.of("x", "2"));

    Map<String, String> labelset = Map.of("foo", "bar", "baz", "blah");
    expectMatch("foo=bar", labelset);
    expectMatch("baz=blah", labelset);
    expectMatch("foo=bar,baz=blah", labelset);
    expectNoMatch("foo=blah", labelset);
    expectNoMatch("baz=bar", labelset);
    expectNoMatch("foo=bar,foobar=bar,baz=blah", labelset);
  }

  @Test
  void fromSet_setMatchesTable_matchesSupersets() {
    Map<String, String> labelset = Map.of("foo", "bar", "baz", "blah");
    assertTrue(Selectors.fromSet(Map.of()).matches(labelset));
    assertTrue(Selectors.fromSet(Map.of("foo", "bar")).matches(labelset));
    assertTrue(Selectors.fromSet(Map.of("baz", "blah")).matches(labelset));
    assertTrue(Selectors.fromSet(Map.of("foo", "bar", "baz", "blah")).matches(labelset));
    assertTrue(Selectors.fromSet(Map.of()).isEverything());
  }

  @Test
  void matches_requirementSelectorMatchingTable_givesApimachineryResults() {
    // The Go row with a zero Requirement (matches nothing) cannot be built here: Requirement
    // validates on construction.
    Map<String, String> xy = Map.of("x", "foo", "y", "baz");
    assertTrue(
        Selector.of(req("x", Operator.IN, "foo"), req("y", Operator.NOT_IN, "alpha")).matches(xy));
    assertFalse(
        Selector.of(req("x", Operator.IN, "foo"), req("y", Operator.IN, "alpha")).matches(xy));
    Map<String, String> yEmpty = Map.of("y", "");
    assertTrue(
        Selector.of(req("x", Operator.NOT_IN, ""), req("y", Operator.EXISTS)).matches(yEmpty));
    assertTrue(
        Selector.of(req("x", Operator.DOES_NOT_EXIST), req("y", Operator.EXISTS)).matches(yEmpty));
    assertFalse(
        Selector.of(req("x", Operator.NOT_IN, ""), req("y", Operator.DOES_NOT_EXIST))
            .matches(yEmpty));
    assertFalse(Selector.of(req("x", Operator.IN, "")).matches(Map.of("y", "baz")));
    assertTrue(Selector.of(req("z", Operator.GREATER_THAN, "1")).matches(Map.of("z", "2")));
    assertFalse(Selector.of(req("z", Operator.GREATER_THAN, "1")).matches(Map.of("z", "v2")));
  }

  @Test
  void and_addsRequirementsSortedByKey() {
    // TestAdd
    Selector one = Selector.everything().and(List.of(req("key", Operator.IN, "value")));
    assertEquals(Selector.of(req("key", Operator.IN, "value")), one);
    Selector two = one.and(List.of(req("key2", Operator.EQUALS, "value2")));
    assertEquals(
        List.of(req("key", Operator.IN, "value"), req("key2", Operator.EQUALS, "value2")),
        two.requirements());
    Selector reordered =
        Selector.of(req("b", Operator.EXISTS)).and(List.of(req("a", Operator.EXISTS)));
    assertEquals("a,b", reordered.toString());
  }

  @Test
  void requiredValue_requiresExactMatchTable_givesApimachineryResults() {
    assertEquals(
        Optional.of("value"), Selector.of(req("key", Operator.IN, "value")).requiredValue("key"));
    assertEquals(
        Optional.empty(),
        Selector.of(req("key", Operator.IN, "value", "value2")).requiredValue("key"));
    assertEquals(
        Optional.of("value2"),
        Selector.of(req("key", Operator.IN, "value", "value1"), req("key2", Operator.IN, "value2"))
            .requiredValue("key2"));
    assertEquals(
        Optional.of("value"),
        Selector.of(req("key", Operator.EQUALS, "value")).requiredValue("key"));
    assertEquals(
        Optional.of("value"),
        Selector.of(req("key", Operator.DOUBLE_EQUALS, "value")).requiredValue("key"));
    assertEquals(
        Optional.empty(),
        Selector.of(req("key", Operator.NOT_EQUALS, "value")).requiredValue("key"));
    assertEquals(
        Optional.of("value"),
        Selector.of(req("key", Operator.IN, "value"), req("key2", Operator.IN, "value2"))
            .requiredValue("key"));
  }

  @Test
  void isNothing_onlyForTheNothingSelector() {
    // TestMatchesNothing: conflicting requirements are not detected as "nothing".
    assertTrue(Selector.nothing().isNothing());
    assertFalse(Selector.everything().isNothing());
    assertFalse(Selectors.fromSet(Map.of("key", "value")).isNothing());
    for (String text :
        List.of(
            "",
            "a",
            "!a",
            "a=b",
            "a!=b",
            "a in (b)",
            "a notin (b)",
            "a,!a",
            "a=b,a!=b",
            "a in (b),a notin (b)")) {
      assertFalse(Selector.parse(text).isNothing(), text);
    }
  }

  @Test
  void notInAndDoesNotExist_matchALabelSetWithoutTheKey() {
    assertTrue(Selector.parse("env notin (prod)").matches(Map.of()));
    assertTrue(Selector.parse("env!=prod").matches(Map.of()));
    assertTrue(Selector.parse("!env").matches(Map.of()));
    assertFalse(Selector.parse("env in (prod)").matches(Map.of()));
    assertFalse(Selector.parse("env").matches(Map.of()));
  }

  @Test
  void unmetRequirements_listsEveryFailingRequirementInOrder() {
    Selector selector = Selector.parse("app=web,env in (prod),tier");
    assertEquals(
        List.of(req("app", Operator.EQUALS, "web"), req("tier", Operator.EXISTS)),
        selector.unmetRequirements(Map.of("app", "db", "env", "prod")));
    assertEquals(
        List.of(), selector.unmetRequirements(Map.of("app", "web", "env", "prod", "tier", "")));
  }

  @Test
  void matches_nullLabels_throwsNullPointerException() {
    assertThrows(NullPointerException.class, () -> Selector.parse("a").matches(null));
  }
}
