package dev.terway4j.selector;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Terway's pod mutating webhook would do with a pod: skip it, leave it unchanged, patch it
 * (the annotations, the extended resource and the zone affinity to add), or reject it. Immutable
 * and thread-safe.
 *
 * @param decision what to do
 * @param rejection why, for {@link Decision#REJECTED}
 * @param message a short explanation, Terway's own text for rejections
 * @param resolution the PodNetworking resolution, {@link Resolution#none()} when none was made
 * @param annotations the pod annotations to set, for {@link Decision#PATCHED}
 * @param resource the extended resource to request on the first container (requests and limits)
 * @param zoneAffinity the required node-affinity expressions to append to every {@code
 *     nodeSelectorTerm} (adding one empty term when there is none)
 */
public record AdmissionResult(
    Decision decision,
    Optional<Rejection> rejection,
    String message,
    Resolution resolution,
    Map<String, String> annotations,
    Optional<ExtendedResource> resource,
    List<ZoneAffinity> zoneAffinity) {

  /** What to do with the pod. */
  public enum Decision {
    /** Terway does not handle the pod (host network, or labelled to be ignored). */
    SKIPPED,
    /** Allow it as it is: no PodNetworking matched. */
    UNCHANGED,
    /** Allow it with the annotations, resource and affinity of this result. */
    PATCHED,
    /** Deny it; see {@link AdmissionResult#rejection()}. */
    REJECTED
  }

  /** Why a pod is denied. */
  public enum Rejection {
    /**
     * More than one of {@code pod-networks}, {@code pod-networks-request}, {@code pod-networking}.
     */
    MUTUALLY_EXCLUSIVE_ANNOTATIONS,
    /** A Fixed network for a pod that is not fixed-name. */
    FIXED_IP_NEEDS_FIXED_NAME_POD,
    /** More than 10 security groups. */
    TOO_MANY_SECURITY_GROUPS,
    /** Several PodNetworkings match and {@link AdmissionSettings#rejectAmbiguous()} is set. */
    AMBIGUOUS_MATCH,
    /** {@code pod-networks} or {@code pod-networks-request} is not valid JSON of its shape. */
    INVALID_ANNOTATION,
    /** An interface name is empty or longer than 5 characters, or used twice. */
    INVALID_INTERFACE,
    /** {@code pod-networks-request} names a PodNetworking that does not exist. */
    UNKNOWN_POD_NETWORKING,
    /** {@code pod-networks-request} names a PodNetworking that is not Ready. */
    POD_NETWORKING_NOT_READY,
    /** {@code pod-networks-request} names a PodNetworking that has selectors. */
    POD_NETWORKING_HAS_SELECTORS,
    /** {@code pod-networks-request} names PodNetworkings of different {@code eniType}s. */
    DIFFERENT_ENI_TYPES
  }

  /**
   * An extended resource to request.
   *
   * @param name {@code aliyun/member-eni} or {@code aliyun/eni}
   * @param count the number of interfaces
   */
  public record ExtendedResource(String name, int count) {}

  /**
   * A required node-affinity expression {@code <key> In <zones>}.
   *
   * @param key {@code topology.kubernetes.io/zone}
   * @param zones the allowed zones, sorted
   */
  public record ZoneAffinity(String key, List<String> zones) {
    /** Copies the zones. */
    public ZoneAffinity {
      zones = List.copyOf(zones);
    }
  }

  /** Checks the components and copies the collections. */
  public AdmissionResult {
    checkNotNull(decision, "decision");
    checkNotNull(rejection, "rejection");
    checkNotNull(message, "message");
    checkNotNull(resolution, "resolution");
    checkNotNull(resource, "resource");
    annotations = Map.copyOf(annotations);
    zoneAffinity = List.copyOf(zoneAffinity);
  }

  static AdmissionResult of(Decision decision, String message, Resolution resolution) {
    return new AdmissionResult(
        decision, Optional.empty(), message, resolution, Map.of(), Optional.empty(), List.of());
  }

  static AdmissionResult rejected(Rejection rejection, String message, Resolution resolution) {
    return new AdmissionResult(
        Decision.REJECTED,
        Optional.of(rejection),
        message,
        resolution,
        Map.of(),
        Optional.empty(),
        List.of());
  }
}
