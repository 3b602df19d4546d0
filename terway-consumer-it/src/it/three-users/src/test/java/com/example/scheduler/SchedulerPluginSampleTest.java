package com.example.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.terway4j.allocator.placement.MemberEniLimits;
import dev.terway4j.allocator.placement.NodeCapacityView;
import dev.terway4j.allocator.placement.PlacementAdvisor;
import dev.terway4j.allocator.placement.PlacementDecision;
import dev.terway4j.allocator.placement.PodEniLedger;
import dev.terway4j.allocator.placement.VSwitchAvailability;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.cloud.spi.VSwitch;
import dev.terway4j.model.Allocation;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.Annotations;
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
import org.junit.jupiter.api.Test;

/**
 * The README's "Scheduler plugins: may this pod run here?" sample, built as a scheduler plugin's
 * project would: only the BOM and public packages. The marked lines are the README's, verbatim.
 */
class SchedulerPluginSampleTest {
  private static final String ZONE_H = "cn-hangzhou-h";
  private static final String ZONE_I = "cn-hangzhou-i";

  private String sample(
      List<PodEni> listedPodEnis,
      PodNetworkingResolver resolver,
      List<InstanceType> instanceTypes,
      List<VSwitch> describedVSwitches,
      Pod pod,
      Namespace namespace,
      Node node) {
    // README sample begins
    // An informer keeps it current: put on add and update, remove on delete.
    PodEniLedger podEnis = PodEniLedger.of(listedPodEnis);
    PlacementAdvisor advisor =
        PlacementAdvisor.builder(resolver)
            .podEnis(podEnis)
            .capacity(NodeCapacityView.of(podEnis, MemberEniLimits.of(instanceTypes)))
            .vSwitches(VSwitchAvailability.of(describedVSwitches))
            .build();

    PlacementDecision decision = advisor.check(pod, namespace, node);
    String status =
        decision.fits()
            ? "Success"
            : decision.resolvableByPreemption()
                ? "Unschedulable: " + decision.message()
                : "UnschedulableAndUnresolvable: " + decision.message();
    // README sample ends
    return status;
  }

  private static Node node(String name, String instanceId, String zone) {
    return Node.builder()
        .metadata(
            ObjectMeta.builder()
                .name(name)
                .putLabels(Labels.ZONE, zone)
                .putLabels(Labels.INSTANCE_TYPE, "ecs.g7.large")
                .putAnnotations(Annotations.TRUNK_ON, "eni-trunk-" + name)
                .build())
        .spec(NodeSpec.builder().providerID("cn-hangzhou." + instanceId).build())
        .build();
  }

  private final Namespace namespace =
      Namespace.builder().metadata(ObjectMeta.named("apps")).build();
  private final Node nodeH = node("node1", "i-node1", ZONE_H);
  private final Node nodeI = node("node3", "i-node3", ZONE_I);
  private final PodNetworkingResolver resolver =
      PodNetworkingResolver.of(
          List.of(
              PodNetworking.builder()
                  .metadata(ObjectMeta.named("web"))
                  .spec(
                      PodNetworkingSpec.builder()
                          .allocationType(AllocationType.elastic())
                          .selector(
                              PodNetworkingSelector.builder()
                                  .podSelector(LabelSelector.matchLabels(Map.of("app", "web")))
                                  .build())
                          .addSecurityGroupIDs("sg-web")
                          .addVSwitchOptions("vsw-h1", "vsw-i1")
                          .build())
                  .status(
                      PodNetworkingStatus.builder()
                          .status(NetworkingStatus.READY)
                          .addVSwitches(
                              VSwitchZone.of("vsw-h1", ZONE_H), VSwitchZone.of("vsw-i1", ZONE_I))
                          .build())
                  .build()));
  private final List<InstanceType> types = List.of(InstanceType.trunk("ecs.g7.large", 3, 1));
  private final List<VSwitch> vSwitches =
      List.of(
          new VSwitch("vsw-h1", "vpc-demo", ZONE_H, "10.0.0.0/24", Optional.empty(), 5),
          new VSwitch("vsw-i1", "vpc-demo", ZONE_I, "10.0.1.0/24", Optional.empty(), 0));
  private final Pod pod =
      Pod.builder()
          .metadata(
              ObjectMeta.builder()
                  .namespace("apps")
                  .name("web-1")
                  .uid("u1")
                  .putLabels("app", "web")
                  .addOwnerReferences(OwnerReference.of("ReplicaSet", "web"))
                  .build())
          .build();

  /** Another pod's member ENI, bound on node1: the only member slot of an ecs.g7.large here. */
  private final PodEni otherPodsEni =
      PodEni.builder()
          .metadata(
              ObjectMeta.builder()
                  .namespace("apps")
                  .name("other")
                  .putAnnotations(Annotations.POD_UID, "u9")
                  .build())
          .spec(
              PodEniSpec.builder()
                  .zone(ZONE_H)
                  .addAllocations(
                      Allocation.builder().allocationType(AllocationType.elastic()).build())
                  .build())
          .status(PodEniStatus.builder().phase(PodEniPhase.BIND).instanceID("i-node1").build())
          .build();

  @Test
  void sample_onAFreeNode_succeeds() {
    assertEquals("Success", sample(List.of(), resolver, types, vSwitches, pod, namespace, nodeH));
  }

  @Test
  void sample_onAFullNode_isUnschedulable() {
    assertEquals(
        "Unschedulable: MEMBER_SLOTS_FULL: node node1 (ecs.g7.large) already carries 1 of 1 member"
            + " ENIs",
        sample(List.of(otherPodsEni), resolver, types, vSwitches, pod, namespace, nodeH));
  }

  @Test
  void sample_whereNoVSwitchHasAFreeIp_isUnresolvable() {
    assertEquals(
        "UnschedulableAndUnresolvable: NO_VSWITCH_WITH_FREE_IPS: no vSwitch of PodNetworking web"
            + " in zone cn-hangzhou-i has a free IP: [vsw-i1]",
        sample(List.of(), resolver, types, vSwitches, pod, namespace, nodeI));
  }
}
