package dev.terway4j.cloud.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.spi.CloudErrorCodes;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.cloud.spi.CreateNetworkInterfaceRequest;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.cloud.spi.InsufficientResourcesException;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceAttachment;
import dev.terway4j.cloud.spi.NetworkInterfaceStatus;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FakeCloudProviderTest {
  private final FakeClock clock = new FakeClock();

  private static CreateNetworkInterfaceRequest.Builder request(String vSwitchId) {
    return CreateNetworkInterfaceRequest.builder()
        .vSwitchId(vSwitchId)
        .securityGroupIds("sg-tck-1");
  }

  private static NetworkInterfaceAttachment member(String eniId) {
    return NetworkInterfaceAttachment.member(eniId, "i-tck-trunk", "eni-tck-trunk");
  }

  private FakeCloudProvider singleVSwitch(String ipv4Cidr, String ipv6Cidr) {
    return FakeCloudProvider.builder()
        .clock(clock)
        .zone("z1")
        .vpc("vpc-1")
        .securityGroup("sg-tck-1", "vpc-1")
        .vSwitch("vsw-1", "vpc-1", "z1", ipv4Cidr, ipv6Cidr)
        .build();
  }

  @Test
  void create_inSlash24VSwitch_offers252AddressesAndNeverTheReservedOnes() {
    FakeCloudProvider cloud = singleVSwitch("10.1.2.0/24", null);
    assertEquals(252, cloud.describeVSwitch("vsw-1").availableIpAddressCount());
    Set<String> addresses = new HashSet<>();
    for (int i = 0; i < 252; i++) {
      addresses.add(cloud.createNetworkInterface(request("vsw-1").build()).privateIpAddress());
    }
    assertEquals(252, addresses.size());
    for (String reserved : List.of("10.1.2.0", "10.1.2.253", "10.1.2.254", "10.1.2.255")) {
      assertFalse(addresses.contains(reserved), reserved);
    }
    assertEquals(0, cloud.describeVSwitch("vsw-1").availableIpAddressCount());
    InsufficientResourcesException e =
        assertThrows(
            InsufficientResourcesException.class,
            () -> cloud.createNetworkInterface(request("vsw-1").build()));
    assertEquals(CloudErrorCodes.VSWITCH_IP_NOT_ENOUGH, e.errorCode());
    assertEquals(403, e.httpStatus());
  }

  @Test
  void create_inIpv6Block_neverHandsOutTheFirstOrLastNineAddresses() {
    // A /124 has 16 addresses: ::0 and ::7..::f are reserved, 6 are usable.
    FakeCloudProvider cloud = singleVSwitch("10.1.2.0/24", "2408:4000::/124");
    NetworkInterface eni =
        cloud.createNetworkInterface(request("vsw-1").ipv6AddressCount(6).build());
    assertEquals(
        Set.of(
            "2408:4000::1",
            "2408:4000::2",
            "2408:4000::3",
            "2408:4000::4",
            "2408:4000::5",
            "2408:4000::6"),
        Set.copyOf(eni.ipv6Addresses()));
    InsufficientResourcesException e =
        assertThrows(
            InsufficientResourcesException.class,
            () -> cloud.createNetworkInterface(request("vsw-1").ipv6AddressCount(1).build()));
    assertEquals(InsufficientResourcesException.Reason.VSWITCH_IP_EXHAUSTED, e.reason());
    assertEquals(251, cloud.describeVSwitch("vsw-1").availableIpAddressCount());
  }

  @Test
  void sameSeedAndSameCalls_giveSameIdsAddressesMacsAndVlans() {
    assertEquals(scenario(11), scenario(11));
    List<NetworkInterface> other = scenario(12);
    assertNotEquals(scenario(11).get(3).id(), other.get(3).id());
  }

  private static List<NetworkInterface> scenario(long seed) {
    FakeCloudProvider cloud = FakeTckEnvironment.builder(new FakeClock(), seed).build();
    for (int i = 0; i < 5; i++) {
      NetworkInterface eni =
          cloud.createNetworkInterface(
              request("vsw-tck-large").ipv6AddressCount(1).tag("n", "" + i).build());
      if (i % 2 == 0) {
        cloud.attachNetworkInterface(member(eni.id()));
      }
    }
    return cloud.networkInterfaces();
  }

  @Test
  void attach_withDelay_staysAttachingUntilTheDelayHasPassedOnTheClock() {
    FakeCloudProvider cloud =
        FakeTckEnvironment.builder(clock, 1).attachDelay(Duration.ofSeconds(5)).build();
    NetworkInterface eni = cloud.createNetworkInterface(request("vsw-tck-large").build());
    cloud.attachNetworkInterface(member(eni.id()));
    assertEquals(NetworkInterfaceStatus.ATTACHING, status(cloud, eni.id()));
    clock.advance(Duration.ofMillis(4999));
    assertEquals(NetworkInterfaceStatus.ATTACHING, status(cloud, eni.id()));
    clock.advance(Duration.ofMillis(1));
    assertEquals(NetworkInterfaceStatus.IN_USE, status(cloud, eni.id()));
  }

  @Test
  void detachAndDelete_withDelays_passThroughDetachingAndDeleting() {
    FakeCloudProvider cloud =
        FakeTckEnvironment.builder(clock, 1)
            .detachDelay(Duration.ofSeconds(2))
            .deleteDelay(Duration.ofSeconds(1))
            .build();
    NetworkInterface eni = cloud.createNetworkInterface(request("vsw-tck-large").build());
    cloud.attachNetworkInterface(member(eni.id()));
    cloud.detachNetworkInterface(member(eni.id()));
    assertEquals(NetworkInterfaceStatus.DETACHING, status(cloud, eni.id()));
    assertThrows(
        dev.terway4j.cloud.spi.InvalidStateException.class,
        () -> cloud.deleteNetworkInterface(eni.id()));
    clock.advance(Duration.ofSeconds(2));
    assertEquals(NetworkInterfaceStatus.AVAILABLE, status(cloud, eni.id()));
    long before = cloud.describeVSwitch("vsw-tck-large").availableIpAddressCount();
    cloud.deleteNetworkInterface(eni.id());
    assertEquals(NetworkInterfaceStatus.DELETING, status(cloud, eni.id()));
    cloud.deleteNetworkInterface(eni.id()); // accepted again while Deleting
    assertEquals(before, cloud.describeVSwitch("vsw-tck-large").availableIpAddressCount());
    clock.advance(Duration.ofSeconds(1));
    assertEquals(Optional.empty(), cloud.describeNetworkInterface(eni.id()));
    assertEquals(before + 1, cloud.describeVSwitch("vsw-tck-large").availableIpAddressCount());
  }

  @Test
  void releaseInstance_deletesDeleteOnReleaseEnisAndDetachesTheOthers() {
    FakeCloudProvider cloud = FakeTckEnvironment.builder(clock, 1).build();
    long free = cloud.describeVSwitch("vsw-tck-large").availableIpAddressCount();
    NetworkInterface elastic =
        cloud.createNetworkInterface(request("vsw-tck-large").deleteOnRelease(true).build());
    NetworkInterface fixed =
        cloud.createNetworkInterface(request("vsw-tck-large").deleteOnRelease(false).build());
    cloud.attachNetworkInterface(member(elastic.id()));
    cloud.attachNetworkInterface(member(fixed.id()));

    cloud.releaseInstance("i-tck-trunk");

    Set<String> left = new HashSet<>();
    cloud.networkInterfaces().forEach(e -> left.add(e.id()));
    assertFalse(left.contains(elastic.id()));
    NetworkInterface kept = cloud.describeNetworkInterface(fixed.id()).orElseThrow();
    assertEquals(NetworkInterfaceStatus.AVAILABLE, kept.status());
    assertEquals(Optional.empty(), kept.instanceId());
    assertEquals(Optional.empty(), kept.trunkNetworkInterfaceId());
    NetworkInterface trunk = cloud.describeNetworkInterface("eni-tck-trunk").orElseThrow();
    assertEquals(NetworkInterfaceStatus.AVAILABLE, trunk.status());
    // The primary ENI and the elastic member gave their addresses back; fixed and trunk kept
    // theirs.
    assertEquals(free, cloud.describeVSwitch("vsw-tck-large").availableIpAddressCount());
    assertThrows(
        dev.terway4j.cloud.spi.NotFoundException.class,
        () -> cloud.attachNetworkInterface(member(fixed.id())));
  }

  @Test
  void calls_areLoggedAndCountedPerOperation() {
    FakeCloudProvider cloud = FakeTckEnvironment.builder(clock, 1).build();
    NetworkInterface eni = cloud.createNetworkInterface(request("vsw-tck-large").build());
    cloud.describeNetworkInterface(eni.id());
    assertThrows(
        dev.terway4j.cloud.spi.NotFoundException.class,
        () -> cloud.deleteNetworkInterface("eni-nosuchinterface"));

    assertEquals(1, cloud.callCount(CloudOperation.CREATE_NETWORK_INTERFACE));
    assertEquals(1, cloud.callCount(CloudOperation.DESCRIBE_NETWORK_INTERFACES));
    assertEquals(1, cloud.callCount(CloudOperation.DELETE_NETWORK_INTERFACE));
    assertEquals(0, cloud.callCount(CloudOperation.ATTACH_NETWORK_INTERFACE));
    List<FakeCall> calls = cloud.calls();
    assertEquals(3, calls.size());
    assertEquals(List.of(1L, 2L, 3L), calls.stream().map(FakeCall::sequence).toList());
    assertEquals(FakeCall.Outcome.SUCCEEDED, calls.get(0).outcome());
    assertEquals(FakeCall.Outcome.FAILED, calls.get(2).outcome());
    assertEquals(Optional.of(CloudErrorCodes.ENI_NOT_FOUND), calls.get(2).errorCode());
    assertTrue(calls.get(2).request().contains("eni-nosuchinterface"));

    cloud.resetCalls();
    assertEquals(List.of(), cloud.calls());
    assertEquals(0, cloud.callCount(CloudOperation.CREATE_NETWORK_INTERFACE));
  }

  @Test
  void malformedId_isRejectedBeforeTheCallIsLogged() {
    FakeCloudProvider cloud = FakeTckEnvironment.builder(clock, 1).build();
    assertThrows(
        dev.terway4j.cloud.spi.InvalidArgumentException.class,
        () -> cloud.deleteNetworkInterface("sg-123"));
    assertEquals(List.of(), cloud.calls());
  }

  @Test
  void attach_directly_usesTheLowestFreeDeviceIndexAfterThePrimary() {
    FakeCloudProvider cloud = FakeTckEnvironment.builder(clock, 1).build();
    NetworkInterface eni = cloud.createNetworkInterface(request("vsw-tck-large").build());
    cloud.attachNetworkInterface(NetworkInterfaceAttachment.direct(eni.id(), "i-tck-trunk"));
    // primary 0, trunk 1
    assertEquals(
        2, cloud.describeNetworkInterface(eni.id()).orElseThrow().deviceIndex().getAsInt());
  }

  @Test
  void build_whenVSwitchIsInAnUndeclaredZone_throwsIllegalArgument() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                FakeCloudProvider.builder()
                    .vpc("vpc-1")
                    .vSwitch("vsw-1", "vpc-1", "nowhere", "10.0.0.0/24")
                    .build());
    assertTrue(e.getMessage().contains("nowhere"), e.getMessage());
  }

  @Test
  void build_whenTrunkExceedsTheInstanceEniQuota_throwsIllegalArgument() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            FakeCloudProvider.builder()
                .zone("z")
                .vpc("vpc-1")
                .securityGroup("sg-1", "vpc-1")
                .vSwitch("vsw-1", "vpc-1", "z", "10.0.0.0/24")
                .instanceType(new InstanceType("ecs.one", 1, 4, true, 1, 0))
                .instance("i-1", "ecs.one", "vsw-1")
                .trunkNetworkInterface("eni-t", "i-1", "vsw-1", "sg-1")
                .build());
  }

  @Test
  void concurrentCreates_neverHandOutTheSameAddressTwice() throws Exception {
    FakeCloudProvider cloud = FakeTckEnvironment.builder(clock, 1).build();
    int threads = 4;
    int perThread = 50;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<List<String>>> results = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  List<String> ips = new java.util.ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    ips.add(
                        cloud
                            .createNetworkInterface(request("vsw-tck-large").build())
                            .privateIpAddress());
                  }
                  return ips;
                }));
      }
      Set<String> all = new HashSet<>();
      for (java.util.concurrent.Future<List<String>> r : results) {
        all.addAll(r.get());
      }
      assertEquals(threads * perThread, all.size());
      assertEquals(threads * perThread, cloud.callCount(CloudOperation.CREATE_NETWORK_INTERFACE));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void create_withTokenWithinItsTtl_returnsTheSameEni_andAfterItMakesANewOne() {
    FakeCloudProvider cloud =
        FakeTckEnvironment.builder(clock, 1).clientTokenTtl(Duration.ofHours(1)).build();
    CreateNetworkInterfaceRequest request = request("vsw-tck-large").clientToken("t-1").build();
    NetworkInterface first = cloud.createNetworkInterface(request);

    clock.advance(Duration.ofMinutes(59));
    assertEquals(first.id(), cloud.createNetworkInterface(request).id());

    clock.advance(Duration.ofMinutes(1));
    NetworkInterface afterTtl = cloud.createNetworkInterface(request);
    assertNotEquals(first.id(), afterTtl.id());
    // The new create recorded the token afresh.
    assertEquals(afterTtl.id(), cloud.createNetworkInterface(request).id());
  }

  @Test
  void create_pastTheTokenLimit_forgetsTheOldestTokenFirst() {
    FakeCloudProvider cloud = FakeTckEnvironment.builder(clock, 1).clientTokenLimit(2).build();
    NetworkInterface a =
        cloud.createNetworkInterface(request("vsw-tck-large").clientToken("a").build());
    NetworkInterface b =
        cloud.createNetworkInterface(request("vsw-tck-large").clientToken("b").build());
    cloud.createNetworkInterface(request("vsw-tck-large").clientToken("c").build());

    assertEquals(
        b.id(),
        cloud.createNetworkInterface(request("vsw-tck-large").clientToken("b").build()).id());
    assertNotEquals(
        a.id(),
        cloud.createNetworkInterface(request("vsw-tck-large").clientToken("a").build()).id());
  }

  @Test
  void clientTokenSettings_refuseNonPositiveValues() {
    FakeCloudProvider.Builder builder = FakeCloudProvider.builder();
    assertThrows(IllegalArgumentException.class, () -> builder.clientTokenTtl(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> builder.clientTokenLimit(0));
  }

  @Test
  void manyCreatesAndDeletes_onAFewLiveEnis_keepDescribesAndAddressesConsistent() {
    // Creates and deletes far more ENIs than stay alive, the way the allocator benchmark does: the
    // per-instance and per-trunk counts kept as attachments change must come back to zero.
    FakeCloudProvider cloud = FakeTckEnvironment.builder(clock, 1).build();
    long free = cloud.describeVSwitch("vsw-tck-large").availableIpAddressCount();
    for (int i = 0; i < 2_000; i++) {
      NetworkInterface eni = cloud.createNetworkInterface(request("vsw-tck-large").build());
      cloud.attachNetworkInterface(member(eni.id()));
      assertEquals(NetworkInterfaceStatus.IN_USE, status(cloud, eni.id()));
      cloud.detachNetworkInterface(member(eni.id()));
      cloud.deleteNetworkInterface(eni.id());
      assertEquals(Optional.empty(), cloud.describeNetworkInterface(eni.id()));
    }
    assertEquals(free, cloud.describeVSwitch("vsw-tck-large").availableIpAddressCount());
  }

  private static NetworkInterfaceStatus status(FakeCloudProvider cloud, String eniId) {
    return cloud.describeNetworkInterface(eniId).orElseThrow().status();
  }
}
