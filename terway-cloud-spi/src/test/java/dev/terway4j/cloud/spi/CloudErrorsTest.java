package dev.terway4j.cloud.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Codes and statuses from Terway's errors.go and docs/aliyun-wire.md, "Errors". */
class CloudErrorsTest {

  @ParameterizedTest(name = "{0} ({1}) -> {2}, retryable {3}")
  @CsvSource({
    "InvalidVSwitchId.IpNotEnough, 403, InsufficientResourcesException, false",
    "QuotaExceeded.PrivateIpAddress, 403, InsufficientResourcesException, false",
    "EniPerInstanceLimitExceeded, 403, InsufficientResourcesException, false",
    "InvalidOperation.Ipv6CountExceeded, 403, InsufficientResourcesException, false",
    "SecurityGroupInstanceLimitExceed, 403, InsufficientResourcesException, false",
    "Throttling, 400, RateLimitedException, true",
    "Throttling.User, 429, RateLimitedException, true",
    "Forbidden.RAM, 403, UnauthorizedException, false",
    "InvalidAccessKeyId.NotFound, 404, UnauthorizedException, false",
    "SignatureDoesNotMatch, 400, UnauthorizedException, false",
    "IdempotentFailed, 400, IdempotencyMismatchException, false",
    "InvalidEniId.NotFound, 404, NotFoundException, false",
    "InvalidEcsId.NotFound, 404, NotFoundException, false",
    "InvalidVSwitchId.NotFound, 404, NotFoundException, false",
    "InvalidOperation.InvalidEniState, 400, InvalidStateException, false",
    "Operation.Conflict, 403, InvalidStateException, true",
    "InternalError, 500, ServiceUnavailableException, true",
    "ServiceUnavailable, 503, ServiceUnavailableException, true",
    "InvalidParameter, 400, InvalidArgumentException, false",
    "MissingParameter, 403, InvalidArgumentException, false",
    "InvalidOperation.AvailabilityZoneMismatch, 403, InvalidArgumentException, false",
    "Unknown.Code, 404, NotFoundException, false",
    "Unknown.Code, 429, RateLimitedException, true",
    "Unknown.Code, 502, ServiceUnavailableException, true",
    "Unknown.Code, 400, InvalidArgumentException, false",
    "Unknown.Code, 409, CloudServiceException, false",
  })
  void fromService_mapsCodeAndStatusToPortableType(
      String code, int status, String type, boolean retryable) {
    CloudServiceException e = CloudErrors.fromService(code, status, "req-1", "message", null);
    assertEquals(type, e.getClass().getSimpleName());
    assertEquals(retryable, e.retryable());
    assertEquals(code, e.errorCode());
    assertEquals(status, e.httpStatus());
    assertEquals(Optional.of("req-1"), e.requestId());
  }

  @Test
  void fromService_givesTheInsufficientResourcesReason() {
    assertEquals(
        InsufficientResourcesException.Reason.VSWITCH_IP_EXHAUSTED,
        ((InsufficientResourcesException)
                CloudErrors.fromService("InvalidVSwitchId.IpNotEnough", 403, null, "m", null))
            .reason());
    assertEquals(
        InsufficientResourcesException.Reason.INSTANCE_ENI_QUOTA,
        ((InsufficientResourcesException)
                CloudErrors.fromService("EniPerInstanceLimitExceeded", 403, null, "m", null))
            .reason());
  }

  @Test
  void memberEniLimit_keepsTheCodeAndSaysMemberLimit() {
    InsufficientResourcesException e =
        CloudErrors.memberEniLimit("EniPerInstanceLimitExceeded", 403, "req-2", "full");
    assertEquals(InsufficientResourcesException.Reason.MEMBER_ENI_LIMIT, e.reason());
    assertEquals("EniPerInstanceLimitExceeded", e.errorCode());
  }

  @Test
  void message_carriesCodeStatusAndRequestId() {
    Throwable cause = new RuntimeException("sdk");
    CloudServiceException e =
        CloudErrors.fromService("InvalidEniId.NotFound", 404, "req-9", "no such ENI", cause);
    assertEquals(
        "no such ENI (errorCode: InvalidEniId.NotFound, httpStatus: 404, requestId: req-9)",
        e.getMessage());
    assertSame(cause, e.getCause());
  }

  @Test
  void clientException_saysWhetherTheOutcomeIsUnknown() {
    CloudClientException timeout = new CloudClientException("read timed out", null, true);
    assertTrue(timeout.outcomeUnknown());
    assertTrue(timeout.retryable());
    CloudClientException noCredentials =
        new CloudClientException("no credentials", null, false, false);
    assertFalse(noCredentials.outcomeUnknown());
    assertFalse(noCredentials.retryable());
  }

  @Test
  void invalidArgument_local_hasNoRequestId() {
    InvalidArgumentException e = InvalidArgumentException.local("bad %s", "x");
    assertEquals(Optional.empty(), e.requestId());
    assertEquals(CloudErrorCodes.INVALID_PARAMETER, e.errorCode());
    assertEquals(400, e.httpStatus());
    assertTrue(e.getMessage().startsWith("bad x"), e.getMessage());
  }
}
