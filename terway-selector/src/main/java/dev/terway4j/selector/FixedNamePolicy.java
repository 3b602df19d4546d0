package dev.terway4j.selector;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableSet;
import dev.terway4j.model.Pod;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Decides whether a pod is "fixed-name" (stateful), the only kind of pod a {@code Fixed}
 * PodNetworking may serve: as Terway's {@code pkg/utils/k8s.go}, a pod with no owner reference at
 * all, or with an owner whose {@code kind} is {@code StatefulSet} or one of the configured custom
 * stateful workload kinds ({@code customStatefulWorkloadKinds}, e.g. OpenKruise's {@code
 * StatefulSet} clones). Only the kind is compared, not the API group.
 *
 * <p>Immutable and thread-safe.
 */
public final class FixedNamePolicy {

  /** The built-in stateful kind. */
  public static final String STATEFUL_SET = "StatefulSet";

  private static final FixedNamePolicy DEFAULTS =
      new FixedNamePolicy(ImmutableSet.of(STATEFUL_SET));

  private final ImmutableSet<String> statefulKinds;

  private FixedNamePolicy(ImmutableSet<String> statefulKinds) {
    this.statefulKinds = statefulKinds;
  }

  /** Returns the policy with {@code StatefulSet} as the only stateful kind. */
  public static FixedNamePolicy defaults() {
    return DEFAULTS;
  }

  /**
   * Returns the policy with {@code StatefulSet} and some custom stateful kinds.
   *
   * @throws IllegalArgumentException if a kind is empty
   * @throws NullPointerException if a kind is null
   */
  public static FixedNamePolicy withCustomKinds(Collection<String> customKinds) {
    checkNotNull(customKinds, "customKinds");
    ImmutableSet.Builder<String> kinds = ImmutableSet.<String>builder().add(STATEFUL_SET);
    for (String kind : customKinds) {
      checkNotNull(kind, "custom kind");
      checkArgument(!kind.isEmpty(), "custom stateful kind is empty in %s", customKinds);
      kinds.add(kind);
    }
    return new FixedNamePolicy(kinds.build());
  }

  /** Returns the stateful kinds, {@code StatefulSet} first. */
  public Set<String> statefulKinds() {
    return statefulKinds;
  }

  /** Returns whether a pod is fixed-name: no owner, or an owner of a stateful kind. */
  public boolean isFixedName(Pod pod) {
    checkNotNull(pod, "pod");
    return isFixedName(pod.ownerKinds());
  }

  /** Returns whether a pod with owners of these kinds is fixed-name (no owner counts as yes). */
  public boolean isFixedName(List<String> ownerKinds) {
    checkNotNull(ownerKinds, "ownerKinds");
    if (ownerKinds.isEmpty()) {
      return true;
    }
    for (String kind : ownerKinds) {
      if (statefulKinds.contains(kind)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FixedNamePolicy
        && statefulKinds.equals(((FixedNamePolicy) o).statefulKinds);
  }

  @Override
  public int hashCode() {
    return statefulKinds.hashCode();
  }

  @Override
  public String toString() {
    return "FixedNamePolicy" + statefulKinds;
  }
}
