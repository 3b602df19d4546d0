package dev.terway4j.cloud.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.spi.CloudErrorCodes;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.CreateNetworkInterfaceRequest;
import dev.terway4j.cloud.spi.IdempotencyMismatchException;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.cloud.spi.InsufficientResourcesException;
import dev.terway4j.cloud.spi.InvalidArgumentException;
import dev.terway4j.cloud.spi.InvalidStateException;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceAttachment;
import dev.terway4j.cloud.spi.NetworkInterfacePage;
import dev.terway4j.cloud.spi.NetworkInterfaceQuery;
import dev.terway4j.cloud.spi.NetworkInterfaceStatus;
import dev.terway4j.cloud.spi.NetworkInterfaceType;
import dev.terway4j.cloud.spi.NotFoundException;
import dev.terway4j.cloud.spi.VSwitch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link CloudProvider}, as an abstract JUnit Jupiter suite: every operation, every
 * portable error, idempotency, paging, asynchronous attach and detach, and limits.
 *
 * <p>A backend's test extends this class and implements {@link #newEnvironment()}. Each test gets a
 * fresh environment and tags the ENIs it creates with {@value #RUN_TAG_KEY} (a value unique to the
 * test), so that filters see only its own ENIs and a live environment can clean up after it.
 *
 * <p>Tests of one instance are not run concurrently; the suite itself keeps per-test state.
 */
public abstract class CloudProviderContract {
  /** The tag key the suite puts on every ENI it creates. */
  public static final String RUN_TAG_KEY = "terway4j-tck-run";

  private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");

  /** The environment of the running test. */
  protected TckEnvironment env;

  /** The provider under test. */
  protected CloudProvider cloud;

  /** The prepared topology. */
  protected TckTopology topo;

  /** The tag value of the running test. */
  protected String runId;

  /**
   * Creates the environment for one test: a provider over a topology of the shape {@link
   * TckTopology} describes.
   *
   * @return a new environment
   */
  protected abstract TckEnvironment newEnvironment();

  /** Prepares a fresh environment. */
  @BeforeEach
  final void setUpEnvironment() {
    env = newEnvironment();
    cloud = env.provider();
    topo = env.topology();
    runId = UUID.randomUUID().toString();
  }

  /** Closes the environment. */
  @AfterEach
  final void closeEnvironment() {
    if (env != null) {
      env.close();
    }
  }

  // ---------------------------------------------------------------- helpers

  /**
   * Returns a request builder for a Secondary ENI in a vSwitch, with the first security group and
   * this test's tag.
   *
   * @param vSwitchId the vSwitch
   * @return the builder
   */
  protected CreateNetworkInterfaceRequest.Builder request(String vSwitchId) {
    return CreateNetworkInterfaceRequest.builder()
        .vSwitchId(vSwitchId)
        .securityGroupIds(topo.securityGroupIds().get(0))
        .tag(RUN_TAG_KEY, runId);
  }

  /**
   * Creates a Secondary ENI in the large vSwitch.
   *
   * @return the ENI
   */
  protected NetworkInterface create() {
    return cloud.createNetworkInterface(request(topo.vSwitchId()).build());
  }

  /**
   * Lets transitions complete, then describes an ENI that must exist.
   *
   * @param eniId the ENI
   * @return the ENI
   */
  protected NetworkInterface settled(String eniId) {
    env.letTransitionsComplete();
    return cloud
        .describeNetworkInterface(eniId)
        .orElseThrow(() -> new AssertionError("ENI vanished: " + eniId));
  }

  /**
   * Creates an ENI and attaches it to the trunk instance as a member, waiting until {@code InUse}.
   *
   * @return the member ENI as described once attached
   */
  protected NetworkInterface attachedMember() {
    NetworkInterface eni = create();
    cloud.attachNetworkInterface(memberAttachment(eni.id()));
    return settled(eni.id());
  }

  /**
   * Returns the attachment of an ENI as a member of the trunk instance.
   *
   * @param eniId the ENI
   * @return the attachment
   */
  protected NetworkInterfaceAttachment memberAttachment(String eniId) {
    return NetworkInterfaceAttachment.member(
        eniId, topo.trunkInstanceId(), topo.trunkNetworkInterfaceId());
  }

  private InstanceType type(String id) {
    return cloud
        .describeInstanceType(id)
        .orElseThrow(() -> new AssertionError("instance type not described: " + id));
  }

  private List<NetworkInterface> onInstance(String instanceId) {
    return cloud.describeAllNetworkInterfaces(
        NetworkInterfaceQuery.builder().instanceId(instanceId).build());
  }

