package dev.terway4j.selector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.model.LabelSelector;
import dev.terway4j.model.LabelSelectorOperator;
import dev.terway4j.model.LabelSelectorRequirement;
import dev.terway4j.model.ValidationException;
import dev.terway4j.model.Violation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Conversion of the model's LabelSelector, as apimachinery's LabelSelectorAsSelector. */
class SelectorsTest {

  @Test
  void fromLabelSelector_absent_isNothing() {
    assertTrue(Selectors.fromLabelSelector(Optional.empty()).isNothing());
  }

  @Test
  void fromLabelSelector_empty_isEverything() {
    assertTrue(Selectors.fromLabelSelector(LabelSelector.everything()).isEverything());
    assertTrue(Selectors.fromLabelSelector(Optional.of(LabelSelector.everything())).isEverything());
  }

  @Test
  void fromLabelSelector_labelsAndExpressions_becomeSortedRequirements() {
    LabelSelector selector =
        LabelSelector.builder()
            .putMatchLabels("tier", "front")
            .putMatchLabels("app", "web")
            .addMatchExpressions(
                LabelSelectorRequirement.of("env", LabelSelectorOperator.NOT_IN, "prod", "dev"))
            .addMatchExpressions(
                LabelSelectorRequirement.of("spot", LabelSelectorOperator.DOES_NOT_EXIST))
            .addMatchExpressions(LabelSelectorRequirement.of("gpu", LabelSelectorOperator.EXISTS))
            .addMatchExpressions(LabelSelectorRequirement.of("zone", LabelSelectorOperator.IN, "a"))
            .build();
    assertEquals(
        "app=web,env notin (dev,prod),gpu,!spot,tier=front,zone in (a)",
        Selectors.fromLabelSelector(selector).toString());
  }

  @Test
  void fromLabelSelector_invalid_listsEveryViolationWithItsPath() {
    LabelSelector selector =
        LabelSelector.builder()
            .putMatchLabels("app", "-web")
            .addMatchExpressions(LabelSelectorRequirement.of("env", LabelSelectorOperator.IN))
            .addMatchExpressions(
                LabelSelectorRequirement.of("gpu", LabelSelectorOperator.EXISTS, "yes"))
            .addMatchExpressions(
                LabelSelectorRequirement.of("Bad Key", LabelSelectorOperator.EXISTS))
            .build();
    ValidationException e =
        assertThrows(ValidationException.class, () -> Selectors.fromLabelSelector(selector));
    assertEquals(
        List.of(
            "matchLabels[app]",
            "matchExpressions[0].values",
            "matchExpressions[1].values",
            "matchExpressions[2].key"),
        e.errors().stream().map(Violation::path).collect(Collectors.toList()));
    assertEquals(
        "spec.selector.podSelector.matchLabels[app]",
        Selectors.violations(selector, "spec.selector.podSelector").get(0).path());
  }

  @Test
  void fromSet_invalidValue_isReported() {
    // TestValidatedSelectorFromSet: a 64-character value is too long.
    ValidationException e =
        assertThrows(
            ValidationException.class, () -> Selectors.fromSet(Map.of("Key", "a".repeat(64))));
    assertEquals("matchLabels[Key]", e.errors().get(0).path());
    assertEquals("key=val", Selectors.fromSet(Map.of("key", "val")).toString());
  }
}
