package dev.terway4j.allocator.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.allocator.AllocationException;
import dev.terway4j.allocator.placement.PlacementDecision.Outcome;
import dev.terway4j.allocator.placement.PlacementReason.Code;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.cloud.spi.VSwitch;
import dev.terway4j.model.Allocation;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.Annotations;
import dev.terway4j.model.ImmutableObjectMeta;
import dev.terway4j.model.ImmutablePodNetworkingSpec;
import dev.terway4j.model.ImmutablePodNetworkingStatus;
import dev.terway4j.model.ImmutablePodSpec;
import dev.terway4j.model.LabelSelector;
import dev.terway4j.model.Labels;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.NetworkingStatus;
import dev.terway4j.model.Node;
import dev.terway4j.model.NodeSpec;
import dev.terway4j.model.ObjectMeta;
import dev.terway4j.model.OwnerReference;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.PodEniSpec;
import dev.terway4j.model.PodEniStatus;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.PodNetworkingSelector;
import dev.terway4j.model.PodNetworkingSpec;
import dev.terway4j.model.PodNetworkingStatus;
import dev.terway4j.model.VSwitchZone;
import dev.terway4j.selector.PodNetworkingResolver;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Examples of every placement reason (issue 14 item 9), on snapshots only: PodENI records in a
 * ledger, a table of instance-type limits and a list of described vSwitches, as a scheduler in
 * another process has them.
 */
@DisplayName("PlacementAdvisor, issue 14 item 9")
class PlacementAdvisorTest {

  static final String ZONE_H = "cn-hangzhou-h";
  static final String ZONE_I = "cn-hangzhou-i";
  static final Namespace NS =
      Namespace.builder().metadata(ObjectMeta.builder().name("apps").build()).build();

  static Node node(String name, String instanceId, String zone, String type, boolean trunk) {
    ImmutableObjectMeta.Builder meta =
        ObjectMeta.builder()
            .name(name)
            .putLabels(Labels.ZONE, zone)
            .putLabels(Labels.INSTANCE_TYPE, type);
    if (trunk) {
      meta.putAnnotations(Annotations.TRUNK_ON, "eni-trunk" + name);
    }
    return Node.builder()
        .metadata(meta.build())
        .spec(NodeSpec.builder().providerID("cn-hangzhou." + instanceId).build())
        .build();
  }

  static final Node NODE_H = node("node1", "i-node1", ZONE_H, "ecs.g7.large", true);
  static final Node NODE_H2 = node("node2", "i-node2", ZONE_H, "ecs.g7.large", true);
  static final Node NODE_I = node("node3", "i-node3", ZONE_I, "ecs.g7.large", true);
  static final Node NO_TRUNK_TYPE = node("node4", "i-node4", ZONE_H, "ecs.t5.small", true);
  static final Node NO_ANNOTATION = node("node5", "i-node5", ZONE_H, "ecs.g7.large", false);

  static final MemberEniLimits LIMITS =
      MemberEniLimits.of(
          List.of(
              InstanceType.trunk("ecs.g7.large", 3, 2),
              InstanceType.withoutTrunk("ecs.t5.small", 2)));

  static PodNetworking pn(String name, String app, AllocationType type, String... vSwitchZones) {
    ImmutablePodNetworkingStatus.Builder status =
        PodNetworkingStatus.builder().status(NetworkingStatus.READY);
    ImmutablePodNetworkingSpec.Builder spec =
        PodNetworkingSpec.builder()
            .allocationType(type)
            .selector(
                PodNetworkingSelector.builder()
                    .podSelector(LabelSelector.matchLabels(Map.of("app", app)))
                    .build())
            .addSecurityGroupIDs("sg-web");
    for (int i = 0; i < vSwitchZones.length; i += 2) {
      spec.addVSwitchOptions(vSwitchZones[i]);
      status.addVSwitches(VSwitchZone.of(vSwitchZones[i], vSwitchZones[i + 1]));
    }
    return PodNetworking.builder()
        .metadata(ObjectMeta.named(name))
        .spec(spec.build())
        .status(status.build())
        .build();
  }

  static Pod pod(String name, String app, String kind, String uid) {
    return Pod.builder()
        .metadata(
            ObjectMeta.builder()
                .namespace("apps")
                .name(name)
                .uid(uid)
                .putLabels("app", app)
                .addOwnerReferences(OwnerReference.of(kind, "owner"))
                .build())
        .spec(ImmutablePodSpec.builder().build())
        .build();
  }

