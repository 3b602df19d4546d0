package dev.terway4j.selector;

import static dev.terway4j.selector.TestObjects.labels;
import static dev.terway4j.selector.TestObjects.pn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.model.LabelSelector;
import dev.terway4j.model.LabelSelectorOperator;
import dev.terway4j.model.LabelSelectorRequirement;
import dev.terway4j.model.PodNetworking;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Static overlap analysis with witnesses. */
class OverlapsTest {

  private static LabelSelector expr(String key, LabelSelectorOperator op, String... values) {
    return LabelSelector.builder()
        .addMatchExpressions(LabelSelectorRequirement.of(key, op, values))
        .build();
  }

  private static void assertWitnessMatchesBoth(
      PodNetworking a, PodNetworking b, Overlap.Witness w) {
    PodNetworkingResolver resolver = PodNetworkingResolver.of(List.of(a, b));
    Resolution r = resolver.resolve(w.podLabels(), w.namespaceLabels(), w.fixedNamePod());
    assertTrue(r.isAmbiguous(), r + " for " + w);
  }

  @Test
  void find_disjointEqualities_doNotOverlap() {
    assertEquals(
        List.of(),
        Overlaps.find(
            List.of(pn("a", labels("app", "web"), null), pn("b", labels("app", "db"), null))));
  }

  @Test
  void find_differentKeys_overlapWithAPodCarryingBoth() {
    PodNetworking a = pn("a", labels("app", "web"), null);
    PodNetworking b = pn("b", labels("tier", "front"), null);
    List<Overlap> overlaps = Overlaps.find(List.of(b, a));
    assertEquals(1, overlaps.size());
    Overlap overlap = overlaps.get(0);
    assertEquals("a", overlap.first().metadata().name());
    assertEquals(Map.of("app", "web", "tier", "front"), overlap.witness().podLabels());
    assertWitnessMatchesBoth(a, b, overlap.witness());
  }

  @Test
  void witness_podAndNamespaceSelectors_combineIndependently() {
    PodNetworking a = pn("a", labels("app", "web"), null);
    PodNetworking b = pn("b", null, labels("team", "x"));
    Overlap.Witness w = Overlaps.witness(a, b).orElseThrow();
    assertEquals(Map.of("app", "web"), w.podLabels());
    assertEquals(Map.of("team", "x"), w.namespaceLabels());
    assertWitnessMatchesBoth(a, b, w);
  }

  @Test
  void witness_inAndNotIn_needAValueOutsideTheExclusions() {
    PodNetworking a = pn("a", expr("env", LabelSelectorOperator.IN, "dev", "prod"), null);
    PodNetworking b = pn("b", expr("env", LabelSelectorOperator.NOT_IN, "dev"), null);
    Overlap.Witness w = Overlaps.witness(a, b).orElseThrow();
    assertEquals(Map.of("env", "prod"), w.podLabels());
    PodNetworking c = pn("c", expr("env", LabelSelectorOperator.NOT_IN, "dev", "prod"), null);
    assertEquals(Optional.empty(), Overlaps.witness(a, c));
  }

  @Test
  void witness_existsAndDoesNotExist_neverOverlap() {
    PodNetworking a = pn("a", expr("gpu", LabelSelectorOperator.EXISTS), null);
    PodNetworking b = pn("b", expr("gpu", LabelSelectorOperator.DOES_NOT_EXIST), null);
    assertEquals(Optional.empty(), Overlaps.witness(a, b));
  }

  @Test
  void witness_existsAndNotIn_pickAFreshValue() {
    PodNetworking a = pn("a", expr("gpu", LabelSelectorOperator.EXISTS), null);
    PodNetworking b = pn("b", expr("gpu", LabelSelectorOperator.NOT_IN, "w", "w1"), null);
    Overlap.Witness w = Overlaps.witness(a, b).orElseThrow();
    assertEquals(Map.of("gpu", "w2"), w.podLabels());
    assertWitnessMatchesBoth(a, b, w);
  }

  @Test
  void witness_notInAlone_isSatisfiedByAnAbsentKey() {
    PodNetworking a = pn("a", expr("env", LabelSelectorOperator.NOT_IN, "prod"), null);
    PodNetworking b = pn("b", LabelSelector.everything(), null);
    Overlap.Witness w = Overlaps.witness(a, b).orElseThrow();
    assertEquals(Map.of(), w.podLabels());
  }

  @Test
  void witness_fixedAndElastic_overlapOnlyOnFixedNamePods() {
    PodNetworking fixed = pn("a", labels("app", "web"), null, true, true);
    PodNetworking elastic = pn("b", labels("app", "web"), null);
    Overlap.Witness w = Overlaps.witness(fixed, elastic).orElseThrow();
    assertTrue(w.fixedNamePod());
    assertWitnessMatchesBoth(fixed, elastic, w);
    Overlap.Witness both =
        Overlaps.witness(elastic, pn("c", labels("app", "web"), null)).orElseThrow();
    assertEquals(false, both.fixedNamePod());
  }

  @Test
  void witness_noSelectorsOrInvalidSelectors_neverOverlap() {
    PodNetworking all = pn("a", LabelSelector.everything(), null);
    assertEquals(Optional.empty(), Overlaps.witness(all, pn("b", null, null)));
    assertEquals(Optional.empty(), Overlaps.witness(all, pn("c", labels("app", "-x"), null)));
  }

  @Test
  void find_overlapToString_namesBothAndTheWitness() {
    List<Overlap> overlaps =
        Overlaps.find(
            List.of(
                pn("a", labels("app", "web"), null), pn("b", LabelSelector.everything(), null)));
    assertEquals("a & b, e.g. pod {app=web} in namespace {}", overlaps.get(0).toString());
  }
}
