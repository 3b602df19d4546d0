package dev.terway4j.testkit.internal;

import dev.terway4j.allocator.audit.AuditFinding;
import dev.terway4j.allocator.audit.AuditReport;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceStatus;
import dev.terway4j.model.Allocation;
import dev.terway4j.model.EniInfo;
import dev.terway4j.model.Node;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.PodEniStatus;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.testkit.CloudScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The harness's invariants, checked after every step, and its convergence conditions.
 *
 * <p>After every step: no ENI, IPv4 address or (trunk, VLAN) is held by two records (a record being
 * deleted whose ENI is already gone or going holds nothing); no trunk carries more members than its
 * instance type allows, in the cloud or in the records; a Fixed pod's record, once bound, keeps its
 * address until the pod has been gone for its TTL (within a minute, the granularity of Terway's
 * {@code podLastSeen}) and is never released while the pod lives or for {@code Never}; the audit
 * finds no missing ENI, shared ENI, or mismatched attachment, VLAN or address (leaks are only
 * judged at the end: they are legitimate until the sweep runs).
 */
final class HarnessInvariants {
  /** How much earlier than its TTL a Fixed record may be released: Terway's check interval. */
  static final Duration TTL_TOLERANCE = Duration.ofMinutes(1);

  private HarnessInvariants() {}

  static void check(HarnessModel model, HarnessWorld world) throws Exception {
    if (!model.ready) {
      return;
    }
    List<PodEni> records = world.store().list();
    Map<String, NetworkInterface> cloud = new HashMap<>();
    world.fakeCloud().networkInterfaces().forEach(e -> cloud.put(e.id(), e));
    Set<String> enis = new HashSet<>();
    Set<String> ips = new HashSet<>();
    Set<String> vlans = new HashSet<>();
    Map<String, Integer> slots = new HashMap<>();
    for (PodEni record : records) {
      String name = record.metadata().name();
      PodEniStatus status = record.status().orElse(null);
      for (Allocation a : record.spec().allocations()) {
        NetworkInterface inCloud = cloud.get(a.eni().id());
        if (status != null
            && status.phase() == PodEniPhase.DELETING
            && (inCloud == null || inCloud.status() == NetworkInterfaceStatus.DELETING)) {
          // The ENI is gone or going and its address back in the pool; only the record lags.
          continue;
        }
        require(
            enis.add(a.eni().id()),
            "ENI " + a.eni().id() + " is held twice (again by " + name + ")");
        require(
            a.ipv4().isEmpty() || ips.add(a.ipv4()),
            "IPv4 " + a.ipv4() + " is held twice (again by " + name + ")");
        if (status != null && status.phase() == PodEniPhase.BIND) {
          EniInfo info = status.eniInfos().get(a.eni().id());
          if (info != null) {
            require(
                vlans.add(status.trunkENIID() + "#" + info.vid()),
                "VLAN "
                    + info.vid()
                    + " on "
                    + status.trunkENIID()
                    + " is held twice (again by "
                    + name
                    + ")");
          }
        }
      }
      if (status != null && !status.instanceID().isEmpty()) {
        slots.merge(status.instanceID(), 1, Integer::sum);
      }
    }
    CloudScenario scenario = world.scenario();
    for (CloudScenario.NodeSpec node : scenario.nodes()) {
      int limit = scenario.memberLimit(node);
      long members =
          cloud.values().stream()
              .filter(e -> e.trunkNetworkInterfaceId().equals(Optional.of(node.trunkEniId())))
              .filter(e -> e.status() != NetworkInterfaceStatus.AVAILABLE)
              .count();
      require(
          members <= limit,
          "trunk "
              + node.trunkEniId()
              + " of "
              + node.name()
              + " carries "
              + members
              + " members, limit "
              + limit);
      int recorded = slots.getOrDefault(node.instanceId(), 0);
      require(
          recorded <= limit,
          recorded + " PodENIs hold a member slot on " + node.name() + ", limit " + limit);
    }
    checkFixedIps(model, records, world.controllerClock().instant());
    checkSlots(world, slots);
    AuditReport report = world.audit();
    List<AuditFinding> findings = new ArrayList<>(report.findings());
    // Leaks are legitimate until the sweep runs, and a record in a transitional phase is the
    // controller's work in progress: both are judged when the sequence has settled.
    findings.removeIf(
        f ->
            f.kind() == AuditFinding.Kind.LEAKED_ENI
                || (f.kind() != AuditFinding.Kind.SHARED_ENI
                    && f.podEni().map(report.pending()::contains).orElse(false)));
    require(findings.isEmpty(), "the audit finds " + findings);
    HarnessConfig.UserInvariant user = world.config().invariant();
    if (user != null && world.controller() != null) {
      user.check(world, world.controller());
    }
  }

  /**
   * Checks that the controller's count of member slots in use, where it keeps one, equals the
   * PodENIs that name each instance: a slot is never lost on a failure path nor counted twice.
   */
  private static void checkSlots(HarnessWorld world, Map<String, Integer> recorded) {
    if (world.controller() == null) {
      return;
    }
    for (CloudScenario.NodeSpec node : world.scenario().nodes()) {
      OptionalInt used = world.controller().memberSlotsInUse(node.instanceId());
      if (used.isEmpty()) {
        return;
      }
      int held = recorded.getOrDefault(node.instanceId(), 0);
      require(
          used.getAsInt() == held,
          "the controller counts "
              + used.getAsInt()
              + " member slots in use on "
              + node.name()
              + " but "
              + held
              + " PodENIs hold one there");
    }
  }

