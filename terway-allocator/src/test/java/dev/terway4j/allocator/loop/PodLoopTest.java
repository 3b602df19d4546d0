package dev.terway4j.allocator.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.allocator.AllocationException;
import dev.terway4j.allocator.AllocatorSettings;
import dev.terway4j.allocator.PodNetworkingReconciler;
import dev.terway4j.allocator.TrunkAllocator;
import dev.terway4j.cloud.fake.FakeClock;
import dev.terway4j.cloud.fake.FakeCloudProvider;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.model.Manifests;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.selector.PodNetworkingResolver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The operator loop in virtual and real time (issue 14 item 10, issue 15 item 1). */
@DisplayName("PodLoop (issue 14 item 10, issue 15 item 1)")
class PodLoopTest {
  private static final PodKey WEB = PodKey.of("default", "web-0");

  private final FakeClock fake = new FakeClock();
  private final VirtualLoopClock clock = VirtualLoopClock.of(fake, fake::advance);

  /** A reconciler that answers BUSY {@code busy} times, then binds the pod. */
  private static final class BusyThenBinds implements Reconciler {
    final int busy;
    final LoopClock clock;
    final List<Instant> attempts = new CopyOnWriteArrayList<>();
    final Map<PodKey, Boolean> bound = new ConcurrentHashMap<>();

    BusyThenBinds(int busy, LoopClock clock) {
      this.busy = busy;
      this.clock = clock;
    }

    @Override
    public Outcome reconcile(PodKey key) {
      attempts.add(clock.now());
      if (attempts.size() <= busy) {
        throw new AllocationException(
            AllocationException.Reason.BUSY, "pod " + key + ": previous PodENI releasing", null);
      }
      bound.put(key, true);
      return Outcome.done();
    }
  }

  /** Records what the listener hears. */
  private static final class Heard implements PodLoop.Listener {
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void succeeded(PodKey key) {
      events.add("succeeded " + key);
    }

    @Override
    public void retrying(PodKey key, int attempt, Duration delay, String reason) {
      events.add("retrying " + key + " #" + attempt + " in " + delay.toMillis() + "ms");
    }

    @Override
    public void gaveUp(PodKey key, int attempts, String reason) {
      events.add("gave up " + key + " after " + attempts);
    }
  }

  @Test
  void aPodBusyTwiceThenBound_isBoundAfterExactlyTheTwoBackoffs_inVirtualTime_issue14item10()
      throws Exception {
    BusyThenBinds reconciler = new BusyThenBinds(2, clock);
    Heard heard = new Heard();
    Instant start = clock.now();
    try (PodLoop loop =
        PodLoop.forReconciler(reconciler)
            .bound(key -> reconciler.bound.getOrDefault(key, false))
            .clock(clock)
            .rateLimiter(RateLimiters.exponential(Duration.ofMillis(5), Duration.ofSeconds(10)))
            .listener(heard)
            .build()) {
      loop.start();
      loop.enqueue(WEB);
      assertTrue(loop.awaitBound(WEB, Duration.ofMinutes(1)));

      assertEquals(
          List.of(start, start.plusMillis(5), start.plusMillis(15)),
          reconciler.attempts,
          "attempts at 0, then after 5 ms, then after 10 ms more");
      assertEquals(start.plusMillis(15), clock.now(), "virtual time stopped when it was bound");
      assertEquals(
          List.of(
              "retrying default/web-0 #1 in 5ms",
              "retrying default/web-0 #2 in 10ms",
              "succeeded default/web-0"),
          heard.events);
      assertEquals(0, loop.queue().numRequeues(WEB), "forgotten once it succeeded");
      PodLoop.Stats stats = loop.stats();
      assertEquals(2, stats.retries());
      assertEquals(1, stats.succeeded());
      assertEquals(0, stats.inFlight());
      assertEquals(PodLoop.DEFAULT_WORKERS, stats.workers());
    }
  }

