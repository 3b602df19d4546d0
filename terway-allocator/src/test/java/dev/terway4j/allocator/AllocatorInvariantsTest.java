package dev.terway4j.allocator;

import static dev.terway4j.allocator.AllocatorFixture.NODE1;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.spi.CloudErrorCodes;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.cloud.spi.CreateNetworkInterfaceRequest;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.ImmutableNode;
import dev.terway4j.model.ImmutablePodSpec;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.ObjectMeta;
import dev.terway4j.model.OwnerReference;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.VSwitchSelectionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The allocator invariants of issue 13 (items 9 to 12): member slots are never lost, recovery is
 * idempotent, pod identities never collide, and clock jumps do not disable the schedules.
 */
class AllocatorInvariantsTest {

  private static final Map<String, String> WEB = Map.of("app", "web");
  private static final Map<String, String> DB = Map.of("app", "db");

  private static Namespace namespace(String name) {
    return AllocatorFixture.namespace(name, Map.of());
  }

  private static AllocatorFixture withElasticWeb(int memberLimit) {
    AllocatorFixture f = new AllocatorFixture(memberLimit, "10.0.1.0/24", 0);
    f.apply(
        AllocatorFixture.podNetworking(
            "web",
            AllocationType.elastic(),
            WEB,
            List.of("vsw-h1"),
            VSwitchSelectionPolicy.ORDERED,
            "sg-web"));
    return f;
  }

  private static void withFixedDb(AllocatorFixture f, AllocationType type) {
    f.apply(
        AllocatorFixture.podNetworking(
            "db", type, DB, List.of("vsw-h1"), VSwitchSelectionPolicy.ORDERED, "sg-db"));
  }

  /** The records that name each instance: the member ENIs the cluster actually holds. */
  private static Map<String, Integer> slotsInRecords(PodEniStore store) {
    Map<String, Integer> slots = new HashMap<>();
    for (PodEni r : store.list()) {
      String instance = r.status().map(s -> s.instanceID()).orElse("");
      if (!instance.isEmpty()) {
        slots.merge(instance, 1, Integer::sum);
      }
    }
    return slots;
  }

  private static void assertSlotsMatchRecords(TrunkAllocator allocator) {
    Map<String, Integer> recorded = slotsInRecords(allocator.store());
    for (String instance : List.of("i-node1", "i-node2", "i-node3")) {
      assertEquals(
          recorded.getOrDefault(instance, 0).intValue(),
          allocator.capacity().used(instance),
          "member slots in use on " + instance);
    }
  }

  private static long liveEnisOfOurCluster(AllocatorFixture f) {
    return f.cloud.networkInterfaces().stream()
        .filter(e -> AllocatorFixture.CLUSTER.equals(e.tags().get(AllocatorSettings.CLUSTER_TAG)))
        .filter(e -> e.status() != dev.terway4j.cloud.spi.NetworkInterfaceStatus.DELETING)
        .count();
  }

  /** A store that refuses the next writes it is told to, as a conflict or a webhook would. */
  static final class RefusingStore implements PodEniStore {
    final PodEniStore delegate;
    final AtomicInteger putsToRefuse = new AtomicInteger();
    final AtomicInteger putsToAllowFirst = new AtomicInteger();

    RefusingStore(PodEniStore delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<PodEni> get(String namespace, String name) {
      return delegate.get(namespace, name);
    }

    @Override
    public List<PodEni> list() {
      return delegate.list();
    }

    @Override
    public PodEni put(PodEni podEni) {
      if (putsToAllowFirst.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return delegate.put(podEni);
      }
      if (putsToRefuse.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("PodENI rejected (injected)");
      }
      return delegate.put(podEni);
    }

    @Override
    public boolean delete(String namespace, String name) {
      return delegate.delete(namespace, name);
    }
  }

  private static TrunkAllocator allocator(AllocatorFixture f, PodEniStore store, Clock clock) {
    return TrunkAllocator.builder(f.provider, f.resolver, f.settings)
        .clock(clock)
        .waiter(f.clock::advance)
        .store(store)
        .build();
  }

  @Nested
  @DisplayName("issue 13 item 9: a reserved member slot is released on every failure path")
  class SlotsOnFailurePaths {