  private List<NetworkInterface> mine() {
    return cloud.describeAllNetworkInterfaces(
        NetworkInterfaceQuery.builder().tag(RUN_TAG_KEY, runId).build());
  }

  private List<NetworkInterface> fillTrunk() {
    int limit = type(topo.trunkInstanceTypeId()).memberEniLimit();
    long present = onInstance(topo.trunkInstanceId()).stream().filter(e -> e.isMember()).count();
    List<NetworkInterface> members = new ArrayList<>();
    for (long i = present; i < limit; i++) {
      members.add(attachedMember());
    }
    return members;
  }

  // ---------------------------------------------------------------- ids

  /** Malformed ids never reach the cloud. */
  @Nested
  class Ids {
    @Test
    void describeVSwitch_whenIdHasWrongPrefix_throwsInvalidArgument() {
      InvalidArgumentException e =
          assertThrows(InvalidArgumentException.class, () -> cloud.describeVSwitch("vpc-123"));
      assertEquals(Optional.empty(), e.requestId());
      assertFalse(e.retryable());
    }

    @Test
    void deleteNetworkInterface_whenIdHasWrongPrefix_throwsInvalidArgument() {
      assertThrows(InvalidArgumentException.class, () -> cloud.deleteNetworkInterface("i-123456"));
    }

    @Test
    void describeNetworkInterface_whenIdIsOnlyThePrefix_throwsInvalidArgument() {
      assertThrows(InvalidArgumentException.class, () -> cloud.describeNetworkInterface("eni-"));
    }

    @Test
    void attachment_whenInstanceIdHasWrongPrefix_throwsInvalidArgument() {
      assertThrows(
          InvalidArgumentException.class,
          () -> NetworkInterfaceAttachment.direct("eni-123", "eni-456"));
    }

    @Test
    void createRequest_whenSecurityGroupIdHasWrongPrefix_throwsInvalidArgument() {
      assertThrows(
          InvalidArgumentException.class,
          () ->
              CreateNetworkInterfaceRequest.builder()
                  .vSwitchId(topo.vSwitchId())
                  .securityGroupIds("vsw-123")
                  .build());
    }

    @Test
    void query_whenVpcIdHasWrongPrefix_throwsInvalidArgument() {
      assertThrows(
          InvalidArgumentException.class,
          () -> NetworkInterfaceQuery.builder().vpcId("sg-123").build());
    }
  }

  // ---------------------------------------------------------------- instance types

  /** DescribeInstanceTypes and the derived member-ENI limit. */
  @Nested
  class InstanceTypes {
    @Test
    void describeInstanceTypes_forTrunkType_derivesMemberLimitAsTotalMinusQuantity() {
      InstanceType type = type(topo.trunkInstanceTypeId());
      assertTrue(type.eniTrunkSupported());
      assertEquals(type.eniTotalQuantity() - type.eniQuantity(), type.memberEniLimit());
      assertTrue(type.memberEniLimit() >= 2, "topology needs a member limit of at least 2");
    }

    @Test
    void describeInstanceTypes_forTypeWithoutTrunking_reportsZeroMemberLimit() {
      InstanceType type = type(topo.plainInstanceTypeId());
      assertFalse(type.eniTrunkSupported());
      assertEquals(0, type.memberEniLimit());
    }

    @Test
    void describeInstanceTypes_whenOneIsUnknown_leavesItOut() {
      List<InstanceType> types =
          cloud.describeInstanceTypes(
              List.of(topo.trunkInstanceTypeId(), "ecs.terway4j-no-such-type.large"));
      assertEquals(1, types.size());
      assertEquals(topo.trunkInstanceTypeId(), types.get(0).id());
    }

    @Test
    void describeInstanceTypes_whenEmpty_throwsInvalidArgument() {
      assertThrows(InvalidArgumentException.class, () -> cloud.describeInstanceTypes(List.of()));
    }
  }

  // ---------------------------------------------------------------- vSwitches

  /** DescribeVSwitches by id. */
  @Nested
  class VSwitches {
    @Test
    void describeVSwitch_reportsVpcZoneAndBlocks() {
      VSwitch vsw = cloud.describeVSwitch(topo.vSwitchId());
      assertEquals(topo.vSwitchId(), vsw.id());
      assertEquals(topo.vpcId(), vsw.vpcId());
      assertEquals(topo.zoneId(), vsw.zoneId());
      assertTrue(vsw.ipv6CidrBlock().isPresent(), "topology needs IPv6 on " + vsw.id());
      assertTrue(vsw.availableIpAddressCount() >= 100);
      VSwitch other = cloud.describeVSwitch(topo.otherZoneVSwitchId());
      assertNotEquals(topo.zoneId(), other.zoneId());
    }

