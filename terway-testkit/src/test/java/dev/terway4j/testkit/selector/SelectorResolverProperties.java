package dev.terway4j.testkit.selector;

import static dev.terway4j.testkit.PropertyChecks.forAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.terway4j.model.IpAllocationType;
import dev.terway4j.model.LabelSelector;
import dev.terway4j.model.LabelSelectorRequirement;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.selector.PodNetworkingResolver;
import dev.terway4j.selector.Resolution;
import dev.terway4j.testkit.Gen;
import dev.terway4j.testkit.Gens;
import dev.terway4j.testkit.SelectorGenerators;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The indexed resolver agrees with a plain linear reference that applies the matching rules of
 * docs/behaviour.md, "Matching a pod to a PodNetworking", directly to the model selectors (without
 * the selector engine), on random PodNetworking sets, pods and namespaces.
 */
class SelectorResolverProperties {

  private record Case(List<PodNetworking> podNetworkings, Pod pod, Namespace namespace) {}

  private static final Gen<Case> CASES =
      Gens.combine(
          SelectorGenerators.podNetworkingSets(12),
          SelectorGenerators.pods(),
          SelectorGenerators.namespaces(),
          Case::new);

  /** The reference: a linear scan, rule by rule, with its own label-selector matching. */
  static List<String> referenceMatches(
      List<PodNetworking> podNetworkings, Pod pod, Namespace namespace) {
    List<String> owners = pod.ownerKinds();
    boolean fixedName =
        owners.isEmpty() || owners.contains("StatefulSet") || owners.contains("CloneSet");
    List<String> names = new ArrayList<>();
    for (PodNetworking pn : podNetworkings) {
      if (!pn.ready()) {
        continue;
      }
      if (pn.spec().allocationType().type() == IpAllocationType.FIXED && !fixedName) {
        continue;
      }
      Optional<LabelSelector> ps = pn.spec().selector().podSelector();
      Optional<LabelSelector> ns = pn.spec().selector().namespaceSelector();
      if (ps.isEmpty() && ns.isEmpty()) {
        continue;
      }
      if (ps.isPresent() && !matches(ps.get(), pod.metadata().labels())) {
        continue;
      }
      if (ns.isPresent() && !matches(ns.get(), namespace.metadata().labels())) {
        continue;
      }
      names.add(pn.metadata().name());
    }
    names.sort(null);
    return names;
  }

  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    for (Map.Entry<String, String> e : selector.matchLabels().entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (LabelSelectorRequirement r : selector.matchExpressions()) {
      boolean has = labels.containsKey(r.key());
      boolean in = has && r.values().contains(labels.get(r.key()));
      boolean ok;
      switch (r.operator()) {
        case IN:
          ok = in;
          break;
        case NOT_IN:
          ok = !in;
          break;
        case EXISTS:
          ok = has;
          break;
        default:
          ok = !has;
          break;
      }
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  @Test
  void resolve_indexed_agreesWithLinearReference() {
    forAll(CASES)
        .withTries(500)
        .checkThat(
            c -> {
              PodNetworkingResolver resolver =
                  PodNetworkingResolver.of(c.podNetworkings(), SelectorGenerators.POLICY);
              Resolution resolution = resolver.resolve(c.pod(), c.namespace());
              List<String> expected = referenceMatches(c.podNetworkings(), c.pod(), c.namespace());
              assertEquals(expected, resolution.candidateNames());
              assertEquals(
                  expected.isEmpty()
                      ? Resolution.Outcome.NONE
                      : expected.size() == 1
                          ? Resolution.Outcome.MATCHED
                          : Resolution.Outcome.AMBIGUOUS,
                  resolution.outcome());
              assertEquals(
                  expected.stream().findFirst(),
                  resolution.winner().map(pn -> pn.metadata().name()));
            });
  }

  @Test
  void explain_resolution_agreesWithResolve() {
    forAll(CASES)
        .checkThat(
            c -> {
              PodNetworkingResolver resolver =
                  PodNetworkingResolver.of(c.podNetworkings(), SelectorGenerators.POLICY);
              assertEquals(
                  resolver.resolve(c.pod(), c.namespace()),
                  resolver.explain(c.pod(), c.namespace()).resolution());
            });
  }

  @Test
  void resolve_afterPutsAndRemoves_agreesWithFreshResolver() {
    Gen<List<PodNetworking>> second = SelectorGenerators.podNetworkingSets(8);
    forAll(Gens.combine(CASES, second, (c, s) -> List.of(c, s)))
        .checkThat(
            pair -> {
              Case c = (Case) pair.get(0);
              @SuppressWarnings("unchecked")
              List<PodNetworking> replacements = (List<PodNetworking>) pair.get(1);
              PodNetworkingResolver incremental =
                  PodNetworkingResolver.of(c.podNetworkings(), SelectorGenerators.POLICY);
              List<PodNetworking> expected = new ArrayList<>(c.podNetworkings());
              for (PodNetworking pn : replacements) {
                incremental.put(pn);
                expected.removeIf(p -> p.metadata().name().equals(pn.metadata().name()));
                expected.add(pn);
              }
              incremental.remove("pn-0");
              expected.removeIf(p -> p.metadata().name().equals("pn-0"));
              assertEquals(
                  referenceMatches(expected, c.pod(), c.namespace()),
                  incremental.resolve(c.pod(), c.namespace()).candidateNames());
            });
  }
}
