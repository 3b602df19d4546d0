package dev.terway4j.allocator;

import static dev.terway4j.allocator.AllocatorFixture.NODE1;
import static dev.terway4j.allocator.AllocatorFixture.NODE2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.spi.CloudErrorCodes;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.cloud.spi.NetworkInterfaceStatus;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.ImmutableObjectMeta;
import dev.terway4j.model.ImmutablePodEni;
import dev.terway4j.model.ImmutablePodEniStatus;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.VSwitchSelectionPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The failure modes the testkit's model-based harness and the Kubernetes work found, one example
 * each: TTL release of a live pod, lost attach replies on a rebind, stale ClientTokens after a
 * restart, store failures inside a tick, stores that return (or refuse) what they write, records
 * without an instance, and the rollback's events.
 */
class AllocatorFailureModesTest {

  private final AllocatorFixture f = new AllocatorFixture(1, "10.0.1.0/24", 0);
  private final Namespace ns = AllocatorFixture.namespace("apps", Map.of());

  AllocatorFailureModesTest() {
    f.apply(
        AllocatorFixture.podNetworking(
            "db",
            AllocationType.fixedTtl(Duration.ofMinutes(5)),
            Map.of("app", "db"),
            List.of("vsw-h1"),
            VSwitchSelectionPolicy.ORDERED,
            "sg-db"));
    f.apply(
        AllocatorFixture.podNetworking(
            "web",
            AllocationType.elastic(),
            Map.of("app", "web"),
            List.of("vsw-h1"),
            VSwitchSelectionPolicy.ORDERED,
            "sg-web"));
  }

  private Pod db(String name, dev.terway4j.model.Node node) {
    return f.statefulPod("apps", name, Map.of("app", "db"), node);
  }

  private Pod web(String name, dev.terway4j.model.Node node) {
    return f.deploymentPod("apps", name, Map.of("app", "web"), node);
  }

  private PodEni record(String name) {
    return f.allocator.podEni("apps", name).orElseThrow();
  }

  private static PodEniPhase phase(PodEni record) {
    return record.status().orElseThrow().phase();
  }

  private static String ip(PodEni record) {
    return record.spec().allocations().get(0).ipv4();
  }

  private void ticks(Duration step, int count) {
    for (int i = 0; i < count; i++) {
      f.advance(step);
      f.allocator.tick();
    }
  }

  /** db-0 bound on node2, web-0 filling node1 (one member slot each), db-0 re-created on node1. */
  private String fixedPodWaitingForASlot() {
    f.allocator.podScheduled(db("db-0", NODE2), ns, NODE2);
    f.allocator.podScheduled(web("web-0", NODE1), ns, NODE1);
    f.allocator.tick();
    String ip = ip(record("db-0"));
    f.allocator.podDeleted("apps", "db-0");
    f.allocator.podScheduled(db("db-0", NODE1), ns, NODE1); // node1 is full: the rebind waits
    f.allocator.tick();
    assertEquals(PodEniPhase.UNBIND, phase(record("db-0")));
    return ip;
  }

  @Test
  void liveFixedTtlPod_waitingForAMemberSlot_keepsItsIp_pastItsTtl() {
    String ip = fixedPodWaitingForASlot();

    ticks(Duration.ofMinutes(2), 5);

    PodEni kept = record("db-0");
    assertEquals(PodEniPhase.UNBIND, phase(kept));
    assertEquals(ip, ip(kept));
    assertEquals(
        f.clock.instant(), kept.status().orElseThrow().podLastSeen().orElseThrow(), "refreshed");
  }

  @Test
  void restartedAllocator_keepsTheTtlIpOfAPodDeliveredAgain_andReleasesOneNeverHeardOf() {
    String ip = fixedPodWaitingForASlot();
    f.allocator.podScheduled(db("db-1", NODE2), ns, NODE2);
    f.allocator.tick();
    f.allocator.podDeleted("apps", "db-1");
    f.allocator.tick();
    f.restart();

    // The first check after the restart comes before the controller re-delivered its pods.
    f.advance(Duration.ofMinutes(7));
    f.allocator.tick();
    assertEquals(PodEniPhase.UNBIND, phase(record("db-0")));
    assertEquals(
        PodEniPhase.UNBIND, phase(record("db-1")), "not released before liveness is known");
    // The informer's initial list; node1 is still full, so the rebind keeps waiting.
    assertThrows(
        AllocationException.class, () -> f.allocator.podScheduled(db("db-0", NODE1), ns, NODE1));
    ticks(Duration.ofMinutes(2), 3);

    assertEquals(ip, ip(record("db-0")));
    assertEquals(Optional.empty(), f.allocator.podEni("apps", "db-1"), "absent pod's IP released");
  }