    @Test
    void describeVSwitch_whenUnknown_throwsNotFound() {
      NotFoundException e =
          assertThrows(
              NotFoundException.class, () -> cloud.describeVSwitch("vsw-terway4jnosuchswitch"));
      assertEquals(CloudErrorCodes.VSWITCH_NOT_FOUND, e.errorCode());
      assertFalse(e.retryable());
    }

    @Test
    void availableCount_dropsOnCreateAndRecoversOnDelete() {
      long before = cloud.describeVSwitch(topo.smallVSwitchId()).availableIpAddressCount();
      NetworkInterface eni = cloud.createNetworkInterface(request(topo.smallVSwitchId()).build());
      assertEquals(
          before - 1, cloud.describeVSwitch(topo.smallVSwitchId()).availableIpAddressCount());
      cloud.deleteNetworkInterface(eni.id());
      env.letTransitionsComplete();
      assertEquals(before, cloud.describeVSwitch(topo.smallVSwitchId()).availableIpAddressCount());
    }
  }

  // ---------------------------------------------------------------- create

  /** CreateNetworkInterface. */
  @Nested
  class Create {
    @Test
    void create_returnsAvailableSecondaryEniWithTheRequestedFields() {
      NetworkInterface eni =
          cloud.createNetworkInterface(
              request(topo.vSwitchId())
                  .securityGroupIds(topo.securityGroupIds().get(1))
                  .tag("creator", "terway-controller")
                  .description("interface create by terway4j tck")
                  .deleteOnRelease(true)
                  .build());
      assertTrue(eni.id().startsWith("eni-"), eni.id());
      assertEquals(NetworkInterfaceStatus.AVAILABLE, eni.status());
      assertEquals(NetworkInterfaceType.SECONDARY, eni.type());
      assertTrue(MAC.matcher(eni.macAddress()).matches(), eni.macAddress());
      VSwitch vsw = cloud.describeVSwitch(topo.vSwitchId());
      assertTrue(Cidrs.contains(vsw.ipv4CidrBlock(), eni.privateIpAddress()));
      assertEquals(List.of(), eni.ipv6Addresses());
      assertEquals(topo.vpcId(), eni.vpcId());
      assertEquals(topo.vSwitchId(), eni.vSwitchId());
      assertEquals(topo.zoneId(), eni.zoneId());
      assertEquals(Set.copyOf(topo.securityGroupIds()), Set.copyOf(eni.securityGroupIds()));
      assertEquals(Map.of(RUN_TAG_KEY, runId, "creator", "terway-controller"), eni.tags());
      assertEquals(Optional.of("interface create by terway4j tck"), eni.description());
      assertTrue(eni.deleteOnRelease());
      assertEquals(Optional.empty(), eni.instanceId());
      assertEquals(Optional.empty(), eni.trunkNetworkInterfaceId());
      assertTrue(eni.deviceIndex().isEmpty());
      assertEquals(Optional.of(eni), cloud.describeNetworkInterface(eni.id()));
    }

    @Test
    void create_inAResourceGroup_returnsAndDescribesTheEniWithIt_issue16item5() {
      String group = env.resourceGroupId().orElse(null);
      org.junit.jupiter.api.Assumptions.assumeTrue(group != null, "no resource group prepared");
      NetworkInterface eni =
          cloud.createNetworkInterface(request(topo.vSwitchId()).resourceGroupId(group).build());
      assertEquals(Optional.of(group), eni.resourceGroupId());
      assertEquals(
          Optional.of(group),
          cloud.describeNetworkInterface(eni.id()).orElseThrow().resourceGroupId());
    }

    @Test
    void create_withAMalformedResourceGroup_isRefusedBeforeAnyCall_issue16item5() {
      for (String bad : List.of("", "rg-", "acfm", "rg-UPPER", "rg-" + "a".repeat(62))) {
        assertThrows(
            InvalidArgumentException.class,
            () -> request(topo.vSwitchId()).resourceGroupId(bad).build(),
            bad);
      }
    }

    @Test
    void create_withIpv6Count_assignsDistinctAddressesFromTheIpv6Block() {
      NetworkInterface eni =
          cloud.createNetworkInterface(request(topo.vSwitchId()).ipv6AddressCount(2).build());
      String block = cloud.describeVSwitch(topo.vSwitchId()).ipv6CidrBlock().orElseThrow();
      assertEquals(2, Set.copyOf(eni.ipv6Addresses()).size());
      eni.ipv6Addresses().forEach(a -> assertTrue(Cidrs.contains(block, a), a));
    }

