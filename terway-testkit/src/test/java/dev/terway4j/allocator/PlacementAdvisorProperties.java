package dev.terway4j.allocator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.allocator.placement.MemberEniLimits;
import dev.terway4j.allocator.placement.NodeCapacityView;
import dev.terway4j.allocator.placement.PlacementAdvisor;
import dev.terway4j.allocator.placement.PlacementDecision;
import dev.terway4j.allocator.placement.PlacementReason;
import dev.terway4j.allocator.placement.PodEniLedger;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.VSwitchSelectionPolicy;
import dev.terway4j.testkit.Action;
import dev.terway4j.testkit.ActionSequences;
import dev.terway4j.testkit.Gen;
import dev.terway4j.testkit.Gens;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Properties of the placement check against the real allocator on the fake cloud (issue 14 item 9,
 * issue 15 item 5): random sequences of pod creations (on any node, so returning Fixed pods also
 * land in the wrong zone), deletions, re-creations and time passing, on small nodes (2 member
 * slots) and a small vSwitch (4 addresses).
 *
 * <ul>
 *   <li>After every step, the member slots computed from the PodENI records alone (a ledger built
 *       from a listing, and one fed incrementally as an informer would feed it) equal the
 *       allocator's own accounting on every node.
 *   <li>Before every {@code podScheduled}, the advisor is asked about that node: when it says the
 *       pod fits, the allocator does not fail for capacity, zone, vSwitch or node reasons; when it
 *       says it does not fit and the outcome is deterministic (the pod has no PodENI yet, or a kept
 *       Unbind one), the allocator fails with the reason the advisor's codes name.
 * </ul>
 */
@DisplayName("placement check vs the allocator, issue 14 item 9")
class PlacementAdvisorProperties {

  private static final List<String> NAMES =
      List.of("web-0", "web-1", "web-2", "db-0", "db-1", "kept-0", "kept-1");
  private static final List<Node> NODES =
      List.of(AllocatorFixture.NODE1, AllocatorFixture.NODE2, AllocatorFixture.NODE3);
  private static final List<String> INSTANCES = List.of("i-node1", "i-node2", "i-node3");
  private static final Namespace NS = AllocatorFixture.namespace("apps", Map.of());
  private static final int MEMBER_LIMIT = 2;
  private static final Set<AllocationException.Reason> PLACEMENT_FAILURES =
      EnumSet.of(
          AllocationException.Reason.NODE_CAPACITY_FULL,
          AllocationException.Reason.ZONE_MISMATCH,
          AllocationException.Reason.NO_AVAILABLE_VSWITCH,
          AllocationException.Reason.NODE_NOT_READY);

  /** Which pods live, and on which node. */
  static final class Model {
    final Map<String, Integer> live = new TreeMap<>();
  }

  /** The fake cloud, the allocator, the pod objects and an informer-fed ledger. */
  static final class World implements AutoCloseable {
    final AllocatorFixture f = new AllocatorFixture(MEMBER_LIMIT, "10.0.1.0/29", 3);
    final Map<String, Pod> pods = new HashMap<>();
    final PodEniLedger informed = PodEniLedger.create();
    final MemberEniLimits limits =
        MemberEniLimits.of(
            List.of(
                new InstanceType(
                    AllocatorFixture.INSTANCE_TYPE, 3, 3 + MEMBER_LIMIT, true, 10, 10)));
    int fitsChecked;
    int doesNotFitChecked;

    World() {
      f.apply(
          pn(
              "web",
              AllocationType.elastic(),
              List.of("vsw-h1", "vsw-i1"),
              VSwitchSelectionPolicy.MOST));
      f.apply(
          pn(
              "db",
              AllocationType.fixedTtl(Duration.ofMinutes(10)),
              List.of("vsw-h1", "vsw-i1"),
              VSwitchSelectionPolicy.ORDERED));
      f.apply(
          pn(
              "kept",
              AllocationType.fixedNever(),
              List.of("vsw-h2"),
              VSwitchSelectionPolicy.ORDERED));
      // Off the hot path, as a controller does when a node joins: the type's limit is then known.
      f.allocator.capacity().limit(AllocatorFixture.INSTANCE_TYPE);
    }

    private static dev.terway4j.model.PodNetworking pn(
        String app, AllocationType type, List<String> vSwitches, VSwitchSelectionPolicy policy) {
      return AllocatorFixture.podNetworking(
          app, type, Map.of("app", app), vSwitches, policy, "sg-web");
    }

    void create(String name, Node node) {
      String app = name.substring(0, name.indexOf('-'));
      Pod pod =
          app.equals("web")
              ? f.deploymentPod("apps", name, Map.of("app", app), node)
              : f.statefulPod("apps", name, Map.of("app", app), node);
      pods.put(name, pod);
      scheduleChecked(pod, node);
    }

