package dev.terway4j.allocator;

import static dev.terway4j.allocator.AllocatorFixture.NODE1;
import static dev.terway4j.allocator.AllocatorFixture.NODE2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.cloud.spi.CreateNetworkInterfaceRequest;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceAttachment;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.VSwitchSelectionPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The leak sweep, and a restarted allocator picking up where the last one stopped. */
class LeakSweepAndRecoveryTest {

  private final Namespace ns = AllocatorFixture.namespace("apps", Map.of());

  private static NetworkInterface leak(AllocatorFixture f, String cluster) {
    return f.cloud.createNetworkInterface(
        CreateNetworkInterfaceRequest.builder()
            .vSwitchId("vsw-h1")
            .securityGroupIds("sg-web")
            .tag(AllocatorSettings.CLUSTER_TAG, cluster)
            .tag(AllocatorSettings.CREATOR_TAG, AllocatorSettings.CREATOR)
            .build());
  }

  @Test
  void leakedEni_isDeleted_onlyAfterTheGuardAgeAndTwoConsecutiveSweeps() {
    AllocatorFixture f = new AllocatorFixture();
    NetworkInterface leaked = leak(f, AllocatorFixture.CLUSTER);
    NetworkInterface foreign = leak(f, "c-other");

    f.allocator.sweepLeaks();
    f.advance(Duration.ofMinutes(9));
    f.allocator.sweepLeaks();
    assertEquals(List.of(leaked.id()), f.ourEniIds(), "younger than the guard age");

    f.advance(Duration.ofMinutes(1));
    f.allocator.sweepLeaks();
    assertEquals(List.of(leaked.id()), f.ourEniIds(), "seen leaked once");
    f.allocator.sweepLeaks();
    assertTrue(f.ourEniIds().isEmpty(), "seen leaked twice");
    assertEquals(
        1, f.cloud.networkInterfaces().stream().filter(e -> e.id().equals(foreign.id())).count());
  }

  @Test
  void leakedMember_isDetachedThenDeleted_byTheTicksSweeps() {
    AllocatorFixture f = new AllocatorFixture();
    NetworkInterface leaked = leak(f, AllocatorFixture.CLUSTER);
    f.cloud.attachNetworkInterface(
        NetworkInterfaceAttachment.member(leaked.id(), "i-node1", "eni-trunk1"));

    for (int i = 0; i < 4; i++) {
      f.advance(Duration.ofMinutes(10));
      f.allocator.tick();
    }

    assertTrue(f.ourEniIds().isEmpty());
    assertTrue(
        f.events.stream().anyMatch(e -> e.type() == AllocatorEvent.Type.LEAKED_ENI_RELEASED));
  }

  @Test
  void referencedEnis_areNeverSwept() {
    AllocatorFixture f = new AllocatorFixture();
    f.apply(
        AllocatorFixture.podNetworking(
            "db",
            AllocationType.fixedNever(),
            Map.of("app", "db"),
            List.of("vsw-h1"),
            VSwitchSelectionPolicy.ORDERED,
            "sg-db"));
    f.allocator.podScheduled(f.statefulPod("apps", "db-0", Map.of("app", "db"), NODE1), ns, NODE1);
    f.allocator.tick();
    f.allocator.podDeleted("apps", "db-0");

    for (int i = 0; i < 5; i++) {
      f.advance(Duration.ofMinutes(10));
      f.allocator.tick();
    }

    assertEquals(1, f.ourEniIds().size());
    assertEquals(
        PodEniPhase.UNBIND,
        f.allocator.podEni("apps", "db-0").orElseThrow().status().orElseThrow().phase());
  }

  @Test
  void restartedAllocator_finishesPendingWork_fromTheStoreAndOneListing() {
    AllocatorFixture f = new AllocatorFixture(4, "10.0.1.0/24", 0, Duration.ofSeconds(3));
    f.apply(
        AllocatorFixture.podNetworking(
            "db",
            AllocationType.fixedNever(),
            Map.of("app", "db"),
            List.of("vsw-h1"),
            VSwitchSelectionPolicy.ORDERED,
            "sg-db"));
    f.apply(
        AllocatorFixture.podNetworking(
            "web",
            AllocationType.elastic(),
            Map.of("app", "web"),
            List.of("vsw-h2"),
            VSwitchSelectionPolicy.ORDERED,
            "sg-web"));
    f.allocator.podScheduled(f.statefulPod("apps", "db-0", Map.of("app", "db"), NODE1), ns, NODE1);
    f.allocator.podScheduled(f.statefulPod("apps", "db-1", Map.of("app", "db"), NODE1), ns, NODE1);
    f.allocator.podScheduled(
        f.deploymentPod("apps", "web-0", Map.of("app", "web"), NODE2), ns, NODE2);
    f.advance(Duration.ofSeconds(3));
    f.allocator.tick();
    f.allocator.podDeleted("apps", "db-1"); // Detaching, under way
    f.allocator.podDeleted("apps", "web-0"); // Deleting, under way
    f.allocator.podScheduled(
        f.statefulPod("apps", "db-2", Map.of("app", "db"), NODE2), ns, NODE2); // Initial
    List<String> enisBefore = f.ourEniIds();

    f.advance(Duration.ofSeconds(3));
    f.restart();
    long creates = f.cloud.callCount(CloudOperation.CREATE_NETWORK_INTERFACE);
    f.settle();

    assertEquals(
        PodEniPhase.BIND,
        f.allocator.podEni("apps", "db-0").orElseThrow().status().orElseThrow().phase());
    assertEquals(
        PodEniPhase.UNBIND,
        f.allocator.podEni("apps", "db-1").orElseThrow().status().orElseThrow().phase());
    assertEquals(
        PodEniPhase.BIND,
        f.allocator.podEni("apps", "db-2").orElseThrow().status().orElseThrow().phase());
    assertTrue(f.allocator.podEni("apps", "web-0").isEmpty());
    assertEquals(1, f.allocator.capacity().used("i-node1"));
    assertEquals(1, f.allocator.capacity().used("i-node2"));
    assertEquals(creates, f.cloud.callCount(CloudOperation.CREATE_NETWORK_INTERFACE), "no new ENI");
    f.advance(Duration.ofSeconds(3)); // the deleted one leaves Deleting
    assertEquals(enisBefore.size() - 1, f.ourEniIds().size());
  }
}
