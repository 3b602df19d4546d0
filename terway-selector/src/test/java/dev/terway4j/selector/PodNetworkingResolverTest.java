package dev.terway4j.selector;

import static dev.terway4j.selector.TestObjects.labels;
import static dev.terway4j.selector.TestObjects.map;
import static dev.terway4j.selector.TestObjects.namespace;
import static dev.terway4j.selector.TestObjects.pn;
import static dev.terway4j.selector.TestObjects.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.model.LabelSelector;
import dev.terway4j.model.LabelSelectorOperator;
import dev.terway4j.model.LabelSelectorRequirement;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodNetworking;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The resolver, one table per rule of Terway's {@code matchOnePodNetworking}
 * (pkg/controller/webhook/mutating.go) and docs/behaviour.md "Matching a pod to a PodNetworking".
 */
class PodNetworkingResolverTest {

  private static final Map<String, String> WEB = map("app", "web");
  private static final Namespace NS = namespace(map("team", "a"));

  private static Resolution resolve(List<PodNetworking> pns, Pod pod, Namespace ns) {
    PodNetworkingResolver resolver = PodNetworkingResolver.of(pns);
    Resolution indexed = resolver.resolve(pod, ns);
    // Every test also checks that the linear explanation agrees with the index.
    assertEquals(indexed, resolver.explain(pod, ns).resolution());
    return indexed;
  }

  @Test
  void resolve_onlyReadyPodNetworkings_takePart() {
    PodNetworking notReady = pn("a", labels("app", "web"), null, false, false);
    assertTrue(resolve(List.of(notReady), pod(WEB), NS).isNone());
    PodNetworking ready = pn("b", labels("app", "web"), null);
    assertEquals(Optional.of(ready), resolve(List.of(notReady, ready), pod(WEB), NS).winner());
  }

  @Test
  void resolve_fixedPodNetworking_matchesOnlyFixedNamePods() {
    PodNetworking fixed = pn("fixed", labels("app", "web"), null, true, true);
    assertTrue(resolve(List.of(fixed), pod(WEB, "ReplicaSet"), NS).isNone());
    assertTrue(resolve(List.of(fixed), pod(WEB, "DaemonSet"), NS).isNone());
    assertTrue(resolve(List.of(fixed), pod(WEB, "StatefulSet"), NS).isMatched());
    // A bare pod (no owner) is fixed-name, as in Terway.
    assertTrue(resolve(List.of(fixed), pod(WEB), NS).isMatched());
    // Several owners: one stateful owner is enough.
    assertTrue(resolve(List.of(fixed), pod(WEB, "ReplicaSet", "StatefulSet"), NS).isMatched());
  }

  @Test
  void resolve_customStatefulKinds_areFixedName() {
    PodNetworking fixed = pn("fixed", labels("app", "web"), null, true, true);
    PodNetworkingResolver plain = PodNetworkingResolver.of(List.of(fixed));
    PodNetworkingResolver custom =
        PodNetworkingResolver.of(
            List.of(fixed), FixedNamePolicy.withCustomKinds(List.of("CloneSet")));
    assertTrue(plain.resolve(pod(WEB, "CloneSet"), NS).isNone());
    assertTrue(custom.resolve(pod(WEB, "CloneSet"), NS).isMatched());
    assertTrue(custom.resolve(pod(WEB, "StatefulSet"), NS).isMatched());
  }

  @Test
  void resolve_elasticPodNetworking_matchesEveryKindOfPod() {
    PodNetworking elastic = pn("e", labels("app", "web"), null);
    for (String kind : List.of("ReplicaSet", "StatefulSet", "DaemonSet", "Job")) {
      assertTrue(resolve(List.of(elastic), pod(WEB, kind), NS).isMatched(), kind);
    }
  }

