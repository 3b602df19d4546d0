package dev.terway4j.testkit.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.allocator.AllocatorSettings;
import dev.terway4j.allocator.InMemoryPodEniStore;
import dev.terway4j.allocator.TrunkAllocator;
import dev.terway4j.allocator.audit.AuditFinding;
import dev.terway4j.allocator.audit.AuditReport;
import dev.terway4j.allocator.audit.EniAudit;
import dev.terway4j.cloud.fake.FakeClock;
import dev.terway4j.cloud.fake.FakeCloudProvider;
import dev.terway4j.cloud.spi.CreateNetworkInterfaceRequest;
import dev.terway4j.cloud.spi.NetworkInterfaceAttachment;
import dev.terway4j.cloud.spi.NetworkInterfaceType;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.EniInfo;
import dev.terway4j.model.ImmutableAllocation;
import dev.terway4j.model.ImmutableEniInfo;
import dev.terway4j.model.ImmutablePodEni;
import dev.terway4j.model.ImmutablePodEniSpec;
import dev.terway4j.model.ImmutablePodEniStatus;
import dev.terway4j.model.ImmutablePodSpec;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.ObjectMeta;
import dev.terway4j.model.OwnerReference;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.VSwitchSelectionPolicy;
import dev.terway4j.selector.PodNetworkingResolver;
import dev.terway4j.testkit.CloudScenario;
import dev.terway4j.testkit.CloudScenarios;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link EniAudit} on a small cluster: clean after real allocations, and each kind of finding when
 * the store or the cloud is tampered with, as {@code calicoctl ipam check} reports IPAM
 * inconsistencies.
 */
class EniAuditTest {
  private static final String CLUSTER = "c-audit";

  private final FakeClock clock = new FakeClock();
  private final CloudScenario scenario =
      new CloudScenario(
          "cn-hangzhou",
          "vpc-audit",
          List.of("cn-hangzhou-h"),
          List.of(
              new CloudScenario.VSwitchSpec("vsw-nodeh", "cn-hangzhou-h", "10.0.0.0/24", false),
              new CloudScenario.VSwitchSpec("vsw-h0", "cn-hangzhou-h", "10.10.0.0/27", true)),
          CloudScenarios.SECURITY_GROUPS,
          List.of(new dev.terway4j.cloud.spi.InstanceType("ecs.t4j-m4.large", 3, 7, true, 10, 10)),
          List.of(
              new CloudScenario.NodeSpec(
                  "node0",
                  "i-node0",
                  "ecs.t4j-m4.large",
                  "cn-hangzhou-h",
                  "vsw-nodeh",
                  "eni-trunk0")),
          Duration.ZERO,
          0);
  private FakeCloudProvider cloud;
  private InMemoryPodEniStore store;
  private TrunkAllocator allocator;
  private EniAudit audit;

  @BeforeEach
  void allocateTwoPods() {
    cloud = scenario.newCloud(clock);
    store = new InMemoryPodEniStore();
    AllocatorSettings settings = AllocatorSettings.builder(CLUSTER).vpcId("vpc-audit").build();
    allocator =
        TrunkAllocator.builder(
                cloud,
                PodNetworkingResolver.of(
                    List.of(
                        CloudScenarios.podNetworking(
                            "web",
                            AllocationType.elastic(),
                            scenario.podVSwitches(),
                            VSwitchSelectionPolicy.ORDERED,
                            List.of("sg-pods-a")),
                        CloudScenarios.podNetworking(
                            "db",
                            AllocationType.fixedNever(),
                            scenario.podVSwitches(),
                            VSwitchSelectionPolicy.ORDERED,
                            List.of("sg-pods-a")))),
                settings)
            .clock(clock)
            .store(store)
            .build();
    Namespace ns = Namespace.builder().metadata(ObjectMeta.named("apps")).build();
    Node node = scenario.kubernetesNodes().get(0);
    allocator.podScheduled(pod("web-0", "web", "ReplicaSet"), ns, node);
    allocator.podScheduled(pod("db-0", "db", "StatefulSet"), ns, node);
    allocator.tick();
    audit = EniAudit.of(settings);
  }

  private static Pod pod(String name, String app, String owner) {
    return Pod.builder()
        .metadata(
            ObjectMeta.builder()
                .namespace("apps")
                .name(name)
                .uid("uid-" + name)
                .putLabels("app", app)
                .addOwnerReferences(OwnerReference.of(owner, app))
                .build())
        .spec(ImmutablePodSpec.builder().nodeName("node0").build())
        .build();
  }

  private AuditReport report() {
    return audit.audit(store, cloud, clock.instant());
  }

  private PodEni record(String name) {
    return store.get("apps", name).orElseThrow();
  }

  @Test
  void audit_afterRealAllocations_isSettled() {
    AuditReport report = report();
    assertTrue(report.settled(), report::toString);
    assertEquals(2, report.podEnis());
    assertEquals(2, report.cloudEnis());
  }

