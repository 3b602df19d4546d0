package dev.terway4j.allocator;

import static dev.terway4j.allocator.AllocatorFixture.NODE1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.fake.FakeCall;
import dev.terway4j.cloud.spi.CloudErrorCodes;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.VSwitchSelectionPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each fault kind of the fake cloud, and what the allocator makes of it. */
class CloudFaultsTest {

  private final AllocatorFixture f = new AllocatorFixture();
  private final Namespace ns = AllocatorFixture.namespace("apps", Map.of());

  CloudFaultsTest() {
    f.apply(AllocatorFixture.elasticWeb());
  }

  private Pod web(String name) {
    return f.deploymentPod("apps", name, Map.of("app", "web"), NODE1);
  }

  private PodEni allocateAndBind(String name) {
    f.allocator.podScheduled(web(name), ns, NODE1).orElseThrow();
    f.allocator.tick();
    PodEni record = f.allocator.podEni("apps", name).orElseThrow();
    assertEquals(PodEniPhase.BIND, record.status().orElseThrow().phase());
    return record;
  }

  @Test
  void throttledCreate_isRetriedWithBackoff_andMakesOneEni() {
    f.cloud.faults().throttle(CloudOperation.CREATE_NETWORK_INTERFACE, 2);
    Instant before = f.clock.instant();

    allocateAndBind("a");

    assertEquals(1, f.ourEniIds().size());
    assertEquals(3, f.cloud.callCount(CloudOperation.CREATE_NETWORK_INTERFACE));
    assertTrue(f.clock.instant().isAfter(before.plusSeconds(2)), "backed off in virtual time");
  }

  @Test
  void internalErrorOnAttach_isRetried() {
    f.cloud
        .faults()
        .failWith(CloudOperation.ATTACH_NETWORK_INTERFACE, CloudErrorCodes.INTERNAL_ERROR, 2);

    allocateAndBind("a");

    assertEquals(3, f.cloud.callCount(CloudOperation.ATTACH_NETWORK_INTERFACE));
  }

  @Test
  void createWithALostReply_isRetriedWithTheSameClientToken_soNoSecondEniAppears() {
    f.cloud.faults().applyThenFail(CloudOperation.CREATE_NETWORK_INTERFACE, 1);

    allocateAndBind("a");

    assertEquals(1, f.ourEniIds().size());
    List<String> creates =
        f.cloud.calls().stream()
            .filter(c -> c.operation() == CloudOperation.CREATE_NETWORK_INTERFACE)
            .map(FakeCall::request)
            .toList();
    assertEquals(2, creates.size());
    assertEquals(creates.get(0), creates.get(1), "same vSwitch and token");
  }

  @Test
  void createWithLostRepliesBeyondRetries_isResentWithTheSameTokenByTheNextTry() {
    f.cloud.faults().applyThenFail(CloudOperation.CREATE_NETWORK_INTERFACE, 6);
    Pod a = web("a");

    AllocationException e =
        assertThrows(AllocationException.class, () -> f.allocator.podScheduled(a, ns, NODE1));
    assertEquals(AllocationException.Reason.CLOUD_ERROR, e.reason());
    assertEquals(1, f.ourEniIds().size(), "the cloud made it once");
    assertEquals(0, f.allocator.capacity().used("i-node1"));

    f.allocator.podScheduled(a, ns, NODE1);
    f.allocator.tick();
    assertEquals(1, f.ourEniIds().size(), "the retry got the same ENI back");
    assertEquals(
        PodEniPhase.BIND,
        f.allocator.podEni("apps", "a").orElseThrow().status().orElseThrow().phase());
  }

  @Test
  void attachWithALostReply_isRecognisedAsDone() {
    f.cloud.faults().applyThenFail(CloudOperation.ATTACH_NETWORK_INTERFACE, 1);

    allocateAndBind("a");

    assertEquals(1, f.ourEniIds().size());
  }

  @Test
  void attachFailingForGood_rollsBackTheEniAndTheSlot() {
    f.cloud
        .faults()
        .failWith(CloudOperation.ATTACH_NETWORK_INTERFACE, CloudErrorCodes.INVALID_PARAMETER, 1);

    AllocationException e =
        assertThrows(
            AllocationException.class, () -> f.allocator.podScheduled(web("a"), ns, NODE1));

    assertEquals(AllocationException.Reason.CLOUD_ERROR, e.reason());
    assertTrue(f.ourEniIds().isEmpty(), "the created ENI is deleted");
    assertEquals(Optional.empty(), f.allocator.podEni("apps", "a"));
    assertEquals(0, f.allocator.capacity().used("i-node1"));
    assertTrue(
        f.events.stream().anyMatch(ev -> ev.type() == AllocatorEvent.Type.ATTACH_ENI_FAILED));
  }

