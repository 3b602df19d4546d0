package dev.terway4j.allocator.placement;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.allocator.AllocationException;
import java.util.Optional;

/**
 * Why a pod may not run on a node: a {@link Code} to branch on and a message for people (names
 * escaped, at most {@value #MAX_MESSAGE_LENGTH} characters). The data behind it (zones, vSwitches
 * and their free addresses, slots) is on the {@link PlacementDecision}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param code what kind of reason
 * @param message what a person reads, e.g. {@code node node1 (ecs.g7.large) carries 4 of 4 member
 *     ENIs}
 */
public record PlacementReason(Code code, String message) {

  /** The longest message kept; longer ones end in {@code ...}. */
  public static final int MAX_MESSAGE_LENGTH = 1024;

  /**
   * The kinds of reason, in the order a check reports them: first what no node can change (the
   * pod's own resolution), then the node's facts, its zone, its vSwitches, and last its member
   * slots, the one reason that evicting pods from the node may remove.
   */
  public enum Code {
    /**
     * Several PodNetworkings match the pod and the advisor was built to reject that (as {@code
     * AdmissionSettings.rejectAmbiguous}); the same on every node.
     */
    AMBIGUOUS_POD_NETWORKING(null, false, true),
    /**
     * The node lacks what trunking needs: an instance id ({@code spec.providerID}), an instance
     * type or zone label, or a trunk ENI ({@code k8s.aliyun.com/trunk-on}).
     */
    NODE_NOT_READY(AllocationException.Reason.NODE_NOT_READY, false, false),
    /** The node's instance type takes no member ENIs (no {@code EniTrunkSupported}, or no room). */
    TRUNK_NOT_SUPPORTED(AllocationException.Reason.NODE_CAPACITY_FULL, false, false),
    /** The pod's kept Fixed ENI lives in another zone than the node's. */
    ZONE_OF_KEPT_ENI(AllocationException.Reason.ZONE_MISMATCH, false, false),
    /** None of the PodNetworking's vSwitches is in the node's zone. */
    ZONE_NOT_ALLOWED(AllocationException.Reason.NO_AVAILABLE_VSWITCH, false, false),
    /** The PodNetworking's vSwitches in the node's zone have no free IPv4 address. */
    NO_VSWITCH_WITH_FREE_IPS(AllocationException.Reason.NO_AVAILABLE_VSWITCH, false, false),
    /** Every member slot of the node is held. */
    MEMBER_SLOTS_FULL(AllocationException.Reason.NODE_CAPACITY_FULL, true, false);

    private final AllocationException.Reason allocatorReason;
    private final boolean resolvableByPreemption;
    private final boolean podLevel;

    Code(
        AllocationException.Reason allocatorReason,
        boolean resolvableByPreemption,
        boolean podLevel) {
      this.allocatorReason = allocatorReason;
      this.resolvableByPreemption = resolvableByPreemption;
      this.podLevel = podLevel;
    }

    /**
     * Returns the reason {@link dev.terway4j.allocator.TrunkAllocator#podScheduled} fails with on
     * such a node.
     *
     * @return the allocator's reason; empty for {@link #AMBIGUOUS_POD_NETWORKING}, which the
     *     allocator resolves to the lowest name instead
     */
    public Optional<AllocationException.Reason> allocatorReason() {
      return Optional.ofNullable(allocatorReason);
    }

    /**
     * Returns whether evicting pods from the node may remove the reason (a scheduler framework's
     * {@code Unschedulable} rather than {@code UnschedulableAndUnresolvable}).
     *
     * @return {@code true} only for {@link #MEMBER_SLOTS_FULL}
     */
    public boolean resolvableByPreemption() {
      return resolvableByPreemption;
    }

    /**
     * Returns whether the reason holds on every node alike (a pre-filter may stop there).
     *
     * @return {@code true} only for {@link #AMBIGUOUS_POD_NETWORKING}
     */
    public boolean podLevel() {
      return podLevel;
    }
  }

  /** Checks the values and cuts the message to {@value #MAX_MESSAGE_LENGTH} characters. */
  public PlacementReason {
    checkNotNull(code, "code");
    checkNotNull(message, "message");
    if (message.length() > MAX_MESSAGE_LENGTH) {
      int end = MAX_MESSAGE_LENGTH - 3;
      if (Character.isHighSurrogate(message.charAt(end - 1))) {
        end--; // never half a character
      }
      message = message.substring(0, end) + "...";
    }
  }

  /** Returns e.g. {@code MEMBER_SLOTS_FULL: node node1 (ecs.g7.large) carries 4 of 4 ...}. */
  @Override
  public String toString() {
    return code + ": " + message;
  }
}