    @Test
    void podScheduled_whenTheStoreRefusesTwoRecords_leavesNoSlotTaken_andNoEni_issue13item9() {
      AllocatorFixture f = withElasticWeb(2);
      RefusingStore store = new RefusingStore(f.store);
      TrunkAllocator allocator = allocator(f, store, f.clock);
      store.putsToRefuse.set(2);

      for (int i = 0; i < 2; i++) {
        Pod pod = f.deploymentPod("apps", "p" + i, WEB, NODE1);
        assertThrows(
            IllegalStateException.class,
            () -> allocator.podScheduled(pod, namespace("apps"), NODE1));
      }

      assertEquals(0, allocator.capacity().used("i-node1"), "no slot is lost");
      assertEquals(0, liveEnisOfOurCluster(f), "the ENIs nothing refers to are deleted at once");
      for (int i = 2; i < 4; i++) {
        Pod pod = f.deploymentPod("apps", "p" + i, WEB, NODE1);
        assertTrue(allocator.podScheduled(pod, namespace("apps"), NODE1).isPresent());
      }
      assertEquals(2, allocator.capacity().used("i-node1"), "both slots were still free");
      assertSlotsMatchRecords(allocator);
    }

    @Test
    void
        podScheduled_whenAttachFailsAndTheRollbackWriteIsRefused_keepsSlotsEqualToRecords_issue13item9() {
      AllocatorFixture f = withElasticWeb(2);
      RefusingStore store = new RefusingStore(f.store);
      TrunkAllocator allocator = allocator(f, store, f.clock);
      f.cloud
          .faults()
          .failWith(CloudOperation.ATTACH_NETWORK_INTERFACE, CloudErrorCodes.INVALID_PARAMETER, 1);
      // The record is written; the rollback's write (Deleting, no instance) is refused.
      store.putsToAllowFirst.set(1);
      store.putsToRefuse.set(1);

      assertThrows(
          IllegalStateException.class,
          () ->
              allocator.podScheduled(
                  f.deploymentPod("apps", "p0", WEB, NODE1), namespace("apps"), NODE1));

      assertSlotsMatchRecords(allocator);
      for (int i = 0; i < 8; i++) {
        f.advance(Duration.ofSeconds(30));
        allocator.tick();
        assertSlotsMatchRecords(allocator);
      }
      // The record stayed Initial, so the ticks attached its ENI: it holds one slot, and the
      // other is free.
      assertEquals(
          PodEniPhase.BIND, allocator.podEni("apps", "p0").orElseThrow().status().get().phase());
      assertTrue(
          allocator
              .podScheduled(f.deploymentPod("apps", "p1", WEB, NODE1), namespace("apps"), NODE1)
              .isPresent(),
          "no slot is lost");
      assertEquals(2, allocator.capacity().used("i-node1"));
    }

    @Test
    void podDeleted_whenTheStoreRefusesTheWrite_isRetriedByTheTicks_andFreesTheSlot_issue13item9() {
      AllocatorFixture f = withElasticWeb(1);
      RefusingStore store = new RefusingStore(f.store);
      TrunkAllocator allocator = allocator(f, store, f.clock);
      allocator.podScheduled(f.deploymentPod("apps", "p0", WEB, NODE1), namespace("apps"), NODE1);
      allocator.tick();

      store.putsToRefuse.set(1);
      assertThrows(IllegalStateException.class, () -> allocator.podDeleted("apps", "p0"));
      for (int i = 0; i < 4; i++) {
        allocator.tick();
      }

      assertTrue(allocator.podEni("apps", "p0").isEmpty(), "the deletion was not lost");
      assertEquals(0, allocator.capacity().used("i-node1"));
      assertEquals(0, liveEnisOfOurCluster(f));
    }