  @Test
  void rollbackWhoseDeleteAlsoFails_isFinishedByTicks() {
    f.cloud
        .faults()
        .failWith(CloudOperation.ATTACH_NETWORK_INTERFACE, CloudErrorCodes.INVALID_PARAMETER, 1);
    f.cloud
        .faults()
        .failWith(CloudOperation.DELETE_NETWORK_INTERFACE, CloudErrorCodes.INVALID_PARAMETER, 1);

    assertThrows(AllocationException.class, () -> f.allocator.podScheduled(web("a"), ns, NODE1));
    assertEquals(1, f.ourEniIds().size());
    f.allocator.tick();

    assertTrue(f.ourEniIds().isEmpty());
    assertEquals(Optional.empty(), f.allocator.podEni("apps", "a"));
  }

  @Test
  void lostRepliesOnDetachAndDelete_stillReleaseTheEni() {
    allocateAndBind("a");
    f.cloud.faults().applyThenFail(CloudOperation.DETACH_NETWORK_INTERFACE, 1);
    f.cloud.faults().applyThenFail(CloudOperation.DELETE_NETWORK_INTERFACE, 1);

    f.allocator.podDeleted("apps", "a");
    f.settle();

    assertTrue(f.ourEniIds().isEmpty());
    assertEquals(Optional.empty(), f.allocator.podEni("apps", "a"));
    assertEquals(0, f.allocator.capacity().used("i-node1"));
  }

  @Test
  void latency_isSpentOnTheInjectedClock() {
    f.cloud.faults().latency(CloudOperation.CREATE_NETWORK_INTERFACE, Duration.ofMillis(150));
    f.cloud.faults().latency(CloudOperation.ATTACH_NETWORK_INTERFACE, Duration.ofMillis(80));
    Instant before = f.clock.instant();

    allocateAndBind("a");

    assertEquals(Duration.ofMillis(230), Duration.between(before, f.clock.instant()));
  }

  @Test
  void serverSideRateLimit_isRetriedUntilTheBucketRefills() {
    // 3 per minute: a token every 20 s, within the ~26 s the default retries wait in all.
    f.cloud.faults().rateLimit(CloudOperation.CREATE_NETWORK_INTERFACE, 3);
    for (int i = 0; i < 4; i++) {
      f.allocator.podScheduled(web("p" + i), ns, NODE1);
    }
    f.allocator.tick();

    assertEquals(4, f.ourEniIds().size());
    assertTrue(f.allocator.callStats().failures().get(CloudOperation.CREATE_NETWORK_INTERFACE) > 0);
  }

  @Test
  void clientSideRateLimit_holdsCallsBeyondTheBurst_onTheInjectedClock() {
    AllocatorFixture g = new AllocatorFixture(20, "10.0.1.0/24", 0);
    g.settings =
        AllocatorSettings.builder(AllocatorFixture.CLUSTER)
            .rateLimits(
                RateLimits.terwayDefaults().with(CloudOperation.CREATE_NETWORK_INTERFACE, 2))
            .build();
    g.allocator = g.newAllocator();
    g.apply(
        AllocatorFixture.podNetworking(
            "web",
            AllocationType.elastic(),
            Map.of("app", "web"),
            List.of("vsw-h1"),
            VSwitchSelectionPolicy.ORDERED,
            "sg-web"));
    Instant before = g.clock.instant();
    for (int i = 0; i < 3; i++) {
      g.allocator.podScheduled(
          g.deploymentPod("apps", "p" + i, Map.of("app", "web"), NODE1), ns, NODE1);
    }

    // Two calls in the burst, the third waits for a token: 60 s / 2.
    assertEquals(Duration.ofSeconds(30), Duration.between(before, g.clock.instant()));
    assertEquals(Duration.ofSeconds(30), g.allocator.callStats().rateLimiterWait());
    assertEquals(
        0, g.allocator.callStats().failures().get(CloudOperation.CREATE_NETWORK_INTERFACE));
  }

  @Test
  void describeFailingDuringATick_isRetriedByTheNextTick() {
    f.allocator.podScheduled(web("a"), ns, NODE1);
    f.cloud
        .faults()
        .failWith(CloudOperation.DESCRIBE_NETWORK_INTERFACES, CloudErrorCodes.FORBIDDEN_RAM, 1);

    f.allocator.tick();
    assertEquals(
        PodEniPhase.INITIAL,
        f.allocator.podEni("apps", "a").orElseThrow().status().orElseThrow().phase());
    f.allocator.tick();
    assertEquals(
        PodEniPhase.BIND,
        f.allocator.podEni("apps", "a").orElseThrow().status().orElseThrow().phase());
  }
}