    @Test
    void create_withIpv6OnIpv4OnlyVSwitch_throwsInvalidArgument() {
      assertThrows(
          InvalidArgumentException.class,
          () ->
              cloud.createNetworkInterface(
                  request(topo.smallVSwitchId()).ipv6AddressCount(1).build()));
    }

    @Test
    void create_withTrunkType_returnsTrunkEni() {
      NetworkInterface eni =
          cloud.createNetworkInterface(
              request(topo.vSwitchId()).type(NetworkInterfaceType.TRUNK).build());
      assertEquals(NetworkInterfaceType.TRUNK, eni.type());
      assertEquals(NetworkInterfaceStatus.AVAILABLE, eni.status());
    }

    @Test
    void create_givesEachEniItsOwnIdMacAndAddress() {
      Set<String> ids = new HashSet<>();
      Set<String> macs = new HashSet<>();
      Set<String> ips = new HashSet<>();
      for (int i = 0; i < 8; i++) {
        NetworkInterface eni = create();
        ids.add(eni.id());
        macs.add(eni.macAddress());
        ips.add(eni.privateIpAddress());
      }
      assertEquals(8, ids.size());
      assertEquals(8, macs.size());
      assertEquals(8, ips.size());
    }

    @Test
    void create_whenVSwitchUnknown_throwsNotFound() {
      NotFoundException e =
          assertThrows(
              NotFoundException.class,
              () -> cloud.createNetworkInterface(request("vsw-terway4jnosuchswitch").build()));
      assertEquals(CloudErrorCodes.VSWITCH_NOT_FOUND, e.errorCode());
    }

    @Test
    void create_whenSecurityGroupUnknown_throwsNotFound() {
      NotFoundException e =
          assertThrows(
              NotFoundException.class,
              () ->
                  cloud.createNetworkInterface(
                      CreateNetworkInterfaceRequest.builder()
                          .vSwitchId(topo.vSwitchId())
                          .securityGroupIds("sg-terway4jnosuchgroup")
                          .build()));
      assertEquals(CloudErrorCodes.SECURITY_GROUP_NOT_FOUND, e.errorCode());
    }

    @Test
    void create_whenVSwitchExhausted_throwsInsufficientResourcesWithAliyunCode() {
      long free = cloud.describeVSwitch(topo.smallVSwitchId()).availableIpAddressCount();
      assertTrue(free <= 60, "topology needs a small vSwitch, it has " + free + " free");
      for (long i = 0; i < free; i++) {
        cloud.createNetworkInterface(request(topo.smallVSwitchId()).build());
      }
      assertEquals(0, cloud.describeVSwitch(topo.smallVSwitchId()).availableIpAddressCount());
      InsufficientResourcesException e =
          assertThrows(
              InsufficientResourcesException.class,
              () -> cloud.createNetworkInterface(request(topo.smallVSwitchId()).build()));
      assertEquals(InsufficientResourcesException.Reason.VSWITCH_IP_EXHAUSTED, e.reason());
      assertTrue(
          Set.of(CloudErrorCodes.VSWITCH_IP_NOT_ENOUGH, CloudErrorCodes.QUOTA_EXCEEDED_PRIVATE_IP)
              .contains(e.errorCode()),
          e.errorCode());
      assertFalse(e.retryable());
    }
  }

  // ---------------------------------------------------------------- idempotency

  /** ClientToken idempotency of CreateNetworkInterface. */
  @Nested
  class Idempotency {
    @Test
    void create_withSameTokenAndParameters_returnsTheSameEniOnce() {
      CreateNetworkInterfaceRequest request =
          request(topo.vSwitchId()).clientToken("tck-" + runId).build();
      long before = cloud.describeVSwitch(topo.vSwitchId()).availableIpAddressCount();
      NetworkInterface first = cloud.createNetworkInterface(request);
      NetworkInterface second = cloud.createNetworkInterface(request);
      assertEquals(first.id(), second.id());
      assertEquals(first.privateIpAddress(), second.privateIpAddress());
      assertEquals(1, mine().size());
      assertEquals(before - 1, cloud.describeVSwitch(topo.vSwitchId()).availableIpAddressCount());
    }

