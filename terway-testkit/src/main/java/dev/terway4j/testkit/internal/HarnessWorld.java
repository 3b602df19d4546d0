package dev.terway4j.testkit.internal;

import dev.terway4j.allocator.AllocatorSettings;
import dev.terway4j.allocator.PodEniStore;
import dev.terway4j.allocator.TrunkAllocator;
import dev.terway4j.allocator.audit.AuditReport;
import dev.terway4j.allocator.audit.EniAudit;
import dev.terway4j.cloud.fake.FakeClock;
import dev.terway4j.cloud.fake.FakeCloudProvider;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.model.ImmutablePodSpec;
import dev.terway4j.model.Labels;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.ObjectMeta;
import dev.terway4j.model.OwnerReference;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.selector.PodNetworkingResolver;
import dev.terway4j.testkit.CloudScenario;
import dev.terway4j.testkit.PodController;
import dev.terway4j.testkit.SimulatedCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The system under test of one harness try: the simulated cluster and the controller living in it,
 * replaced on every restart. Not thread-safe; one per try.
 */
public final class HarnessWorld implements SimulatedCluster, AutoCloseable {
  /** The namespace of every pod. */
  public static final String NAMESPACE = "apps";

  /** The cluster id of every sequence. */
  public static final String CLUSTER_ID = "c-t4jharness";

  private static final int START_ATTEMPTS = 30;
  private static final Duration SETTLE_STEP = Duration.ofMinutes(2);
  private static final List<CloudOperation> FAULTABLE =
      List.of(
          CloudOperation.CREATE_NETWORK_INTERFACE,
          CloudOperation.ATTACH_NETWORK_INTERFACE,
          CloudOperation.DETACH_NETWORK_INTERFACE,
          CloudOperation.DELETE_NETWORK_INTERFACE,
          CloudOperation.DESCRIBE_NETWORK_INTERFACES);

  private final HarnessConfig config;
  private final FakeClock clock = new FakeClock();
  private final JumpingClock controllerClock = new JumpingClock(clock);
  private final FailingPodEniStore store = new FailingPodEniStore();
  private final Namespace namespace =
      Namespace.builder().metadata(ObjectMeta.builder().name(NAMESPACE).build()).build();
  private final Map<String, Pod> pods = new LinkedHashMap<>();
  private final Map<String, Node> podNodes = new LinkedHashMap<>();
  private final Map<CloudOperation, Integer> latencySteps = new EnumMap<>(CloudOperation.class);
  HarnessModel model;
  private CloudScenario scenario;
  private List<PodNetworking> podNetworkings = List.of();
  private FakeCloudProvider fake;
  private CrashingCloud cloud;
  private PodNetworkingResolver resolver;
  private AllocatorSettings settings;
  private List<Node> nodes = List.of();
  private PodController controller;
  private long uids;
  private int faultsAddedThisStep;

  /**
   * Creates an empty world; the setup step fills it.
   *
   * @param config the run's configuration
   */
  public HarnessWorld(HarnessConfig config) {
    this.config = config;
  }

  // ------------------------------------------------------------------ SimulatedCluster

  @Override
  public CloudScenario scenario() {
    return scenario;
  }

  @Override
  public List<PodNetworking> podNetworkings() {
    return podNetworkings;
  }

  @Override
  public CloudProvider cloud() {
    return cloud;
  }

  @Override
  public FakeCloudProvider fakeCloud() {
    return fake;
  }

  @Override
  public FakeClock clock() {
    return clock;
  }

  @Override
  public JumpingClock controllerClock() {
    return controllerClock;
  }

  @Override
  public PodEniStore store() {
    return store;
  }

  FailingPodEniStore failingStore() {
    return store;
  }

  @Override
  public PodNetworkingResolver resolver() {
    return resolver;
  }

  @Override
  public AllocatorSettings settings() {
    return settings;
  }

  @Override
  public Namespace namespace() {
    return namespace;
  }

