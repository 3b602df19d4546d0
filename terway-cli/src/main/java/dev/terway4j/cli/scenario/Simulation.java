package dev.terway4j.cli.scenario;

import static com.google.common.base.Preconditions.checkNotNull;
import static dev.terway4j.model.ControlCharacters.escaped;

import dev.terway4j.allocator.AllocationException;
import dev.terway4j.allocator.AllocatorEvent;
import dev.terway4j.allocator.AllocatorSettings;
import dev.terway4j.allocator.InMemoryPodEniStore;
import dev.terway4j.allocator.PodNetworkingReconciler;
import dev.terway4j.allocator.TrunkAllocator;
import dev.terway4j.cli.scenario.Scenario.Expectation;
import dev.terway4j.cloud.fake.FakeCall;
import dev.terway4j.cloud.fake.FakeClock;
import dev.terway4j.cloud.fake.FakeCloudProvider;
import dev.terway4j.cloud.fake.FakeTopology;
import dev.terway4j.cloud.fake.FakeTopologyException;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceStatus;
import dev.terway4j.cloud.spi.NetworkInterfaceType;
import dev.terway4j.model.Allocation;
import dev.terway4j.model.Annotations;
import dev.terway4j.model.EniInfo;
import dev.terway4j.model.ImmutableObjectMeta;
import dev.terway4j.model.ImmutablePodSpec;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.ObjectMeta;
import dev.terway4j.model.OwnerReference;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.PodNetworkingStatus;
import dev.terway4j.selector.AdmissionHints;
import dev.terway4j.selector.AdmissionResult;
import dev.terway4j.selector.AdmissionSettings;
import dev.terway4j.selector.PodNetworkingResolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link Scenario} on the in-memory cloud, step by step: the real {@link TrunkAllocator}
 * against a {@link FakeCloudProvider} in virtual time (a {@link FakeClock}; rate-limit and backoff
 * waits advance it, nothing sleeps), with Terway's pod webhook ({@link AdmissionHints}) deciding
 * each pod's PodNetworking and zone affinity first, and the PodNetworking controller ({@link
 * PodNetworkingReconciler}) computing each PodNetworking's status at the start.
 *
 * <p>After each step it reports, per pod concerned, the PodNetworking chosen, the vSwitch, ENI, IP,
 * VLAN id and PodENI phase, the allocator's events, and the outcome of each expectation. The same
 * scenario and seed give the same run.
 *
 * <p>Not thread-safe: one simulation is driven by one thread.
 */
public final class Simulation {

  /** The error of a pod whose node is outside the zone affinity the webhook gave it. */
  public static final String UNSCHEDULABLE = "UNSCHEDULABLE";

  /** The error of a pod the webhook rejects (for example a Fixed network for a Deployment pod). */
  public static final String REJECTED = "REJECTED";

  private static final Logger log = LoggerFactory.getLogger(Simulation.class);
  private static final int MAX_SETTLE_TICKS = 60;
  private static final String NODE_SECURITY_GROUP = "sg-terway4j-nodes";

  private final Scenario scenario;
  private final FakeClock clock;
  private final Instant start;
  private final FakeCloudProvider cloud;
  private final PodNetworkingResolver resolver;
  private final InMemoryPodEniStore store = new InMemoryPodEniStore();
  private final AllocatorSettings settings;
  private final List<AllocatorEvent> events = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  private final Map<String, Scenario.Node> nodeSpecs = new LinkedHashMap<>();
  private final Map<String, Namespace> namespaces = new HashMap<>();
  private final Map<String, PodState> pods = new HashMap<>();
  private final List<PodNetworking> podNetworkings = new ArrayList<>();
  private TrunkAllocator allocator;
  private int eventsSeen;
  private long uids;

  /** What the simulation remembers of a pod across steps. */
  private static final class PodState {
    String podNetworking = "";
    boolean ambiguous;
    List<String> candidates = List.of();
    final List<String> ips = new ArrayList<>();
    final List<String> enis = new ArrayList<>();
    String error = "";
    String errorMessage = "";
    boolean awaitingBind;
  }

