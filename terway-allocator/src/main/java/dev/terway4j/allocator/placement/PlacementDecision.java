package dev.terway4j.allocator.placement;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.model.ControlCharacters;
import dev.terway4j.selector.Resolution;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Whether a pod may run on a node as far as trunk member ENIs go, why not, and the facts the answer
 * rests on: the PodNetworking the allocator would use, the zones its vSwitches allow, the pod's
 * kept zone, the vSwitches in the node's zone with their free addresses, and the node's member
 * slots.
 *
 * <p>Immutable and thread-safe.
 *
 * @param outcome fits, not managed (fits: Terway places no constraint), or does not fit
 * @param nodeName the node's {@code metadata.name}
 * @param reasons why it does not fit, in {@link PlacementReason.Code} order; empty otherwise
 * @param resolution how the pod's PodNetworking was found; {@link Resolution#none()} when no
 *     PodNetworking was looked for (a kept ENI, a pod Terway skips)
 * @param podNetworking the name of the PodNetworking a new ENI would come from; empty when the pod
 *     keeps its ENI or is not managed
 * @param nodeZone the node's zone ({@code topology.kubernetes.io/zone}), if it has one
 * @param keptZone the zone of the pod's kept ENI (its PodENI's {@code spec.zone}), which the pod
 *     must return to
 * @param allowedZones the zones of the PodNetworking's vSwitches, sorted; empty when the pod keeps
 *     its ENI or is not managed
 * @param vSwitchesInZone the PodNetworking's vSwitches that may give the pod an address on this
 *     node (in its zone, or of unknown zone), in {@code vSwitchOptions} order, each with its free
 *     count
 * @param memberSlots the node's member slots, if its instance type's limit is known
 * @param needsSlot whether the pod needs a slot on this node ({@code false} when its PodENI already
 *     holds one there)
 */
public record PlacementDecision(
    Outcome outcome,
    String nodeName,
    List<PlacementReason> reasons,
    Resolution resolution,
    Optional<String> podNetworking,
    Optional<String> nodeZone,
    Optional<String> keptZone,
    List<String> allowedZones,
    List<VSwitchOption> vSwitchesInZone,
    Optional<MemberSlots> memberSlots,
    boolean needsSlot) {

  /** The answer. */
  public enum Outcome {
    /** The pod may run on the node: its member ENI can be had there. */
    FITS,
    /**
     * The pod may run on the node: it gets no member ENI (no Ready PodNetworking matches it, host
     * network, labelled {@code k8s.aliyun.com/ignore-by-terway=true}, or terminated).
     */
    NOT_MANAGED,
    /** The pod may not run on the node; see the reasons. */
    DOES_NOT_FIT
  }

  /**
   * A vSwitch a pod on the node may get its address from.
   *
   * @param id the vSwitch id
   * @param zone its zone, empty if unknown
   * @param freeIps its free IPv4 addresses, empty if unknown
   */
  public record VSwitchOption(String id, String zone, OptionalLong freeIps) {
    /** Checks the values. */
    public VSwitchOption {
      checkNotNull(id, "id");
      checkNotNull(zone, "zone");
      checkNotNull(freeIps, "freeIps");
    }

    /**
     * Returns whether the vSwitch may give an address: its count is unknown or positive.
     *
     * @return whether it is worth trying
     */
    public boolean mayGiveAddress() {
      return freeIps.isEmpty() || freeIps.getAsLong() > 0;
    }
  }

  /** Checks consistency and copies the lists. */
  public PlacementDecision {
    checkNotNull(outcome, "outcome");
    checkNotNull(nodeName, "nodeName");
    reasons = List.copyOf(reasons);
    checkNotNull(resolution, "resolution");
    checkNotNull(podNetworking, "podNetworking");
    checkNotNull(nodeZone, "nodeZone");
    checkNotNull(keptZone, "keptZone");
    allowedZones = List.copyOf(allowedZones);
    vSwitchesInZone = List.copyOf(vSwitchesInZone);
    checkNotNull(memberSlots, "memberSlots");
    checkArgument(
        reasons.isEmpty() == (outcome != Outcome.DOES_NOT_FIT),
        "outcome %s with reasons %s",
        outcome,
        reasons);
  }

  /**
   * Returns whether the pod may run on the node ({@link Outcome#FITS} or {@link
   * Outcome#NOT_MANAGED}).
   *
   * @return whether it fits
   */
  public boolean fits() {
    return outcome != Outcome.DOES_NOT_FIT;
  }

  /**
   * Returns whether one of the reasons is of a code.
   *
   * @param code the code
   * @return whether it is among the reasons
   */
  public boolean has(PlacementReason.Code code) {
    checkNotNull(code, "code");
    for (PlacementReason reason : reasons) {
      if (reason.code() == code) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns whether evicting pods from the node may make the pod fit: it does not fit, and every
   * reason is {@linkplain PlacementReason.Code#resolvableByPreemption() resolvable by preemption}.
   * A scheduler framework plugin returns {@code Unschedulable} then, else {@code
   * UnschedulableAndUnresolvable}.
   *
   * @return whether preemption may help
   */
  public boolean resolvableByPreemption() {
    if (fits()) {
      return false;
    }
    for (PlacementReason reason : reasons) {
      if (!reason.code().resolvableByPreemption()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the reasons as one line, for a scheduler's status message.
   *
   * @return e.g. {@code ZONE_NOT_ALLOWED: ...; MEMBER_SLOTS_FULL: ...}, or the outcome when it fits
   */
  public String message() {
    if (reasons.isEmpty()) {
      return outcome.toString();
    }
    StringBuilder sb = new StringBuilder();
    for (PlacementReason reason : reasons) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(reason);
    }
    return sb.toString();
  }

  /** Returns e.g. {@code node1: DOES_NOT_FIT [MEMBER_SLOTS_FULL: ...]} (short). */
  @Override
  public String toString() {
    return ControlCharacters.escape(nodeName)
        + ": "
        + outcome
        + (reasons.isEmpty() ? "" : " " + reasons);
  }
}