  @Test
  void lostAttachReplyOnARebind_withTheDescribeFailingToo_staysBinding_andSettles() {
    f.allocator.podScheduled(db("db-0", NODE1), ns, NODE1);
    f.allocator.tick();
    String ip = ip(record("db-0"));
    f.allocator.podDeleted("apps", "db-0");
    f.allocator.tick();
    assertEquals(PodEniPhase.UNBIND, phase(record("db-0")));
    f.cloud.faults().applyThenFail(CloudOperation.ATTACH_NETWORK_INTERFACE, 1);
    f.cloud
        .faults()
        .failWith(CloudOperation.DESCRIBE_NETWORK_INTERFACES, CloudErrorCodes.INTERNAL_ERROR, 6);

    PodEni binding = f.allocator.podScheduled(db("db-0", NODE1), ns, NODE1).orElseThrow();

    assertEquals(PodEniPhase.BINDING, phase(binding), "the outcome is unknown, not a failure");
    assertEquals(1, f.allocator.capacity().used("i-node1"), "the slot stays taken");
    f.allocator.tick();
    PodEni bound = record("db-0");
    assertEquals(PodEniPhase.BIND, phase(bound));
    assertEquals(ip, ip(bound));
  }

  @Test
  void restartedAllocator_skipsClientTokensOfDeletedEnis_withoutCountingTheirAddresses() {
    Pod pod = web("web-0", NODE1);
    f.cloud
        .faults()
        .failWith(CloudOperation.ATTACH_NETWORK_INTERFACE, CloudErrorCodes.INVALID_PARAMETER, 1);
    assertThrows(AllocationException.class, () -> f.allocator.podScheduled(pod, ns, NODE1));
    assertTrue(f.ourEniIds().isEmpty(), "rolled back");
    f.restart();

    f.allocator.podScheduled(pod, ns, NODE1).orElseThrow();
    f.allocator.tick();

    assertEquals(PodEniPhase.BIND, phase(record("web-0")));
    long actual = f.cloud.describeVSwitch("vsw-h1").availableIpAddressCount();
    assertEquals(
        actual,
        f.allocator.vSwitchPool().cachedFreeCount("vsw-h1").orElseThrow(),
        "the pool counts only the ENI that exists");
  }

  @Test
  void storeFailureOnOnePod_doesNotStopTheTick_andThePodSettlesLater() {
    Set<String> failing = ConcurrentHashMap.newKeySet();
    PodEniStore flaky =
        new PodEniStore() {
          @Override
          public Optional<PodEni> get(String namespace, String name) {
            if (failing.contains(name)) {
              throw new IllegalStateException("store unavailable for " + name);
            }
            return f.store.get(namespace, name);
          }

          @Override
          public List<PodEni> list() {
            return f.store.list();
          }

          @Override
          public PodEni put(PodEni podEni) {
            return f.store.put(podEni);
          }

          @Override
          public boolean delete(String namespace, String name) {
            return f.store.delete(namespace, name);
          }
        };
    TrunkAllocator allocator =
        TrunkAllocator.builder(f.provider, f.resolver, f.settings)
            .clock(f.clock)
            .waiter(f.clock::advance)
            .store(flaky)
            .build();
    allocator.podScheduled(web("a", NODE1), ns, NODE1);
    allocator.podScheduled(web("b", NODE2), ns, NODE2);
    failing.add("a");

    allocator.tick();

    assertEquals(PodEniPhase.BIND, phase(f.store.get("apps", "b").orElseThrow()));
    assertEquals(PodEniPhase.INITIAL, phase(f.store.get("apps", "a").orElseThrow()));
    failing.clear();
    allocator.tick();
    assertEquals(PodEniPhase.BIND, phase(f.store.get("apps", "a").orElseThrow()));
  }

  /**
   * A store that versions every write and refuses one based on an older version, as the API does.
   */
  private static final class VersioningStore implements PodEniStore {
    private final InMemoryPodEniStore records = new InMemoryPodEniStore();
    private long version;