  static VSwitch vSwitch(String id, String zone, long free) {
    return new VSwitch(id, "vpc-demo", zone, "10.0.0.0/24", Optional.empty(), free);
  }

  static PodEni podEni(
      String name, String uid, AllocationType type, String zone, PodEniPhase phase, String inst) {
    return PodEni.builder()
        .metadata(
            ObjectMeta.builder()
                .namespace("apps")
                .name(name)
                .putAnnotations(Annotations.POD_UID, uid)
                .build())
        .spec(
            PodEniSpec.builder()
                .zone(zone)
                .addAllocations(Allocation.builder().allocationType(type).build())
                .build())
        .status(PodEniStatus.builder().phase(phase).instanceID(inst).build())
        .build();
  }

  final PodNetworkingResolver resolver =
      PodNetworkingResolver.of(
          List.of(
              pn("web", "web", AllocationType.elastic(), "vsw-h1", ZONE_H, "vsw-i1", ZONE_I),
              pn("db", "db", AllocationType.fixedNever(), "vsw-h1", ZONE_H, "vsw-i1", ZONE_I),
              pn("only-h", "h", AllocationType.elastic(), "vsw-h2", ZONE_H),
              pn("twin-a", "twin", AllocationType.elastic(), "vsw-h1", ZONE_H),
              pn("twin-b", "twin", AllocationType.elastic(), "vsw-h1", ZONE_H)));
  final PodEniLedger ledger = PodEniLedger.create();

  PlacementAdvisor advisor(VSwitch... vSwitches) {
    return PlacementAdvisor.builder(resolver)
        .podEnis(ledger)
        .capacity(NodeCapacityView.of(ledger, LIMITS))
        .vSwitches(VSwitchAvailability.of(List.of(vSwitches)))
        .build();
  }

  final VSwitch h1 = vSwitch("vsw-h1", ZONE_H, 10);
  final VSwitch h2 = vSwitch("vsw-h2", ZONE_H, 10);
  final VSwitch i1 = vSwitch("vsw-i1", ZONE_I, 10);

  @Test
  void check_whenEverythingIsFree_fits_andShowsItsFacts() {
    PlacementDecision d =
        advisor(h1, h2, i1).check(pod("web-1", "web", "ReplicaSet", "u1"), NS, NODE_H);
    assertEquals(Outcome.FITS, d.outcome());
    assertTrue(d.fits());
    assertEquals(Optional.of("web"), d.podNetworking());
    assertEquals(List.of(ZONE_H, ZONE_I), d.allowedZones());
    assertEquals(1, d.vSwitchesInZone().size());
    assertEquals("vsw-h1", d.vSwitchesInZone().get(0).id());
    assertEquals(Optional.of(new MemberSlots(0, 2)), d.memberSlots());
    assertTrue(d.needsSlot());
  }

  @Test
  void check_whenNoPodNetworkingMatches_isNotManaged_andFits() {
    PlacementDecision d = advisor().check(pod("x", "other", "ReplicaSet", "u1"), NS, NO_ANNOTATION);
    assertEquals(Outcome.NOT_MANAGED, d.outcome());
    assertTrue(d.fits());
  }

  @Test
  void check_whenAmbiguousAndRejecting_doesNotFitAnywhere_podLevel() {
    Pod twin = pod("t", "twin", "ReplicaSet", "u1");
    PlacementAdvisor rejecting = PlacementAdvisor.builder(resolver).rejectAmbiguous(true).build();
    PlacementDecision d = rejecting.check(twin, NS, NODE_H);
    assertEquals(List.of(Code.AMBIGUOUS_POD_NETWORKING), codes(d));
    assertTrue(d.reasons().get(0).code().podLevel());
    assertTrue(d.message().contains("[twin-a, twin-b]"), d.message());
    // By default the lowest name wins, as in the allocator.
    PlacementDecision lenient = advisor(h1).check(twin, NS, NODE_H);
    assertEquals(Optional.of("twin-a"), lenient.podNetworking());
    assertTrue(lenient.resolution().isAmbiguous());
    assertTrue(lenient.fits());
  }

