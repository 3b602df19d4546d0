package dev.terway4j.cloud.spi;

import com.google.common.collect.ImmutableSet;
import java.util.Set;

/**
 * Maps a service error code and HTTP status to the portable {@link CloudServiceException} subtype
 * that says what it means. This is the one place where that mapping lives; backends call it for
 * every error reply so that callers see the same types whichever cloud is behind the SPI.
 *
 * <p>Stateless and thread-safe.
 */
public final class CloudErrors {
  private static final Set<String> VSWITCH_EXHAUSTED =
      ImmutableSet.of(
          CloudErrorCodes.VSWITCH_IP_NOT_ENOUGH, CloudErrorCodes.QUOTA_EXCEEDED_PRIVATE_IP);
  private static final Set<String> ADDRESS_QUOTA =
      ImmutableSet.of(CloudErrorCodes.IPV4_COUNT_EXCEEDED, CloudErrorCodes.IPV6_COUNT_EXCEEDED);
  private static final Set<String> INVALID_STATE =
      ImmutableSet.of(
          CloudErrorCodes.INVALID_ENI_STATE,
          "InvalidOperation.InvalidEcsState",
          "IncorrectInstanceStatus",
          CloudErrorCodes.OPERATION_CONFLICT);
  private static final Set<String> IDEMPOTENCY =
      ImmutableSet.of(CloudErrorCodes.IDEMPOTENT_FAILED, "IdempotentParameterMismatch");

  private CloudErrors() {}

  /**
   * Returns the portable exception for an error reply.
   *
   * <p>The code decides first (so {@code InvalidVSwitchId.IpNotEnough}, sent with HTTP 403, is an
   * {@link InsufficientResourcesException}); the HTTP status decides for unknown codes (404 not
   * found, 429 rate limited, 401 unauthorized, 5xx service unavailable, other 4xx invalid
   * argument).
   *
   * <p>{@code EniPerInstanceLimitExceeded} maps to {@link
   * InsufficientResourcesException.Reason#INSTANCE_ENI_QUOTA}; a backend that knows the request was
   * a member attach should use {@link #memberEniLimit} instead, as ECS does not tell the two apart.
   *
   * @param errorCode the service's error code
   * @param httpStatus the HTTP status
   * @param requestId the request id, or {@code null}
   * @param message the service's message
   * @param cause the underlying failure (e.g. the SDK's exception), or {@code null}
   * @return the exception, to be thrown by the caller
   */
  public static CloudServiceException fromService(
      String errorCode, int httpStatus, String requestId, String message, Throwable cause) {
    String code = errorCode;
    if (VSWITCH_EXHAUSTED.contains(code)) {
      return insufficient(
          InsufficientResourcesException.Reason.VSWITCH_IP_EXHAUSTED,
          code,
          httpStatus,
          requestId,
          message,
          cause);
    }
    if (code.equals(CloudErrorCodes.ENI_PER_INSTANCE_LIMIT_EXCEEDED)) {
      return insufficient(
          InsufficientResourcesException.Reason.INSTANCE_ENI_QUOTA,
          code,
          httpStatus,
          requestId,
          message,
          cause);
    }
    if (ADDRESS_QUOTA.contains(code)) {
      return insufficient(
          InsufficientResourcesException.Reason.ENI_ADDRESS_QUOTA,
          code,
          httpStatus,
          requestId,
          message,
          cause);
    }
    if (code.equals(CloudErrorCodes.SECURITY_GROUP_INSTANCE_LIMIT_EXCEED)) {
      return insufficient(
          InsufficientResourcesException.Reason.SECURITY_GROUP_QUOTA,
          code,
          httpStatus,
          requestId,
          message,
          cause);
    }
    if (code.startsWith("QuotaExceeded")) {
      return insufficient(
          InsufficientResourcesException.Reason.OTHER, code, httpStatus, requestId, message, cause);
    }
    if (code.startsWith("Throttling")) {
      return new RateLimitedException(message, code, httpStatus, requestId, cause);
    }
    if (code.startsWith("Forbidden")
        || code.startsWith("InvalidAccessKeyId")
        || code.startsWith("SignatureDoesNotMatch")
        || code.startsWith("InvalidSecurityToken")) {
      return new UnauthorizedException(message, code, httpStatus, requestId, cause);
    }
    if (IDEMPOTENCY.contains(code)) {
      return new IdempotencyMismatchException(message, code, httpStatus, requestId, cause);
    }
    if (code.endsWith(".AlreadyExists") || code.endsWith(".AlreadyExist")) {
      return new AlreadyExistsException(message, code, httpStatus, requestId, cause);
    }
    if (code.endsWith(".NotFound")) {
      return new NotFoundException(message, code, httpStatus, requestId, cause);
    }
    if (INVALID_STATE.contains(code)) {
      return new InvalidStateException(message, code, httpStatus, requestId, cause);
    }
    if (code.equals(CloudErrorCodes.INTERNAL_ERROR)
        || code.equals(CloudErrorCodes.SERVICE_UNAVAILABLE)) {
      return new ServiceUnavailableException(message, code, httpStatus, requestId, cause);
    }
    if (code.startsWith(CloudErrorCodes.INVALID_PARAMETER)
        || code.startsWith(CloudErrorCodes.MISSING_PARAMETER)
        || code.startsWith("InvalidOperation.")
        || code.endsWith(".Malformed")) {
      return new InvalidArgumentException(message, code, httpStatus, requestId, cause);
    }
    return byStatus(code, httpStatus, requestId, message, cause);
  }

  /**
   * Returns the exception for a full trunk: a member attach refused because the instance already
   * carries its {@link InstanceType#memberEniLimit()} member ENIs.
   *
   * @param errorCode the service's error code
   * @param httpStatus the HTTP status
   * @param requestId the request id, or {@code null}
   * @param message the service's message
   * @return the exception, to be thrown by the caller
   */
  public static InsufficientResourcesException memberEniLimit(
      String errorCode, int httpStatus, String requestId, String message) {
    return new InsufficientResourcesException(
        InsufficientResourcesException.Reason.MEMBER_ENI_LIMIT,
        message,
        errorCode,
        httpStatus,
        requestId,
        null);
  }

  private static CloudServiceException byStatus(
      String code, int httpStatus, String requestId, String message, Throwable cause) {
    if (httpStatus == 404) {
      return new NotFoundException(message, code, httpStatus, requestId, cause);
    }
    if (httpStatus == 429) {
      return new RateLimitedException(message, code, httpStatus, requestId, cause);
    }
    if (httpStatus == 401) {
      return new UnauthorizedException(message, code, httpStatus, requestId, cause);
    }
    if (httpStatus >= 500) {
      return new ServiceUnavailableException(message, code, httpStatus, requestId, cause);
    }
    if (httpStatus == 400) {
      return new InvalidArgumentException(message, code, httpStatus, requestId, cause);
    }
    return new CloudServiceException(message, code, httpStatus, requestId, cause);
  }

  private static InsufficientResourcesException insufficient(
      InsufficientResourcesException.Reason reason,
      String code,
      int httpStatus,
      String requestId,
      String message,
      Throwable cause) {
    return new InsufficientResourcesException(reason, message, code, httpStatus, requestId, cause);
  }
}
