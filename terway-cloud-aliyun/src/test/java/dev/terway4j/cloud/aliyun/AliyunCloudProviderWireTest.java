package dev.terway4j.cloud.aliyun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.credentials.models.CredentialModel;
import dev.terway4j.cloud.aliyun.emulator.AliyunEmulator;
import dev.terway4j.cloud.fake.FakeClock;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.CreateNetworkInterfaceRequest;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceAttachment;
import dev.terway4j.cloud.spi.NetworkInterfaceQuery;
import dev.terway4j.cloud.spi.NetworkInterfaceStatus;
import dev.terway4j.cloud.spi.NetworkInterfaceType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link AliyunCloudProvider} puts on the wire, as the emulator received it: the parameters
 * Terway sends (docs/aliyun-wire.md, "Actions and parameters"), signatures for every kind of
 * credentials, paging and concurrent use of one provider.
 */
class AliyunCloudProviderWireTest {
  private static final String TOPO_VSW = AliyunTckEnvironment.TOPOLOGY.vSwitchId();
  private static final String SG = AliyunTckEnvironment.TOPOLOGY.securityGroupIds().get(0);

  private AliyunTckEnvironment env;
  private AliyunEmulator emulator;
  private CloudProvider cloud;

  @BeforeEach
  void start() {
    env = new AliyunTckEnvironment(Duration.ZERO, 11);
    emulator = env.emulator();
    cloud = env.provider();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private static Map<String, String> last(List<AliyunEmulator.Request> requests) {
    return requests.get(requests.size() - 1).query();
  }

  @Test
  void createTrunk_sendsTerwaysParameters_withSourceDestCheckAsSignedQuery() {
    NetworkInterface eni =
        cloud.createNetworkInterface(
            CreateNetworkInterfaceRequest.builder()
                .vSwitchId(TOPO_VSW)
                .securityGroupIds(SG, AliyunTckEnvironment.TOPOLOGY.securityGroupIds().get(1))
                .type(NetworkInterfaceType.TRUNK)
                .ipv6AddressCount(1)
                .tag("creator", "terway")
                .tag("k8s.aliyun.com/cluster", "c1")
                .deleteOnRelease(true)
                .description("interface create by terway")
                .clientToken("token-1")
                .build());
    Map<String, String> q = last(emulator.requests("CreateNetworkInterface"));
    assertEquals("cn-hangzhou", q.get("RegionId"));
    assertEquals(TOPO_VSW, q.get("VSwitchId"));
    assertEquals(SG, q.get("SecurityGroupIds.1"));
    assertEquals("Trunk", q.get("InstanceType"));
    assertEquals("1", q.get("Ipv6AddressCount"));
    assertEquals("true", q.get("DeleteOnRelease"));
    assertEquals("false", q.get("SourceDestCheck"));
    assertEquals("token-1", q.get("ClientToken"));
    assertEquals("interface create by terway", q.get("Description"));
    assertEquals(
        Map.of("creator", "terway", "k8s.aliyun.com/cluster", "c1"),
        Map.of(q.get("Tag.1.Key"), q.get("Tag.1.Value"), q.get("Tag.2.Key"), q.get("Tag.2.Value")));
    assertTrue(emulator.requests().stream().allMatch(AliyunEmulator.Request::signatureValid));
    assertEquals(NetworkInterfaceType.TRUNK, eni.type());
    assertEquals(1, eni.ipv6Addresses().size());
    assertFalse(eni.sourceDestCheck());
    assertTrue(eni.deleteOnRelease());
  }

  @Test
  void create_withoutToken_sendsAFreshClientTokenEachTime() {
    CreateNetworkInterfaceRequest request =
        CreateNetworkInterfaceRequest.builder().vSwitchId(TOPO_VSW).securityGroupIds(SG).build();
    cloud.createNetworkInterface(request);
    cloud.createNetworkInterface(request);
    List<AliyunEmulator.Request> creates = emulator.requests("CreateNetworkInterface");
    String first = creates.get(0).query().get("ClientToken");
    String second = creates.get(1).query().get("ClientToken");
    assertTrue(first.startsWith("terway4j-") && first.length() <= 64, first);
    assertFalse(first.equals(second));
  }

  @Test
  void create_whenTheFollowUpDescribeFails_answersFromTheCreateReply() {
    emulator.faults().error("DescribeNetworkInterfaces", 503, "ServiceUnavailable");
    NetworkInterface eni =
        cloud.createNetworkInterface(
            CreateNetworkInterfaceRequest.builder()
                .vSwitchId(TOPO_VSW)
                .securityGroupIds(SG)
                .tag("a", "b")
                .deleteOnRelease(true)
                .build());
    NetworkInterface described = cloud.describeNetworkInterface(eni.id()).orElseThrow();
    assertEquals(described.macAddress(), eni.macAddress());
    assertEquals(described.privateIpAddress(), eni.privateIpAddress());
    assertEquals(described.tags(), eni.tags());
    assertEquals(NetworkInterfaceStatus.AVAILABLE, eni.status());
    assertTrue(eni.deleteOnRelease());
  }

  @Test
  void memberAttachAndDetach_sendTrunkNetworkInstanceId_andDescribeReadsTheAttachment() {
    NetworkInterface eni =
        cloud.createNetworkInterface(
            CreateNetworkInterfaceRequest.builder()
                .vSwitchId(TOPO_VSW)
                .securityGroupIds(SG)
                .build());
    NetworkInterfaceAttachment member =
        NetworkInterfaceAttachment.member(
            eni.id(),
            AliyunTckEnvironment.TOPOLOGY.trunkInstanceId(),
            AliyunTckEnvironment.TOPOLOGY.trunkNetworkInterfaceId());
    cloud.attachNetworkInterface(member);
    Map<String, String> attach = last(emulator.requests("AttachNetworkInterface"));
    assertEquals(eni.id(), attach.get("NetworkInterfaceId"));
    assertEquals(AliyunTckEnvironment.TOPOLOGY.trunkInstanceId(), attach.get("InstanceId"));
    assertEquals(
        AliyunTckEnvironment.TOPOLOGY.trunkNetworkInterfaceId(),
        attach.get("TrunkNetworkInstanceId"));
    NetworkInterface attached = cloud.describeNetworkInterface(eni.id()).orElseThrow();
    // The emulator, like ECS, reports a member's instance only under Attachment.
    assertEquals(
        java.util.Optional.of(AliyunTckEnvironment.TOPOLOGY.trunkInstanceId()),
        attached.instanceId());
    assertTrue(attached.deviceIndex().isPresent());
    cloud.detachNetworkInterface(member);
    assertEquals(
        AliyunTckEnvironment.TOPOLOGY.trunkNetworkInterfaceId(),
        last(emulator.requests("DetachNetworkInterface")).get("TrunkNetworkInstanceId"));
  }

  @Test
  void describe_sendsEveryFilterAndPagesWithNextToken() {
    cloud.describeNetworkInterfaces(
        NetworkInterfaceQuery.builder()
            .networkInterfaceIds("eni-a1", "eni-b2")
            .vpcId("vpc-tck")
            .vSwitchId(TOPO_VSW)
            .instanceId("i-tck-trunk")
            .type(NetworkInterfaceType.MEMBER)
            .status(NetworkInterfaceStatus.IN_USE)
            .tag("creator", "terway")
            .maxResults(50)
            .build());
    Map<String, String> q = last(emulator.requests("DescribeNetworkInterfaces"));
    assertEquals("eni-a1", q.get("NetworkInterfaceId.1"));
    assertEquals("eni-b2", q.get("NetworkInterfaceId.2"));
    assertEquals("vpc-tck", q.get("VpcId"));
    assertEquals("i-tck-trunk", q.get("InstanceId"));
    assertEquals("Member", q.get("Type"));
    assertEquals("InUse", q.get("Status"));
    assertEquals("creator", q.get("Tag.1.Key"));
    assertEquals("terway", q.get("Tag.1.Value"));
    assertEquals("50", q.get("MaxResults"));
    assertTrue(emulator.requests().stream().allMatch(AliyunEmulator.Request::signatureValid));
  }

  @Test
  void describeVSwitch_sendsPageNumberAndPageSize() {
    cloud.describeVSwitch(TOPO_VSW);
    Map<String, String> q = last(emulator.requests("DescribeVSwitches"));
    assertEquals(TOPO_VSW, q.get("VSwitchId"));
    assertEquals("1", q.get("PageNumber"));
    assertEquals("50", q.get("PageSize"));
    assertEquals(
        AliyunEmulator.VPC_VERSION, emulator.requests("DescribeVSwitches").get(0).version());
  }

  @Test
  void describeInstanceTypes_sendsAtMostTenTypesPerRequestAndFollowsNextToken() {
    FakeClock clock = new FakeClock();
    var builder = AliyunTckEnvironment.fakeCloud(clock, 1);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      String id = "ecs.test" + i + ".large";
      builder.instanceType(new InstanceType(id, 4, 4 + i, i % 2 == 0, 10, 1));
      ids.add(id);
    }
    try (AliyunEmulator many =
            AliyunEmulator.builder()
                .cloud(builder.build())
                .accessKey(
                    AliyunTckEnvironment.ACCESS_KEY_ID, AliyunTckEnvironment.ACCESS_KEY_SECRET)
                .start();
        CloudProvider provider =
            AliyunCloudProvider.create(AliyunTckEnvironment.config(many).build())) {
      List<InstanceType> types = provider.describeInstanceTypes(ids);
      assertEquals(23, types.size());
      assertEquals(3, many.requests("DescribeInstanceTypes").size());
      assertTrue(
          many.requests("DescribeInstanceTypes").stream()
              .allMatch(r -> !r.query().containsKey("InstanceTypes.11")));
      InstanceType seven =
          types.stream().filter(t -> t.id().equals("ecs.test7.large")).findFirst().orElseThrow();
      assertEquals(new InstanceType("ecs.test7.large", 4, 11, false, 10, 1), seven);
    }
  }

