package dev.terway4j.allocator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.spi.CloudErrorCodes;
import dev.terway4j.cloud.spi.CloudException;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceStatus;
import dev.terway4j.model.Allocation;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.Labels;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Model-based property of the allocator on the fake cloud: random sequences of pod creations,
 * deletions and re-creations, clock advances with ticks, injected faults and allocator restarts.
 * After every step no ENI, IP or VLAN is held twice, member slots match the records and the limit,
 * every recorded ENI exists, and a Fixed pod's IP never changes while it is kept (and a {@code
 * Never} one is never lost). When a sequence ends, faults stop and time passes: every live pod's
 * record settles, and no ENI of ours is left that no record references.
 *
 * <p>Lives in the allocator's tests because terway-testkit cannot depend on the allocator while the
 * allocator's tests depend on terway-testkit (a Maven cycle).
 */
class TrunkAllocatorProperties {

  private static final List<String> NAMES =
      List.of("web-0", "web-1", "web-2", "db-0", "db-1", "kept-0", "kept-1");
  private static final List<Node> NODES =
      List.of(AllocatorFixture.NODE1, AllocatorFixture.NODE2, AllocatorFixture.NODE3);
  private static final Namespace NS = AllocatorFixture.namespace("apps", Map.of());
  private static final int MEMBER_LIMIT = 3;

  /** What the test knows: which pods exist, and the IP each Fixed pod was given. */
  static final class Model {
    final Map<String, Integer> live = new TreeMap<>(); // pod name -> node index
    final Map<String, String> fixedIps = new HashMap<>();
    final Set<String> neverKept = new HashSet<>();
  }

  /** The system: the fake cloud and an allocator (replaced on restart), with the pod objects. */
  static final class World implements AutoCloseable {
    final AllocatorFixture f = new AllocatorFixture(MEMBER_LIMIT, "10.0.1.0/28", 1);
    final Map<String, Pod> pods = new HashMap<>();

    World() {
      f.apply(
          pn(
              "web",
              AllocationType.elastic(),
              List.of("vsw-h1", "vsw-h2", "vsw-i1"),
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
              List.of("vsw-h2", "vsw-i1"),
              VSwitchSelectionPolicy.RANDOM));
    }

    private static dev.terway4j.model.PodNetworking pn(
        String app, AllocationType type, List<String> vSwitches, VSwitchSelectionPolicy policy) {
      return AllocatorFixture.podNetworking(
          app, type, Map.of("app", app), vSwitches, policy, "sg-web");
    }

    Node schedule(String name, Node requested) {
      String app = name.substring(0, name.indexOf('-'));
      // The admission hints require a returning Fixed pod's previous zone: the scheduler obeys.
      Node node =
          f.allocator
              .previousZone("apps", name)
              .filter(zone -> !zone.equals(requested.metadata().labels().get(Labels.ZONE)))
              .map(
                  zone ->
                      NODES.stream()
                          .filter(n -> zone.equals(n.metadata().labels().get(Labels.ZONE)))
                          .findFirst()
                          .orElseThrow())
              .orElse(requested);
      Pod pod =
          app.equals("web")
              ? f.deploymentPod("apps", name, Map.of("app", app), node)
              : f.statefulPod("apps", name, Map.of("app", app), node);
      pods.put(name, pod);
      tryScheduled(pod, node);
      return node;
    }

    void tryScheduled(Pod pod, Node node) {
      try {
        f.allocator.podScheduled(pod, NS, node);
      } catch (AllocationException e) {
        // BUSY, capacity, vSwitches, zone of a returning Fixed pod, cloud errors: the
        // controller requeues; the invariants say whether anything was left half-done.
      }
    }

    /** What a controller's requeue does: live pods without a settled record are tried again. */
    void requeue(Model model) {
      model.live.forEach(
          (name, node) -> {
            Optional<PodEni> record = f.allocator.podEni("apps", name);
            if (record.isEmpty()
                || record.get().status().orElseThrow().phase() != PodEniPhase.BIND) {
              tryScheduled(pods.get(name), NODES.get(node));
            }
          });
    }

    void restart() {
      f.allocator = f.newAllocator();
      for (int i = 0; ; i++) {
        try {
          f.allocator.recover();
          return;
        } catch (CloudException e) {
          if (i > 100) { // one-shot faults run out long before
            throw e;
          }
        }
      }
    }

    @Override
    public void close() {
      // Faults stop; time passes with ticks and requeues until everything settles.
      f.cloud.faults().clear();
      Model none = new Model();
      for (int round = 0; round < 6; round++) {
        f.advance(Duration.ofMinutes(11));
        f.allocator.tick();
        f.allocator.tick();
      }
      Set<String> referenced = new HashSet<>();
      for (PodEni r : f.store.list()) {
        PodEniPhase phase = r.status().orElseThrow().phase();
        assertTrue(
            phase == PodEniPhase.BIND || phase == PodEniPhase.UNBIND,
            "unsettled " + r.metadata().name() + " " + phase);
        r.spec().allocations().forEach(a -> referenced.add(a.eni().id()));
      }
      for (String id : f.ourEniIds()) {
        assertTrue(referenced.contains(id), "leaked ENI " + id);
      }
      none.live.clear();
    }
  }

  // ------------------------------------------------------------------ actions

  record Create(String name, int node) implements Action<Model, World> {
    @Override
    public boolean precondition(Model model) {
      return !model.live.containsKey(name);
    }

