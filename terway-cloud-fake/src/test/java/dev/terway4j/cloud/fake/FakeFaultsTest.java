package dev.terway4j.cloud.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.spi.CloudClientException;
import dev.terway4j.cloud.spi.CloudErrorCodes;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.cloud.spi.CloudServiceException;
import dev.terway4j.cloud.spi.CreateNetworkInterfaceRequest;
import dev.terway4j.cloud.spi.InsufficientResourcesException;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceAttachment;
import dev.terway4j.cloud.spi.NetworkInterfaceQuery;
import dev.terway4j.cloud.spi.NetworkInterfaceStatus;
import dev.terway4j.cloud.spi.RateLimitedException;
import dev.terway4j.cloud.spi.ServiceUnavailableException;
import dev.terway4j.cloud.spi.UnauthorizedException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeFaultsTest {
  private final FakeClock clock = new FakeClock();
  private final FakeCloudProvider cloud = FakeTckEnvironment.builder(clock, 3).build();
  private final CreateNetworkInterfaceRequest request =
      CreateNetworkInterfaceRequest.builder()
          .vSwitchId("vsw-tck-large")
          .securityGroupIds("sg-tck-1")
          .clientToken("token-1")
          .build();

  @Test
  void throttle_failsTheNextCallsWithThrottlingThenLetsCallsThrough() {
    cloud.faults().throttle(CloudOperation.DESCRIBE_VSWITCHES, 2);
    for (int i = 0; i < 2; i++) {
      RateLimitedException e =
          assertThrows(RateLimitedException.class, () -> cloud.describeVSwitch("vsw-tck-large"));
      assertEquals(CloudErrorCodes.THROTTLING, e.errorCode());
      assertTrue(e.retryable());
    }
    cloud.describeVSwitch("vsw-tck-large");
    assertEquals(3, cloud.callCount(CloudOperation.DESCRIBE_VSWITCHES));
    assertEquals(
        List.of(FakeCall.Outcome.FAILED, FakeCall.Outcome.FAILED, FakeCall.Outcome.SUCCEEDED),
        cloud.calls().stream().map(FakeCall::outcome).toList());
  }

  @Test
  void failWith_ipNotEnough_throwsInsufficientResourcesAndCreatesNothing() {
    cloud
        .faults()
        .failWith(CloudOperation.CREATE_NETWORK_INTERFACE, "InvalidVSwitchId.IpNotEnough", 1);
    InsufficientResourcesException e =
        assertThrows(
            InsufficientResourcesException.class, () -> cloud.createNetworkInterface(request));
    assertEquals(InsufficientResourcesException.Reason.VSWITCH_IP_EXHAUSTED, e.reason());
    assertEquals(403, e.httpStatus());
    assertTrue(e.requestId().isPresent());
    assertEquals(3, cloud.networkInterfaces().size(), "only the topology's ENIs");
  }

  @Test
  void failWith_mapsEachCodeToItsPortableType() {
    cloud
        .faults()
        .failWith(CloudOperation.DESCRIBE_VSWITCHES, CloudErrorCodes.INTERNAL_ERROR, 1)
        .failWith(CloudOperation.DESCRIBE_VSWITCHES, CloudErrorCodes.FORBIDDEN_RAM, 1)
        .failWith(CloudOperation.DESCRIBE_VSWITCHES, "SomethingNew", 502, 1);
    ServiceUnavailableException internal =
        assertThrows(
            ServiceUnavailableException.class, () -> cloud.describeVSwitch("vsw-tck-large"));
    assertEquals(500, internal.httpStatus());
    assertTrue(internal.retryable());
    assertThrows(UnauthorizedException.class, () -> cloud.describeVSwitch("vsw-tck-large"));
    CloudServiceException unknown =
        assertThrows(CloudServiceException.class, () -> cloud.describeVSwitch("vsw-tck-large"));
    assertEquals("SomethingNew", unknown.errorCode());
    assertTrue(unknown.retryable());
  }

  @Test
  void failWith_onOneOperation_leavesTheOthersAlone() {
    cloud.faults().throttle(CloudOperation.DELETE_NETWORK_INTERFACE, 1);
    cloud.createNetworkInterface(request);
    assertEquals(1, cloud.faults().pendingCount(CloudOperation.DELETE_NETWORK_INTERFACE));
  }

  @Test
  void latency_advancesTheFakeClockAndIsLogged() {
    cloud.faults().latency(CloudOperation.DESCRIBE_NETWORK_INTERFACES, Duration.ofMillis(1500));
    Instant before = clock.instant();
    cloud.describeNetworkInterfaces(NetworkInterfaceQuery.all());
    assertEquals(before.plusMillis(1500), clock.instant());
    assertEquals(Duration.ofMillis(1500), cloud.calls().get(0).latency());
  }

  @Test
  void applyThenFail_onCreate_createsTheEniAndARetryWithTheSameTokenReturnsIt() {
    cloud.faults().applyThenFail(CloudOperation.CREATE_NETWORK_INTERFACE, 1);
    CloudClientException e =
        assertThrows(CloudClientException.class, () -> cloud.createNetworkInterface(request));
    assertTrue(e.outcomeUnknown());
    assertTrue(e.retryable());
    assertEquals(4, cloud.networkInterfaces().size(), "the ENI exists although the call failed");
    NetworkInterface retried = cloud.createNetworkInterface(request);
    assertEquals(4, cloud.networkInterfaces().size(), "the retry created nothing");
    assertEquals(cloud.networkInterfaces().get(3).id(), retried.id());
    assertEquals(FakeCall.Outcome.APPLIED_THEN_FAILED, cloud.calls().get(0).outcome());
  }

  @Test
  void applyThenFail_onAttach_attachesAlthoughTheCallerSawATimeout() {
    NetworkInterface eni = cloud.createNetworkInterface(request);
    cloud.faults().applyThenFail(CloudOperation.ATTACH_NETWORK_INTERFACE, 1);
    CloudClientException e =
        assertThrows(
            CloudClientException.class,
            () ->
                cloud.attachNetworkInterface(
                    NetworkInterfaceAttachment.member(eni.id(), "i-tck-trunk", "eni-tck-trunk")));
    assertTrue(e.outcomeUnknown());
    assertEquals(
        NetworkInterfaceStatus.IN_USE,
        cloud.describeNetworkInterface(eni.id()).orElseThrow().status());
  }

  @Test
  void rateLimit_refusesCallsOverTheLimitUntilTheClockRefillsTheBucket() {
    cloud.faults().rateLimit(CloudOperation.DESCRIBE_VSWITCHES, 3);
    for (int i = 0; i < 3; i++) {
      cloud.describeVSwitch("vsw-tck-large");
    }
    RateLimitedException e =
        assertThrows(RateLimitedException.class, () -> cloud.describeVSwitch("vsw-tck-large"));
    assertEquals(CloudErrorCodes.THROTTLING, e.errorCode());
    clock.advance(Duration.ofSeconds(20)); // 3 per minute: one token every 20 s
    cloud.describeVSwitch("vsw-tck-large");
    assertThrows(RateLimitedException.class, () -> cloud.describeVSwitch("vsw-tck-large"));
    cloud.describeInstanceTypes(List.of("ecs.g7.large")); // other APIs are not limited
  }

  @Test
  void clear_removesEveryFault() {
    cloud
        .faults()
        .throttle(CloudOperation.DESCRIBE_VSWITCHES, 5)
        .rateLimit(CloudOperation.DESCRIBE_VSWITCHES, 1)
        .latency(CloudOperation.DESCRIBE_VSWITCHES, Duration.ofSeconds(1))
        .clear();
    Instant before = clock.instant();
    for (int i = 0; i < 3; i++) {
      cloud.describeVSwitch("vsw-tck-large");
    }
    assertEquals(before, clock.instant());
  }

  @Test
  void faults_areCheckedBeforeTheRequestIsValidatedAgainstState() {
    cloud.faults().throttle(CloudOperation.DELETE_NETWORK_INTERFACE, 1);
    RuntimeException e =
        assertThrows(
            RuntimeException.class, () -> cloud.deleteNetworkInterface("eni-nosuchinterface"));
    assertInstanceOf(RateLimitedException.class, e);
  }

  @Test
  void throttle_maxIntTimes_storesACountInsteadOfAnEntryPerCall_issue13item8() {
    cloud
        .faults()
        .throttle(CloudOperation.DESCRIBE_VSWITCHES, Integer.MAX_VALUE)
        .throttle(CloudOperation.DESCRIBE_VSWITCHES, Integer.MAX_VALUE);

    assertEquals(Integer.MAX_VALUE, cloud.faults().pendingCount(CloudOperation.DESCRIBE_VSWITCHES));
    assertThrows(RateLimitedException.class, () -> cloud.describeVSwitch("vsw-tck-large"));
    assertEquals(Integer.MAX_VALUE, cloud.faults().pendingCount(CloudOperation.DESCRIBE_VSWITCHES));
  }

  @Test
  void oneShotFaults_ofDifferentKinds_areConsumedInTheOrderAdded_issue13item8() {
    cloud
        .faults()
        .throttle(CloudOperation.DESCRIBE_VSWITCHES, 2)
        .failWith(CloudOperation.DESCRIBE_VSWITCHES, CloudErrorCodes.SERVICE_UNAVAILABLE, 1)
        .throttle(CloudOperation.DESCRIBE_VSWITCHES, 1);

    assertEquals(4, cloud.faults().pendingCount(CloudOperation.DESCRIBE_VSWITCHES));
    assertThrows(RateLimitedException.class, () -> cloud.describeVSwitch("vsw-tck-large"));
    assertThrows(RateLimitedException.class, () -> cloud.describeVSwitch("vsw-tck-large"));
    assertThrows(ServiceUnavailableException.class, () -> cloud.describeVSwitch("vsw-tck-large"));
    assertThrows(RateLimitedException.class, () -> cloud.describeVSwitch("vsw-tck-large"));
    cloud.describeVSwitch("vsw-tck-large");
    assertEquals(0, cloud.faults().pendingCount(CloudOperation.DESCRIBE_VSWITCHES));
  }
}