  @Test
  void resolve_podAndNamespaceSelectors_areAnded() {
    PodNetworking both = pn("both", labels("app", "web"), labels("team", "a"));
    assertTrue(resolve(List.of(both), pod(WEB), NS).isMatched());
    assertTrue(resolve(List.of(both), pod(map("app", "db")), NS).isNone());
    assertTrue(resolve(List.of(both), pod(WEB), namespace(map("team", "b"))).isNone());
  }

  @Test
  void resolve_onlyNamespaceSelector_matchesEveryPodOfTheNamespace() {
    PodNetworking ns = pn("ns", null, labels("team", "a"));
    assertTrue(resolve(List.of(ns), pod(map()), NS).isMatched());
    assertTrue(resolve(List.of(ns), pod(map()), namespace(map())).isNone());
  }

  @Test
  void resolve_emptySelector_matchesEverything() {
    PodNetworking all = pn("all", LabelSelector.everything(), null);
    assertTrue(resolve(List.of(all), pod(map()), namespace(map())).isMatched());
    PodNetworking allNs = pn("all-ns", null, LabelSelector.everything());
    assertTrue(resolve(List.of(allNs), pod(WEB), namespace(map())).isMatched());
  }

  @Test
  void resolve_noSelectors_neverMatches() {
    PodNetworking none = pn("none", null, null);
    assertTrue(resolve(List.of(none), pod(map()), namespace(map())).isNone());
    assertTrue(resolve(List.of(none), pod(WEB), NS).isNone());
  }

  @Test
  void resolve_setBasedExpressions_followKubernetesSemantics() {
    LabelSelector notProd =
        LabelSelector.builder()
            .addMatchExpressions(
                LabelSelectorRequirement.of("env", LabelSelectorOperator.NOT_IN, "prod"))
            .build();
    LabelSelector noSpot =
        LabelSelector.builder()
            .addMatchExpressions(
                LabelSelectorRequirement.of("spot", LabelSelectorOperator.DOES_NOT_EXIST))
            .build();
    LabelSelector gpu =
        LabelSelector.builder()
            .addMatchExpressions(LabelSelectorRequirement.of("gpu", LabelSelectorOperator.EXISTS))
            .build();
    LabelSelector envIn =
        LabelSelector.builder()
            .addMatchExpressions(
                LabelSelectorRequirement.of("env", LabelSelectorOperator.IN, "dev", "test"))
            .build();
    // NotIn and DoesNotExist match a pod that lacks the key.
    assertTrue(resolve(List.of(pn("x", notProd, null)), pod(map()), NS).isMatched());
    assertTrue(resolve(List.of(pn("x", notProd, null)), pod(map("env", "prod")), NS).isNone());
    assertTrue(resolve(List.of(pn("x", noSpot, null)), pod(map()), NS).isMatched());
    assertTrue(resolve(List.of(pn("x", noSpot, null)), pod(map("spot", "")), NS).isNone());
    assertTrue(resolve(List.of(pn("x", gpu, null)), pod(map("gpu", "")), NS).isMatched());
    assertTrue(resolve(List.of(pn("x", gpu, null)), pod(map()), NS).isNone());
    assertTrue(resolve(List.of(pn("x", envIn, null)), pod(map("env", "test")), NS).isMatched());
    assertTrue(resolve(List.of(pn("x", envIn, null)), pod(map("env", "prod")), NS).isNone());
    assertTrue(resolve(List.of(pn("x", envIn, null)), pod(map()), NS).isNone());
  }

  @Test
  void resolve_severalMatches_isAmbiguousWithLowestNameAsWinner() {
    PodNetworking b = pn("b", labels("app", "web"), null);
    PodNetworking a = pn("a", null, labels("team", "a"));
    PodNetworking c = pn("c", LabelSelector.everything(), null);
    Resolution resolution = resolve(List.of(b, c, a), pod(WEB), NS);
    assertTrue(resolution.isAmbiguous());
    assertEquals(Optional.of(a), resolution.winner());
    assertEquals(List.of("a", "b", "c"), resolution.candidateNames());
    assertEquals("AMBIGUOUS a [a, b, c]", resolution.toString());
  }

