package dev.terway4j.cloud.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ValueTypesTest {
  @Test
  void memberEniLimit_isTotalMinusQuantity_whenTrunkSupported() {
    assertEquals(8, new InstanceType("ecs.g7.large", 3, 11, true, 10, 10).memberEniLimit());
  }

  @Test
  void memberEniLimit_isZero_whenTrunkNotSupported() {
    assertEquals(0, new InstanceType("ecs.t5.small", 2, 11, false, 2, 0).memberEniLimit());
  }

  @Test
  void memberEniLimit_isNeverNegative() {
    assertEquals(0, new InstanceType("ecs.odd", 4, 2, true, 2, 0).memberEniLimit());
  }

  @Test
  void createRequest_defaults_areSecondaryWithoutIpv6OrTags() {
    CreateNetworkInterfaceRequest r =
        CreateNetworkInterfaceRequest.builder().vSwitchId("vsw-1").securityGroupIds("sg-1").build();
    assertEquals(NetworkInterfaceType.SECONDARY, r.type());
    assertEquals(0, r.ipv6AddressCount());
    assertEquals(Map.of(), r.tags());
    assertFalse(r.deleteOnRelease());
    assertFalse(r.sourceDestCheck());
    assertEquals(Optional.empty(), r.clientToken());
  }

  @Test
  void createRequest_sameParametersAs_ignoresOnlyTheToken() {
    CreateNetworkInterfaceRequest a =
        CreateNetworkInterfaceRequest.builder()
            .vSwitchId("vsw-1")
            .securityGroupIds("sg-1")
            .clientToken("t1")
            .build();
    assertTrue(a.sameParametersAs(a.withClientToken("t2")));
    CreateNetworkInterfaceRequest b =
        CreateNetworkInterfaceRequest.builder()
            .vSwitchId("vsw-1")
            .securityGroupIds("sg-1")
            .ipv6AddressCount(1)
            .clientToken("t1")
            .build();
    assertFalse(a.sameParametersAs(b));
  }

  @Test
  void createRequest_whenInvalid_throwsInvalidArgument() {
    assertThrows(
        InvalidArgumentException.class,
        () -> CreateNetworkInterfaceRequest.builder().vSwitchId("vsw-1").build());
    assertInvalid(b -> b.securityGroupIds("sg-1", "sg-1"));
    assertInvalid(
        b ->
            b.securityGroupIds(
                "sg-2", "sg-3", "sg-4", "sg-5", "sg-6", "sg-7", "sg-8", "sg-9", "sg-10", "sg-11"));
    assertInvalid(b -> b.type(NetworkInterfaceType.MEMBER));
    assertInvalid(b -> b.type(NetworkInterfaceType.PRIMARY));
    assertInvalid(b -> b.ipv6AddressCount(11));
    assertInvalid(b -> b.ipv6AddressCount(-1));
    assertInvalid(b -> b.tag("aliyun:x", "v"));
    assertInvalid(b -> b.tag("", "v"));
    assertInvalid(b -> b.description("x"));
    assertInvalid(b -> b.description("https://example.com"));
    assertInvalid(b -> b.clientToken("a".repeat(65)));
    assertInvalid(b -> b.clientToken("späce"));
  }

  private static void assertInvalid(
      java.util.function.Consumer<CreateNetworkInterfaceRequest.Builder> change) {
    CreateNetworkInterfaceRequest.Builder b =
        CreateNetworkInterfaceRequest.builder().vSwitchId("vsw-1").securityGroupIds("sg-1");
    change.accept(b);
    assertThrows(InvalidArgumentException.class, b::build);
  }

  @Test
  void query_whenPageSizeOutOfRange_throwsInvalidArgument() {
    assertThrows(
        InvalidArgumentException.class,
        () -> NetworkInterfaceQuery.builder().maxResults(9).build());
    assertThrows(
        InvalidArgumentException.class,
        () -> NetworkInterfaceQuery.builder().maxResults(501).build());
    assertEquals(500, NetworkInterfaceQuery.all().maxResults());
  }

  @Test
  void query_matches_requiresEveryFilter() {
    NetworkInterface eni = eni(NetworkInterfaceStatus.IN_USE, Map.of("a", "1", "b", "2"));
    assertTrue(NetworkInterfaceQuery.all().matches(eni));
    assertTrue(
        NetworkInterfaceQuery.builder()
            .instanceId("i-1")
            .type(NetworkInterfaceType.MEMBER)
            .status(NetworkInterfaceStatus.IN_USE)
            .tag("a", "1")
            .vpcId("vpc-1")
            .vSwitchId("vsw-1")
            .networkInterfaceIds("eni-1", "eni-2")
            .build()
            .matches(eni));
    assertFalse(NetworkInterfaceQuery.builder().tag("a", "2").build().matches(eni));
    assertFalse(NetworkInterfaceQuery.builder().tag("c", "1").build().matches(eni));
    assertFalse(NetworkInterfaceQuery.builder().instanceId("i-2").build().matches(eni));
    assertFalse(
        NetworkInterfaceQuery.builder()
            .status(NetworkInterfaceStatus.AVAILABLE)
            .build()
            .matches(eni));
    assertFalse(NetworkInterfaceQuery.builder().networkInterfaceIds("eni-3").build().matches(eni));
  }

  @Test
  void networkInterface_asMemberWithoutTrunk_isRejected() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new NetworkInterface(
                "eni-1",
                NetworkInterfaceStatus.IN_USE,
                NetworkInterfaceType.MEMBER,
                "00:16:3e:00:00:01",
                "10.0.0.1",
                List.of(),
                "vpc-1",
                "vsw-1",
                "z",
                List.of("sg-1"),
                Optional.of("i-1"),
                Optional.empty(),
                OptionalInt.of(3),
                Map.of(),
                false,
                false,
                Optional.empty(),
                Instant.EPOCH));
  }

  @Test
  void attachment_whenTrunkIsTheEniItself_throwsInvalidArgument() {
    assertThrows(
        InvalidArgumentException.class,
        () -> NetworkInterfaceAttachment.member("eni-1", "i-1", "eni-1"));
  }

  @Test
  void statusAndType_roundTripTheirApiNames() {
    for (NetworkInterfaceStatus s : NetworkInterfaceStatus.values()) {
      assertEquals(s, NetworkInterfaceStatus.fromApiName(s.apiName()));
    }
    for (NetworkInterfaceType t : NetworkInterfaceType.values()) {
      assertEquals(t, NetworkInterfaceType.fromApiName(t.apiName()));
    }
    assertEquals("InUse", NetworkInterfaceStatus.IN_USE.apiName());
    assertThrows(IllegalArgumentException.class, () -> NetworkInterfaceType.fromApiName("x"));
  }

  private static NetworkInterface eni(NetworkInterfaceStatus status, Map<String, String> tags) {
    return new NetworkInterface(
        "eni-1",
        status,
        NetworkInterfaceType.MEMBER,
        "00:16:3e:00:00:01",
        "10.0.0.1",
        List.of(),
        "vpc-1",
        "vsw-1",
        "z",
        List.of("sg-1"),
        Optional.of("i-1"),
        Optional.of("eni-t"),
        OptionalInt.of(3),
        tags,
        false,
        false,
        Optional.empty(),
        Instant.EPOCH);
  }

  @Test
  void instanceType_namedFactories_matchThePositionalConstructor() {
    assertEquals(
        new InstanceType("ecs.g7.large", 3, 5, true, 10, 10),
        InstanceType.trunk("ecs.g7.large", 3, 2));
    assertEquals(2, InstanceType.trunk("ecs.g7.large", 3, 2).memberEniLimit());
    assertEquals(
        new InstanceType("ecs.t5.small", 2, 2, false, 10, 10),
        InstanceType.withoutTrunk("ecs.t5.small", 2));
    assertEquals(0, InstanceType.withoutTrunk("ecs.t5.small", 2).memberEniLimit());
    assertEquals(
        new InstanceType("ecs.x", 1, 9, true, 6, 0),
        InstanceType.builder("ecs.x")
            .eniQuantity(1)
            .eniTotalQuantity(9)
            .eniTrunkSupported(true)
            .eniPrivateIpAddressQuantity(6)
            .eniIpv6AddressQuantity(0)
            .build());
    assertThrows(IllegalArgumentException.class, () -> InstanceType.trunk("ecs.x", 3, -1));
    assertThrows(IllegalArgumentException.class, () -> InstanceType.builder("").build());
  }
}