  /**
   * Checks the Fixed IPs against the model at the controller's time {@code now} (also while its
   * clock has jumped: a release is judged at the time the controller saw).
   */
  static void checkFixedIps(HarnessModel model, List<PodEni> records, Instant now) {
    Map<String, PodEni> byName = new HashMap<>();
    records.forEach(r -> byName.put(r.metadata().name(), r));
    for (PodEni record : records) {
      if (!record.fixedIp() || record.spec().allocations().isEmpty()) {
        continue;
      }
      String name = record.metadata().name();
      Allocation a = record.spec().allocations().get(0);
      PodEniPhase phase = record.status().map(PodEniStatus::phase).orElse(PodEniPhase.INITIAL);
      HarnessModel.FixedIp known = model.fixedIps.get(name);
      if (known != null) {
        require(
            known.ip().equals(a.ipv4()),
            "Fixed pod " + name + " had " + known.ip() + " and now has " + a.ipv4());
      } else if (phase == PodEniPhase.BIND) {
        model.fixedIps.put(
            name, new HarnessModel.FixedIp(a.ipv4(), HarnessModel.ttl(a.allocationType())));
      }
      if (phase == PodEniPhase.BIND && model.live.contains(name)) {
        model.lastBoundLive.put(name, now);
      }
    }
    for (Map.Entry<String, HarnessModel.FixedIp> e : new ArrayList<>(model.fixedIps.entrySet())) {
      String name = e.getKey();
      PodEni record = byName.get(name);
      boolean releasing =
          record == null
              || record.status().map(PodEniStatus::phase).orElse(null) == PodEniPhase.DELETING;
      if (!releasing) {
        continue;
      }
      require(
          !model.live.contains(name),
          "the Fixed IP " + e.getValue().ip() + " of live pod " + name + " was released");
      Optional<Duration> ttl = e.getValue().ttl();
      require(
          ttl.isPresent(),
          "the Fixed IP "
              + e.getValue().ip()
              + " of "
              + name
              + " (releaseStrategy Never) was released");
      Instant seen = model.lastBoundLive.getOrDefault(name, Instant.MIN);
      require(
          !now.isBefore(seen.plus(ttl.get()).minus(TTL_TOLERANCE)),
          "the Fixed IP "
              + e.getValue().ip()
              + " of "
              + name
              + " was released at "
              + now
              + ", before its TTL "
              + ttl.get()
              + " since "
              + seen);
      // A release judged legitimate is final (Deleting only ends in deletion): from now on the
      // pod may come back with any address. Waiting to see the record gone missed the case where
      // the deletion and the next allocation happen within one step.
      model.fixedIps.remove(name);
      model.lastBoundLive.remove(name);
    }
  }

  /**
   * Returns what keeps the cluster from being settled; empty once the audit is clean with nothing
   * pending, every live pod that can have a member ENI has it bound on its node, a live pod that
   * has none is blocked by a full trunk or exhausted vSwitches, and gone pods keep only Fixed ENIs.
   */
  static List<String> unsettled(HarnessModel model, HarnessWorld world, AuditReport report) {
    List<String> problems = new ArrayList<>();
    if (!report.settled()) {
      problems.add("audit not settled: " + report);
    }
    CloudScenario scenario = world.scenario();
    Map<String, Integer> bound = new HashMap<>();
    for (PodEni record : world.store().list()) {
      PodEniStatus status = record.status().orElse(null);
      if (status != null && !status.instanceID().isEmpty()) {
        bound.merge(status.instanceID(), 1, Integer::sum);
      }
    }
    for (String name : model.podNames) {
      Optional<PodEni> record = world.store().get(HarnessWorld.NAMESPACE, name);
      Optional<PodNetworking> pn = model.podNetworking(name);
      PodEniPhase phase = record.flatMap(PodEni::status).map(PodEniStatus::phase).orElse(null);
      if (!model.live.contains(name)) {
        if (record.isPresent() && !(record.get().fixedIp() && phase == PodEniPhase.UNBIND)) {
          problems.add("gone pod " + name + " still has a PodENI in phase " + phase);
        }
        continue;
      }
      if (pn.isEmpty()) {
        if (record.isPresent()) {
          problems.add("pod " + name + " matches no PodNetworking but has a PodENI");
        }
        continue;
      }
      Node node = world.nodeOf(name).orElseThrow();
      CloudScenario.NodeSpec spec = scenario.node(node.metadata().name());
      if (record.isPresent()
          && phase == PodEniPhase.BIND
          && record.get().status().get().instanceID().equals(spec.instanceId())) {
        continue;
      }
      boolean trunkFull = bound.getOrDefault(spec.instanceId(), 0) >= scenario.memberLimit(spec);
      boolean keptEni = record.isPresent() && phase == PodEniPhase.UNBIND;
      boolean noAddress =
          pn.get().spec().vSwitchOptions().stream()
              .map(scenario::vSwitch)
              .filter(v -> v.zoneId().equals(spec.zoneId()))
              .allMatch(
                  v -> world.fakeCloud().describeVSwitch(v.id()).availableIpAddressCount() == 0);
      if (trunkFull || (!keptEni && noAddress)) {
        continue;
      }
      problems.add(
          "live pod "
              + name
              + " on "
              + spec.name()
              + " has "
              + record.map(r -> "a PodENI in phase " + phase).orElse("no PodENI")
              + " although its trunk has a free slot"
              + (keptEni ? "" : " and its vSwitches free addresses"));
    }
    return problems;
  }

  private static void require(boolean condition, String violation) {
    if (!condition) {
      throw new AssertionError(violation);
    }
  }
}