  @Override
  public List<Node> nodes() {
    return nodes;
  }

  @Override
  public TrunkAllocator.Builder allocatorBuilder() {
    return TrunkAllocator.builder(cloud, resolver, settings)
        .clock(controllerClock)
        .waiter(clock::advance)
        .store(store);
  }

  @Override
  public AuditReport audit() {
    return EniAudit.forCluster(settings.clusterId())
        .audit(store.list(), fake.networkInterfaces(), clock.instant());
  }

  // ------------------------------------------------------------------ steps

  PodController controller() {
    return controller;
  }

  HarnessConfig config() {
    return config;
  }

  void setUp(HarnessModel model, CloudScenario scenario, List<PodNetworking> podNetworkings) {
    this.model = model;
    this.scenario = scenario;
    this.podNetworkings = List.copyOf(podNetworkings);
    this.fake = scenario.newCloud(clock);
    this.cloud = new CrashingCloud(fake);
    this.resolver = PodNetworkingResolver.of(podNetworkings);
    this.settings =
        AllocatorSettings.builder(CLUSTER_ID).vpcId(scenario.vpcId()).seed(scenario.seed()).build();
    this.nodes = scenario.kubernetesNodes();
    this.controller = start();
  }

  /** Runs one step's body, counting the injected faults it met. */
  void step(ThrowingRunnable body) throws Exception {
    long pendingBefore = pendingFaults();
    long crashesBefore = cloud == null ? 0 : cloud.fired();
    Map<CloudOperation, Long> callsBefore = fake == null ? Map.of() : fake.callCounts();
    faultsAddedThisStep = 0;
    body.run();
    long consumed = 0;
    if (fake != null) {
      consumed = pendingBefore + faultsAddedThisStep - pendingFaults();
      consumed += cloud.fired() - crashesBefore;
      Map<CloudOperation, Long> callsAfter = fake.callCounts();
      for (CloudOperation op : new ArrayList<>(latencySteps.keySet())) {
        consumed += callsAfter.getOrDefault(op, 0L) - callsBefore.getOrDefault(op, 0L);
        int left = latencySteps.get(op) - 1;
        if (left <= 0) {
          latencySteps.remove(op);
          fake.faults().latency(op, Duration.ZERO);
        } else {
          latencySteps.put(op, left);
        }
      }
    }
    config.stats().steps.incrementAndGet();
    if (consumed > 0) {
      config.stats().faultedSteps.incrementAndGet();
      config.stats().injectedFaults.addAndGet(consumed);
    }
  }

  /** A step body. */
  @FunctionalInterface
  interface ThrowingRunnable {
    void run() throws Exception;
  }

  private long pendingFaults() {
    if (fake == null) {
      return 0;
    }
    long pending = 0;
    for (CloudOperation op : FAULTABLE) {
      pending += fake.faults().pendingCount(op);
    }
    return pending + store.pending();
  }

  void faultsAdded(int count) {
    faultsAddedThisStep += count;
  }

  void latency(CloudOperation operation, Duration latency, int steps) {
    fake.faults().latency(operation, latency);
    latencySteps.put(operation, steps);
  }

  CrashingCloud crashingCloud() {
    return cloud;
  }