    @Test
    void create_withSameTokenOtherParameters_throwsIdempotencyMismatch() {
      cloud.createNetworkInterface(request(topo.vSwitchId()).clientToken("tck-" + runId).build());
      IdempotencyMismatchException e =
          assertThrows(
              IdempotencyMismatchException.class,
              () ->
                  cloud.createNetworkInterface(
                      request(topo.vSwitchId())
                          .clientToken("tck-" + runId)
                          .description("something else")
                          .build()));
      assertEquals(CloudErrorCodes.IDEMPOTENT_FAILED, e.errorCode());
      assertFalse(e.retryable());
      assertEquals(1, mine().size());
    }

    @Test
    void create_withDifferentTokens_createsDifferentEnis() {
      NetworkInterface a =
          cloud.createNetworkInterface(request(topo.vSwitchId()).clientToken("a-" + runId).build());
      NetworkInterface b =
          cloud.createNetworkInterface(request(topo.vSwitchId()).clientToken("b-" + runId).build());
      assertNotEquals(a.id(), b.id());
    }
  }

  // ---------------------------------------------------------------- attach

  /** AttachNetworkInterface, directly and as a trunk member, and its limits. */
  @Nested
  class Attach {
    @Test
    void attach_direct_movesThroughAttachingToInUse() {
      NetworkInterface eni = create();
      cloud.attachNetworkInterface(
          NetworkInterfaceAttachment.direct(eni.id(), topo.trunkInstanceId()));
      NetworkInterfaceStatus status =
          cloud.describeNetworkInterface(eni.id()).orElseThrow().status();
      assertTrue(
          status == NetworkInterfaceStatus.ATTACHING || status == NetworkInterfaceStatus.IN_USE,
          status.toString());
      NetworkInterface attached = settled(eni.id());
      assertEquals(NetworkInterfaceStatus.IN_USE, attached.status());
      assertEquals(NetworkInterfaceType.SECONDARY, attached.type());
      assertEquals(Optional.of(topo.trunkInstanceId()), attached.instanceId());
      assertEquals(Optional.empty(), attached.trunkNetworkInterfaceId());
      assertTrue(attached.deviceIndex().orElse(0) >= 1, attached.deviceIndex().toString());
    }

    @Test
    void attach_asMember_reportsTrunkAndVlanId() {
      NetworkInterface member = attachedMember();
      assertEquals(NetworkInterfaceStatus.IN_USE, member.status());
      assertEquals(NetworkInterfaceType.MEMBER, member.type());
      assertTrue(member.isMember());
      assertEquals(Optional.of(topo.trunkNetworkInterfaceId()), member.trunkNetworkInterfaceId());
      assertEquals(Optional.of(topo.trunkInstanceId()), member.instanceId());
      int vlan = member.deviceIndex().orElseThrow();
      assertTrue(vlan >= 1 && vlan <= 4094, "VLAN id " + vlan);
    }

    @Test
    void attach_membersOfOneTrunk_getDistinctDeviceIndexes() {
      List<NetworkInterface> members = fillTrunk();
      Set<Integer> vlans = new HashSet<>();
      for (NetworkInterface m : onInstance(topo.trunkInstanceId())) {
        if (m.isMember()) {
          assertTrue(vlans.add(m.deviceIndex().orElseThrow()), "duplicate VLAN id " + m);
        }
      }
      assertTrue(vlans.size() >= members.size());
    }

    @Test
    void attach_whenMemberLimitReached_throwsInsufficientResources() {
      fillTrunk();
      NetworkInterface extra = create();
      InsufficientResourcesException e =
          assertThrows(
              InsufficientResourcesException.class,
              () -> cloud.attachNetworkInterface(memberAttachment(extra.id())));
      assertEquals(InsufficientResourcesException.Reason.MEMBER_ENI_LIMIT, e.reason());
      assertFalse(e.retryable());
      assertEquals(NetworkInterfaceStatus.AVAILABLE, settled(extra.id()).status());
    }

    @Test
    void attach_whenInstanceEniQuotaReached_throwsInsufficientResources() {
      int quota = type(topo.plainInstanceTypeId()).eniQuantity();
      long present = onInstance(topo.plainInstanceId()).size();
      for (long i = present; i < quota; i++) {
        NetworkInterface eni = create();
        cloud.attachNetworkInterface(
            NetworkInterfaceAttachment.direct(eni.id(), topo.plainInstanceId()));
      }
      NetworkInterface extra = create();
      InsufficientResourcesException e =
          assertThrows(
              InsufficientResourcesException.class,
              () ->
                  cloud.attachNetworkInterface(
                      NetworkInterfaceAttachment.direct(extra.id(), topo.plainInstanceId())));
      assertEquals(InsufficientResourcesException.Reason.INSTANCE_ENI_QUOTA, e.reason());
      assertEquals(CloudErrorCodes.ENI_PER_INSTANCE_LIMIT_EXCEEDED, e.errorCode());
    }

