package dev.terway4j.testkit.internal;

import dev.terway4j.cloud.spi.CloudErrorCodes;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.testkit.Action;
import dev.terway4j.testkit.CloudScenario;
import dev.terway4j.testkit.Fault;
import dev.terway4j.testkit.Gen;
import dev.terway4j.testkit.Gens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The steps of a harness sequence and their generator. */
public final class HarnessActions {
  private static final List<CloudOperation> OPERATIONS =
      List.of(
          CloudOperation.CREATE_NETWORK_INTERFACE,
          CloudOperation.ATTACH_NETWORK_INTERFACE,
          CloudOperation.DETACH_NETWORK_INTERFACE,
          CloudOperation.DELETE_NETWORK_INTERFACE,
          CloudOperation.DESCRIBE_NETWORK_INTERFACES);

  private HarnessActions() {}

  /**
   * The harness's invariants, as an {@link dev.terway4j.testkit.ActionSequences} invariant.
   *
   * @param model the model
   * @param world the world
   * @throws Exception when an invariant does not hold
   */
  public static void check(HarnessModel model, HarnessWorld world) throws Exception {
    HarnessInvariants.check(model, world);
  }

  /** A harness step: counts the faults it meets, then checks nothing itself. */
  abstract static class Step implements Action<HarnessModel, HarnessWorld> {
    @Override
    public boolean precondition(HarnessModel model) {
      return model.ready;
    }

    @Override
    public final void run(HarnessModel model, HarnessWorld world) throws Exception {
      world.step(() -> apply(model, world));
    }

    abstract void apply(HarnessModel model, HarnessWorld world) throws Exception;
  }

  /** The first step: builds the cluster and starts the controller. */
  static final class SetUp extends Step {
    final CloudScenario scenario;
    final List<PodNetworking> podNetworkings;

    SetUp(CloudScenario scenario, List<PodNetworking> podNetworkings) {
      this.scenario = scenario;
      this.podNetworkings = podNetworkings;
    }

    @Override
    public boolean precondition(HarnessModel model) {
      return !model.ready;
    }

    @Override
    void apply(HarnessModel model, HarnessWorld world) {
      model.setUp(scenario, podNetworkings);
      world.setUp(model, scenario, podNetworkings);
    }

    @Override
    public String toString() {
      return "setUp("
          + scenario
          + ", PodNetworkings "
          + podNetworkings.stream()
              .map(
                  pn ->
                      pn.metadata().name()
                          + " "
                          + pn.spec().allocationType().type().wireValue()
                          + (pn.spec().allocationType().releaseAfter().isEmpty()
                              ? ""
                              : " " + pn.spec().allocationType().releaseAfter())
                          + " "
                          + pn.spec().vSwitchOptions()
                          + " "
                          + pn.spec().vSwitchSelectOptions().vSwitchSelectionPolicy().wireValue())
              .collect(Collectors.joining("; ", "[", "]"))
          + ")";
    }
  }

  /** A pod is created and scheduled. */
  static final class Create extends Step {
    final String pod;
    final int node;

    Create(String pod, int node) {
      this.pod = pod;
      this.node = node;
    }

    @Override
    public boolean precondition(HarnessModel model) {
      return model.ready && model.podNames.contains(pod) && !model.live.contains(pod);
    }

    @Override
    void apply(HarnessModel model, HarnessWorld world) throws Exception {
      model.live.add(pod);
      world.schedule(pod, node);
    }

    @Override
    public String toString() {
      return "create " + pod + " on node" + node;
    }
  }

  /** A pod is deleted. */
  static final class Delete extends Step {
    final String pod;

    Delete(String pod) {
      this.pod = pod;
    }

    @Override
    public boolean precondition(HarnessModel model) {
      return model.ready && model.live.contains(pod);
    }

    @Override
    void apply(HarnessModel model, HarnessWorld world) throws Exception {
      model.live.remove(pod);
      world.delete(pod);
    }

    @Override
    public String toString() {
      return "delete " + pod;
    }
  }

  /** A pod is deleted and at once created again under the same name (a new UID). */
  static final class Recreate extends Step {
    final String pod;
    final int node;

    Recreate(String pod, int node) {
      this.pod = pod;
      this.node = node;
    }

    @Override
    public boolean precondition(HarnessModel model) {
      return model.ready && model.live.contains(pod);
    }

