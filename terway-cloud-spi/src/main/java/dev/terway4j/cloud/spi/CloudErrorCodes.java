package dev.terway4j.cloud.spi;

/**
 * The Alibaba Cloud ECS/VPC error codes the control plane matches on, as reported by {@link
 * CloudServiceException#errorCode()}.
 *
 * <p>Every backend reports these codes for the conditions they name (the fake included), so a
 * caller may match on, e.g., {@link #VSWITCH_IP_NOT_ENOUGH}. Source: Terway's {@code
 * pkg/aliyun/client/errors/errors.go} and the ECS API error tables.
 */
public final class CloudErrorCodes {
  /** The vSwitch has no free address. */
  public static final String VSWITCH_IP_NOT_ENOUGH = "InvalidVSwitchId.IpNotEnough";

  /** The vSwitch has no free address (ECS sometimes returns this instead). */
  public static final String QUOTA_EXCEEDED_PRIVATE_IP = "QuotaExceeded.PrivateIpAddress";

  /** The instance has no free ENI slot; also used for a full trunk. */
  public static final String ENI_PER_INSTANCE_LIMIT_EXCEEDED = "EniPerInstanceLimitExceeded";

  /** The security group holds too many instances. */
  public static final String SECURITY_GROUP_INSTANCE_LIMIT_EXCEED =
      "SecurityGroupInstanceLimitExceed";

  /** Too many IPv4 addresses on one ENI. */
  public static final String IPV4_COUNT_EXCEEDED = "InvalidOperation.Ipv4CountExceeded";

  /** Too many IPv6 addresses on one ENI. */
  public static final String IPV6_COUNT_EXCEEDED = "InvalidOperation.Ipv6CountExceeded";

  /** The service throttled the caller. */
  public static final String THROTTLING = "Throttling";

  /** An internal error of the service; retryable. */
  public static final String INTERNAL_ERROR = "InternalError";

  /** The service is unavailable; retryable. */
  public static final String SERVICE_UNAVAILABLE = "ServiceUnavailable";

  /** A concurrent operation on the same resource; retryable. */
  public static final String OPERATION_CONFLICT = "Operation.Conflict";

  /** A client token was reused with other parameters. */
  public static final String IDEMPOTENT_FAILED = "IdempotentFailed";

  /** The ENI does not exist. */
  public static final String ENI_NOT_FOUND = "InvalidEniId.NotFound";

  /** The instance does not exist (Detach). */
  public static final String ECS_NOT_FOUND = "InvalidEcsId.NotFound";

  /** The instance does not exist. */
  public static final String INSTANCE_NOT_FOUND = "InvalidInstanceId.NotFound";

  /** The vSwitch does not exist. */
  public static final String VSWITCH_NOT_FOUND = "InvalidVSwitchId.NotFound";

  /** A security group does not exist. */
  public static final String SECURITY_GROUP_NOT_FOUND = "InvalidSecurityGroupId.NotFound";

  /** The ENI is not in a state that allows the operation. */
  public static final String INVALID_ENI_STATE = "InvalidOperation.InvalidEniState";

  /** The operation is not allowed for this ENI type (e.g. detaching a primary ENI). */
  public static final String INVALID_ENI_TYPE = "InvalidOperation.InvalidEniType";

  /** The ENI and the instance are in different zones. */
  public static final String AVAILABILITY_ZONE_MISMATCH =
      "InvalidOperation.AvailabilityZoneMismatch";

  /** The ENI's security groups and vSwitch are in different VPCs. */
  public static final String VPC_MISMATCH = "InvalidOperation.VpcMismatch";

  /** A parameter is invalid. */
  public static final String INVALID_PARAMETER = "InvalidParameter";

  /** A required parameter is missing. */
  public static final String MISSING_PARAMETER = "MissingParameter";

  /** The RAM policy does not allow the action. */
  public static final String FORBIDDEN_RAM = "Forbidden.RAM";

  private CloudErrorCodes() {}
}