  @Test
  void resolve_invalidSelector_neverMatches() {
    PodNetworking invalid = pn("bad", labels("app", "-web-"), null);
    assertTrue(resolve(List.of(invalid), pod(map("app", "-web-")), NS).isNone());
  }

  @Test
  void resolve_podOfAnotherNamespace_isRejected() {
    PodNetworkingResolver resolver = PodNetworkingResolver.of(List.of());
    Namespace other =
        Namespace.builder().metadata(dev.terway4j.model.ObjectMeta.named("other")).build();
    assertThrows(IllegalArgumentException.class, () -> resolver.resolve(pod(WEB), other));
  }

  @Test
  void of_duplicateNames_areRejected() {
    PodNetworking a = pn("a", labels("app", "web"), null);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PodNetworkingResolver.of(List.of(a, a)));
    assertTrue(e.getMessage().contains("a"));
  }

  @Test
  void putAndRemove_changeLaterResolutions() {
    PodNetworkingResolver resolver = PodNetworkingResolver.create(FixedNamePolicy.defaults());
    assertTrue(resolver.resolve(pod(WEB), NS).isNone());
    PodNetworking web = pn("web", labels("app", "web"), null);
    assertEquals(Optional.empty(), resolver.put(web));
    assertTrue(resolver.resolve(pod(WEB), NS).isMatched());
    PodNetworking replaced = pn("web", labels("app", "db"), null);
    assertEquals(Optional.of(web), resolver.put(replaced));
    assertTrue(resolver.resolve(pod(WEB), NS).isNone());
    assertEquals(Optional.of(replaced), resolver.get("web"));
    assertEquals(Optional.of(replaced), resolver.remove("web"));
    assertEquals(Optional.empty(), resolver.remove("web"));
    assertEquals(0, resolver.size());
  }

  @Test
  void resolve_whileWritersChangeThePodNetworkings_alwaysSeesAConsistentSnapshot()
      throws Exception {
    // "stable" always matches; "flapping" is added and removed. A reader must see either one
    // match (stable) or an ambiguous pair, never anything else, and never fail.
    PodNetworking stable = pn("a-stable", labels("app", "web"), null);
    PodNetworking flapping = pn("b-flapping", null, labels("team", "a"));
    PodNetworkingResolver resolver = PodNetworkingResolver.of(List.of(stable));
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    Thread writer =
        new Thread(
            () -> {
              for (int i = 0; i < 2_000; i++) {
                resolver.put(flapping);
                resolver.remove(flapping.metadata().name());
              }
              done.countDown();
            });
    writer.start();
    List<Resolution.Outcome> seen = new ArrayList<>();
    while (done.getCount() > 0) {
      try {
        Resolution r = resolver.resolve(pod(WEB), NS);
        assertEquals(Optional.of(stable), r.winner());
        if (!seen.contains(r.outcome())) {
          seen.add(r.outcome());
        }
      } catch (Throwable t) {
        failure.set(t);
        break;
      }
    }
    writer.join();
    if (failure.get() != null) {
      throw new AssertionError(failure.get());
    }
    assertFalse(seen.contains(Resolution.Outcome.NONE));
  }

  @Test
  void resolve_manyPodNetworkingsWithNotInOnly_stillAgreesWithExplain() {
    List<PodNetworking> pns = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      LabelSelector notIn =
          LabelSelector.builder()
              .addMatchExpressions(
                  LabelSelectorRequirement.of("app", LabelSelectorOperator.NOT_IN, "app" + i))
              .build();
      pns.add(pn(String.format("pn-%02d", i), notIn, null));
    }
    Resolution resolution = resolve(pns, pod(map("app", "app7")), NS);
    assertEquals(49, resolution.candidates().size());
    assertFalse(resolution.candidateNames().contains("pn-07"));
  }
}