  @Test
  void audit_reportsAnUnreferencedEni_asLeaked_onlyPastTheGuardAge() {
    String id =
        cloud
            .createNetworkInterface(
                CreateNetworkInterfaceRequest.builder()
                    .vSwitchId("vsw-h0")
                    .securityGroupIds(List.of("sg-pods-a"))
                    .type(NetworkInterfaceType.SECONDARY)
                    .tag(AllocatorSettings.CLUSTER_TAG, CLUSTER)
                    .tag(AllocatorSettings.CREATOR_TAG, AllocatorSettings.CREATOR)
                    .build())
            .id();
    AuditReport young = report();
    assertTrue(young.consistent(), young::toString);
    assertEquals(List.of(id), young.young());
    clock.advance(Duration.ofMinutes(10));
    AuditReport old = report();
    assertEquals(List.of(id), old.leakedEniIds(), old::toString);
    assertEquals(
        List.of(id),
        EniAudit.forCluster(CLUSTER).audit(store, cloud, clock.instant()).leakedEniIds());
  }

  @Test
  void audit_ignoresEnisOfOtherClustersAndTrunks() {
    cloud.createNetworkInterface(
        CreateNetworkInterfaceRequest.builder()
            .vSwitchId("vsw-h0")
            .securityGroupIds(List.of("sg-pods-a"))
            .type(NetworkInterfaceType.SECONDARY)
            .tag(AllocatorSettings.CLUSTER_TAG, "c-other")
            .tag(AllocatorSettings.CREATOR_TAG, AllocatorSettings.CREATOR)
            .build());
    clock.advance(Duration.ofHours(1));
    assertTrue(report().settled(), () -> report().toString());
  }

  @Test
  void audit_reportsADeletedEni_asMissing() {
    PodEni web = record("web-0");
    String eni = web.spec().allocations().get(0).eni().id();
    cloud.detachNetworkInterface(NetworkInterfaceAttachment.member(eni, "i-node0", "eni-trunk0"));
    cloud.deleteNetworkInterface(eni);
    List<AuditFinding> missing = report().findings(AuditFinding.Kind.MISSING_ENI);
    assertEquals(1, missing.size(), () -> report().toString());
    assertEquals(eni, missing.get(0).eniId());
    assertEquals("apps/web-0", missing.get(0).podEni().orElseThrow());
  }

  @Test
  void audit_reportsADetachedEniOfABoundRecord_asAttachmentMismatch() {
    String eni = record("web-0").spec().allocations().get(0).eni().id();
    cloud.detachNetworkInterface(NetworkInterfaceAttachment.member(eni, "i-node0", "eni-trunk0"));
    assertEquals(1, report().findings(AuditFinding.Kind.ATTACHMENT_MISMATCH).size());
  }

  @Test
  void audit_reportsAWrongVlan_andAWrongAddress() {
    PodEni db = record("db-0");
    var status = db.status().orElseThrow();
    String eni = db.spec().allocations().get(0).eni().id();
    EniInfo info = status.eniInfos().get(eni);
    store.put(
        ImmutablePodEni.copyOf(db)
            .withStatus(
                ImmutablePodEniStatus.copyOf(status)
                    .withEniInfos(
                        Map.of(eni, ImmutableEniInfo.copyOf(info).withVid(info.vid() + 1))))
            .withSpec(
                ImmutablePodEniSpec.copyOf(db.spec())
                    .withAllocations(
                        ImmutableAllocation.copyOf(db.spec().allocations().get(0))
                            .withIpv4("10.99.0.1"))));
    AuditReport report = report();
    assertEquals(1, report.findings(AuditFinding.Kind.VLAN_MISMATCH).size(), report::toString);
    assertEquals(1, report.findings(AuditFinding.Kind.ADDRESS_MISMATCH).size(), report::toString);
  }

  @Test
  void audit_reportsOneEniInTwoRecords_asShared_andListsTransitionalRecordsAsPending() {
    PodEni web = record("web-0");
    store.put(
        ImmutablePodEni.copyOf(web)
            .withMetadata(ObjectMeta.builder().namespace("apps").name("web-copy").build())
            .withStatus(
                ImmutablePodEniStatus.copyOf(web.status().orElseThrow())
                    .withPhase(PodEniPhase.BINDING)));
    AuditReport report = report();
    assertEquals(1, report.findings(AuditFinding.Kind.SHARED_ENI).size(), report::toString);
    assertEquals(List.of("apps/web-copy"), report.pending());
    assertTrue(report.toString().contains("1 shared"), report::toString);
  }

  @Test
  void audit_reportsAKeptEniThatIsAttached_asAttachmentMismatch() {
    allocator.podDeleted("apps", "db-0");
    allocator.tick();
    PodEni db = record("db-0");
    assertEquals(PodEniPhase.UNBIND, db.status().orElseThrow().phase());
    assertTrue(report().settled(), () -> report().toString());
    String eni = db.spec().allocations().get(0).eni().id();
    cloud.attachNetworkInterface(NetworkInterfaceAttachment.member(eni, "i-node0", "eni-trunk0"));
    assertEquals(1, report().findings(AuditFinding.Kind.ATTACHMENT_MISMATCH).size());
  }
}