  @Test
  void stsToken_signsWithTheTokenHeader() {
    AliyunEmulator sts =
        AliyunEmulator.builder()
            .cloud(emulator.cloud())
            .stsToken("STS.testKey", "sts-secret", "sts-token-value")
            .start();
    try (CloudProvider provider =
        AliyunCloudProvider.create(
            AliyunTckEnvironment.config(sts)
                .credentials(
                    AliyunCredentials.stsToken("STS.testKey", "sts-secret", "sts-token-value"))
                .build())) {
      assertEquals(TOPO_VSW, provider.describeVSwitch(TOPO_VSW).id());
      AliyunEmulator.Request request = sts.requests().get(0);
      assertTrue(request.signatureValid());
      assertEquals(java.util.Optional.of("sts-token-value"), request.securityToken());
    } finally {
      sts.close();
    }
  }

  @Test
  void credentialsProvider_isAskedPerRequest_soRotatedKeysAreUsed() {
    AliyunEmulator rotating =
        AliyunEmulator.builder()
            .cloud(emulator.cloud())
            .stsToken("STS.first", "secret-1", "token-1")
            .stsToken("STS.second", "secret-2", "token-2")
            .start();
    AtomicInteger calls = new AtomicInteger();
    AliyunCredentials credentials =
        AliyunCredentials.provider(
            () -> {
              int n = calls.incrementAndGet();
              return CredentialModel.builder()
                  .type("sts")
                  .accessKeyId(n == 1 ? "STS.first" : "STS.second")
                  .accessKeySecret(n == 1 ? "secret-1" : "secret-2")
                  .securityToken(n == 1 ? "token-1" : "token-2")
                  .build();
            });
    try (CloudProvider provider =
        AliyunCloudProvider.create(
            AliyunTckEnvironment.config(rotating).credentials(credentials).build())) {
      provider.describeVSwitch(TOPO_VSW);
      provider.describeVSwitch(TOPO_VSW);
      List<AliyunEmulator.Request> requests = rotating.requests();
      assertEquals(java.util.Optional.of("STS.first"), requests.get(0).accessKeyId());
      assertEquals(java.util.Optional.of("STS.second"), requests.get(1).accessKeyId());
      assertTrue(requests.stream().allMatch(AliyunEmulator.Request::signatureValid));
    } finally {
      rotating.close();
    }
  }

  @Test
  void oneProvider_servesConcurrentThreads_withDistinctEnis() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int n = i;
        futures.add(
            pool.submit(
                () ->
                    cloud
                        .createNetworkInterface(
                            CreateNetworkInterfaceRequest.builder()
                                .vSwitchId(TOPO_VSW)
                                .securityGroupIds(SG)
                                .clientToken("concurrent-" + n)
                                .build())
                        .id()));
      }
      Set<String> ids = new HashSet<>();
      for (Future<String> f : futures) {
        ids.add(f.get());
      }
      assertEquals(40, ids.size());
      assertTrue(emulator.requests().stream().allMatch(AliyunEmulator.Request::signatureValid));
    } finally {
      pool.shutdownNow();
    }
  }
}
