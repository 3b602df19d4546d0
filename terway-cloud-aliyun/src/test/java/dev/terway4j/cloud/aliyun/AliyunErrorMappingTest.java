package dev.terway4j.cloud.aliyun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.aliyun.emulator.AliyunEmulator;
import dev.terway4j.cloud.spi.CloudClientException;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.CloudServiceException;
import dev.terway4j.cloud.spi.CreateNetworkInterfaceRequest;
import dev.terway4j.cloud.spi.IdempotencyMismatchException;
import dev.terway4j.cloud.spi.InsufficientResourcesException;
import dev.terway4j.cloud.spi.InsufficientResourcesException.Reason;
import dev.terway4j.cloud.spi.InvalidArgumentException;
import dev.terway4j.cloud.spi.InvalidStateException;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceAttachment;
import dev.terway4j.cloud.spi.NetworkInterfaceQuery;
import dev.terway4j.cloud.spi.NotFoundException;
import dev.terway4j.cloud.spi.RateLimitedException;
import dev.terway4j.cloud.spi.ServiceUnavailableException;
import dev.terway4j.cloud.spi.UnauthorizedException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Error replies and transport failures, sent over the wire by the emulator, as the caller of {@link
 * AliyunCloudProvider} sees them: every code of Terway's {@code errors.go}
 * (pkg/aliyun/client/errors), the other codes ECS answers for the operations used
 * (docs/aliyun-wire.md, "Errors"), replies the SDK cannot read, and timeouts, including the
 * ambiguous one after a create was applied.
 */
class AliyunErrorMappingTest {
  private static final String CREATE = "CreateNetworkInterface";
  private static final String ATTACH = "AttachNetworkInterface";
  private static final String DETACH = "DetachNetworkInterface";
  private static final String DELETE = "DeleteNetworkInterface";
  private static final String DESCRIBE = "DescribeNetworkInterfaces";
  private static final String VSWITCHES = "DescribeVSwitches";
  private static final String TYPES = "DescribeInstanceTypes";

  private AliyunTckEnvironment env;
  private AliyunEmulator emulator;
  private CloudProvider cloud;