    @Test
    void attach_whenEniUnknown_throwsNotFound() {
      NotFoundException e =
          assertThrows(
              NotFoundException.class,
              () -> cloud.attachNetworkInterface(memberAttachment("eni-terway4jnosuchinterface")));
      assertEquals(CloudErrorCodes.ENI_NOT_FOUND, e.errorCode());
    }

    @Test
    void attach_whenInstanceUnknown_throwsNotFound() {
      NetworkInterface eni = create();
      assertThrows(
          NotFoundException.class,
          () ->
              cloud.attachNetworkInterface(
                  NetworkInterfaceAttachment.direct(eni.id(), "i-terway4jnosuchinstance")));
    }

    @Test
    void attach_whenAlreadyAttached_throwsInvalidState() {
      NetworkInterface member = attachedMember();
      InvalidStateException e =
          assertThrows(
              InvalidStateException.class,
              () -> cloud.attachNetworkInterface(memberAttachment(member.id())));
      assertEquals(CloudErrorCodes.INVALID_ENI_STATE, e.errorCode());
      assertFalse(e.retryable());
    }

    @Test
    void attach_whenEniInAnotherZone_throwsInvalidArgument() {
      NetworkInterface eni =
          cloud.createNetworkInterface(request(topo.otherZoneVSwitchId()).build());
      InvalidArgumentException e =
          assertThrows(
              InvalidArgumentException.class,
              () -> cloud.attachNetworkInterface(memberAttachment(eni.id())));
      assertEquals(CloudErrorCodes.AVAILABILITY_ZONE_MISMATCH, e.errorCode());
    }

    @Test
    void attach_trunkEniAsMember_throwsInvalidArgument() {
      NetworkInterface trunk =
          cloud.createNetworkInterface(
              request(topo.vSwitchId()).type(NetworkInterfaceType.TRUNK).build());
      assertThrows(
          InvalidArgumentException.class,
          () -> cloud.attachNetworkInterface(memberAttachment(trunk.id())));
    }

    @Test
    void attach_asMemberThroughAnotherInstancesTrunk_throwsInvalidState() {
      NetworkInterface eni = create();
      assertThrows(
          InvalidStateException.class,
          () ->
              cloud.attachNetworkInterface(
                  NetworkInterfaceAttachment.member(
                      eni.id(), topo.plainInstanceId(), topo.trunkNetworkInterfaceId())));
    }
  }

  // ---------------------------------------------------------------- detach

  /** DetachNetworkInterface. */
  @Nested
  class Detach {
    @Test
    void detach_movesThroughDetachingToAvailableAndClearsTheAttachment() {
      NetworkInterface member = attachedMember();
      cloud.detachNetworkInterface(memberAttachment(member.id()));
      NetworkInterfaceStatus status =
          cloud.describeNetworkInterface(member.id()).orElseThrow().status();
      assertTrue(
          status == NetworkInterfaceStatus.DETACHING || status == NetworkInterfaceStatus.AVAILABLE,
          status.toString());
      NetworkInterface detached = settled(member.id());
      assertEquals(NetworkInterfaceStatus.AVAILABLE, detached.status());
      assertEquals(NetworkInterfaceType.SECONDARY, detached.type());
      assertEquals(Optional.empty(), detached.instanceId());
      assertEquals(Optional.empty(), detached.trunkNetworkInterfaceId());
      assertTrue(detached.deviceIndex().isEmpty());
      assertEquals(member.privateIpAddress(), detached.privateIpAddress());
      assertEquals(member.macAddress(), detached.macAddress());
    }

    @Test
    void detach_ofMember_freesItsSlotForAnother() {
      List<NetworkInterface> members = fillTrunk();
      NetworkInterface first = members.get(0);
      cloud.detachNetworkInterface(memberAttachment(first.id()));
      env.letTransitionsComplete();
      NetworkInterface replacement = attachedMember();
      assertEquals(NetworkInterfaceStatus.IN_USE, replacement.status());
    }

    @Test
    void detach_thenReattach_keepsIdAddressAndMac() {
      NetworkInterface member = attachedMember();
      cloud.detachNetworkInterface(memberAttachment(member.id()));
      env.letTransitionsComplete();
      cloud.attachNetworkInterface(memberAttachment(member.id()));
      NetworkInterface again = settled(member.id());
      assertEquals(NetworkInterfaceStatus.IN_USE, again.status());
      assertEquals(member.privateIpAddress(), again.privateIpAddress());
      assertEquals(member.macAddress(), again.macAddress());
    }