  /** Schedules a pod (a new pod object, new UID) to a node, honouring a Fixed pod's zone. */
  void schedule(String name, int nodeIndex) throws Exception {
    Node requested = nodes.get(nodeIndex % nodes.size());
    Node node = requested;
    Optional<String> zone =
        store
            .get(NAMESPACE, name)
            .filter(PodEni::fixedIp)
            .map(r -> r.spec().zone())
            .filter(z -> !z.isEmpty());
    if (zone.isPresent() && !zone.get().equals(requested.metadata().labels().get(Labels.ZONE))) {
      // The admission hints make the previous zone a required node affinity: the scheduler obeys.
      node =
          nodes.stream()
              .filter(n -> zone.get().equals(n.metadata().labels().get(Labels.ZONE)))
              .findFirst()
              .orElse(requested);
    }
    String app = HarnessModel.app(name);
    String ownerKind = model.fixed(name) ? "StatefulSet" : "ReplicaSet";
    Pod pod =
        Pod.builder()
            .metadata(
                ObjectMeta.builder()
                    .namespace(NAMESPACE)
                    .name(name)
                    .uid("uid-" + ++uids)
                    .putLabels("app", app)
                    .addOwnerReferences(OwnerReference.of(ownerKind, app))
                    .build())
            .spec(ImmutablePodSpec.builder().nodeName(node.metadata().name()).build())
            .build();
    pods.put(name, pod);
    podNodes.put(name, node);
    Node target = node;
    deliver(() -> controller.podScheduled(pod, namespace, target));
  }

  void delete(String name) throws Exception {
    Pod pod = pods.remove(name);
    podNodes.remove(name);
    if (pod != null) {
      deliver(() -> controller.podDeleted(pod));
    }
  }

  /** Moves the clock, tells the controller, and re-delivers every live pod (a resync). */
  void advance(Duration duration) throws Exception {
    clock.advance(duration);
    resync();
  }

  Optional<Node> nodeOf(String pod) {
    return Optional.ofNullable(podNodes.get(pod));
  }

  void restart() {
    stop();
    config.stats().restarts.incrementAndGet();
    controller = start();
  }

  private void stop() {
    PodController old = controller;
    controller = null;
    if (old != null) {
      try {
        old.close();
      } catch (RuntimeException | SimulatedCrash e) {
        // A controller that dies while stopping is as stopped as one that does not.
      }
    }
  }