  @BeforeEach
  void start() {
    env = new AliyunTckEnvironment(Duration.ZERO, 7);
    emulator = env.emulator();
    cloud = env.provider();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  /** The error codes, the HTTP status ECS sends them with, and what the caller must see. */
  static Stream<Arguments> errorReplies() {
    return Stream.of(
        // Terway's pkg/aliyun/client/errors/errors.go, in its order.
        row(
            "InvalidVSwitchId.IpNotEnough",
            403,
            CREATE,
            InsufficientResourcesException.class,
            Reason.VSWITCH_IP_EXHAUSTED,
            false),
        row(
            "QuotaExceeded.PrivateIpAddress",
            403,
            CREATE,
            InsufficientResourcesException.class,
            Reason.VSWITCH_IP_EXHAUSTED,
            false),
        row("Throttling", 400, CREATE, RateLimitedException.class, null, true),
        row("InternalError", 500, CREATE, ServiceUnavailableException.class, null, true),
        row("Operation.Conflict", 403, ATTACH, InvalidStateException.class, null, true),
        row("IdempotentFailed", 400, CREATE, IdempotencyMismatchException.class, null, false),
        row("InvalidEniId.NotFound", 404, DELETE, NotFoundException.class, null, false),
        row("InvalidEniId.NotFound", 404, DETACH, NotFoundException.class, null, false),
        row("InvalidEcsId.NotFound", 404, DETACH, NotFoundException.class, null, false),
        // Terway treats it as success for Unassign*, which the SPI does not have: by status.
        row("InvalidIp.IpUnassigned", 400, DELETE, InvalidArgumentException.class, null, false),
        row(
            "EniPerInstanceLimitExceeded",
            403,
            ATTACH,
            InsufficientResourcesException.class,
            Reason.INSTANCE_ENI_QUOTA,
            false),
        row(
            "SecurityGroupInstanceLimitExceed",
            403,
            CREATE,
            InsufficientResourcesException.class,
            Reason.SECURITY_GROUP_QUOTA,
            false),
        row(
            "InvalidOperation.Ipv4CountExceeded",
            403,
            CREATE,
            InsufficientResourcesException.class,
            Reason.ENI_ADDRESS_QUOTA,
            false),
        row(
            "InvalidOperation.Ipv6CountExceeded",
            403,
            CREATE,
            InsufficientResourcesException.class,
            Reason.ENI_ADDRESS_QUOTA,
            false),
        row(
            "InvalidOperation.InvalidEniState",
            400,
            DELETE,
            InvalidStateException.class,
            null,
            false),
        row("InvalidAllocationId.NotFound", 404, CREATE, NotFoundException.class, null, false),
        row("Forbidden.RAM", 403, DESCRIBE, UnauthorizedException.class, null, false),
        // The other codes of docs/aliyun-wire.md, "Errors", and the signature checks.
        row("Throttling.User", 429, DESCRIBE, RateLimitedException.class, null, true),
        row("ServiceUnavailable", 503, VSWITCHES, ServiceUnavailableException.class, null, true),
        row("InvalidVSwitchId.NotFound", 404, CREATE, NotFoundException.class, null, false),
        row("InvalidSecurityGroupId.NotFound", 404, CREATE, NotFoundException.class, null, false),
        row("InvalidInstanceId.NotFound", 404, ATTACH, NotFoundException.class, null, false),
        row(
            "InvalidOperation.InvalidEniType",
            403,
            ATTACH,
            InvalidArgumentException.class,
            null,
            false),
        row(
            "InvalidOperation.AvailabilityZoneMismatch",
            403,
            ATTACH,
            InvalidArgumentException.class,
            null,
            false),
        row(
            "InvalidOperation.VpcMismatch",
            403,
            CREATE,
            InvalidArgumentException.class,
            null,
            false),
        row(
            "InvalidOperation.InvalidEcsState",
            400,
            ATTACH,
            InvalidStateException.class,
            null,
            false),
        row("InvalidIp.IpAssigned", 403, CREATE, CloudServiceException.class, null, false),
        row("InvalidParameter", 400, TYPES, InvalidArgumentException.class, null, false),
        row("MissingParameter", 400, CREATE, InvalidArgumentException.class, null, false),
        row("SignatureDoesNotMatch", 400, DESCRIBE, UnauthorizedException.class, null, false),
        row(
            "InvalidAccessKeyId.NotFound",
            404,
            DESCRIBE,
            UnauthorizedException.class,
            null,
            false));
  }

  private static Arguments row(
      String code,
      int status,
      String action,
      Class<? extends CloudServiceException> type,
      Reason reason,
      boolean retryable) {
    return Arguments.of(code, status, action, type, reason, retryable);
  }

  @ParameterizedTest(name = "{0} ({1}) on {2} is {3}")
  @MethodSource("errorReplies")
  void errorReply_isTranslatedToItsPortableException(
      String code,
      int status,
      String action,
      Class<? extends CloudServiceException> type,
      Reason reason,
      boolean retryable) {
    Runnable call = callOf(action);
    emulator.faults().error(action, status, code);
    CloudServiceException e = assertThrows(CloudServiceException.class, call::run);
    assertSame(type, e.getClass(), e.toString());
    assertEquals(code, e.errorCode());
    assertEquals(status, e.httpStatus());
    assertTrue(e.requestId().isPresent(), "request id is kept");
    assertEquals(retryable, e.retryable());
    if (reason != null) {
      assertEquals(reason, ((InsufficientResourcesException) e).reason());
    }
    assertTrue(e.getMessage().startsWith(action + ": "), e.getMessage());
  }

  @Test
  void eniPerInstanceLimitExceeded_onMemberAttach_isTheTrunksMemberLimit() {
    NetworkInterface eni = create();
    emulator.faults().error(ATTACH, 403, "EniPerInstanceLimitExceeded");
    InsufficientResourcesException e =
        assertThrows(
            InsufficientResourcesException.class,
            () -> cloud.attachNetworkInterface(member(eni.id())));
    assertEquals(Reason.MEMBER_ENI_LIMIT, e.reason());
    assertEquals("EniPerInstanceLimitExceeded", e.errorCode());
  }

  @Test
  void forbiddenRam_namesTheDeniedAction() {
    emulator.faults().error(DESCRIBE, 403, "Forbidden.RAM");
    AliyunEmulator restricted =
        AliyunEmulator.builder()
            .cloud(emulator.cloud())
            .accessKey(AliyunTckEnvironment.ACCESS_KEY_ID, AliyunTckEnvironment.ACCESS_KEY_SECRET)
            .allowOnly(java.util.Set.of("ecs:DescribeNetworkInterfaces"))
            .start();
    try (CloudProvider limited =
        AliyunCloudProvider.create(AliyunTckEnvironment.config(restricted).build())) {
      UnauthorizedException e =
          assertThrows(
              UnauthorizedException.class,
              () -> limited.describeVSwitch(AliyunTckEnvironment.TOPOLOGY.vSwitchId()));
      assertEquals("Forbidden.RAM", e.errorCode());
      assertTrue(e.getMessage().contains("vpc:DescribeVSwitches"), e.getMessage());
      assertFalse(e.retryable());
    } finally {
      restricted.close();
    }
  }

  @Test
  void errorReplyInXml_isTranslatedLikeJson() {
    emulator
        .faults()
        .raw(
            DESCRIBE,
            400,
            "text/xml;charset=utf-8",
            "<?xml version='1.0' encoding='UTF-8'?><Error><RequestId>req-xml</RequestId>"
                + "<Code>Throttling</Code><Message>Request was denied due to request"
                + " throttling.</Message></Error>");
    RateLimitedException e =
        assertThrows(RateLimitedException.class, () -> cloud.describeNetworkInterface("eni-x1"));
    assertEquals("Throttling", e.errorCode());
    assertEquals(java.util.Optional.of("req-xml"), e.requestId());
  }

  @Test
  void errorReplyWithoutCode_isClassifiedByStatus() {
    emulator.faults().raw(VSWITCHES, 500, "application/json", "{\"message\":\"boom\"}");
    ServiceUnavailableException e =
        assertThrows(
            ServiceUnavailableException.class,
            () -> cloud.describeVSwitch(AliyunTckEnvironment.TOPOLOGY.vSwitchId()));
    assertEquals("Unknown", e.errorCode());
    assertTrue(e.retryable());
  }

  @Test
  void htmlBadGateway_isARetryableClientFailureWithUnknownOutcomeForCreate() {
    emulator.faults().raw(CREATE, 502, "text/html", "<html><body>502 Bad Gateway</body></html>");
    CloudClientException e = assertThrows(CloudClientException.class, this::create);
    assertTrue(e.retryable());
    assertTrue(e.outcomeUnknown());
    assertTrue(e.getMessage().contains("not JSON"), e.getMessage());
  }

  @Test
  void emptyOkBody_onDescribe_isARetryableClientFailureWithKnownOutcome() {
    emulator.faults().raw(DESCRIBE, 200, "application/json", "");
    CloudClientException e =
        assertThrows(
            CloudClientException.class,
            () -> cloud.describeNetworkInterfaces(NetworkInterfaceQuery.all()));
    assertTrue(e.retryable());
    assertFalse(e.outcomeUnknown());
  }

  @Test
  void readTimeoutAfterCreateWasApplied_isAnUnknownOutcome_andTheSameTokenFindsTheEni() {
    try (CloudProvider impatient = impatientProvider()) {
      emulator.faults().delay(CREATE, Duration.ofMillis(1500));
      CreateNetworkInterfaceRequest request = request().clientToken("ambiguous-1").build();
      CloudClientException e =
          assertThrows(CloudClientException.class, () -> impatient.createNetworkInterface(request));
      assertTrue(e.outcomeUnknown(), "the request was sent: " + e.getMessage());
      assertTrue(e.retryable());
      assertEquals(1, emulator.cloud().networkInterfaces().stream().filter(this::mine).count());
      NetworkInterface retried = impatient.createNetworkInterface(request);
      assertEquals(1, emulator.cloud().networkInterfaces().stream().filter(this::mine).count());
      assertTrue(mine(retried));
    }
  }

  @Test
  void readTimeoutOnDescribe_isRetryableWithKnownOutcome() {
    try (CloudProvider impatient = impatientProvider()) {
      emulator.faults().delay(DESCRIBE, Duration.ofMillis(1500));
      CloudClientException e =
          assertThrows(
              CloudClientException.class,
              () -> impatient.describeNetworkInterfaces(NetworkInterfaceQuery.all()));
      assertFalse(e.outcomeUnknown());
      assertTrue(e.retryable());
    }
  }

  @Test
  void fakeApplyThenFail_reachesTheCallerAsAnUnknownOutcome() {
    try (CloudProvider impatient = impatientProvider()) {
      emulator.cloud().faults().applyThenFail(CloudOperation.ATTACH_NETWORK_INTERFACE, 1);
      NetworkInterface eni = impatient.createNetworkInterface(request().build());
      CloudClientException e =
          assertThrows(
              CloudClientException.class, () -> impatient.attachNetworkInterface(member(eni.id())));
      assertTrue(e.outcomeUnknown());
      assertTrue(
          emulator.cloud().networkInterfaces().stream()
              .anyMatch(n -> n.id().equals(eni.id()) && n.instanceId().isPresent()));
    }
  }

  @Test
  void fakeThrottling_reachesTheCallerOverTheWire() {
    emulator.cloud().faults().throttle(CloudOperation.DELETE_NETWORK_INTERFACE, 1);
    NetworkInterface eni = create();
    RateLimitedException e =
        assertThrows(RateLimitedException.class, () -> cloud.deleteNetworkInterface(eni.id()));
    assertEquals(400, e.httpStatus());
    cloud.deleteNetworkInterface(eni.id());
  }

  /**
   * Documents a property of the SDK's HTTP client rather than of our code: OkHttp 3.12 (which the
   * Tea core uses, with no switch to turn this off) silently resends a POST whose connection closed
   * without a reply, when the connection was a pooled one. The delete was applied by the first
   * request, so the resent one finds no ENI. Create is safe from this because it always carries a
   * ClientToken.
   */
  @Test
  void droppedConnectionAfterDelete_isResentByOkHttp_andTheResendFindsTheEniGone() {
    NetworkInterface eni = create();
    emulator.faults().drop(DELETE);
    NotFoundException e =
        assertThrows(NotFoundException.class, () -> cloud.deleteNetworkInterface(eni.id()));
    assertEquals("InvalidEniId.NotFound", e.errorCode());
    assertEquals(2, emulator.requests(DELETE).size());
  }

  @Test
  void droppedConnectionOnAFreshConnection_isAnUnknownOutcome_andTheSameTokenMakesTheRetrySafe() {
    // The first request of this provider: no pooled connection, so OkHttp does not resend.
    emulator.faults().drop(CREATE);
    CreateNetworkInterfaceRequest request = request().clientToken("dropped-1").build();
    CloudClientException e =
        assertThrows(CloudClientException.class, () -> cloud.createNetworkInterface(request));
    assertTrue(e.outcomeUnknown());
    assertTrue(e.retryable());
    assertEquals(1, emulator.requests(CREATE).size());
    NetworkInterface retried = cloud.createNetworkInterface(request);
    assertEquals(1, emulator.cloud().networkInterfaces().stream().filter(this::mine).count());
    assertTrue(mine(retried));
  }

  @Test
  void connectionRefused_isRetryableAndNothingWasSent() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (CloudProvider nowhere =
        AliyunCloudProvider.create(
            AliyunTckEnvironment.config(emulator).endpoint("127.0.0.1:" + port).build())) {
      CloudClientException e =
          assertThrows(
              CloudClientException.class, () -> nowhere.createNetworkInterface(request().build()));
      assertFalse(e.outcomeUnknown());
      assertTrue(e.retryable());
      assertTrue(e.getMessage().contains("not sent"), e.getMessage());
    }
  }