    @Test
    void elasticRecord_whosePodsDeletionWasLostToARestart_isReleasedAfterTwoChecks_issue13item9() {
      AllocatorFixture f = withElasticWeb(1);
      RefusingStore store = new RefusingStore(f.store);
      TrunkAllocator first = allocator(f, store, f.clock);
      first.podScheduled(f.deploymentPod("apps", "p0", WEB, NODE1), namespace("apps"), NODE1);
      first.tick();
      store.putsToRefuse.set(1);
      assertThrows(IllegalStateException.class, () -> first.podDeleted("apps", "p0"));

      // Restarted before any tick could retry: nobody will tell the new instance about p0.
      TrunkAllocator second = allocator(f, store, f.clock);
      second.recover();
      for (int i = 0; i < 4; i++) {
        f.advance(Duration.ofMinutes(1));
        second.tick();
      }

      assertTrue(second.podEni("apps", "p0").isEmpty(), "the orphaned record is released");
      assertEquals(0, second.capacity().used("i-node1"));
      assertEquals(0, liveEnisOfOurCluster(f));
    }

    @Test
    void elasticRecord_ofAPodRedeliveredAfterARestart_isKept_issue13item9() {
      AllocatorFixture f = withElasticWeb(1);
      Pod pod = f.deploymentPod("apps", "p0", WEB, NODE1);
      f.allocator.podScheduled(pod, namespace("apps"), NODE1);
      f.allocator.tick();

      f.restart();
      for (int i = 0; i < 4; i++) {
        f.advance(Duration.ofMinutes(1));
        f.allocator.tick();
        f.allocator.podScheduled(pod, namespace("apps"), NODE1);
      }

      assertEquals(
          PodEniPhase.BIND, f.allocator.podEni("apps", "p0").orElseThrow().status().get().phase());
    }

    @Test
    void fixedRecord_whosePodsDeletionWasLostToARestart_isDetachedAndKept_issue13item9() {
      AllocatorFixture f = new AllocatorFixture(1, "10.0.1.0/24", 0);
      withFixedDb(f, AllocationType.fixedNever());
      RefusingStore store = new RefusingStore(f.store);
      TrunkAllocator first = allocator(f, store, f.clock);
      first.podScheduled(f.statefulPod("apps", "db-0", DB, NODE1), namespace("apps"), NODE1);
      first.tick();
      store.putsToRefuse.set(1);
      assertThrows(IllegalStateException.class, () -> first.podDeleted("apps", "db-0"));

      TrunkAllocator second = allocator(f, store, f.clock);
      second.recover();
      for (int i = 0; i < 4; i++) {
        f.advance(Duration.ofMinutes(1));
        second.tick();
      }

      assertEquals(
          PodEniPhase.UNBIND, second.podEni("apps", "db-0").orElseThrow().status().get().phase());
      assertEquals(0, second.capacity().used("i-node1"), "the slot is free for other pods");
    }

    @Test
    void fixedRecord_whoseEniVanishedBeforeItWasDetached_isDropped_notKeptUnbind_issue13item9() {
      AllocatorFixture f = new AllocatorFixture(1, "10.0.1.0/24", 0);
      withFixedDb(f, AllocationType.fixedTtl(Duration.ofMinutes(5)));
      PodEni record =
          f.allocator
              .podScheduled(f.statefulPod("apps", "db-0", DB, NODE1), namespace("apps"), NODE1)
              .orElseThrow();
      String eni = record.spec().allocations().get(0).eni().id();
      f.cloud.detachNetworkInterface(
          dev.terway4j.cloud.spi.NetworkInterfaceAttachment.member(eni, "i-node1", "eni-trunk1"));
      f.cloud.deleteNetworkInterface(eni);

      f.allocator.podDeleted("apps", "db-0");
      f.settle();

      assertTrue(f.allocator.podEni("apps", "db-0").isEmpty(), "no Unbind record of a missing ENI");
      assertEquals(0, f.allocator.capacity().used("i-node1"));
    }

