package dev.terway4j.cloud.spi;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The request is valid but a capacity is exhausted: the vSwitch has no free address, the instance
 * has no free ENI slot, the trunk has no free member slot.
 *
 * <p>{@link #reason()} says which capacity. Not retryable as such: the caller must free capacity or
 * choose another vSwitch or node. Instances are immutable and safe to share between threads.
 */
public class InsufficientResourcesException extends CloudServiceException {
  private static final long serialVersionUID = 1L;

  /** Which capacity is exhausted. */
  public enum Reason {
    /**
     * The vSwitch has no free private address ({@code InvalidVSwitchId.IpNotEnough}, or {@code
     * QuotaExceeded.PrivateIpAddress}).
     */
    VSWITCH_IP_EXHAUSTED,
    /** The instance already has {@code EniQuantity} ENIs ({@code EniPerInstanceLimitExceeded}). */
    INSTANCE_ENI_QUOTA,
    /**
     * The instance's trunk already carries {@code EniTotalQuantity - EniQuantity} member ENIs (ECS
     * reports {@code EniPerInstanceLimitExceeded} for this too).
     */
    MEMBER_ENI_LIMIT,
    /** Too many addresses on one ENI ({@code InvalidOperation.Ipv4CountExceeded}/{@code Ipv6}). */
    ENI_ADDRESS_QUOTA,
    /** The security group holds too many instances ({@code SecurityGroupInstanceLimitExceed}). */
    SECURITY_GROUP_QUOTA,
    /** Any other quota. */
    OTHER
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason which capacity is exhausted
   * @param message what went wrong, naming the resource
   * @param errorCode the service's error code
   * @param httpStatus the HTTP status
   * @param requestId the request id, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public InsufficientResourcesException(
      Reason reason,
      String message,
      String errorCode,
      int httpStatus,
      String requestId,
      Throwable cause) {
    super(message, errorCode, httpStatus, requestId, cause);
    this.reason = checkNotNull(reason, "reason");
  }

  /**
   * Returns which capacity is exhausted.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