    @Override
    public Optional<PodEni> get(String namespace, String name) {
      return records.get(namespace, name);
    }

    @Override
    public List<PodEni> list() {
      return records.list();
    }

    @Override
    public synchronized PodEni put(PodEni podEni) {
      String current =
          records
              .get(podEni.metadata().namespace(), podEni.metadata().name())
              .map(r -> r.metadata().resourceVersion())
              .orElse("");
      if (!current.equals(podEni.metadata().resourceVersion())) {
        throw new IllegalStateException(
            "conflict: " + podEni.metadata().resourceVersion() + " is not " + current);
      }
      PodEni stored =
          ImmutablePodEni.copyOf(podEni)
              .withMetadata(
                  ImmutableObjectMeta.copyOf(podEni.metadata())
                      .withResourceVersion(Long.toString(++version)));
      return records.put(stored);
    }

    @Override
    public boolean delete(String namespace, String name) {
      return records.delete(namespace, name);
    }
  }

  @Test
  void failedRebind_continuesFromTheRecordTheStoreReturned() {
    VersioningStore store = new VersioningStore();
    TrunkAllocator allocator =
        TrunkAllocator.builder(f.provider, f.resolver, f.settings)
            .clock(f.clock)
            .waiter(f.clock::advance)
            .store(store)
            .build();
    allocator.podScheduled(db("db-0", NODE1), ns, NODE1);
    allocator.tick();
    String ip = ip(store.get("apps", "db-0").orElseThrow());
    allocator.podDeleted("apps", "db-0");
    allocator.tick();
    f.cloud
        .faults()
        .failWith(CloudOperation.ATTACH_NETWORK_INTERFACE, CloudErrorCodes.INVALID_PARAMETER, 1);

    assertThrows(
        AllocationException.class, () -> allocator.podScheduled(db("db-0", NODE1), ns, NODE1));

    PodEni back = store.get("apps", "db-0").orElseThrow();
    assertEquals(PodEniPhase.UNBIND, phase(back));
    assertEquals(ip, ip(back));
    assertEquals(0, allocator.capacity().used("i-node1"));
    allocator.podScheduled(db("db-0", NODE1), ns, NODE1);
    allocator.tick();
    assertEquals(PodEniPhase.BIND, phase(store.get("apps", "db-0").orElseThrow()));
  }

  @Test
  void initialRecordWithoutAnInstance_isTreatedAsNotAttached_andTheEniIsNotDeletedForIt() {
    f.allocator.podScheduled(db("db-0", NODE1), ns, NODE1);
    PodEni initial = record("db-0");
    String eniId = initial.spec().allocations().get(0).eni().id();
    f.store.put(
        ImmutablePodEni.copyOf(initial)
            .withStatus(
                ImmutablePodEniStatus.copyOf(initial.status().orElseThrow())
                    .withPhase(PodEniPhase.BINDING)
                    .withInstanceID("")
                    .withTrunkENIID("")));
    f.restart(); // a foreign store's record, met by a new instance

    for (int i = 0; i < 8; i++) {
      f.advance(Duration.ofSeconds(2));
      f.allocator.tick();
    }
    assertEquals(PodEniPhase.UNBIND, phase(record("db-0")));
    assertTrue(f.ourEniIds().contains(eniId), "the Fixed ENI is kept");
    f.allocator.podScheduled(db("db-0", NODE1), ns, NODE1);
    f.allocator.tick();
    assertEquals(PodEniPhase.BIND, phase(record("db-0")));
    assertEquals(
        NetworkInterfaceStatus.IN_USE,
        f.cloud.networkInterfaces().stream()
            .filter(e -> e.id().equals(eniId))
            .findFirst()
            .orElseThrow()
            .status());
  }

  @Test
  void rollbackAfterAFailedAttach_reportsTheDeletedEni() {
    f.cloud
        .faults()
        .failWith(CloudOperation.ATTACH_NETWORK_INTERFACE, CloudErrorCodes.INVALID_PARAMETER, 1);

    assertThrows(
        AllocationException.class, () -> f.allocator.podScheduled(web("web-0", NODE1), ns, NODE1));

    assertTrue(
        f.events.stream().anyMatch(e -> e.type() == AllocatorEvent.Type.DELETE_ENI_SUCCEED),
        "events: " + f.events);
  }
}