    @Test
    void rebind_whenTheBindingRecordIsRefused_givesTheSlotBack_issue13item9() {
      AllocatorFixture f = new AllocatorFixture(1, "10.0.1.0/24", 0);
      withFixedDb(f, AllocationType.fixedNever());
      RefusingStore store = new RefusingStore(f.store);
      TrunkAllocator allocator = allocator(f, store, f.clock);
      allocator.podScheduled(f.statefulPod("apps", "db-0", DB, NODE1), namespace("apps"), NODE1);
      allocator.tick();
      allocator.podDeleted("apps", "db-0");
      for (int i = 0; i < 3; i++) {
        allocator.tick();
      }
      assertEquals(
          PodEniPhase.UNBIND,
          allocator.podEni("apps", "db-0").orElseThrow().status().get().phase());
      assertEquals(0, allocator.capacity().used("i-node1"));

      store.putsToRefuse.set(1);
      Pod back = f.statefulPod("apps", "db-0", DB, NODE1);
      assertThrows(
          IllegalStateException.class,
          () -> allocator.podScheduled(back, namespace("apps"), NODE1));

      assertEquals(0, allocator.capacity().used("i-node1"), "the slot of the refused rebind");
      assertTrue(allocator.podScheduled(back, namespace("apps"), NODE1).isPresent());
      assertEquals(1, allocator.capacity().used("i-node1"));
      assertSlotsMatchRecords(allocator);
    }
  }

  @Nested
  @DisplayName("issue 13 item 10: recover() is idempotent")
  class RecoverIdempotent {

    @Test
    void
        recover_calledTwice_countsEachRecordOnce_andFreesEverySlotWhenThePodsLeave_issue13item10() {
      AllocatorFixture f = withElasticWeb(2);
      for (int i = 0; i < 2; i++) {
        f.allocator.podScheduled(
            f.deploymentPod("apps", "p" + i, WEB, NODE1), namespace("apps"), NODE1);
      }
      f.settle();

      f.restart();
      f.allocator.recover();

      assertEquals(2, f.allocator.capacity().used("i-node1"));
      f.allocator.podDeleted("apps", "p0");
      f.allocator.podDeleted("apps", "p1");
      f.settle();
      assertEquals(0, f.allocator.capacity().used("i-node1"), "the node is not left short");
      for (int i = 2; i < 4; i++) {
        assertTrue(
            f.allocator
                .podScheduled(
                    f.deploymentPod("apps", "p" + i, WEB, NODE1), namespace("apps"), NODE1)
                .isPresent());
      }
    }

    @Test
    void recover_onAnAllocatorThatAlreadyHoldsSlots_doesNotAddToThem_issue13item10() {
      AllocatorFixture f = withElasticWeb(3);
      f.allocator.podScheduled(f.deploymentPod("apps", "p0", WEB, NODE1), namespace("apps"), NODE1);
      f.settle();

      f.allocator.recover();
      f.allocator.recover();

      assertEquals(1, f.allocator.capacity().used("i-node1"));
      assertSlotsMatchRecords(f.allocator);
    }
  }

  @Nested
  @DisplayName("issue 13 item 11: pod identities never collide")
  class PodIdentity {

    private Pod pod(String namespace, String name, String uid, String nodeName) {
      return Pod.builder()
          .metadata(
              ObjectMeta.builder()
                  .namespace(namespace)
                  .name(name)
                  .uid(uid)
                  .putAllLabels(WEB)
                  .addOwnerReferences(OwnerReference.of("ReplicaSet", "rs"))
                  .build())
          .spec(ImmutablePodSpec.builder().nodeName(nodeName).build())
          .build();
    }

    @Test
    void podScheduled_podsWhoseJoinedNamesCollide_areRejected_andGetNoEni_issue13item11() {
      AllocatorFixture f = withElasticWeb(4);

      IllegalArgumentException slashInName =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  f.allocator.podScheduled(
                      pod("a", "b/c", "uid-1", "node1"), namespace("a"), NODE1));
      IllegalArgumentException slashInNamespace =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  f.allocator.podScheduled(
                      pod("a/b", "c", "uid-1", "node1"), namespace("a/b"), NODE1));

      assertTrue(slashInName.getMessage().contains("name \"b/c\""), slashInName.getMessage());
      assertTrue(
          slashInNamespace.getMessage().contains("namespace \"a/b\""),
          slashInNamespace.getMessage());
      assertEquals(0, f.cloud.callCount(CloudOperation.CREATE_NETWORK_INTERFACE));
      assertEquals(0, f.store.size());
    }