    @Test
    void detach_whenNotAttached_throwsInvalidState() {
      NetworkInterface eni = create();
      assertThrows(
          InvalidStateException.class,
          () -> cloud.detachNetworkInterface(memberAttachment(eni.id())));
    }

    @Test
    void detach_whenEniUnknown_throwsNotFound() {
      assertThrows(
          NotFoundException.class,
          () -> cloud.detachNetworkInterface(memberAttachment("eni-terway4jnosuchinterface")));
    }

    @Test
    void detach_ofTrunkStillCarryingMembers_throwsInvalidState() {
      attachedMember();
      assertThrows(
          InvalidStateException.class,
          () ->
              cloud.detachNetworkInterface(
                  NetworkInterfaceAttachment.direct(
                      topo.trunkNetworkInterfaceId(), topo.trunkInstanceId())));
    }

    @Test
    void detach_fromAnotherInstance_throwsInvalidArgument() {
      NetworkInterface member = attachedMember();
      assertThrows(
          InvalidArgumentException.class,
          () ->
              cloud.detachNetworkInterface(
                  NetworkInterfaceAttachment.direct(member.id(), topo.plainInstanceId())));
    }
  }

  // ---------------------------------------------------------------- delete

  /** DeleteNetworkInterface. */
  @Nested
  class Delete {
    @Test
    void delete_removesTheEniAndReturnsItsAddress() {
      long before = cloud.describeVSwitch(topo.vSwitchId()).availableIpAddressCount();
      NetworkInterface eni = create();
      cloud.deleteNetworkInterface(eni.id());
      Optional<NetworkInterface> during = cloud.describeNetworkInterface(eni.id());
      during.ifPresent(e -> assertEquals(NetworkInterfaceStatus.DELETING, e.status()));
      env.letTransitionsComplete();
      assertEquals(Optional.empty(), cloud.describeNetworkInterface(eni.id()));
      assertEquals(before, cloud.describeVSwitch(topo.vSwitchId()).availableIpAddressCount());
    }

    @Test
    void delete_whenInUse_throwsInvalidState() {
      NetworkInterface member = attachedMember();
      InvalidStateException e =
          assertThrows(
              InvalidStateException.class, () -> cloud.deleteNetworkInterface(member.id()));
      assertEquals(CloudErrorCodes.INVALID_ENI_STATE, e.errorCode());
      assertEquals(NetworkInterfaceStatus.IN_USE, settled(member.id()).status());
    }

    @Test
    void delete_whenUnknown_throwsNotFound() {
      NotFoundException e =
          assertThrows(
              NotFoundException.class,
              () -> cloud.deleteNetworkInterface("eni-terway4jnosuchinterface"));
      assertEquals(CloudErrorCodes.ENI_NOT_FOUND, e.errorCode());
      assertTrue(e.requestId().isPresent());
    }

    @Test
    void delete_onceGone_throwsNotFound() {
      NetworkInterface eni = create();
      cloud.deleteNetworkInterface(eni.id());
      env.letTransitionsComplete();
      assertThrows(NotFoundException.class, () -> cloud.deleteNetworkInterface(eni.id()));
    }
  }

  // ---------------------------------------------------------------- describe

  /** DescribeNetworkInterfaces: filters and paging. */
  @Nested
  class Describe {
    @Test
    void describe_byIds_returnsOnlyThose() {
      NetworkInterface a = create();
      create();
      NetworkInterface c = create();
      List<NetworkInterface> found =
          cloud.describeAllNetworkInterfaces(
              NetworkInterfaceQuery.builder().networkInterfaceIds(a.id(), c.id()).build());
      assertEquals(Set.of(a.id(), c.id()), ids(found));
    }

    @Test
    void describe_byInstance_returnsPrimaryTrunkAndMembers() {
      NetworkInterface member = attachedMember();
      List<NetworkInterface> found = onInstance(topo.trunkInstanceId());
      Set<NetworkInterfaceType> types = new HashSet<>();
      found.forEach(e -> types.add(e.type()));
      assertEquals(
          Set.of(
              NetworkInterfaceType.PRIMARY,
              NetworkInterfaceType.TRUNK,
              NetworkInterfaceType.MEMBER),
          types);
      assertTrue(ids(found).contains(member.id()));
      assertTrue(ids(found).contains(topo.trunkNetworkInterfaceId()));
    }

