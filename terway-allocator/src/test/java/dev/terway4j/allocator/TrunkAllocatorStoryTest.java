package dev.terway4j.allocator;

import static dev.terway4j.allocator.AllocatorFixture.NODE1;
import static dev.terway4j.allocator.AllocatorFixture.NODE2;
import static dev.terway4j.allocator.AllocatorFixture.NODE3;
import static dev.terway4j.allocator.AllocatorFixture.ZONE_H;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceStatus;
import dev.terway4j.cloud.spi.NetworkInterfaceType;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.Annotations;
import dev.terway4j.model.EniBindStatus;
import dev.terway4j.model.EniInfo;
import dev.terway4j.model.EniType;
import dev.terway4j.model.ImmutableLabelSelector;
import dev.terway4j.model.ImmutablePodNetworking;
import dev.terway4j.model.ImmutablePodNetworkingSelector;
import dev.terway4j.model.ImmutablePodNetworkingSpec;
import dev.terway4j.model.Labels;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.NetworkingStatus;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.VSwitchSelectionPolicy;
import dev.terway4j.model.VSwitchZone;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The product guide's story (Alibaba Cloud's ACK user guide for Trunk ENI, Japanese edition): a
 * StatefulSet pod matched by a Fixed PodNetworking keeps its IP, its own vSwitch and security
 * groups across re-creations. Told twice: on the fake cloud, and on the Aliyun backend through the
 * real SDK, HTTP and the local ECS/VPC emulator (issue 6), so the story holds on the wire path too.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(AllocatorFixture.Backend.class)
class TrunkAllocatorStoryTest {

  private final AllocatorFixture f;

  TrunkAllocatorStoryTest(AllocatorFixture.Backend backend) {
    f = new AllocatorFixture(backend);
  }

  @AfterEach
  void close() throws Exception {
    f.close();
  }

  private final Namespace example = AllocatorFixture.namespace("example", Map.of("foo", "bar"));

  /** The guide's sample PodNetworking: Fixed, TTL 1h, pod and namespace selectors foo=bar. */
  private PodNetworking guideExample(AllocationType allocationType) {
    PodNetworking pn =
        AllocatorFixture.podNetworking(
            "example",
            allocationType,
            Map.of("foo", "bar"),
            List.of("vsw-h1"),
            VSwitchSelectionPolicy.ORDERED,
            "sg-web");
    return ImmutablePodNetworking.copyOf(pn)
        .withSpec(
            ImmutablePodNetworkingSpec.copyOf(pn.spec())
                .withSelector(
                    ImmutablePodNetworkingSelector.builder()
                        .podSelector(
                            ImmutableLabelSelector.builder().putMatchLabels("foo", "bar").build())
                        .namespaceSelector(
                            ImmutableLabelSelector.builder().putMatchLabels("foo", "bar").build())
                        .build()));
  }

  private Pod nginx(dev.terway4j.model.Node node) {
    return f.statefulPod("example", "my-nginx-0", Map.of("app", "nginx", "foo", "bar"), node);
  }

  private PodEni record() {
    return f.allocator.podEni("example", "my-nginx-0").orElseThrow();
  }

  private static PodEniPhase phase(PodEni r) {
    return r.status().orElseThrow().phase();
  }