    @Test
    void podsOfTheSameNameInTwoNamespaces_withTheSameUid_getTwoEnisAndTwoAddresses_issue13item11() {
      AllocatorFixture f = withElasticWeb(4);

      PodEni first =
          f.allocator
              .podScheduled(pod("a", "b", "same-uid", "node1"), namespace("a"), NODE1)
              .orElseThrow();
      PodEni second =
          f.allocator
              .podScheduled(pod("b", "a", "same-uid", "node1"), namespace("b"), NODE1)
              .orElseThrow();

      assertNotEquals(
          first.spec().allocations().get(0).eni().id(),
          second.spec().allocations().get(0).eni().id());
      assertNotEquals(
          first.spec().allocations().get(0).ipv4(), second.spec().allocations().get(0).ipv4());
    }

    @Test
    void everyEntryPointTakingANamespaceAndName_rejectsInvalidOnes_issue13item11() {
      AllocatorFixture f = withElasticWeb(4);
      List<String[]> invalid =
          List.of(
              new String[] {"a/b", "c"},
              new String[] {"a", "b/c"},
              new String[] {"", "c"},
              new String[] {"a", ""},
              new String[] {"A", "c"},
              new String[] {"a.b", "c"},
              new String[] {"a", "c\u001b]0;x\u0007"},
              new String[] {"a", "x".repeat(100_000)});
      for (String[] p : invalid) {
        assertThrows(IllegalArgumentException.class, () -> f.allocator.podDeleted(p[0], p[1]));
        assertThrows(IllegalArgumentException.class, () -> f.allocator.release(p[0], p[1]));
        assertThrows(IllegalArgumentException.class, () -> f.allocator.podEni(p[0], p[1]));
        assertThrows(IllegalArgumentException.class, () -> f.allocator.previousZone(p[0], p[1]));
      }
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> f.allocator.podDeleted("a", "c\u001b]0;x\u0007"));
      assertFalse(e.getMessage().contains("\u001b"), "control characters are escaped");
      assertTrue(e.getMessage().contains("\\u001b"), e.getMessage());
      IllegalArgumentException longName =
          assertThrows(
              IllegalArgumentException.class,
              () -> f.allocator.podDeleted("a", "x".repeat(100_000)));
      assertTrue(longName.getMessage().length() < 400, "the message is bounded");
    }

    @Test
    void podScheduled_withAnEmptyUid_isAClearError_issue13item11() {
      AllocatorFixture f = withElasticWeb(4);

      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  f.allocator.podScheduled(
                      pod("apps", "p0", "", "node1"), namespace("apps"), NODE1));

      assertTrue(e.getMessage().contains("metadata.uid"), e.getMessage());
      assertEquals(0, f.cloud.callCount(CloudOperation.CREATE_NETWORK_INTERFACE));
    }

    @Test
    void podScheduled_toANodeWithAnEmptyName_isAClearError_issue13item11() {
      AllocatorFixture f = withElasticWeb(4);
      Node nameless =
          ImmutableNode.copyOf(NODE1)
              .withMetadata(ObjectMeta.builder().from(NODE1.metadata()).name("").build());

      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  f.allocator.podScheduled(
                      pod("apps", "p0", "uid-1", ""), namespace("apps"), nameless));

      assertTrue(e.getMessage().contains("node metadata.name"), e.getMessage());
    }

    @Test
    void podScheduled_whenSpecNodeNameIsAnotherNode_isAClearError_issue13item11() {
      AllocatorFixture f = withElasticWeb(4);

      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  f.allocator.podScheduled(
                      pod("apps", "p0", "uid-1", "node2"), namespace("apps"), NODE1));

      assertTrue(e.getMessage().contains("spec.nodeName \"node2\""), e.getMessage());
      assertTrue(e.getMessage().contains("node1"), e.getMessage());
      assertEquals(0, f.cloud.callCount(CloudOperation.CREATE_NETWORK_INTERFACE));
    }

    @Test
    void podScheduled_whenTheNamespacePassedInIsNotThePods_isAClearError_issue13item11() {
      AllocatorFixture f = withElasticWeb(4);

      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  f.allocator.podScheduled(
                      pod("apps", "p0", "uid-1", "node1"), namespace("other"), NODE1));

      assertTrue(e.getMessage().contains("\"other\""), e.getMessage());
    }
  }

  /** A clock that may jump either way, for the allocator; the cloud keeps its own time. */
  static final class JumpingClock extends Clock {
    private final Clock base;
    private Duration offset = Duration.ZERO;
    private Instant pinned;

    JumpingClock(Clock base) {
      this.base = base;
    }

    void jump(Duration by) {
      offset = by;
      pinned = null;
    }

    void pin(Instant at) {
      pinned = at;
    }

    void back() {
      offset = Duration.ZERO;
      pinned = null;
    }

    @Override
    public Instant instant() {
      return pinned != null ? pinned : base.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @Nested
  @DisplayName("issue 13 item 12: clock jumps do not disable TTL releases or leak sweeps")
  class ClockJumps {

    @Test
    void ttlRelease_afterTheClockJumpedTenYearsAheadAndCameBack_stillHappens_issue13item12() {
      AllocatorFixture f = new AllocatorFixture();
      withFixedDb(f, AllocationType.fixedTtl(Duration.ofMinutes(5)));
      JumpingClock clock = new JumpingClock(f.clock);
      TrunkAllocator allocator = allocator(f, f.store, clock);
      allocator.podScheduled(f.statefulPod("apps", "db-0", DB, NODE1), namespace("apps"), NODE1);
      allocator.tick();

      clock.jump(Duration.ofDays(3653));
      allocator.tick();
      clock.back();
      allocator.podDeleted("apps", "db-0");

      Instant deleted = f.clock.instant();
      while (allocator.podEni("apps", "db-0").isPresent()
          && f.clock.instant().isBefore(deleted.plus(Duration.ofHours(1)))) {
        f.advance(Duration.ofSeconds(30));
        allocator.tick();
      }
      assertTrue(allocator.podEni("apps", "db-0").isEmpty(), "the TTL release still happens");
      assertFalse(
          f.clock.instant().isBefore(deleted.plus(Duration.ofMinutes(5))),
          "and never before the TTL since the pod went");
      assertEquals(0, allocator.capacity().used("i-node1"));
    }

    @Test
    void
        ttlRelease_whenTheClockWasADayBehindAsTheEniWasDetached_neverHappensBeforeTheTtl_issue13item12() {
      AllocatorFixture f = new AllocatorFixture();
      withFixedDb(f, AllocationType.fixedTtl(Duration.ofMinutes(5)));
      JumpingClock clock = new JumpingClock(f.clock);
      TrunkAllocator allocator = allocator(f, f.store, clock);
      allocator.podScheduled(f.statefulPod("apps", "db-0", DB, NODE1), namespace("apps"), NODE1);
      allocator.tick();
      allocator.podDeleted("apps", "db-0");
      Instant deleted = f.clock.instant();

      clock.jump(Duration.ofDays(-1));
      allocator.tick();
      clock.back();
      while (allocator.podEni("apps", "db-0").isPresent()
          && f.clock.instant().isBefore(deleted.plus(Duration.ofHours(1)))) {
        f.advance(Duration.ofSeconds(30));
        allocator.tick();
      }

      assertFalse(
          f.clock.instant().isBefore(deleted.plus(Duration.ofMinutes(5))),
          "podLastSeen never moves back with the clock");
      assertTrue(allocator.podEni("apps", "db-0").isEmpty());
    }

    @Test
    void
        vSwitchBlock_madeWhileTheClockWasTenYearsAhead_endsWithinTheCacheTtlOfItsReturn_issue13item12() {
      AllocatorFixture f = new AllocatorFixture();
      JumpingClock clock = new JumpingClock(f.clock);
      VSwitchPool pool = VSwitchPool.create(f.provider, clock, Duration.ofMinutes(20), 0);
      clock.jump(Duration.ofDays(3653));
      pool.get("vsw-h1");
      pool.block("vsw-h1");
      assertEquals(0, pool.get("vsw-h1").availableIpAddressCount());

      clock.back();

      assertTrue(
          pool.get("vsw-h1").availableIpAddressCount() > 0,
          "an entry described in the future is described again");
    }

    @Test
    void leakSweep_afterTheClockJumpedTenYearsAheadAndCameBack_stillDeletesLeaks_issue13item12() {
      AllocatorFixture f = new AllocatorFixture();
      JumpingClock clock = new JumpingClock(f.clock);
      TrunkAllocator allocator = allocator(f, f.store, clock);
      clock.jump(Duration.ofDays(3653));
      allocator.tick();
      clock.back();
      NetworkInterface leaked =
          f.cloud.createNetworkInterface(
              CreateNetworkInterfaceRequest.builder()
                  .vSwitchId("vsw-h1")
                  .securityGroupIds("sg-web")
                  .tag(AllocatorSettings.CLUSTER_TAG, AllocatorFixture.CLUSTER)
                  .tag(AllocatorSettings.CREATOR_TAG, AllocatorSettings.CREATOR)
                  .build());

      for (int i = 0; i < 6 && f.ourEniIds().contains(leaked.id()); i++) {
        f.advance(Duration.ofMinutes(10));
        allocator.tick();
      }

      assertFalse(f.ourEniIds().contains(leaked.id()), "swept within an hour of the return");
    }

    @Test
    void
        leakSweep_ofAnEniCreatedWhileTheAllocatorsClockIsBehind_waitsTheGuardAgeFromFirstSight_issue13item12() {
      AllocatorFixture f = new AllocatorFixture();
      JumpingClock clock = new JumpingClock(f.clock);
      clock.jump(Duration.ofDays(-1));
      TrunkAllocator allocator = allocator(f, f.store, clock);
      NetworkInterface leaked =
          f.cloud.createNetworkInterface(
              CreateNetworkInterfaceRequest.builder()
                  .vSwitchId("vsw-h1")
                  .securityGroupIds("sg-web")
                  .tag(AllocatorSettings.CLUSTER_TAG, AllocatorFixture.CLUSTER)
                  .tag(AllocatorSettings.CREATOR_TAG, AllocatorSettings.CREATOR)
                  .build());

      allocator.sweepLeaks();
      f.advance(Duration.ofMinutes(9));
      allocator.sweepLeaks();
      allocator.sweepLeaks();
      assertTrue(
          f.ourEniIds().contains(leaked.id()), "younger than the guard age since first seen");
      f.advance(Duration.ofMinutes(1));
      allocator.sweepLeaks();
      allocator.sweepLeaks();
      assertFalse(f.ourEniIds().contains(leaked.id()));
    }

    @Test
    void tick_atInstantMax_doesNotThrow_andTheSchedulesRecoverAfterwards_issue13item12() {
      AllocatorFixture f = withElasticWeb(4);
      JumpingClock clock = new JumpingClock(f.clock);
      TrunkAllocator allocator = allocator(f, f.store, clock);
      allocator.podScheduled(f.deploymentPod("apps", "p0", WEB, NODE1), namespace("apps"), NODE1);

      assertDoesNotThrow(() -> allocator.tick(Instant.MAX));
      clock.pin(Instant.MAX);
      assertDoesNotThrow(() -> allocator.tick());
      assertDoesNotThrow(() -> allocator.tick());
      clock.back();

      NetworkInterface leaked =
          f.cloud.createNetworkInterface(
              CreateNetworkInterfaceRequest.builder()
                  .vSwitchId("vsw-h1")
                  .securityGroupIds("sg-web")
                  .tag(AllocatorSettings.CLUSTER_TAG, AllocatorFixture.CLUSTER)
                  .tag(AllocatorSettings.CREATOR_TAG, AllocatorSettings.CREATOR)
                  .build());
      for (int i = 0; i < 6 && f.ourEniIds().contains(leaked.id()); i++) {
        f.advance(Duration.ofMinutes(10));
        allocator.tick();
      }
      assertFalse(f.ourEniIds().contains(leaked.id()), "the sweep runs again");
      assertEquals(
          PodEniPhase.BIND, allocator.podEni("apps", "p0").orElseThrow().status().get().phase());
      assertTrue(
          allocator
              .podScheduled(f.deploymentPod("apps", "p1", WEB, NODE1), namespace("apps"), NODE1)
              .isPresent(),
          "cloud calls are not rate-limited into the far future");
    }
  }
}