  @Test
  void check_whenKeptFixedEniIsInAnotherZone_doesNotFit_withZoneOfKeptEni() {
    ledger.put(podEni("db-0", "old", AllocationType.fixedNever(), ZONE_H, PodEniPhase.UNBIND, ""));
    Pod db = pod("db-0", "db", "StatefulSet", "new");
    PlacementDecision away = advisor(h1, i1).check(db, NS, NODE_I);
    assertEquals(List.of(Code.ZONE_OF_KEPT_ENI), codes(away));
    assertEquals(Optional.of(ZONE_H), away.keptZone());
    assertEquals(
        Optional.of(AllocationException.Reason.ZONE_MISMATCH),
        Code.ZONE_OF_KEPT_ENI.allocatorReason());
    // Back home it fits, and needs no vSwitch address: even with every vSwitch empty.
    PlacementDecision home = advisor(vSwitch("vsw-h1", ZONE_H, 0), i1).check(db, NS, NODE_H);
    assertEquals(Outcome.FITS, home.outcome());
    assertTrue(home.podNetworking().isEmpty());
  }

  @Test
  void check_whenNodeZoneIsNotAmongThePodNetworkingsVSwitchZones_doesNotFit() {
    PlacementDecision d = advisor(h2).check(pod("h-1", "h", "ReplicaSet", "u1"), NS, NODE_I);
    assertEquals(List.of(Code.ZONE_NOT_ALLOWED), codes(d));
    assertEquals(List.of(ZONE_H), d.allowedZones());
    assertFalse(d.resolvableByPreemption());
  }

  @Test
  void check_whenVSwitchesInTheNodesZoneHaveNoFreeIp_doesNotFit() {
    PlacementDecision d =
        advisor(vSwitch("vsw-h1", ZONE_H, 0), i1)
            .check(pod("web-1", "web", "ReplicaSet", "u1"), NS, NODE_H);
    assertEquals(List.of(Code.NO_VSWITCH_WITH_FREE_IPS), codes(d));
    assertEquals(0L, d.vSwitchesInZone().get(0).freeIps().getAsLong());
    // The other zone still has addresses.
    assertTrue(
        advisor(vSwitch("vsw-h1", ZONE_H, 0), i1)
            .check(pod("web-1", "web", "ReplicaSet", "u1"), NS, NODE_I)
            .fits());
  }

  @Test
  void check_whenVSwitchIsUnknown_doesNotExcludeTheNode() {
    PlacementDecision d = advisor().check(pod("web-1", "web", "ReplicaSet", "u1"), NS, NODE_H);
    assertTrue(d.fits());
    assertTrue(d.vSwitchesInZone().get(0).freeIps().isEmpty());
  }

  @Test
  void check_whenNodeCarriesItsLimit_doesNotFit_resolvableByPreemption() {
    ledger.put(podEni("a", "ua", AllocationType.elastic(), ZONE_H, PodEniPhase.BIND, "i-node1"));
    ledger.put(podEni("b", "ub", AllocationType.elastic(), ZONE_H, PodEniPhase.INITIAL, "i-node1"));
    Pod web = pod("web-1", "web", "ReplicaSet", "u1");
    PlacementDecision d = advisor(h1, i1).check(web, NS, NODE_H);
    assertEquals(List.of(Code.MEMBER_SLOTS_FULL), codes(d));
    assertEquals(Optional.of(new MemberSlots(2, 2)), d.memberSlots());
    assertTrue(d.resolvableByPreemption());
    assertTrue(advisor(h1, i1).check(web, NS, NODE_H2).fits());
    // A record that names the node holds its slot there: its own pod still fits.
    assertTrue(advisor(h1, i1).check(pod("a", "web", "ReplicaSet", "ua"), NS, NODE_H).fits());
  }

  @Test
  void check_whenNodesTypeHasNoTrunkSupport_doesNotFit_withTrunkNotSupported() {
    PlacementDecision d =
        advisor(h1).check(pod("web-1", "web", "ReplicaSet", "u1"), NS, NO_TRUNK_TYPE);
    assertEquals(List.of(Code.TRUNK_NOT_SUPPORTED), codes(d));
    assertEquals(Optional.of(new MemberSlots(0, 0)), d.memberSlots());
  }

  @Test
  void check_whenNodeHasNoTrunkEni_doesNotFit_withNodeNotReady() {
    PlacementDecision d =
        advisor(h1).check(pod("web-1", "web", "ReplicaSet", "u1"), NS, NO_ANNOTATION);
    assertEquals(List.of(Code.NODE_NOT_READY), codes(d));
    assertTrue(d.message().contains("trunk"), d.message());
  }