  private NetworkInterface eni(String id) {
    return f.cloud.networkInterfaces().stream()
        .filter(e -> e.id().equals(id))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void everyCloudCall_goesThroughTheBackendUnderTest() {
    f.apply(guideExample(AllocationType.elastic()));
    f.allocator.podScheduled(
        f.deploymentPod("example", "web-abc", Map.of("foo", "bar"), NODE1), example, NODE1);
    f.allocator.tick();

    CloudCallStats stats = f.allocator.callStats();
    List<String> wire = f.wireRequests();
    assertTrue(stats.totalCalls() > 0);
    if (f.backend == AllocatorFixture.Backend.FAKE) {
      assertEquals(List.of(), wire);
      return;
    }
    // On the emulator each of the allocator's calls is a signed HTTP request of its action (the
    // Aliyun backend may add its own, e.g. a describe after a create).
    for (CloudOperation operation : CloudOperation.values()) {
      long sent = wire.stream().filter(operation.apiName()::equals).count();
      assertTrue(sent >= stats.calls(operation), operation.apiName() + " in " + wire);
    }
  }

  @Test
  void podNetworking_becomesReady_withItsVSwitchZonesInSpecOrder() {
    PodNetworking synced = f.apply(guideExample(AllocationType.fixedTtl(Duration.ofHours(1))));

    assertEquals(NetworkingStatus.READY, synced.status().orElseThrow().status().orElseThrow());
    assertEquals(
        List.of(VSwitchZone.of("vsw-h1", ZONE_H)), synced.status().orElseThrow().vSwitches());
    assertEquals(Optional.of(f.clock.instant()), synced.status().orElseThrow().updateAt());
  }

  @Test
  void statefulSetPod_keepsItsIpVSwitchAndSecurityGroups_acrossNodesOfItsZone_untilTtl() {
    f.apply(guideExample(AllocationType.fixedTtl(Duration.ofHours(1))));

    // Created: an ENI from the PodNetworking's vSwitch with its security groups, attached.
    PodEni created = f.allocator.podScheduled(nginx(NODE1), example, NODE1).orElseThrow();
    assertEquals(PodEniPhase.INITIAL, phase(created));
    f.allocator.tick();
    PodEni bound = record();
    assertEquals(PodEniPhase.BIND, phase(bound));
    var allocation = bound.spec().allocations().get(0);
    String eniId = allocation.eni().id();
    String ip = allocation.ipv4();
    String mac = allocation.eni().mac();
    assertEquals("vsw-h1", allocation.eni().vSwitchID());
    assertEquals(List.of("sg-web"), allocation.eni().securityGroupIDs());
    assertTrue(ip.startsWith("10.0.1."), ip);
    assertEquals("10.0.1.0/24", allocation.ipv4CIDR());
    assertEquals("eth0", allocation.interfaceName());
    assertEquals(ZONE_H, bound.spec().zone());
    assertEquals("i-node1", bound.status().orElseThrow().instanceID());
    assertEquals("eni-trunk1", bound.status().orElseThrow().trunkENIID());
    assertTrue(bound.status().orElseThrow().podLastSeen().isPresent());
    assertEquals("node1", bound.metadata().labels().get(Labels.NODE));
    assertEquals(List.of(Annotations.POD_ENI_FINALIZER), bound.metadata().finalizers());
    EniInfo info = bound.status().orElseThrow().eniInfos().get(eniId);
    assertEquals(Optional.of(EniBindStatus.BIND), info.status());
    assertEquals(Optional.of(EniType.MEMBER), info.type());
    NetworkInterface inCloud = eni(eniId);
    assertEquals(NetworkInterfaceStatus.IN_USE, inCloud.status());
    assertEquals(NetworkInterfaceType.MEMBER, inCloud.type());
    assertEquals(Optional.of("eni-trunk1"), inCloud.trunkNetworkInterfaceId());
    assertEquals(inCloud.deviceIndex().getAsInt(), info.vid());
    assertFalse(inCloud.deleteOnRelease(), "a Fixed ENI must survive its instance");
    assertEquals(AllocatorFixture.CLUSTER, inCloud.tags().get("ack.aliyun.com"));
    assertEquals("terway-controller", inCloud.tags().get("creator"));

    // Deleted: detached and kept, PodENI Unbind.
    f.allocator.podDeleted("example", "my-nginx-0");
    assertEquals(PodEniPhase.DETACHING, phase(record()));
    f.allocator.tick();
    PodEni unbound = record();
    assertEquals(PodEniPhase.UNBIND, phase(unbound));
    assertEquals("", unbound.status().orElseThrow().instanceID());
    assertEquals(0, unbound.status().orElseThrow().eniInfos().get(eniId).vid());
    assertEquals(NetworkInterfaceStatus.AVAILABLE, eni(eniId).status());
    assertEquals(Optional.of(ZONE_H), f.allocator.previousZone("example", "my-nginx-0"));
    assertEquals(0, f.allocator.capacity().used("i-node1"));

    // Re-created on another node of the zone: the same ENI, IP and MAC, a new attachment.
    f.advance(Duration.ofMinutes(30));
    f.allocator.podScheduled(nginx(NODE2), example, NODE2);
    assertEquals(PodEniPhase.BINDING, phase(record()));
    f.allocator.tick();
    PodEni rebound = record();
    assertEquals(PodEniPhase.BIND, phase(rebound));
    assertEquals(eniId, rebound.spec().allocations().get(0).eni().id());
    assertEquals(ip, rebound.spec().allocations().get(0).ipv4());
    assertEquals(mac, eni(eniId).macAddress());
    assertEquals("i-node2", rebound.status().orElseThrow().instanceID());
    assertEquals(Optional.of("eni-trunk2"), eni(eniId).trunkNetworkInterfaceId());
    assertEquals(1, f.allocator.capacity().used("i-node2"));

    // Gone for good: released `releaseAfter` after it was last seen, not before.
    f.allocator.podDeleted("example", "my-nginx-0");
    f.allocator.tick();
    f.advance(Duration.ofMinutes(59));
    f.allocator.tick();
    assertEquals(PodEniPhase.UNBIND, phase(record()));
    f.advance(Duration.ofMinutes(2));
    f.settle();
    assertTrue(f.allocator.podEni("example", "my-nginx-0").isEmpty());
    assertTrue(f.ourEniIds().isEmpty(), "the ENI is deleted");
  }

  @Test
  void returningFixedPod_onANodeOfAnotherZone_isRefused() {
    f.apply(guideExample(AllocationType.fixedNever()));
    f.allocator.podScheduled(nginx(NODE1), example, NODE1);
    f.allocator.tick();
    f.allocator.podDeleted("example", "my-nginx-0");
    f.allocator.tick();

    AllocationException e =
        assertThrows(
            AllocationException.class,
            () -> f.allocator.podScheduled(nginx(NODE3), example, NODE3));

    assertEquals(AllocationException.Reason.ZONE_MISMATCH, e.reason());
    assertEquals(PodEniPhase.UNBIND, phase(record()));
  }

  @Test
  void fixedNever_keepsTheEniForever_untilThePodEniIsReleased() {
    f.apply(guideExample(AllocationType.fixedNever()));
    f.allocator.podScheduled(nginx(NODE1), example, NODE1);
    f.allocator.tick();
    f.allocator.podDeleted("example", "my-nginx-0");
    f.allocator.tick();

    f.advance(Duration.ofDays(400));
    f.settle();
    assertEquals(PodEniPhase.UNBIND, phase(record()));
    assertEquals(1, f.ourEniIds().size());

    assertTrue(f.allocator.release("example", "my-nginx-0"));
    f.settle();
    assertTrue(f.allocator.podEni("example", "my-nginx-0").isEmpty());
    assertTrue(f.ourEniIds().isEmpty());
  }

  @Test
  void fixedPod_recreatedWhileStillBound_isDetachedThenAttachedToItsNewNode() {
    f.apply(guideExample(AllocationType.fixedNever()));
    f.allocator.podScheduled(nginx(NODE1), example, NODE1);
    f.allocator.tick();
    String ip = record().spec().allocations().get(0).ipv4();

    // A new pod object under the same name, before the old one's deletion was seen.
    f.allocator.podScheduled(nginx(NODE2), example, NODE2);
    f.settle();

    assertEquals(PodEniPhase.BIND, phase(record()));
    assertEquals(ip, record().spec().allocations().get(0).ipv4());
    assertEquals("i-node2", record().status().orElseThrow().instanceID());
    assertEquals(0, f.allocator.capacity().used("i-node1"));
  }

  @Test
  void fixedPodNetworking_doesNotServeADeploymentPod() {
    f.apply(guideExample(AllocationType.fixedNever()));
    Pod web = f.deploymentPod("example", "web-abc", Map.of("foo", "bar"), NODE1);

    assertTrue(f.allocator.podScheduled(web, example, NODE1).isEmpty());
    assertEquals(0, f.cloud.callCount(CloudOperation.CREATE_NETWORK_INTERFACE));
  }

  @Test
  void elasticPod_getsAnEni_thatIsDetachedAndDeletedWithThePod() {
    f.apply(guideExample(AllocationType.elastic()));
    Pod web = f.deploymentPod("example", "web-abc", Map.of("foo", "bar"), NODE1);

    f.allocator.podScheduled(web, example, NODE1);
    f.allocator.tick();
    PodEni bound = f.allocator.podEni("example", "web-abc").orElseThrow();
    String eniId = bound.spec().allocations().get(0).eni().id();
    assertEquals(PodEniPhase.BIND, phase(bound));
    assertTrue(eni(eniId).deleteOnRelease(), "an Elastic ENI goes with its instance");
    assertTrue(bound.status().orElseThrow().podLastSeen().isEmpty());

    f.allocator.podDeleted("example", "web-abc");
    assertEquals(
        PodEniPhase.DELETING, phase(f.allocator.podEni("example", "web-abc").orElseThrow()));
    f.allocator.tick();

    assertTrue(f.allocator.podEni("example", "web-abc").isEmpty());
    assertTrue(f.ourEniIds().isEmpty());
    assertEquals(0, f.allocator.capacity().used("i-node1"));
    List<AllocatorEvent.Type> types = f.events.stream().map(AllocatorEvent::type).toList();
    assertEquals(
        List.of(
            AllocatorEvent.Type.CREATE_ENI_SUCCEED,
            AllocatorEvent.Type.ATTACH_ENI_SUCCEED,
            AllocatorEvent.Type.DELETE_ENI_SUCCEED),
        types);
  }

  @Test
  void elasticPod_costsTwoCallsPlusItsShareOfOneBatchedDescribe() {
    f.apply(guideExample(AllocationType.elastic()));
    f.allocator.podScheduled(
        f.deploymentPod("example", "warm", Map.of("foo", "bar"), NODE1), example, NODE1);
    f.allocator.tick();
    CloudCallStats before = f.allocator.callStats();

    for (int i = 0; i < 3; i++) {
      Pod web = f.deploymentPod("example", "web-" + i, Map.of("foo", "bar"), NODE2);
      f.allocator.podScheduled(web, example, NODE2);
    }
    f.allocator.tick();

    CloudCallStats used = f.allocator.callStats().minus(before);
    assertEquals(3, used.calls(CloudOperation.CREATE_NETWORK_INTERFACE));
    assertEquals(3, used.calls(CloudOperation.ATTACH_NETWORK_INTERFACE));
    assertEquals(1, used.calls(CloudOperation.DESCRIBE_NETWORK_INTERFACES));
    assertEquals(7, used.totalCalls());
  }

  @Test
  void elasticPod_recreatedUnderTheSameName_waitsForTheOldEniThenGetsANewOne() {
    f.apply(guideExample(AllocationType.elastic()));
    f.allocator.podScheduled(
        f.deploymentPod("example", "web", Map.of("foo", "bar"), NODE1), example, NODE1);
    f.allocator.tick();
    String first =
        f.allocator.podEni("example", "web").orElseThrow().spec().allocations().get(0).eni().id();
    Pod again = f.deploymentPod("example", "web", Map.of("foo", "bar"), NODE1);

    AllocationException busy =
        assertThrows(
            AllocationException.class, () -> f.allocator.podScheduled(again, example, NODE1));
    assertEquals(AllocationException.Reason.BUSY, busy.reason());
    f.allocator.tick();
    f.allocator.podScheduled(again, example, NODE1);
    f.allocator.tick();

    PodEni second = f.allocator.podEni("example", "web").orElseThrow();
    assertNotEquals(first, second.spec().allocations().get(0).eni().id());
    assertEquals(PodEniPhase.BIND, phase(second));
    assertEquals(1, f.ourEniIds().size());
  }
}
