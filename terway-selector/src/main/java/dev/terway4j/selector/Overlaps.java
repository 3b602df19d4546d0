package dev.terway4j.selector;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.model.PodNetworking;
import dev.terway4j.selector.internal.CompiledPodNetworking;
import dev.terway4j.selector.internal.LabelConstraints;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Static overlap analysis: which PodNetworkings some pod could match at the same time, found
 * without any pod, each pair with a witness pod.
 *
 * <p>Exact for {@code matchLabels} and all four {@code matchExpressions} operators: pod labels and
 * namespace labels are independent, and within each, constraints on different keys are; the
 * constraints on one key are decided directly. A {@code Fixed} PodNetworking only serves fixed-name
 * pods, so a pair with one is an overlap only through such a pod (which always exists: a bare pod
 * or a StatefulSet's); the witness says so. PodNetworkings that can never be matched automatically
 * (no selector, or an invalid one) overlap with nothing. Readiness is ignored: a PodNetworking that
 * is not Ready yet will be once its vSwitches resolve.
 *
 * <p>Stateless and thread-safe. {@link #find} compares every pair: quadratic in the number of
 * PodNetworkings.
 */
public final class Overlaps {

  private Overlaps() {}

  /**
   * Returns every overlapping pair, sorted by the first then the second name.
   *
   * @throws IllegalArgumentException if two PodNetworkings have the same name
   */
  public static List<Overlap> find(Collection<PodNetworking> podNetworkings) {
    checkNotNull(podNetworkings, "podNetworkings");
    List<CompiledPodNetworking> compiled = new ArrayList<>();
    for (PodNetworking pn : podNetworkings) {
      compiled.add(CompiledPodNetworking.compile(checkNotNull(pn, "podNetworking")));
    }
    compiled.sort(Comparator.comparing(CompiledPodNetworking::name));
    for (int i = 1; i < compiled.size(); i++) {
      checkArgument(
          !compiled.get(i).name().equals(compiled.get(i - 1).name()),
          "two PodNetworkings named %s",
          compiled.get(i).name());
    }
    List<Overlap> out = new ArrayList<>();
    for (int i = 0; i < compiled.size(); i++) {
      for (int j = i + 1; j < compiled.size(); j++) {
        CompiledPodNetworking a = compiled.get(i);
        CompiledPodNetworking b = compiled.get(j);
        witness(a, b).ifPresent(w -> out.add(new Overlap(a.podNetworking(), b.podNetworking(), w)));
      }
    }
    return out;
  }

  /**
   * Returns a pod both PodNetworkings match, or empty when no pod can match both.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Optional<Overlap.Witness> witness(PodNetworking first, PodNetworking second) {
    checkNotNull(first, "first");
    checkNotNull(second, "second");
    return witness(CompiledPodNetworking.compile(first), CompiledPodNetworking.compile(second));
  }

  private static Optional<Overlap.Witness> witness(
      CompiledPodNetworking a, CompiledPodNetworking b) {
    if (!matchable(a) || !matchable(b)) {
      return Optional.empty();
    }
    Optional<Map<String, String>> pod =
        LabelConstraints.solve(
            LabelConstraints.both(requirements(a.podSelector()), requirements(b.podSelector())));
    if (pod.isEmpty()) {
      return Optional.empty();
    }
    Optional<Map<String, String>> namespace =
        LabelConstraints.solve(
            LabelConstraints.both(
                requirements(a.namespaceSelector()), requirements(b.namespaceSelector())));
    if (namespace.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Overlap.Witness(pod.get(), namespace.get(), a.fixed() || b.fixed()));
  }

  // Selectors that are set and valid; readiness is deliberately not required.
  private static boolean matchable(CompiledPodNetworking c) {
    return c.violations().isEmpty()
        && (c.podSelector().isPresent() || c.namespaceSelector().isPresent());
  }

  private static List<Requirement> requirements(Optional<Selector> selector) {
    return selector.map(Selector::requirements).orElse(List.of());
  }
}