  /**
   * One pod's state after a step, as the timeline shows it.
   *
   * @param pod {@code namespace/name}, or {@code ""} for a step that concerns no pod
   * @param podNetworking the PodNetworking the webhook chose, {@code ""} for none
   * @param ambiguous whether several PodNetworkings matched
   * @param candidates every PodNetworking that matched
   * @param vSwitch the vSwitch of its ENI
   * @param eni its ENI
   * @param ip its IPv4 address
   * @param vlan the VLAN id of its attachment, if attached
   * @param phase its PodENI phase ({@code Bind}, ...), {@code none} without a PodENI
   * @param node the node its PodENI is bound to, {@code ""} when unbound
   * @param error why the step's allocation failed, {@code ""} when it did not
   * @param errorMessage the failure's message
   * @param events the allocator's events for this pod during the step, oldest first
   */
  public record PodRow(
      String pod,
      String podNetworking,
      boolean ambiguous,
      List<String> candidates,
      String vSwitch,
      String eni,
      String ip,
      OptionalInt vlan,
      String phase,
      String node,
      String error,
      String errorMessage,
      List<String> events) {

    /** Copies the lists. */
    public PodRow {
      candidates = List.copyOf(candidates);
      events = List.copyOf(events);
    }
  }

  /**
   * The outcome of one expectation field.
   *
   * @param path where it is in the file, e.g. {@code steps[3].expect.phase}
   * @param held whether it held
   * @param message what was expected and what was found
   */
  public record CheckResult(String path, boolean held, String message) {}

  /**
   * What one step did.
   *
   * @param step the step
   * @param elapsed virtual time since the start of the scenario, after the step
   * @param rows one per pod concerned (at least one)
   * @param checks every expectation field's outcome, and any unexpected failure
   */
  public record StepResult(
      Scenario.Step step, Duration elapsed, List<PodRow> rows, List<CheckResult> checks) {

    /** Copies the lists. */
    public StepResult {
      rows = List.copyOf(rows);
      checks = List.copyOf(checks);
    }

    /** Returns whether every check held. */
    public boolean passed() {
      return checks.stream().allMatch(CheckResult::held);
    }
  }

  /**
   * A PodNetworking as the controller left it at the start.
   *
   * @param name its name
   * @param ready whether it is Ready
   * @param message the controller's message, or its vSwitch zones when Ready
   */
  public record PodNetworkingState(String name, boolean ready, String message) {}

  /**
   * The state at the end of a run.
   *
   * @param podEnis every PodENI record, by namespace and name
   * @param calls cloud calls per API, as the cloud counted them (every API present)
   * @param failedCalls failed cloud calls per API (every API present)
   * @param clusterEnis ENIs tagged with the cluster still in the cloud
   * @param leakedEnis those of them no PodENI references
   * @param elapsed virtual time since the start
   */
  public record Summary(
      List<PodEni> podEnis,
      Map<CloudOperation, Long> calls,
      Map<CloudOperation, Long> failedCalls,
      List<String> clusterEnis,
      List<String> leakedEnis,
      Duration elapsed) {

    /** Copies the collections. */
    public Summary {
      podEnis = List.copyOf(podEnis);
      calls = Collections.unmodifiableMap(new EnumMap<>(calls));
      failedCalls = Collections.unmodifiableMap(new EnumMap<>(failedCalls));
      clusterEnis = List.copyOf(clusterEnis);
      leakedEnis = List.copyOf(leakedEnis);
    }
  }

  private Simulation(Scenario scenario) {
    this.scenario = scenario;
    this.clock = new FakeClock();
    this.start = clock.instant();
    this.cloud = buildCloud(scenario, clock);
    this.settings =
        AllocatorSettings.builder(scenario.cloud().clusterId())
            .vpcId(scenario.cloud().vpcId())
            .seed(scenario.seed())
            .build();
    this.resolver = PodNetworkingResolver.of(List.of());
    this.allocator = newAllocator();
    FakeTopology topology = topology(scenario);
    for (Scenario.Node n : scenario.nodes()) {
      nodeSpecs.put(n.name(), n);
      nodes.put(n.name(), topology.kubernetesNode(topology.node(n.name())));
    }
    for (Scenario.Namespace ns : scenario.namespaces()) {
      namespaces.put(ns.name(), namespace(ns.name(), ns.labels()));
    }
    // The PodNetworking controller: status Ready with the vSwitch zones, or Fail.
    PodNetworkingReconciler reconciler = new PodNetworkingReconciler(allocator.vSwitchPool());
    for (PodNetworking pn : scenario.podNetworkings()) {
      PodNetworking synced = reconciler.reconcile(pn, clock.instant()).orElse(pn);
      podNetworkings.add(synced);
      resolver.put(synced);
    }
  }

  /**
   * Sets up a scenario's cloud, nodes, namespaces and PodNetworkings; no step is run yet.
   *
   * @param scenario the scenario
   * @return the simulation
   * @throws ScenarioException if the cloud cannot be built as declared
   */
  public static Simulation start(Scenario scenario) {
    checkNotNull(scenario, "scenario");
    return new Simulation(scenario);
  }