    /** Asks the advisor, then the allocator, and compares. */
    void scheduleChecked(Pod pod, Node node) {
      Optional<PodEni> before = f.allocator.podEni("apps", pod.metadata().name());
      PlacementDecision decision = PlacementAdvisor.forAllocator(f.allocator).check(pod, NS, node);
      AllocationException caught = null;
      try {
        f.allocator.podScheduled(pod, NS, node);
      } catch (AllocationException e) {
        caught = e;
      }
      AllocationException failure = caught;
      if (decision.fits()) {
        fitsChecked++;
        assertTrue(
            failure == null || !PLACEMENT_FAILURES.contains(failure.reason()),
            () -> "advisor said " + decision + " but the allocator failed: " + failure);
        return;
      }
      boolean deterministic =
          before.isEmpty()
              || before.get().fixedIp()
                  && before.get().status().orElseThrow().phase() == PodEniPhase.UNBIND;
      if (deterministic) {
        doesNotFitChecked++;
        assertNotNull(failure, () -> "advisor said " + decision + " but the allocator allocated");
        Set<AllocationException.Reason> expected = EnumSet.noneOf(AllocationException.Reason.class);
        for (PlacementReason r : decision.reasons()) {
          r.code().allocatorReason().ifPresent(expected::add);
        }
        AllocationException.Reason got = failure.reason();
        assertTrue(
            expected.contains(got),
            () -> "advisor said " + decision + " but the allocator failed with " + got);
      }
    }

    /**
     * An informer: every record that changed since the last look is put, every one gone removed.
     */
    void inform() {
      Map<String, PodEni> now = new HashMap<>();
      f.store.list().forEach(r -> now.put(r.metadata().name(), r));
      for (PodEni old : informed.list()) {
        if (!now.containsKey(old.metadata().name())) {
          informed.remove(old.metadata().namespace(), old.metadata().name());
        }
      }
      now.values().forEach(informed::put);
    }

    void requeue(Model model) {
      model.live.forEach(
          (name, node) -> {
            Optional<PodEni> record = f.allocator.podEni("apps", name);
            if (record.isEmpty()
                || record.get().status().orElseThrow().phase() != PodEniPhase.BIND) {
              scheduleChecked(pods.get(name), NODES.get(node));
            }
          });
    }

    @Override
    public void close() {
      Statistics.record(fitsChecked, doesNotFitChecked);
    }
  }

  /** How many comparisons of each kind the runs made (printed, so a weak run shows). */
  static final class Statistics {
    static int fits;
    static int doesNotFit;

    static synchronized void record(int f, int d) {
      fits += f;
      doesNotFit += d;
    }
  }

  record Create(String name, int node) implements Action<Model, World> {
    @Override
    public boolean precondition(Model model) {
      return !model.live.containsKey(name);
    }

    @Override
    public void run(Model model, World world) {
      model.live.put(name, node);
      world.create(name, NODES.get(node));
    }
  }

  record Delete(String name) implements Action<Model, World> {
    @Override
    public boolean precondition(Model model) {
      return model.live.containsKey(name);
    }

    @Override
    public void run(Model model, World world) {
      model.live.remove(name);
      world.f.allocator.podDeleted("apps", name);
    }
  }

  record Recreate(String name, int node) implements Action<Model, World> {
    @Override
    public boolean precondition(Model model) {
      return model.live.containsKey(name);
    }

    @Override
    public void run(Model model, World world) {
      world.f.allocator.podDeleted("apps", name);
      model.live.put(name, node);
      world.create(name, NODES.get(node));
    }
  }

  record Advance(int seconds) implements Action<Model, World> {
    @Override
    public void run(Model model, World world) {
      world.f.advance(Duration.ofSeconds(seconds));
      world.f.allocator.tick();
      world.requeue(model);
    }
  }

  static Gen<Action<Model, World>> actions(Model model) {
    Gen<String> names = Gens.elements(NAMES);
    Gen<Integer> nodes = Gens.integers(0, NODES.size() - 1);
    return Gens.frequency(
        List.of(
            Map.entry(6, Gens.combine(names, nodes, Create::new)),
            Map.entry(3, names.map(Delete::new)),
            Map.entry(2, Gens.combine(names, nodes, Recreate::new)),
            Map.entry(4, Gens.elements(1, 5, 30, 400, 700).map(Advance::new))));
  }

  static void slotsAgree(Model model, World world) {
    world.inform();
    PodEniLedger listed = PodEniLedger.of(world.f.store.list());
    NodeCapacityView fromListing = NodeCapacityView.of(listed, world.limits);
    NodeCapacityView fromInformer = NodeCapacityView.of(world.informed, world.limits);
    NodeCapacityView local = NodeCapacityView.of(world.f.allocator.capacity());
    String type = AllocatorFixture.INSTANCE_TYPE;
    for (String instance : INSTANCES) {
      var expected = local.memberSlots(instance, type);
      assertEquals(expected, fromListing.memberSlots(instance, type), "listing, " + instance);
      assertEquals(expected, fromInformer.memberSlots(instance, type), "informer, " + instance);
    }
  }

  @Test
  void recordComputedSlots_equalAllocatorAccounting_andFitsAgreesWithAllocate() {
    ActionSequences.<Model, World>of(Model::new, World::new, PlacementAdvisorProperties::actions)
        .invariant(PlacementAdvisorProperties::slotsAgree)
        .maxLength(40)
        .withTries(120)
        .check();
    // The property must have compared both ways, many times.
    assertTrue(Statistics.fits > 100, "fits compared " + Statistics.fits);
    assertTrue(Statistics.doesNotFit > 20, "does-not-fit compared " + Statistics.doesNotFit);
  }
}
