package dev.terway4j.selector;

import static dev.terway4j.selector.TestObjects.labels;
import static dev.terway4j.selector.TestObjects.map;
import static dev.terway4j.selector.TestObjects.namespace;
import static dev.terway4j.selector.TestObjects.pn;
import static dev.terway4j.selector.TestObjects.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.model.LabelSelector;
import dev.terway4j.model.LabelSelectorOperator;
import dev.terway4j.model.LabelSelectorRequirement;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Pod;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link PodNetworkingResolver#explain}: one verdict per PodNetworking, each reason checked. */
class ExplanationTest {

  private static final Pod WEB_POD = pod(map("app", "web", "env", "dev"), "ReplicaSet");
  private static final Namespace NS = namespace(map("team", "a"));

  private static final PodNetworkingResolver RESOLVER =
      PodNetworkingResolver.of(
          List.of(
              pn("1-matched", labels("app", "web"), null),
              pn("2-not-ready", labels("app", "web"), null, false, false),
              pn("3-fixed", labels("app", "web"), null, true, true),
              pn("4-no-selectors", null, null),
              pn("5-invalid", labels("app", "web_"), null),
              pn(
                  "6-mismatch",
                  LabelSelector.builder()
                      .putMatchLabels("app", "db")
                      .addMatchExpressions(
                          LabelSelectorRequirement.of("env", LabelSelectorOperator.IN, "prod"))
                      .addMatchExpressions(
                          LabelSelectorRequirement.of("tier", LabelSelectorOperator.EXISTS))
                      .build(),
                  labels("team", "b"))));

  private static Verdict verdict(String name) {
    return RESOLVER.explain(WEB_POD, NS).verdict(name).orElseThrow();
  }

  @Test
  void explain_matchingPodNetworking_isMatched() {
    assertEquals(Verdict.Reason.MATCHED, verdict("1-matched").reason());
    assertEquals("1-matched: matched", verdict("1-matched").toString());
  }

  @Test
  void explain_notReadyPodNetworking_saysNotReady() {
    assertEquals(Verdict.Reason.NOT_READY, verdict("2-not-ready").reason());
  }

  @Test
  void explain_fixedPodNetworkingAndReplicaSetPod_saysFixedNeedsFixedNamePod() {
    assertEquals(Verdict.Reason.FIXED_NEEDS_FIXED_NAME_POD, verdict("3-fixed").reason());
  }

  @Test
  void explain_noSelectors_saysNeverMatchedAutomatically() {
    assertEquals(Verdict.Reason.NO_SELECTORS, verdict("4-no-selectors").reason());
  }

  @Test
  void explain_invalidSelector_listsTheViolationWithItsPath() {
    Verdict verdict = verdict("5-invalid");
    assertEquals(Verdict.Reason.INVALID_SELECTOR, verdict.reason());
    assertEquals("spec.selector.podSelector.matchLabels[app]", verdict.violations().get(0).path());
  }

  @Test
  void explain_selectorMismatch_namesEachFailedRequirementLabelAndValue() {
    Verdict verdict = verdict("6-mismatch");
    assertEquals(Verdict.Reason.SELECTOR_MISMATCH, verdict.reason());
    List<Verdict.Mismatch> mismatches = verdict.mismatches();
    assertEquals(4, mismatches.size());
    assertEquals(Verdict.Scope.POD, mismatches.get(0).scope());
    assertEquals("app", mismatches.get(0).key());
    assertEquals(Optional.of("web"), mismatches.get(0).actualValue());
    assertEquals("env", mismatches.get(1).key());
    assertEquals(Optional.of("dev"), mismatches.get(1).actualValue());
    assertEquals("tier", mismatches.get(2).key());
    assertEquals(Optional.empty(), mismatches.get(2).actualValue());
    assertEquals(Verdict.Scope.NAMESPACE, mismatches.get(3).scope());
    assertEquals(
        "6-mismatch: selector mismatch: podSelector \"app=db\" not met: label app=\"web\"; "
            + "podSelector \"env in (prod)\" not met: label env=\"dev\"; "
            + "podSelector \"tier\" not met: label tier is absent; "
            + "namespaceSelector \"team=b\" not met: label team=\"a\"",
        verdict.toString());
  }

  @Test
  void explain_resolution_agreesWithResolve() {
    Explanation explanation = RESOLVER.explain(WEB_POD, NS);
    assertEquals(RESOLVER.resolve(WEB_POD, NS), explanation.resolution());
    assertEquals(6, explanation.verdicts().size());
    assertTrue(explanation.toString().startsWith("MATCHED 1-matched\n  1-matched: matched"));
  }
}
