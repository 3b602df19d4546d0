package dev.terway4j.testkit.selector;

import static dev.terway4j.testkit.PropertyChecks.forAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.terway4j.selector.Requirement;
import dev.terway4j.selector.Selector;
import dev.terway4j.selector.SelectorParseException;
import dev.terway4j.testkit.Gens;
import dev.terway4j.testkit.MalformedInputs;
import dev.terway4j.testkit.SelectorGenerators;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kubectl string form: printing is canonical and parses back to an equal selector. */
class SelectorStringProperties {

  @Test
  void parse_ofPrinted_isTheSameSelector() {
    forAll(SelectorGenerators.selectors())
        .check(selector -> Selector.parse(selector.toString()).equals(selector));
  }

  @Test
  void matches_isTheConjunctionOfItsRequirements() {
    forAll(SelectorGenerators.selectors(), SelectorGenerators.labelSets())
        .checkThat(
            (selector, labels) ->
                assertEquals(
                    selector.requirements().stream().allMatch(r -> r.matches(labels)),
                    selector.matches(labels)));
  }

  @Test
  void toString_ofRequirement_parsesBackAlone() {
    forAll(SelectorGenerators.requirements())
        .checkThat((Requirement r) -> assertEquals(Selector.of(r), Selector.parse(r.toString())));
  }

  @Test
  void gtLt_neverMatchUnicodeDigits_asGoParseInt_issue13item17() {
    forAll(MalformedInputs.unicodeDigitIntegers(), Gens.integers(0, 9999))
        .checkThat(
            (value, bound) -> {
              assertFalse(Selector.parse("a>" + bound).matches(Map.of("a", value)), value);
              assertFalse(Selector.parse("a<" + bound).matches(Map.of("a", value)), value);
              assertThrows(SelectorParseException.class, () -> Selector.parse("a>" + value));
            });
  }

  @Test
  void gtLt_onAsciiIntegers_compareAsLongs_issue13item17() {
    forAll(Gens.longs(0, Long.MAX_VALUE), Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE))
        .checkThat(
            (bound, value) -> {
              Map<String, String> labels = Map.of("a", Long.toString(value));
              assertEquals(value > bound, Selector.parse("a>" + bound).matches(labels));
              assertEquals(value < bound, Selector.parse("a<" + bound).matches(labels));
            });
  }

  @Test
  void parse_longDottedKeys_failWithSelectorParseException_issue13item4() {
    forAll(MalformedInputs.longDottedNames())
        .withTries(100)
        .checkThat(
            name -> {
              assertThrows(SelectorParseException.class, () -> Selector.parse(name + "/b"));
              assertThrows(SelectorParseException.class, () -> Selector.parse("x," + name));
            });
  }
}
