package dev.terway4j.testkit.selector;

import static dev.terway4j.testkit.PropertyChecks.forAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.model.IpAllocationType;
import dev.terway4j.model.LabelSelector;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.selector.Overlap;
import dev.terway4j.selector.Overlaps;
import dev.terway4j.testkit.Gen;
import dev.terway4j.testkit.Gens;
import dev.terway4j.testkit.SelectorGenerators;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Overlap analysis: every witness really matches both PodNetworkings, and a random search never
 * finds a pod that matches two PodNetworkings reported as not overlapping.
 */
class SelectorOverlapProperties {

  // Readiness does not matter to overlaps: generate Ready ones so the pair takes part.
  private static Gen<PodNetworking> readyPodNetworking(String name) {
    return SelectorGenerators.podNetworkings(name)
        .map(
            pn ->
                SelectorGenerators.podNetworking(
                    name,
                    pn.spec().selector().podSelector(),
                    pn.spec().selector().namespaceSelector(),
                    pn.spec().allocationType().type() == IpAllocationType.FIXED,
                    true));
  }

  private static final Gen<List<PodNetworking>> PAIRS =
      Gens.combine(readyPodNetworking("a"), readyPodNetworking("b"), List::of);

  /** Whether a pod matches a PodNetworking, by the reference rules (readiness ignored). */
  private static boolean matches(
      PodNetworking pn, Map<String, String> pod, Map<String, String> ns, boolean fixedName) {
    if (pn.spec().allocationType().type() == IpAllocationType.FIXED && !fixedName) {
      return false;
    }
    Optional<LabelSelector> ps = pn.spec().selector().podSelector();
    Optional<LabelSelector> nss = pn.spec().selector().namespaceSelector();
    if (ps.isEmpty() && nss.isEmpty()) {
      return false;
    }
    return ps.map(s -> SelectorResolverProperties.matches(s, pod)).orElse(true)
        && nss.map(s -> SelectorResolverProperties.matches(s, ns)).orElse(true);
  }

  @Test
  void witness_ofEveryReportedOverlap_matchesBoth() {
    forAll(SelectorGenerators.podNetworkingSets(8))
        .checkThat(
            pns -> {
              for (Overlap overlap : Overlaps.find(pns)) {
                Overlap.Witness w = overlap.witness();
                assertTrue(
                    matches(overlap.first(), w.podLabels(), w.namespaceLabels(), w.fixedNamePod()),
                    overlap::toString);
                assertTrue(
                    matches(overlap.second(), w.podLabels(), w.namespaceLabels(), w.fixedNamePod()),
                    overlap::toString);
              }
            });
  }

  @Test
  void witness_fixedNamePod_isRequiredExactlyWhenOneIsFixed() {
    forAll(PAIRS)
        .checkThat(
            pair -> {
              Optional<Overlap.Witness> w = Overlaps.witness(pair.get(0), pair.get(1));
              boolean anyFixed =
                  pair.stream()
                      .anyMatch(p -> p.spec().allocationType().type() == IpAllocationType.FIXED);
              w.ifPresent(witness -> assertTrue(witness.fixedNamePod() == anyFixed));
            });
  }

  @Test
  void noOverlap_hasNoCounterexampleInARandomSearch() {
    Gen<List<Object>> probes =
        Gens.combine(
            SelectorGenerators.labelSets(),
            SelectorGenerators.labelSets(),
            Gens.booleans(),
            (pod, ns, fixed) -> List.of(pod, ns, fixed));
    forAll(PAIRS, probes.listOf(200, 200))
        .withTries(200)
        .checkThat(
            (pair, tries) -> {
              if (Overlaps.witness(pair.get(0), pair.get(1)).isPresent()) {
                return;
              }
              for (List<Object> probe : tries) {
                @SuppressWarnings("unchecked")
                Map<String, String> pod = (Map<String, String>) probe.get(0);
                @SuppressWarnings("unchecked")
                Map<String, String> ns = (Map<String, String>) probe.get(1);
                boolean fixed = (Boolean) probe.get(2);
                assertFalse(
                    matches(pair.get(0), pod, ns, fixed) && matches(pair.get(1), pod, ns, fixed),
                    () -> "counterexample " + probe + " to a reported non-overlap of " + pair);
              }
            });
  }
}