  @Test
  void wrongSecret_isUnauthorized_andNeverShowsTheSecret() {
    String wrong = "wrong-secret-that-must-stay-hidden";
    try (CloudProvider impostor =
        AliyunCloudProvider.create(
            AliyunTckEnvironment.config(emulator)
                .credentials(AliyunCredentials.accessKey(AliyunTckEnvironment.ACCESS_KEY_ID, wrong))
                .build())) {
      UnauthorizedException e =
          assertThrows(
              UnauthorizedException.class,
              () -> impostor.describeNetworkInterfaces(NetworkInterfaceQuery.all()));
      assertEquals("SignatureDoesNotMatch", e.errorCode());
      assertFalse(e.toString().contains(wrong));
      assertFalse(impostor.toString().contains(wrong));
    }
  }

  private CloudProvider impatientProvider() {
    return AliyunCloudProvider.create(
        AliyunTckEnvironment.config(emulator).readTimeout(Duration.ofMillis(400)).build());
  }

  private Runnable callOf(String action) {
    return switch (action) {
      case CREATE -> this::create;
      case ATTACH -> {
        NetworkInterface eni = create();
        yield () -> cloud.attachNetworkInterface(direct(eni.id()));
      }
      case DETACH -> {
        NetworkInterface eni = create();
        yield () -> cloud.detachNetworkInterface(direct(eni.id()));
      }
      case DELETE -> {
        NetworkInterface eni = create();
        yield () -> cloud.deleteNetworkInterface(eni.id());
      }
      case DESCRIBE -> () -> cloud.describeNetworkInterfaces(NetworkInterfaceQuery.all());
      case VSWITCHES -> () -> cloud.describeVSwitch(AliyunTckEnvironment.TOPOLOGY.vSwitchId());
      case TYPES -> () -> cloud.describeInstanceTypes(List.of("ecs.g7.large"));
      default -> throw new IllegalArgumentException(action);
    };
  }

  private CreateNetworkInterfaceRequest.Builder request() {
    return CreateNetworkInterfaceRequest.builder()
        .vSwitchId(AliyunTckEnvironment.TOPOLOGY.vSwitchId())
        .securityGroupIds(AliyunTckEnvironment.TOPOLOGY.securityGroupIds().get(0))
        .tag("test", "error-mapping");
  }

  private boolean mine(NetworkInterface eni) {
    return "error-mapping".equals(eni.tags().get("test"));
  }

  private NetworkInterface create() {
    return cloud.createNetworkInterface(request().build());
  }

  private static NetworkInterfaceAttachment direct(String eniId) {
    return NetworkInterfaceAttachment.direct(
        eniId, AliyunTckEnvironment.TOPOLOGY.trunkInstanceId());
  }

  private static NetworkInterfaceAttachment member(String eniId) {
    return NetworkInterfaceAttachment.member(
        eniId,
        AliyunTckEnvironment.TOPOLOGY.trunkInstanceId(),
        AliyunTckEnvironment.TOPOLOGY.trunkNetworkInterfaceId());
  }
}
