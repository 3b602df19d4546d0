package dev.terway4j.allocator;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One lifecycle event of a pod's member ENI, with what a controller needs to emit a Kubernetes
 * Event like Terway's (the reason strings are Terway's).
 *
 * <p>Immutable and thread-safe.
 *
 * @param type what happened
 * @param at when, on the allocator's clock
 * @param namespace the pod's namespace; empty for a leaked ENI
 * @param name the pod's name; empty for a leaked ENI
 * @param networkInterfaceId the ENI, if one is concerned
 * @param message a human-readable message, e.g. {@code create enis eni-xxx}
 */
public record AllocatorEvent(
    Type type,
    Instant at,
    String namespace,
    String name,
    Optional<String> networkInterfaceId,
    String message) {

  /** Checks the values. */
  public AllocatorEvent {
    checkNotNull(type, "type");
    checkNotNull(at, "at");
    checkNotNull(namespace, "namespace");
    checkNotNull(name, "name");
    checkNotNull(networkInterfaceId, "networkInterfaceId");
    checkNotNull(message, "message");
  }

  /** What happened; {@link #reason()} is Terway's Event reason. */
  public enum Type {
    /** A member ENI was created. */
    CREATE_ENI_SUCCEED("CreateENISucceed", false),
    /** Creating a member ENI failed (no vSwitch, capacity, cloud error). */
    CREATE_ENI_FAILED("CreateENIFailed", true),
    /** A member ENI is attached (InUse, VLAN id known). */
    ATTACH_ENI_SUCCEED("AttachENISucceed", false),
    /** Attaching failed; what was created for it was rolled back. */
    ATTACH_ENI_FAILED("AttachENIFailed", true),
    /** A member ENI is detached and kept (Fixed IP). */
    DETACH_ENI_SUCCEED("DetachENISucceed", false),
    /** Detaching failed; it is retried on later ticks. */
    DETACH_ENI_FAILED("DetachENIFailed", true),
    /** A member ENI was deleted and its IP released. */
    DELETE_ENI_SUCCEED("DeleteENISucceed", false),
    /** Deleting failed; it is retried on later ticks. */
    DELETE_ENI_FAILED("DeleteENIFailed", true),
    /** A leaked ENI (ours, referenced by no PodENI) was detached or deleted by the sweep. */
    LEAKED_ENI_RELEASED("LeakedENIReleased", false);

    private final String reason;
    private final boolean warning;

    Type(String reason, boolean warning) {
      this.reason = reason;
      this.warning = warning;
    }

    /**
     * Returns the Kubernetes Event reason, e.g. {@code CreateENISucceed}.
     *
     * @return the reason
     */
    public String reason() {
      return reason;
    }

    /**
     * Returns whether this is a {@code Warning} event rather than a {@code Normal} one.
     *
     * @return {@code true} for failures
     */
    public boolean warning() {
      return warning;
    }
  }
}