    @Override
    void apply(HarnessModel model, HarnessWorld world) throws Exception {
      world.delete(pod);
      world.schedule(pod, node);
    }

    @Override
    public String toString() {
      return "re-create " + pod + " on node" + node;
    }
  }

  /** Time passes: the clock moves, the controller is told, live pods are re-delivered. */
  static final class Advance extends Step {
    final int seconds;

    Advance(int seconds) {
      this.seconds = seconds;
    }

    @Override
    void apply(HarnessModel model, HarnessWorld world) throws Exception {
      world.advance(Duration.ofSeconds(seconds));
    }

    @Override
    public String toString() {
      return "advance " + seconds + "s";
    }
  }

  /** A cloud fault is armed for the next calls of one operation. */
  static final class Inject extends Step {
    final Fault fault;
    final CloudOperation operation;
    final int times;
    final int variant;

    Inject(Fault fault, CloudOperation operation, int times, int variant) {
      this.fault = fault;
      this.operation =
          fault == Fault.ATTACH_FAILURE ? CloudOperation.ATTACH_NETWORK_INTERFACE : operation;
      this.times = times;
      this.variant = variant;
    }

    @Override
    void apply(HarnessModel model, HarnessWorld world) {
      var faults = world.fakeCloud().faults();
      switch (fault) {
        case THROTTLING -> faults.throttle(operation, times);
        case SERVICE_ERROR ->
            faults.failWith(
                operation,
                variant == 0 ? CloudErrorCodes.INTERNAL_ERROR : CloudErrorCodes.SERVICE_UNAVAILABLE,
                times);
        case LOST_REPLY -> faults.applyThenFail(operation, times);
        case ATTACH_FAILURE ->
            faults.failWith(
                operation,
                variant == 0
                    ? CloudErrorCodes.INVALID_PARAMETER
                    : CloudErrorCodes.INVALID_ENI_STATE,
                times);
        case REFUSAL -> faults.failWith(operation, CloudErrorCodes.INVALID_PARAMETER, times);
        case LATENCY -> {
          world.latency(operation, Duration.ofSeconds(1 + 29L * variant), times);
          return;
        }
        default -> throw new IllegalStateException("not a cloud fault: " + fault);
      }
      world.faultsAdded(times);
    }

    @Override
    public String toString() {
      String what =
          switch (fault) {
            case LATENCY -> "latency " + (1 + 29 * variant) + "s for " + times + " steps";
            case SERVICE_ERROR ->
                (variant == 0 ? "InternalError" : "ServiceUnavailable") + " x" + times;
            case ATTACH_FAILURE ->
                (variant == 0 ? "InvalidParameter" : "InvalidEniState") + " x" + times;
            default -> fault + " x" + times;
          };
      return "inject " + what + " on " + operation.apiName();
    }
  }

  /** The controller's process will die at a point of its next matching cloud call. */
  static final class ArmCrash extends Step {
    final CrashingCloud.Point point;

    ArmCrash(CrashingCloud.Point point) {
      this.point = point;
    }

    @Override
    void apply(HarnessModel model, HarnessWorld world) {
      world.crashingCloud().arm(point);
    }

    @Override
    public String toString() {
      return "arm crash " + point;
    }
  }

  /** The PodENI store refuses its next writes. */
  static final class FailStore extends Step {
    final int times;
    final boolean deletesToo;

    FailStore(int times, boolean deletesToo) {
      this.times = times;
      this.deletesToo = deletesToo;
    }

    @Override
    void apply(HarnessModel model, HarnessWorld world) {
      world.failingStore().refuse(times, deletesToo ? times : 0);
      world.faultsAdded(deletesToo ? 2 * times : times);
    }

    @Override
    public String toString() {
      return "store refuses the next " + times + (deletesToo ? " writes and deletions" : " writes");
    }
  }

  /** The controller's clock jumps and comes back. */
  static final class JumpClock extends Step {
    /** How it jumps: 0 ten years ahead, 1 to Instant.MAX, 2 a day behind. */
    final int variant;

    JumpClock(int variant) {
      this.variant = variant;
    }

    @Override
    void apply(HarnessModel model, HarnessWorld world) throws Exception {
      switch (variant) {
        case 0 -> world.jumpClock(Duration.ofDays(3653), null);
        case 1 -> world.jumpClock(Duration.ZERO, Instant.MAX);
        default -> world.jumpClock(Duration.ofDays(-1), null);
      }
      world.config().stats().injectedFaults.incrementAndGet();
      world.config().stats().faultedSteps.incrementAndGet();
    }