  @Test
  void twoHundredPods_tenWorkers_allBound_noPodEverReconciledByTwoWorkersAtOnce_issue15item1()
      throws Exception {
    java.util.Random random = new java.util.Random(20261204L);
    Map<PodKey, Integer> busyFor = new ConcurrentHashMap<>();
    for (int i = 0; i < 200; i++) {
      busyFor.put(PodKey.of("apps", "pod-" + i), random.nextInt(4));
    }
    Map<PodKey, Integer> calls = new ConcurrentHashMap<>();
    Map<PodKey, Boolean> inside = new ConcurrentHashMap<>();
    Map<PodKey, Boolean> bound = new ConcurrentHashMap<>();
    List<String> violations = new CopyOnWriteArrayList<>();
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger mostConcurrent = new AtomicInteger();
    try (PodLoop loop =
        PodLoop.forReconciler(
                key -> {
                  if (inside.putIfAbsent(key, true) != null) {
                    violations.add(key.toString());
                  }
                  mostConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
                  try {
                    Thread.yield();
                    if (calls.merge(key, 1, Integer::sum) <= busyFor.get(key)) {
                      return Outcome.retry("BUSY");
                    }
                    bound.put(key, true);
                    return Outcome.done();
                  } finally {
                    concurrent.decrementAndGet();
                    inside.remove(key);
                  }
                })
            .bound(key -> bound.getOrDefault(key, false))
            .clock(clock)
            .build()) {
      loop.start();
      // Every pod enqueued three times, as informer updates would.
      for (int round = 0; round < 3; round++) {
        busyFor.keySet().forEach(loop::enqueue);
      }
      assertTrue(loop.await(() -> bound.size() == 200, Duration.ofMinutes(1)));
      assertEquals(List.of(), violations);
      long expectedRetries = busyFor.values().stream().mapToLong(Integer::intValue).sum();
      assertEquals(expectedRetries, loop.stats().retries());
      assertEquals(0, loop.stats().givenUp());
      assertTrue(mostConcurrent.get() <= PodLoop.DEFAULT_WORKERS);
    }
  }

  @Test
  void awaitBound_worksInRealTimeToo_issue14item10() throws Exception {
    try (SystemLoopClock system = LoopClock.system()) {
      BusyThenBinds reconciler = new BusyThenBinds(2, system);
      try (PodLoop loop =
          PodLoop.forReconciler(reconciler)
              .bound(key -> reconciler.bound.getOrDefault(key, false))
              .clock(system)
              .rateLimiter(RateLimiters.exponential(Duration.ofMillis(1), Duration.ofMillis(2)))
              .workers(3)
              .build()) {
        loop.start();
        loop.enqueue(WEB);
        // A generous bound that only a hang would reach; no timing is asserted.
        assertTrue(loop.awaitBound(WEB, Duration.ofMinutes(1)));
        assertEquals(3, reconciler.attempts.size());
      }
    }
  }