  /**
   * Returns the scenario.
   *
   * @return the scenario
   */
  public Scenario scenario() {
    return scenario;
  }

  /**
   * Returns the simulated cloud, as the steps run so far left it.
   *
   * @return the cloud
   */
  public FakeCloudProvider cloud() {
    return cloud;
  }

  /**
   * Returns the simulation's virtual time now.
   *
   * @return the instant
   */
  public Instant now() {
    return clock.instant();
  }

  /**
   * Returns each PodNetworking as the controller left it at the start, by name.
   *
   * @return the states
   */
  public List<PodNetworkingState> podNetworkingStates() {
    List<PodNetworkingState> states = new ArrayList<>();
    for (PodNetworking pn : podNetworkings) {
      Optional<PodNetworkingStatus> status = pn.status();
      String message =
          pn.ready()
              ? status.get().vSwitches().stream()
                  .map(v -> v.id() + " in " + v.zone())
                  .collect(Collectors.joining(", "))
              : status.map(PodNetworkingStatus::message).orElse("no status");
      states.add(new PodNetworkingState(pn.metadata().name(), pn.ready(), message));
    }
    states.sort(Comparator.comparing(PodNetworkingState::name));
    return states;
  }

  /**
   * Runs every step, handing each result to {@code onStep} as it completes.
   *
   * @param onStep receives each step's result
   * @return the results, in order
   */
  public List<StepResult> runAll(java.util.function.Consumer<StepResult> onStep) {
    List<StepResult> results = new ArrayList<>();
    for (Scenario.Step step : scenario.steps()) {
      StepResult result = run(step);
      results.add(result);
      onStep.accept(result);
    }
    return results;
  }

  /**
   * Runs one step and checks its expectations.
   *
   * @param step the step
   * @return what it did
   */
  public StepResult run(Scenario.Step step) {
    log.debug("step {}: {}", step.number(), escaped(step.action().describe()));
    Set<String> concerned = new LinkedHashSet<>();
    List<CheckResult> checks = new ArrayList<>();
    Scenario.Action action = step.action();
    if (action instanceof Scenario.CreatePods c) {
      for (String name : c.names()) {
        concerned.add(c.namespace() + "/" + name);
        create(c, name);
      }
    } else if (action instanceof Scenario.DeletePods d) {
      for (String name : d.names()) {
        concerned.add(d.namespace() + "/" + name);
        allocator.podDeleted(d.namespace(), name);
      }
    } else if (action instanceof Scenario.ReleasePodEni r) {
      concerned.add(r.namespace() + "/" + r.name());
      allocator.release(r.namespace(), r.name());
    } else if (action instanceof Scenario.Advance a) {
      advance(a.duration(), a.tickEvery());
    } else if (action instanceof Scenario.InjectFault f) {
      inject(f);
    } else if (action instanceof Scenario.Restart) {
      allocator = newAllocator();
      allocator.recover();
    }
    boolean eventStep =
        action instanceof Scenario.CreatePods
            || action instanceof Scenario.DeletePods
            || action instanceof Scenario.ReleasePodEni
            || action instanceof Scenario.Restart;
    if (eventStep && step.settle()) {
      settleAll();
    }
    List<AllocatorEvent> stepEvents = drainEvents();
    for (AllocatorEvent event : stepEvents) {
      if (!event.name().isEmpty()) {
        concerned.add(event.namespace() + "/" + event.name());
      }
    }
    for (Expectation expectation : step.expectations()) {
      expectation.pod().ifPresent(concerned::add);
    }
    List<PodRow> rows = new ArrayList<>();
    for (String key : concerned) {
      rows.add(row(key, stepEvents));
    }
    List<String> unowned =
        stepEvents.stream().filter(e -> e.name().isEmpty()).map(Simulation::describe).toList();
    if (rows.isEmpty() || !unowned.isEmpty()) {
      rows.add(
          new PodRow(
              "", "", false, List.of(), "", "", "", OptionalInt.empty(), "", "", "", "", unowned));
    }
    recordBinds();
    if (step.action() instanceof Scenario.CreatePods c) {
      for (String name : c.names()) {
        unexpectedFailure(step, c.namespace() + "/" + name).ifPresent(checks::add);
      }
    }
    for (Expectation expectation : step.expectations()) {
      checks.addAll(check(expectation));
    }
    return new StepResult(step, Duration.between(start, clock.instant()), rows, checks);
  }