    @Override
    public void run(Model model, World world) {
      model.live.put(name, NODES.indexOf(world.schedule(name, NODES.get(node))));
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
      model.live.put(name, NODES.indexOf(world.schedule(name, NODES.get(node))));
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

  record Fault(CloudOperation operation, String kind, int times) implements Action<Model, World> {
    @Override
    public void run(Model model, World world) {
      var faults = world.f.cloud.faults();
      switch (kind) {
        case "throttle" -> faults.throttle(operation, times);
        case "internal" -> faults.failWith(operation, CloudErrorCodes.INTERNAL_ERROR, times);
        case "lostReply" -> faults.applyThenFail(operation, times);
        default -> faults.failWith(operation, CloudErrorCodes.INVALID_PARAMETER, times);
      }
    }
  }

  record Restart() implements Action<Model, World> {
    @Override
    public void run(Model model, World world) {
      world.restart();
    }
  }

  static Gen<Action<Model, World>> actions(Model model) {
    Gen<String> names = Gens.elements(NAMES);
    Gen<Integer> nodes = Gens.integers(0, NODES.size() - 1);
    Gen<Action<Model, World>> create = Gens.combine(names, nodes, Create::new);
    Gen<Action<Model, World>> delete = names.map(Delete::new);
    Gen<Action<Model, World>> recreate = Gens.combine(names, nodes, Recreate::new);
    Gen<Action<Model, World>> advance = Gens.elements(1, 5, 30, 90, 400, 700).map(Advance::new);
    Gen<Action<Model, World>> fault =
        Gens.combine(
            Gens.elements(
                CloudOperation.CREATE_NETWORK_INTERFACE,
                CloudOperation.ATTACH_NETWORK_INTERFACE,
                CloudOperation.DETACH_NETWORK_INTERFACE,
                CloudOperation.DELETE_NETWORK_INTERFACE,
                CloudOperation.DESCRIBE_NETWORK_INTERFACES),
            Gens.elements("throttle", "internal", "lostReply", "invalid"),
            Gens.integers(1, 7),
            Fault::new);
    Gen<Action<Model, World>> restart = Gens.constant(new Restart());
    return Gens.frequency(
        List.of(
            Map.entry(6, create),
            Map.entry(3, delete),
            Map.entry(2, recreate),
            Map.entry(5, advance),
            Map.entry(2, fault),
            Map.entry(1, restart)));
  }

  // ------------------------------------------------------------------ invariants

  static void invariants(Model model, World world) {
    AllocatorFixture f = world.f;
    Map<String, NetworkInterface> cloud = new HashMap<>();
    f.cloud.networkInterfaces().forEach(e -> cloud.put(e.id(), e));
    Set<String> enis = new HashSet<>();
    Set<String> ips = new HashSet<>();
    Set<String> vlans = new HashSet<>();
    Map<String, Integer> slots = new HashMap<>();
    Set<String> recorded = new HashSet<>();
    for (PodEni r : f.store.list()) {
      String name = r.metadata().name();
      recorded.add(name);
      var status = r.status().orElseThrow();
      for (Allocation a : r.spec().allocations()) {
        assertTrue(enis.add(a.eni().id()), "ENI held twice: " + a.eni().id());
        assertTrue(ips.add(a.ipv4()), "IP held twice: " + a.ipv4());
        NetworkInterface inCloud = cloud.get(a.eni().id());
        assertTrue(
            inCloud != null && inCloud.status() != NetworkInterfaceStatus.DELETING
                || status.phase() == PodEniPhase.DELETING,
            "recorded ENI missing: " + a.eni().id() + " of " + name);
        if (status.phase() == PodEniPhase.BIND) {
          int vid = status.eniInfos().get(a.eni().id()).vid();
          assertTrue(vlans.add(status.trunkENIID() + "#" + vid), "VLAN held twice: " + vid);
          assertEquals(Optional.of(status.trunkENIID()), inCloud.trunkNetworkInterfaceId());
        }
        if (r.fixedIp() && status.phase() == PodEniPhase.DELETING) {
          model.fixedIps.remove(name);
        } else if (r.fixedIp() && status.phase() == PodEniPhase.BIND) {
          // A Fixed IP is the pod's once it was bound; from then on it must not change.
          String first = model.fixedIps.putIfAbsent(name, a.ipv4());
          assertEquals(first == null ? a.ipv4() : first, a.ipv4(), "Fixed IP changed: " + name);
          if (name.startsWith("kept")) {
            model.neverKept.add(name);
          }
        } else if (r.fixedIp() && model.fixedIps.containsKey(name)) {
          assertEquals(model.fixedIps.get(name), a.ipv4(), "Fixed IP changed: " + name);
        }
      }
      if (!status.instanceID().isEmpty()) {
        slots.merge(status.instanceID(), 1, Integer::sum);
      }
    }
    model.fixedIps.keySet().retainAll(recorded);
    for (String kept : model.neverKept) {
      assertTrue(recorded.contains(kept), "a Never Fixed IP was lost: " + kept);
    }
    for (String instance : List.of("i-node1", "i-node2", "i-node3")) {
      int used = f.allocator.capacity().used(instance);
      assertEquals(slots.getOrDefault(instance, 0), used, "member slots of " + instance);
      assertTrue(used <= MEMBER_LIMIT, "over capacity on " + instance);
    }
  }

  @Test
  void allocator_neverDoubleAssigns_keepsFixedIps_andConvergesWithoutLeaks() {
    ActionSequences.<Model, World>of(Model::new, World::new, TrunkAllocatorProperties::actions)
        .invariant(TrunkAllocatorProperties::invariants)
        .maxLength(40)
        .withTries(150)
        .check();
  }
}