  private PodController start() {
    Throwable last = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      try {
        PodController started = config.factory().apply(this);
        if (started == null) {
          throw new IllegalStateException("the controller factory returned null");
        }
        return started;
      } catch (SimulatedCrash crash) {
        config.stats().crashes.incrementAndGet();
        last = crash;
      } catch (RuntimeException e) {
        if (!tolerates(e)) {
          throw e;
        }
        config.stats().tolerated.incrementAndGet();
        last = e;
        clock.advance(Duration.ofSeconds(1));
      }
    }
    throw new AssertionError(
        "the controller could not be started in " + START_ATTEMPTS + " attempts", last);
  }

  /** Delivers one event; a crash restarts the controller, a tolerated exception is a requeue. */
  private void deliver(ThrowingRunnable event) throws Exception {
    try {
      event.run();
    } catch (SimulatedCrash crash) {
      config.stats().crashes.incrementAndGet();
      restart();
    } catch (Exception e) {
      if (!tolerates(e)) {
        throw e;
      }
      config.stats().tolerated.incrementAndGet();
    }
  }

  /** A requeue: what the configuration tolerates, and the harness's own store refusals. */
  private boolean tolerates(Throwable e) {
    return config.tolerates(e) || e instanceof FailingPodEniStore.InjectedStoreFailure;
  }

  /**
   * Makes the controller's clock jump (ahead by {@code by}, or to {@code pinned} if not null), lets
   * the controller see time pass and the live pods again, then brings the clock back and does the
   * same; the model's last-seen times from the jump count from the return.
   */
  void jumpClock(Duration by, Instant pinned) throws Exception {
    if (pinned != null) {
      controllerClock.pin(pinned);
    } else {
      controllerClock.jump(by);
    }
    try {
      resync();
      // Releases during the jump are judged at the time the controller saw.
      HarnessInvariants.checkFixedIps(model, store.list(), controllerClock.instant());
    } finally {
      controllerClock.back();
    }
    Instant now = controllerClock.instant();
    model.lastBoundLive.replaceAll((pod, seen) -> seen.isAfter(now) ? now : seen);
    resync();
  }

  /**
   * Delivers pods whose namespace and name, joined with a {@code /}, are those of a pod of the
   * sequence (and share its UID): a controller must reject them (an {@link
   * IllegalArgumentException} or a tolerated exception) or ignore them, never give them an ENI.
   */
  void deliverCollidingPods(String existing, int nodeIndex) throws Exception {
    Node node = nodes.get(nodeIndex % nodes.size());
    Pod original = pods.get(existing);
    String uid = original == null ? "uid-collide" : original.metadata().uid();
    // "apps" + "web-0" joins to what "apps/web" + "0" and "apps" + "web/0" would.
    int dash = existing.lastIndexOf('-');
    String head = existing.substring(0, dash);
    String tail = existing.substring(dash + 1);
    List<String[]> colliding =
        List.of(
            new String[] {NAMESPACE + "/" + head, tail},
            new String[] {NAMESPACE, head + "/" + tail},
            new String[] {NAMESPACE + "/" + existing, ""},
            new String[] {"", NAMESPACE + "/" + existing});
    for (String[] identity : colliding) {
      Namespace ns =
          Namespace.builder().metadata(ObjectMeta.builder().name(identity[0]).build()).build();
      Pod pod =
          Pod.builder()
              .metadata(
                  ObjectMeta.builder()
                      .namespace(identity[0])
                      .name(identity[1])
                      .uid(uid)
                      .putLabels("app", HarnessModel.app(existing))
                      .addOwnerReferences(
                          OwnerReference.of(
                              model.fixed(existing) ? "StatefulSet" : "ReplicaSet",
                              HarnessModel.app(existing)))
                      .build())
              .spec(ImmutablePodSpec.builder().nodeName(node.metadata().name()).build())
              .build();
      rejectedOrIgnored(() -> controller.podScheduled(pod, ns, node));
      rejectedOrIgnored(() -> controller.podDeleted(pod));
      if (store.get(identity[0], identity[1]).isPresent()) {
        throw new AssertionError(
            "the pod with namespace '"
                + identity[0]
                + "' and name '"
                + identity[1]
                + "' (colliding with "
                + NAMESPACE
                + "/"
                + existing
                + ") got a PodENI");
      }
    }
  }

  private void rejectedOrIgnored(ThrowingRunnable event) throws Exception {
    try {
      deliver(event);
    } catch (IllegalArgumentException e) {
      config.stats().tolerated.incrementAndGet();
    }
  }

  /** The controller hears time passed and every live pod again (a resync). */
  private void resync() throws Exception {
    deliver(() -> controller.timePassed());
    for (String name : new ArrayList<>(pods.keySet())) {
      Pod pod = pods.get(name);
      Node node = podNodes.get(name);
      if (pod != null) {
        deliver(() -> controller.podScheduled(pod, namespace, node));
      }
    }
  }

  // ------------------------------------------------------------------ convergence

  /**
   * Ends the try: faults stop, time passes with resyncs until the records and the cloud are settled
   * and every live pod has what it can have; fails if they never are.
   */
  @Override
  public void close() throws Exception {
    if (model == null || !model.ready) {
      return;
    }
    try {
      fake.faults().clear();
      store.clear();
      controllerClock.back();
      latencySteps.clear();
      cloud.disarm();
      List<String> problems = List.of();
      AuditReport report = null;
      for (int round = 0; round < config.settleRounds(); round++) {
        advance(SETTLE_STEP);
        config.stats().settleRounds.incrementAndGet();
        HarnessInvariants.check(model, this);
        report = audit();
        problems = HarnessInvariants.unsettled(model, this, report);
        if (problems.isEmpty()) {
          return;
        }
      }
      throw new AssertionError(
          "did not converge within "
              + config.settleRounds()
              + " clock advances of "
              + SETTLE_STEP
              + " after faults stopped:\n  "
              + String.join("\n  ", problems)
              + "\n  audit: "
              + report);
    } finally {
      stop();
    }
  }

  @Override
  public String toString() {
    return "HarnessWorld{" + scenario + "}";
  }
}