    @Override
    public String toString() {
      String where =
          switch (variant) {
            case 0 -> "ten years ahead";
            case 1 -> "to Instant.MAX";
            default -> "a day behind";
          };
      return "controller clock jumps " + where + " and back";
    }
  }

  /**
   * Pods whose namespace and name joined with a {@code /} collide with a pod of the sequence (same
   * UID) are delivered, scheduled and deleted; none may get a PodENI.
   */
  static final class CollidingPods extends Step {
    final String pod;
    final int node;

    CollidingPods(String pod, int node) {
      this.pod = pod;
      this.node = node;
    }

    @Override
    void apply(HarnessModel model, HarnessWorld world) throws Exception {
      world.deliverCollidingPods(pod, node);
    }

    @Override
    public String toString() {
      return "pods whose names collide with " + pod + " on node" + node;
    }
  }

  /** A clean restart of the controller. */
  static final class Restart extends Step {
    @Override
    void apply(HarnessModel model, HarnessWorld world) {
      world.restart();
    }

    @Override
    public String toString() {
      return "restart";
    }
  }

  /**
   * Returns the generator of the next step: the setup first, then pod events, time, and the
   * configured faults.
   *
   * @param model the model
   * @param config the run's configuration
   * @return the generator
   */
  public static Gen<Action<HarnessModel, HarnessWorld>> next(
      HarnessModel model, HarnessConfig config) {
    if (!model.ready) {
      return config
          .scenarios()
          .flatMap(
              s ->
                  config
                      .podNetworkings()
                      .apply(s)
                      .map(pns -> (Action<HarnessModel, HarnessWorld>) new SetUp(s, pns)));
    }
    Gen<String> pods = Gens.elements(model.podNames);
    Gen<Integer> nodes = Gens.integers(0, model.scenario.nodes().size() - 1);
    List<Map.Entry<Integer, Gen<? extends Action<HarnessModel, HarnessWorld>>>> choices =
        new ArrayList<>();
    choices.add(Map.entry(5, Gens.elements(1, 5, 30, 90, 400, 700).map(Advance::new)));
    choices.add(Map.entry(6, Gens.combine(pods, nodes, Create::new)));
    choices.add(Map.entry(3, pods.map(Delete::new)));
    choices.add(Map.entry(2, Gens.combine(pods, nodes, Recreate::new)));
    choices.add(Map.entry(1, Gens.combine(pods, nodes, CollidingPods::new)));
    List<Map.Entry<Fault, CloudOperation>> cloudFaults = new ArrayList<>();
    for (Fault f : Fault.values()) {
      if (f == Fault.CRASH
          || f == Fault.RESTART
          || f == Fault.STORE_FAILURE
          || f == Fault.CLOCK_JUMP
          || !config.faults().contains(f)) {
        continue;
      }
      for (CloudOperation op : OPERATIONS) {
        boolean fits = f != Fault.ATTACH_FAILURE || op == CloudOperation.ATTACH_NETWORK_INTERFACE;
        if (fits && !config.excluded().contains(Map.entry(f, op))) {
          cloudFaults.add(Map.entry(f, op));
        }
      }
    }
    if (!cloudFaults.isEmpty()) {
      choices.add(
          Map.entry(
              5,
              Gens.combine(
                  Gens.elements(cloudFaults),
                  Gens.integers(1, 7),
                  Gens.integers(0, 1),
                  (pair, times, variant) ->
                      new Inject(pair.getKey(), pair.getValue(), times, variant))));
    }
    if (config.faults().contains(Fault.CRASH)) {
      choices.add(Map.entry(2, Gens.enums(CrashingCloud.Point.class).map(ArmCrash::new)));
    }
    if (config.faults().contains(Fault.RESTART)) {
      choices.add(Map.entry(1, Gens.constant(new Restart())));
    }
    if (config.faults().contains(Fault.STORE_FAILURE)) {
      choices.add(
          Map.entry(
              2,
              Gens.combine(Gens.integers(1, 3), Gens.booleans(), (n, d) -> new FailStore(n, d))));
    }
    if (config.faults().contains(Fault.CLOCK_JUMP)) {
      choices.add(Map.entry(1, Gens.integers(0, 2).map(JumpClock::new)));
    }
    return Gens.frequency(choices);
  }
}