  @Test
  void check_reportsEveryReason_inCodeOrder() {
    ledger.put(podEni("a", "ua", AllocationType.elastic(), ZONE_I, PodEniPhase.BIND, "i-node3"));
    ledger.put(podEni("b", "ub", AllocationType.elastic(), ZONE_I, PodEniPhase.BIND, "i-node3"));
    PlacementDecision d = advisor(h2).check(pod("h-1", "h", "ReplicaSet", "u1"), NS, NODE_I);
    assertEquals(List.of(Code.ZONE_NOT_ALLOWED, Code.MEMBER_SLOTS_FULL), codes(d));
    assertFalse(d.resolvableByPreemption());
  }

  @Test
  void filter_decidesForEveryNode_inOrder() {
    List<PlacementDecision> ds =
        advisor(h1, i1)
            .filter(
                pod("web-1", "web", "ReplicaSet", "u1"),
                NS,
                List.of(NODE_H, NO_TRUNK_TYPE, NODE_I));
    assertEquals(
        List.of("node1", "node4", "node3"), ds.stream().map(PlacementDecision::nodeName).toList());
    assertEquals(List.of(true, false, true), ds.stream().map(PlacementDecision::fits).toList());
  }

  @Test
  void check_whenPodNamesAnotherNamespace_throwsIllegalArgument() {
    Namespace other =
        Namespace.builder().metadata(ObjectMeta.builder().name("other").build()).build();
    assertThrows(
        IllegalArgumentException.class,
        () -> advisor().check(pod("web-1", "web", "ReplicaSet", "u1"), other, NODE_H));
  }

  @Test
  void ledger_countsSlotsByInstanceId_whateverThePhase_andNotUnbind() {
    ledger.replaceAll(
        List.of(
            podEni("a", "u", AllocationType.elastic(), ZONE_H, PodEniPhase.DELETING, "i-node1"),
            podEni("b", "u", AllocationType.fixedNever(), ZONE_H, PodEniPhase.DETACHING, "i-node1"),
            podEni("c", "u", AllocationType.fixedNever(), ZONE_H, PodEniPhase.UNBIND, ""),
            podEni("d", "u", AllocationType.fixedNever(), ZONE_H, PodEniPhase.BINDING, "i-node2")));
    assertEquals(2, ledger.slotsUsed("i-node1"));
    assertEquals(1, ledger.slotsUsed("i-node2"));
    assertEquals(Map.of("i-node1", 2, "i-node2", 1), ledger.slotsByInstance());
    ledger.put(podEni("b", "u", AllocationType.fixedNever(), ZONE_H, PodEniPhase.UNBIND, ""));
    ledger.remove("apps", "a");
    ledger.put(podEni("d", "u", AllocationType.fixedNever(), ZONE_H, PodEniPhase.BIND, "i-node1"));
    assertEquals(1, ledger.slotsUsed("i-node1"));
    assertEquals(0, ledger.slotsUsed("i-node2"));
    assertEquals(ledger.slotsUsed("i-node1"), PodEniLedger.slotsUsed(ledger.list(), "i-node1"));
  }

  @Test
  void reason_cutsLongMessages_andDecisionsPrintShort() {
    PlacementReason r = new PlacementReason(Code.ZONE_NOT_ALLOWED, "z".repeat(5000));
    assertEquals(PlacementReason.MAX_MESSAGE_LENGTH, r.message().length());
    assertTrue(r.message().endsWith("..."));
  }

  @Test
  void check_escapesControlCharactersOfNamesInMessages_issue13rules() {
    Node hostile = node("evil\u001b[2Jnode", "i-evil", "zone\nforged", "ecs.g7.large", true);
    PlacementDecision d =
        advisor(h1, i1).check(pod("web-1", "web", "ReplicaSet", "u1"), NS, hostile);
    // Its trunk annotation is no ENI id either: both reasons, every name escaped.
    assertEquals(List.of(Code.NODE_NOT_READY, Code.ZONE_NOT_ALLOWED), codes(d));
    assertFalse(d.message().chars().anyMatch(Character::isISOControl), d.message());
    assertFalse(d.toString().chars().anyMatch(Character::isISOControl), d.toString());
    assertTrue(d.message().contains("zone\\nforged"), d.message());
  }

  static List<Code> codes(PlacementDecision d) {
    return d.reasons().stream().map(PlacementReason::code).toList();
  }
}