  /**
   * Returns the state now: PodENI records, cloud calls, the cluster's ENIs and leaks.
   *
   * @return the summary
   */
  public Summary summary() {
    List<PodEni> records = new ArrayList<>(store.list());
    records.sort(
        Comparator.comparing((PodEni p) -> p.metadata().namespace())
            .thenComparing(p -> p.metadata().name()));
    Map<CloudOperation, Long> calls = new EnumMap<>(CloudOperation.class);
    Map<CloudOperation, Long> failed = new EnumMap<>(CloudOperation.class);
    for (CloudOperation op : CloudOperation.values()) {
      calls.put(op, cloud.callCount(op));
      failed.put(op, 0L);
    }
    for (FakeCall call : cloud.calls()) {
      if (call.outcome() != FakeCall.Outcome.SUCCEEDED) {
        failed.merge(call.operation(), 1L, Long::sum);
      }
    }
    return new Summary(
        records,
        calls,
        failed,
        clusterEnis().stream().map(NetworkInterface::id).toList(),
        leakedEnis(),
        Duration.between(start, clock.instant()));
  }

  // ------------------------------------------------------------------ actions

  /** Creates one pod of a create step: the webhook, then the allocator; no tick. */
  void create(Scenario.CreatePods c, String name) {
    String key = c.namespace() + "/" + name;
    PodState state = pods.computeIfAbsent(key, k -> new PodState());
    state.error = "";
    state.errorMessage = "";
    state.awaitingBind = true;
    Node node = nodes.get(c.node());
    Namespace namespace = namespaces.computeIfAbsent(c.namespace(), n -> namespace(n, Map.of()));
    ImmutableObjectMeta.Builder meta =
        ObjectMeta.builder()
            .namespace(c.namespace())
            .name(name)
            .uid(String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", ++uids))
            .putAllLabels(c.labels())
            .putAllAnnotations(c.annotations());
    c.ownerKind()
        .ifPresent(kind -> meta.addOwnerReferences(OwnerReference.of(kind, c.ownerName())));
    Pod pod =
        Pod.builder()
            .metadata(meta.build())
            .spec(ImmutablePodSpec.builder().nodeName(c.node()).build())
            .build();

    // Terway's pod webhook, as the API server would call it when the pod is created.
    AdmissionResult admission =
        AdmissionHints.evaluate(
            pod, namespace, store.get(c.namespace(), name), resolver, AdmissionSettings.defaults());
    state.podNetworking = admission.annotations().getOrDefault(Annotations.POD_NETWORKING, "");
    state.ambiguous = admission.resolution().isAmbiguous();
    state.candidates = admission.resolution().candidateNames();
    if (admission.decision() == AdmissionResult.Decision.REJECTED) {
      state.error = REJECTED;
      state.errorMessage = "the webhook rejects the pod: " + admission.message();
      return;
    }
    String zone = nodeSpecs.get(c.node()).zone();
    for (AdmissionResult.ZoneAffinity affinity : admission.zoneAffinity()) {
      if (!affinity.zones().contains(zone)) {
        state.error = UNSCHEDULABLE;
        state.errorMessage =
            "node "
                + c.node()
                + " is in "
                + zone
                + " but the pod requires "
                + affinity.key()
                + " in "
                + affinity.zones();
        return;
      }
    }
    Pod admitted =
        Pod.builder()
            .from(pod)
            .metadata(
                ObjectMeta.builder()
                    .from(pod.metadata())
                    .putAllAnnotations(admission.annotations())
                    .build())
            .build();
    try {
      allocator.podScheduled(admitted, namespace, node);
    } catch (AllocationException e) {
      state.error = e.reason().name();
      state.errorMessage = e.getMessage();
    } catch (IllegalArgumentException e) {
      // The allocator refuses pods it cannot key safely (names, UID, node): say so, do not crash.
      state.error = "INVALID_POD";
      state.errorMessage = e.getMessage();
    }
  }

  /** Deletes one pod; no tick. */
  void delete(String namespace, String name) {
    allocator.podDeleted(namespace, name);
  }

  /** Ticks the allocator once at the current virtual time. */
  void tick() {
    allocator.tick();
  }

  /** Returns the virtual time since the start. */
  Duration elapsed() {
    return Duration.between(start, clock.instant());
  }

  /** Returns why a pod's last creation failed, {@code ""} if it did not. */
  String error(String namespace, String name) {
    PodState state = pods.get(namespace + "/" + name);
    return state == null ? "" : state.error;
  }

  /** Returns how many PodENIs are in each phase. */
  Map<String, Long> phases() {
    Map<String, Long> out = new TreeMap<>();
    for (PodEni record : store.list()) {
      out.merge(phaseName(phase(record)), 1L, Long::sum);
    }
    return out;
  }

  /**
   * Ticks, one virtual second apart, until the cluster is at rest: every PodENI Bind or Unbind and
   * no ENI of the cluster attaching, detaching or being deleted (at most a minute).
   */
  void settleAll() {
    for (int i = 0; i < MAX_SETTLE_TICKS; i++) {
      allocator.tick();
      if (atRest()) {
        return;
      }
      clock.advance(Duration.ofSeconds(1));
    }
  }

  private boolean atRest() {
    boolean records =
        store.list().stream()
            .map(Simulation::phase)
            .allMatch(p -> p == PodEniPhase.BIND || p == PodEniPhase.UNBIND);
    return records && clusterEnis().stream().noneMatch(Simulation::inTransition);
  }

  private static boolean inTransition(NetworkInterface eni) {
    return eni.status() == NetworkInterfaceStatus.ATTACHING
        || eni.status() == NetworkInterfaceStatus.DETACHING
        || eni.status() == NetworkInterfaceStatus.DELETING;
  }

  /** Lets virtual time pass, ticking every {@code tickEvery}. */
  void advance(Duration duration, Duration tickEvery) {
    Instant end = clock.instant().plus(duration);
    while (clock.instant().isBefore(end)) {
      Duration left = Duration.between(clock.instant(), end);
      clock.advance(left.compareTo(tickEvery) < 0 ? left : tickEvery);
      allocator.tick();
    }
  }

  private void inject(Scenario.InjectFault f) {
    if (f.kind() == Scenario.FaultKind.CLEAR) {
      cloud.faults().clear();
      return;
    }
    CloudOperation op = f.operation().orElseThrow();
    switch (f.kind()) {
      case ERROR -> cloud.faults().failWith(op, f.errorCode(), f.times());
      case THROTTLE -> cloud.faults().throttle(op, f.times());
      case TIMEOUT -> cloud.faults().applyThenFail(op, f.times());
      case LATENCY -> cloud.faults().latency(op, f.latency());
      case RATE_LIMIT -> cloud.faults().rateLimit(op, f.callsPerMinute());
      case CLEAR -> cloud.faults().clear();
    }
  }

  // ------------------------------------------------------------------ reporting

  private PodRow row(String key, List<AllocatorEvent> stepEvents) {
    String[] ref = key.split("/", 2);
    PodState state = pods.computeIfAbsent(key, k -> new PodState());
    List<String> podEvents =
        stepEvents.stream()
            .filter(e -> e.namespace().equals(ref[0]) && e.name().equals(ref[1]))
            .map(Simulation::describe)
            .toList();
    Optional<PodEni> record = store.get(ref[0], ref[1]);
    if (record.isEmpty()) {
      return new PodRow(
          key,
          state.podNetworking,
          state.ambiguous,
          state.candidates,
          "",
          "",
          "",
          OptionalInt.empty(),
          "none",
          "",
          state.error,
          state.errorMessage,
          podEvents);
    }
    PodEni eni = record.get();
    Allocation allocation =
        eni.spec().allocations().isEmpty() ? null : eni.spec().allocations().get(0);
    String eniId = allocation == null ? "" : allocation.eni().id();
    String ip = allocation == null ? "" : allocation.ipv4();
    OptionalInt vlan = OptionalInt.empty();
    String instanceId = "";
    if (eni.status().isPresent()) {
      EniInfo info = eni.status().get().eniInfos().get(eniId);
      if (info != null && info.vid() > 0) {
        vlan = OptionalInt.of(info.vid());
      }
      instanceId = eni.status().get().instanceID();
    }
    PodEniPhase phase = phase(eni);
    return new PodRow(
        key,
        state.podNetworking,
        state.ambiguous,
        state.candidates,
        allocation == null ? "" : allocation.eni().vSwitchID(),
        eniId,
        ip,
        vlan,
        phaseName(phase),
        nodeOf(instanceId),
        state.error,
        state.errorMessage,
        podEvents);
  }

  // Remembers what each pod got the first time it was bound after each creation, for
  // sameIpAsBefore and sameEniAsBefore.
  private void recordBinds() {
    for (Map.Entry<String, PodState> entry : pods.entrySet()) {
      PodState state = entry.getValue();
      if (!state.awaitingBind) {
        continue;
      }
      String[] ref = entry.getKey().split("/", 2);
      Optional<PodEni> record = store.get(ref[0], ref[1]);
      if (record.isPresent()
          && phase(record.get()) == PodEniPhase.BIND
          && !record.get().spec().allocations().isEmpty()) {
        Allocation allocation = record.get().spec().allocations().get(0);
        state.ips.add(allocation.ipv4());
        state.enis.add(allocation.eni().id());
        state.awaitingBind = false;
      }
    }
  }

  private String nodeOf(String instanceId) {
    if (instanceId.isEmpty()) {
      return "";
    }
    return nodeSpecs.values().stream()
        .filter(n -> n.instanceId().equals(instanceId))
        .map(Scenario.Node::name)
        .findFirst()
        .orElse(instanceId);
  }

  private static String describe(AllocatorEvent event) {
    String what =
        switch (event.type()) {
          case CREATE_ENI_SUCCEED -> "created";
          case CREATE_ENI_FAILED -> "create failed";
          case ATTACH_ENI_SUCCEED -> "attached";
          case ATTACH_ENI_FAILED -> "attach failed";
          case DETACH_ENI_SUCCEED -> "detached";
          case DETACH_ENI_FAILED -> "detach failed";
          case DELETE_ENI_SUCCEED -> "deleted";
          case DELETE_ENI_FAILED -> "delete failed";
          case LEAKED_ENI_RELEASED -> "leak released";
        };
    return event.name().isEmpty()
        ? what + event.networkInterfaceId().map(id -> " " + id).orElse("")
        : what;
  }

  private List<AllocatorEvent> drainEvents() {
    synchronized (events) {
      List<AllocatorEvent> fresh = List.copyOf(events.subList(eventsSeen, events.size()));
      eventsSeen = events.size();
      return fresh;
    }
  }

  // ------------------------------------------------------------------ expectations

  private Optional<CheckResult> unexpectedFailure(Scenario.Step step, String key) {
    PodState state = pods.get(key);
    if (state == null || state.error.isEmpty()) {
      return Optional.empty();
    }
    boolean expected =
        step.expectations().stream()
            .anyMatch(e -> e.error().isPresent() && e.pod().map(key::equals).orElse(false));
    if (expected) {
      return Optional.empty();
    }
    return Optional.of(
        new CheckResult(
            step.path(),
            false,
            key + " was not allocated: " + state.error + ": " + state.errorMessage));
  }

  private List<CheckResult> check(Expectation e) {
    List<CheckResult> out = new ArrayList<>();
    if (e.pod().isPresent()) {
      String key = e.pod().get();
      String[] ref = key.split("/", 2);
      PodState state = pods.getOrDefault(key, new PodState());
      Optional<PodEni> record = store.get(ref[0], ref[1]);
      Optional<Allocation> allocation =
          record.flatMap(r -> r.spec().allocations().stream().findFirst());
      e.podNetworking()
          .ifPresent(
              want ->
                  out.add(
                      compare(
                          e.path() + ".podNetworking",
                          key + " PodNetworking",
                          want,
                          state.podNetworking.isEmpty() ? "none" : state.podNetworking)));
      e.ambiguous()
          .ifPresent(
              want ->
                  out.add(
                      new CheckResult(
                          e.path() + ".ambiguous",
                          want == state.ambiguous,
                          key
                              + " ambiguous: expected "
                              + want
                              + ", found "
                              + state.ambiguous
                              + " (candidates "
                              + state.candidates
                              + ")")));
      e.vSwitch()
          .ifPresent(
              want ->
                  out.add(
                      compare(
                          e.path() + ".vSwitch",
                          key + " vSwitch",
                          want,
                          allocation.map(a -> a.eni().vSwitchID()).orElse("none"))));
      e.ip()
          .ifPresent(
              want ->
                  out.add(
                      compare(
                          e.path() + ".ip",
                          key + " IP",
                          want,
                          allocation.map(Allocation::ipv4).orElse("none"))));
      e.sameIpAsBefore()
          .ifPresent(
              want ->
                  out.add(sameAsBefore(e.path() + ".sameIpAsBefore", key, "IP", state.ips, want)));
      e.sameEniAsBefore()
          .ifPresent(
              want ->
                  out.add(
                      sameAsBefore(e.path() + ".sameEniAsBefore", key, "ENI", state.enis, want)));
      e.phase()
          .ifPresent(
              want -> {
                String found = record.map(r -> phaseName(phase(r))).orElse("none");
                out.add(
                    new CheckResult(
                        e.path() + ".phase",
                        want.equalsIgnoreCase(found),
                        key + " PodENI phase: expected " + want + ", found " + found));
              });
      e.node()
          .ifPresent(
              want ->
                  out.add(
                      compare(
                          e.path() + ".node",
                          key + " node",
                          want,
                          record
                              .flatMap(PodEni::status)
                              .map(s -> nodeOf(s.instanceID()))
                              .filter(n -> !n.isEmpty())
                              .orElse("none"))));
      e.error()
          .ifPresent(
              want ->
                  out.add(
                      compare(
                          e.path() + ".error",
                          key + " allocation error",
                          want,
                          state.error.isEmpty() ? "none" : state.error)));
    }
    e.noLeakedEnis()
        .ifPresent(
            want -> {
              List<String> leaked = leakedEnis();
              out.add(
                  new CheckResult(
                      e.path() + ".noLeakedEnis",
                      leaked.isEmpty() == want,
                      want
                          ? (leaked.isEmpty()
                              ? "no leaked ENI"
                              : "leaked ENIs (tagged, referenced by no PodENI, not being"
                                  + " deleted): "
                                  + leaked)
                          : "expected leaked ENIs, found " + leaked));
            });
    e.enis()
        .ifPresent(
            want ->
                out.add(
                    compare(
                        e.path() + ".enis",
                        "ENIs of the cluster",
                        want.toString(),
                        Integer.toString(clusterEnis().size()))));
    for (Map.Entry<String, Integer> entry : new TreeMap<>(e.memberEnis()).entrySet()) {
      out.add(
          compare(
              e.path() + ".memberEnis[" + entry.getKey() + "]",
              "member ENIs on " + entry.getKey(),
              entry.getValue().toString(),
              Long.toString(memberEnis(entry.getKey()))));
    }
    if (!e.podsPerVSwitch().isEmpty()) {
      Map<String, Long> bound = boundPerVSwitch();
      for (Map.Entry<String, Integer> entry : new TreeMap<>(e.podsPerVSwitch()).entrySet()) {
        out.add(
            compare(
                e.path() + ".podsPerVSwitch[" + entry.getKey() + "]",
                "bound pods in " + entry.getKey(),
                entry.getValue().toString(),
                Long.toString(bound.getOrDefault(entry.getKey(), 0L))));
      }
    }
    for (Map.Entry<String, Long> entry : new TreeMap<>(e.calls()).entrySet()) {
      CloudOperation op =
          java.util.Arrays.stream(CloudOperation.values())
              .filter(o -> o.apiName().equals(entry.getKey()))
              .findFirst()
              .orElseThrow();
      out.add(
          compare(
              e.path() + ".calls[" + entry.getKey() + "]",
              entry.getKey() + " calls",
              entry.getValue().toString(),
              Long.toString(cloud.callCount(op))));
    }
    return out;
  }

  private static CheckResult compare(String path, String what, String want, String found) {
    return new CheckResult(
        path, want.equals(found), what + ": expected " + want + ", found " + found);
  }

  private static CheckResult sameAsBefore(
      String path, String key, String what, List<String> history, boolean want) {
    if (history.size() < 2) {
      return new CheckResult(
          path,
          false,
          key
              + " "
              + what
              + ": expected "
              + (want ? "the same" : "another")
              + " "
              + what
              + " than before, but the pod was bound "
              + history.size()
              + " time(s) so far");
    }
    String before = history.get(history.size() - 2);
    String now = history.get(history.size() - 1);
    boolean same = before.equals(now);
    return new CheckResult(
        path,
        same == want,
        key
            + " "
            + what
            + ": "
            + (same ? "same as before (" + now + ")" : before + " before, " + now + " now"));
  }

  // ------------------------------------------------------------------ cloud facts

  private List<NetworkInterface> clusterEnis() {
    String cluster = scenario.cloud().clusterId();
    return cloud.networkInterfaces().stream()
        .filter(eni -> cluster.equals(eni.tags().get(AllocatorSettings.CLUSTER_TAG)))
        .toList();
  }

  private List<String> leakedEnis() {
    Set<String> referenced = new HashSet<>();
    for (PodEni record : store.list()) {
      record.spec().allocations().forEach(a -> referenced.add(a.eni().id()));
    }
    return clusterEnis().stream()
        .filter(eni -> eni.status() != NetworkInterfaceStatus.DELETING)
        .map(NetworkInterface::id)
        .filter(id -> !referenced.contains(id))
        .sorted()
        .toList();
  }

  private long memberEnis(String nodeName) {
    String trunk = nodeSpecs.get(nodeName).trunkEniId();
    return cloud.networkInterfaces().stream()
        .filter(eni -> eni.type() == NetworkInterfaceType.MEMBER)
        .filter(eni -> eni.trunkNetworkInterfaceId().map(trunk::equals).orElse(false))
        .count();
  }

  private Map<String, Long> boundPerVSwitch() {
    Map<String, Long> out = new HashMap<>();
    for (PodEni record : store.list()) {
      if (phase(record) == PodEniPhase.BIND) {
        record.spec().allocations().forEach(a -> out.merge(a.eni().vSwitchID(), 1L, Long::sum));
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ set-up

  private TrunkAllocator newAllocator() {
    return TrunkAllocator.builder(cloud, resolver, settings)
        .clock(clock)
        .waiter(clock::advance)
        .store(store)
        .listener(events::add)
        .build();
  }

  /**
   * Builds a scenario's in-memory cloud: its vSwitches, security groups and instance types, and per
   * node an instance with a trunk ENI (on a vSwitch of the nodes' own per zone). No step is run.
   *
   * @param scenario the scenario
   * @param clock the cloud's clock: virtual for a simulation, the system's for a live controller
   * @return the cloud
   * @throws ScenarioException if the cloud cannot be built as declared
   */
  public static FakeCloudProvider buildCloud(Scenario scenario, Clock clock) {
    try {
      return topology(scenario)
          .cloudBuilder()
          .seed(scenario.seed())
          .clock(clock)
          .transitionDelay(scenario.cloud().transitionDelay())
          .build();
    } catch (IllegalArgumentException e) {
      throw new ScenarioException(
          "cannot build the cloud of scenario " + scenario.source(), List.of(e.getMessage()));
    }
  }

  /**
   * Returns a scenario's fake-cloud topology: the zones of its vSwitches and nodes (sorted), its
   * vSwitches and then one vSwitch of the nodes' own per zone ({@code vsw-terway4j-nodes-<k>},
   * {@code 100.<64+k>.0.0/16}, kept apart from the pods'), the nodes' security group and the
   * declared ones (else those its PodNetworkings name), its instance types, and its nodes with
   * their trunk ENIs.
   *
   * @param scenario the scenario
   * @return the topology
   * @throws ScenarioException naming every problem if the topology is inconsistent
   */
  public static FakeTopology topology(Scenario scenario) {
    Scenario.Cloud c = scenario.cloud();
    FakeTopology.Builder b = FakeTopology.builder().regionId(c.region()).vpcId(c.vpcId());
    Set<String> zones = new TreeSet<>();
    c.vSwitches().forEach(v -> zones.add(v.zone()));
    scenario.nodes().forEach(n -> zones.add(n.zone()));
    zones.forEach(b::zone);
    for (Scenario.VSwitch v : c.vSwitches()) {
      b.vSwitch(v.id(), v.zone(), v.ipv4Cidr());
    }
    Map<String, String> nodeVSwitches = new HashMap<>();
    int k = 0;
    for (String zone : zones) {
      String id = "vsw-terway4j-nodes-" + k;
      b.vSwitch(id, zone, "100." + (64 + k) + ".0.0/16");
      nodeVSwitches.put(zone, id);
      k++;
    }
    Set<String> groups = new LinkedHashSet<>();
    groups.add(NODE_SECURITY_GROUP);
    if (c.securityGroups().isPresent()) {
      groups.addAll(c.securityGroups().get());
    } else {
      scenario.podNetworkings().forEach(pn -> groups.addAll(pn.spec().securityGroupIDs()));
    }
    groups.forEach(b::securityGroup);
    c.instanceTypes().forEach(b::instanceType);
    for (Scenario.Node n : scenario.nodes()) {
      b.node(
          n.name(),
          node ->
              node.instanceId(n.instanceId())
                  .zone(n.zone())
                  .instanceType(n.instanceType())
                  .vSwitch(nodeVSwitches.get(n.zone()))
                  .securityGroups(NODE_SECURITY_GROUP)
                  .trunkEniId(n.trunkEniId()));
    }
    try {
      return b.build();
    } catch (FakeTopologyException e) {
      throw new ScenarioException(
          "cannot build the cloud of scenario " + scenario.source(), e.problems());
    }
  }

  private static Namespace namespace(String name, Map<String, String> labels) {
    return Namespace.builder()
        .metadata(
            ObjectMeta.builder()
                .name(name)
                .putAllLabels(labels)
                .putLabels("kubernetes.io/metadata.name", name)
                .build())
        .build();
  }

  private static PodEniPhase phase(PodEni record) {
    return record.status().map(s -> s.phase()).orElse(PodEniPhase.INITIAL);
  }

  private static String phaseName(PodEniPhase phase) {
    return phase == PodEniPhase.INITIAL ? "Initial" : phase.wireValue();
  }

  @Override
  public String toString() {
    return "Simulation{" + scenario.name() + ", " + Objects.toString(allocator) + "}";
  }
}
