package dev.terway4j.testkit.selector;

import static dev.terway4j.testkit.PropertyChecks.forAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.terway4j.selector.Requirement;
import dev.terway4j.selector.Selector;
import dev.terway4j.testkit.SelectorGenerators;
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
}