  @Test
  void aPodThatKeepsFailing_isGivenUpAfterMaxAttempts_andTheListenerHearsIt_issue14item10()
      throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Heard heard = new Heard();
    try (PodLoop loop =
        PodLoop.forReconciler(
                key -> {
                  calls.incrementAndGet();
                  return Outcome.retry("no free address");
                })
            .clock(clock)
            .maxAttempts(3)
            .listener(heard)
            .build()) {
      loop.start();
      loop.enqueue(WEB);
      assertFalse(loop.awaitBound(WEB, Duration.ofMinutes(1)));
      assertEquals(3, calls.get());
      assertEquals(
          List.of(
              "retrying default/web-0 #1 in 5ms",
              "retrying default/web-0 #2 in 10ms",
              "gave up default/web-0 after 3"),
          heard.events);
      assertEquals(1, loop.stats().givenUp());
      assertEquals(0, loop.queue().numRequeues(WEB));
      assertEquals(0, loop.stats().waiting());
    }
  }

  @Test
  void aFailureRetryingCannotFix_isGivenUpAtOnce() throws Exception {
    Heard heard = new Heard();
    try (PodLoop loop =
        PodLoop.forReconciler(
                key -> {
                  throw new AllocationException(
                      AllocationException.Reason.ZONE_MISMATCH, "zone differs", null);
                })
            .clock(clock)
            .listener(heard)
            .build()) {
      loop.start();
      loop.enqueue(WEB);
      assertFalse(loop.awaitBound(WEB, Duration.ofSeconds(10)));
      assertEquals(List.of("gave up default/web-0 after 1"), heard.events);
    }
  }

  @Test
  void retryAfter_waitsTheGivenDelay_withoutGrowingTheBackoff() throws Exception {
    List<Instant> attempts = new CopyOnWriteArrayList<>();
    Instant start = clock.now();
    try (PodLoop loop =
        PodLoop.forReconciler(
                key -> {
                  attempts.add(clock.now());
                  return attempts.size() < 3
                      ? Outcome.retryAfter(Duration.ofSeconds(7), "node not ready")
                      : Outcome.done();
                })
            .bound(key -> attempts.size() >= 3)
            .clock(clock)
            .build()) {
      loop.start();
      loop.enqueue(WEB);
      assertTrue(loop.awaitBound(WEB, Duration.ofMinutes(1)));
      assertEquals(List.of(start, start.plusSeconds(7), start.plusSeconds(14)), attempts);
    }
  }

  @Test
  void theTicker_runsEveryTickInterval_inVirtualTime() throws Exception {
    List<Instant> ticks = new CopyOnWriteArrayList<>();
    Instant start = clock.now();
    try (PodLoop loop =
        PodLoop.forReconciler(key -> Outcome.done())
            .ticker(() -> ticks.add(clock.now()))
            .tickInterval(Duration.ofSeconds(2))
            .bound(key -> ticks.size() >= 3)
            .clock(clock)
            .build()) {
      loop.start();
      assertTrue(loop.awaitBound(WEB, Duration.ofMinutes(1)));
      assertEquals(
          List.of(start.plusSeconds(2), start.plusSeconds(4), start.plusSeconds(6)), ticks);
      assertEquals(3, loop.stats().ticks());
    }
  }

  @Test
  void builder_refusesOutOfRangeSettings_andALoopStartsOnce() {
    assertThrows(
        IllegalArgumentException.class,
        () -> PodLoop.forReconciler(key -> Outcome.done()).workers(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> PodLoop.forReconciler(key -> Outcome.done()).workers(PodLoop.MAX_WORKERS + 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> PodLoop.forReconciler(key -> Outcome.done()).maxAttempts(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> PodLoop.forReconciler(key -> Outcome.done()).tickInterval(Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> Outcome.retryAfter(Duration.ofSeconds(-1), "negative"));
    PodLoop loop = PodLoop.forReconciler(key -> Outcome.done()).clock(clock).build();
    assertThrows(IllegalStateException.class, () -> loop.awaitBound(WEB, Duration.ZERO));
    loop.start();
    assertThrows(IllegalStateException.class, loop::start);
    loop.close();
    loop.close();
    assertFalse(loop.enqueue(WEB), "a closed loop takes no more pods");
  }

  // ------------------------------------------------------------------ with the allocator

  private static final String ELASTIC =
      "apiVersion: network.alibabacloud.com/v1beta1\n"
          + "kind: PodNetworking\n"
          + "metadata: {name: web}\n"
          + "spec:\n"
          + "  allocationType: {type: Elastic}\n"
          + "  selector:\n"
          + "    podSelector: {matchLabels: {app: web}}\n"
          + "  securityGroupIDs: [sg-web]\n"
          + "  vSwitchOptions: [vsw-pods]\n";

  private static final String OBJECTS =
      "apiVersion: v1\nkind: Namespace\nmetadata: {name: default}\n---\n"
          + "apiVersion: v1\nkind: Node\n"
          + "metadata:\n  name: node1\n  labels:\n"
          + "    topology.kubernetes.io/zone: cn-hangzhou-h\n"
          + "    node.kubernetes.io/instance-type: ecs.g7.large\n"
          + "  annotations: {k8s.aliyun.com/trunk-on: eni-trunk1}\n"
          + "spec: {providerID: cn-hangzhou.i-node1}\n---\n"
          + "apiVersion: v1\nkind: Pod\n"
          + "metadata:\n  name: web-0\n  namespace: default\n  uid: u1\n"
          + "  labels: {app: web}\n"
          + "spec: {nodeName: node1}\n";

  /** Pods, namespaces and nodes as an informer's cache would hold them. */
  private static final class Cache implements PodCache {
    final Map<String, Pod> pods = new ConcurrentHashMap<>();
    final Map<String, Namespace> namespaces = new ConcurrentHashMap<>();
    final Map<String, Node> nodes = new ConcurrentHashMap<>();

    @Override
    public Optional<Pod> pod(String namespace, String name) {
      return Optional.ofNullable(pods.get(namespace + "/" + name));
    }

    @Override
    public Optional<Namespace> namespace(String name) {
      return Optional.ofNullable(namespaces.get(name));
    }

    @Override
    public Optional<Node> node(String name) {
      return Optional.ofNullable(nodes.get(name));
    }
  }

  private TrunkAllocator allocator() {
    FakeCloudProvider cloud =
        FakeCloudProvider.builder()
            .clock(fake)
            .attachDelay(Duration.ofSeconds(3))
            .deleteDelay(Duration.ofSeconds(2))
            .zone("cn-hangzhou-h")
            .vpc("vpc-demo")
            .vSwitch("vsw-node", "vpc-demo", "cn-hangzhou-h", "10.0.0.0/24")
            .vSwitch("vsw-pods", "vpc-demo", "cn-hangzhou-h", "10.0.1.0/24")
            .securityGroup("sg-web", "vpc-demo")
            .instanceType(new InstanceType("ecs.g7.large", 3, 10, true, 10, 10))
            .instance("i-node1", "ecs.g7.large", "vsw-node", "sg-web")
            .trunkNetworkInterface("eni-trunk1", "i-node1", "vsw-node", "sg-web")
            .build();
    PodNetworkingResolver resolver = PodNetworkingResolver.of(List.of());
    TrunkAllocator allocator =
        TrunkAllocator.builder(cloud, resolver, AllocatorSettings.builder("c-demo").build())
            .clock(fake)
            .waiter(fake::advance)
            .build();
    PodNetworking pn = Manifests.readOne(ELASTIC, PodNetworking.class);
    resolver.put(
        new PodNetworkingReconciler(allocator.vSwitchPool()).reconcile(pn, fake.instant()).get());
    return allocator;
  }

  private static Cache cache() {
    Cache cache = new Cache();
    List<?> objects = Manifests.read(OBJECTS);
    cache.namespaces.put("default", (Namespace) objects.get(0));
    cache.nodes.put("node1", (Node) objects.get(1));
    cache.pods.put("default/web-0", (Pod) objects.get(2));
    return cache;
  }

  @Test
  void forAllocator_aScheduledPodIsBoundOnceATickSeesItsEniInUse_inVirtualTime_issue14item10()
      throws Exception {
    TrunkAllocator allocator = allocator();
    Instant start = clock.now();
    try (PodLoop loop = PodLoop.forAllocator(allocator, cache()).clock(clock).build()) {
      loop.start();
      loop.enqueue(WEB);
      assertTrue(loop.awaitBound("default", "web-0", Duration.ofMinutes(1)));
      // The attach takes 3 s on the fake; the first tick at or after that binds it.
      assertEquals(start.plusSeconds(3), clock.now());
      assertEquals(1, loop.stats().succeeded());
    }
  }

  @Test
  void forAllocator_aPodRecreatedUnderItsName_isBusyUntilItsOldEniIsGone_thenBound_issue14item10()
      throws Exception {
    TrunkAllocator allocator = allocator();
    Cache cache = cache();
    Heard heard = new Heard();
    try (PodLoop loop =
        PodLoop.forAllocator(allocator, cache).clock(clock).listener(heard).build()) {
      loop.start();
      loop.enqueue(WEB);
      assertTrue(loop.awaitBound(WEB, Duration.ofMinutes(1)));
      String firstEni = eniOf(allocator.podEni("default", "web-0").orElseThrow());

      // A new pod object under the same name (a new UID): the old Elastic ENI goes first.
      String recreated = OBJECTS.substring(OBJECTS.lastIndexOf("apiVersion")).replace("u1", "u2");
      cache.pods.put("default/web-0", Manifests.readOne(recreated, Pod.class));
      loop.enqueue(WEB);
      assertTrue(
          loop.await(
              () ->
                  loop.isBound(WEB)
                      && !firstEni.equals(eniOf(allocator.podEni("default", "web-0").get())),
              Duration.ofMinutes(5)));

      PodEni again = allocator.podEni("default", "web-0").orElseThrow();
      assertNotEquals(firstEni, eniOf(again), "a new ENI for the new pod");
      assertTrue(loop.stats().retries() >= 1, "it came back BUSY at least once: " + heard.events);
      assertTrue(
          heard.events.stream().anyMatch(e -> e.startsWith("retrying default/web-0 #1 in 5ms")),
          heard.events.toString());
      assertEquals(0, loop.stats().givenUp());
    }
  }

  private static String eniOf(PodEni record) {
    return record.spec().allocations().get(0).eni().id();
  }

  @Test
  void forAllocator_aPodGoneFromTheCache_isHandledAsDeleted() throws Exception {
    TrunkAllocator allocator = allocator();
    Cache cache = cache();
    try (PodLoop loop = PodLoop.forAllocator(allocator, cache).clock(clock).build()) {
      loop.start();
      loop.enqueue(WEB);
      assertTrue(loop.awaitBound(WEB, Duration.ofMinutes(1)));
      cache.pods.clear();
      loop.enqueue(WEB);
      assertTrue(
          loop.await(() -> allocator.podEni("default", "web-0").isEmpty(), Duration.ofMinutes(1)),
          "its PodENI is released once the ENI is deleted");
      assertFalse(loop.awaitBound(WEB, Duration.ZERO));
    }
  }
}
