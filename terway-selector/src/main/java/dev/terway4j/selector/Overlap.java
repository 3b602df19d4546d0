package dev.terway4j.selector;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.model.PodNetworking;
import java.util.Map;

/**
 * Two PodNetworkings that one pod could match at the same time, with such a pod. Immutable and
 * thread-safe.
 *
 * @param first the one with the lower name
 * @param second the other
 * @param witness a pod (labels, namespace labels, fixed-name or not) that both match
 */
public record Overlap(PodNetworking first, PodNetworking second, Witness witness) {

  /**
   * A pod that matches both PodNetworkings of an overlap.
   *
   * @param podLabels the pod's labels
   * @param namespaceLabels its namespace's labels
   * @param fixedNamePod whether it must be fixed-name (a StatefulSet pod, say): true exactly when
   *     one of the two is {@code Fixed}
   */
  public record Witness(
      Map<String, String> podLabels, Map<String, String> namespaceLabels, boolean fixedNamePod) {

    /** Copies the maps. */
    public Witness {
      podLabels = Map.copyOf(podLabels);
      namespaceLabels = Map.copyOf(namespaceLabels);
    }
  }

  /** Checks the components. */
  public Overlap {
    checkNotNull(first, "first");
    checkNotNull(second, "second");
    checkNotNull(witness, "witness");
  }

  /** Returns e.g. {@code a & b, e.g. pod {app=web} in namespace {} (fixed-name pod)}. */
  @Override
  public String toString() {
    return first.metadata().name()
        + " & "
        + second.metadata().name()
        + ", e.g. pod "
        + witness.podLabels()
        + " in namespace "
        + witness.namespaceLabels()
        + (witness.fixedNamePod() ? " (fixed-name pod)" : "");
  }
}