    @Test
    void describe_byTypeAndStatus_filtersBoth() {
      NetworkInterface member = attachedMember();
      NetworkInterface idle = create();
      List<NetworkInterface> inUseMembers =
          cloud.describeAllNetworkInterfaces(
              NetworkInterfaceQuery.builder()
                  .tag(RUN_TAG_KEY, runId)
                  .type(NetworkInterfaceType.MEMBER)
                  .status(NetworkInterfaceStatus.IN_USE)
                  .build());
      assertEquals(Set.of(member.id()), ids(inUseMembers));
      List<NetworkInterface> available =
          cloud.describeAllNetworkInterfaces(
              NetworkInterfaceQuery.builder()
                  .tag(RUN_TAG_KEY, runId)
                  .status(NetworkInterfaceStatus.AVAILABLE)
                  .build());
      assertEquals(Set.of(idle.id()), ids(available));
    }

    @Test
    void describe_byTags_requiresEveryTag() {
      NetworkInterface both =
          cloud.createNetworkInterface(
              request(topo.vSwitchId()).tag("a", "1").tag("b", "2").build());
      cloud.createNetworkInterface(request(topo.vSwitchId()).tag("a", "1").build());
      cloud.createNetworkInterface(request(topo.vSwitchId()).tag("a", "2").tag("b", "2").build());
      List<NetworkInterface> found =
          cloud.describeAllNetworkInterfaces(
              NetworkInterfaceQuery.builder()
                  .tag(RUN_TAG_KEY, runId)
                  .tag("a", "1")
                  .tag("b", "2")
                  .build());
      assertEquals(Set.of(both.id()), ids(found));
    }

    @Test
    void describe_byVpcAndVSwitch_filtersBoth() {
      NetworkInterface large = create();
      NetworkInterface small = cloud.createNetworkInterface(request(topo.smallVSwitchId()).build());
      List<NetworkInterface> inSmall =
          cloud.describeAllNetworkInterfaces(
              NetworkInterfaceQuery.builder()
                  .tag(RUN_TAG_KEY, runId)
                  .vpcId(topo.vpcId())
                  .vSwitchId(topo.smallVSwitchId())
                  .build());
      assertEquals(Set.of(small.id()), ids(inSmall));
      assertEquals(
          Set.of(large.id(), small.id()),
          ids(
              cloud.describeAllNetworkInterfaces(
                  NetworkInterfaceQuery.builder()
                      .tag(RUN_TAG_KEY, runId)
                      .vpcId(topo.vpcId())
                      .build())));
    }

    @Test
    void describe_withPaging_returnsEveryMatchExactlyOnce() {
      Set<String> created = new HashSet<>();
      for (int i = 0; i < 23; i++) {
        created.add(create().id());
      }
      NetworkInterfaceQuery query =
          NetworkInterfaceQuery.builder().tag(RUN_TAG_KEY, runId).maxResults(10).build();
      List<String> seen = new ArrayList<>();
      int pages = 0;
      NetworkInterfacePage page = cloud.describeNetworkInterfaces(query);
      while (true) {
        pages++;
        assertTrue(page.networkInterfaces().size() <= 10);
        page.networkInterfaces().forEach(e -> seen.add(e.id()));
        if (page.nextToken().isEmpty()) {
          break;
        }
        assertTrue(pages < 10, "paging does not end");
        page = cloud.describeNetworkInterfaces(query.withNextToken(page.nextToken().get()));
      }
      assertEquals(23, seen.size(), "duplicates or gaps: " + seen);
      assertEquals(created, Set.copyOf(seen));
      assertTrue(pages >= 3, "pages: " + pages);
    }

    @Test
    void describe_withForeignNextToken_throwsInvalidArgument() {
      assertThrows(
          InvalidArgumentException.class,
          () ->
              cloud.describeNetworkInterfaces(
                  NetworkInterfaceQuery.builder().nextToken("not-a-token-of-this-cloud").build()));
    }

    @Test
    void describe_whenNothingMatches_returnsOneEmptyLastPage() {
      NetworkInterfacePage page =
          cloud.describeNetworkInterfaces(
              NetworkInterfaceQuery.builder().tag(RUN_TAG_KEY, runId).build());
      assertEquals(List.of(), page.networkInterfaces());
      assertEquals(Optional.empty(), page.nextToken());
    }

    @Test
    void describeNetworkInterface_whenUnknown_returnsEmpty() {
      assertEquals(Optional.empty(), cloud.describeNetworkInterface("eni-terway4jnosuchinterface"));
    }

    private Set<String> ids(List<NetworkInterface> enis) {
      Set<String> ids = new HashSet<>();
      enis.forEach(e -> ids.add(e.id()));
      return ids;
    }
  }
}
