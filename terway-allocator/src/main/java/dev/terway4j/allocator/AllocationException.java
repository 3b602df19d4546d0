package dev.terway4j.allocator;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The allocator could not give a pod its member ENI, or could not act on a pod now. {@link
 * #reason()} says why; whatever was created on the way has been rolled back.
 *
 * <p>Unchecked. Immutable and thread-safe.
 */
public class AllocationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why an allocation failed. */
  public enum Reason {
    /** The node lacks what trunking needs: zone, instance id or type, or a trunk ENI. */
    NODE_NOT_READY,
    /** The node's trunk already carries as many member ENIs as its instance type allows. */
    NODE_CAPACITY_FULL,
    /** No vSwitch of the PodNetworking can give an address in the node's zone. */
    NO_AVAILABLE_VSWITCH,
    /** A Fixed pod came back on a node of another zone than its ENI's. */
    ZONE_MISMATCH,
    /** The pod's previous PodENI is still being detached or released; call again after a tick. */
    BUSY,
    /** A cloud call failed (after retries); the message and cause say which. */
    CLOUD_ERROR
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why
   * @param message what happened, naming the pod and the resources
   * @param cause the underlying failure, or {@code null}
   */
  public AllocationException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = checkNotNull(reason, "reason");
  }

  /**
   * Returns why the allocation failed.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  /**
   * Returns whether trying again later, unchanged, may succeed.
   *
   * @return {@code true} for {@link Reason#BUSY}, {@link Reason#NODE_CAPACITY_FULL}, {@link
   *     Reason#NO_AVAILABLE_VSWITCH} and {@link Reason#CLOUD_ERROR}
   */
  public boolean retryable() {
    return reason != Reason.ZONE_MISMATCH && reason != Reason.NODE_NOT_READY;
  }
}
