package dev.terway4j.allocator.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.cloud.spi.VSwitch;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.selector.PodNetworkingResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The README's "Scheduler plugins: may this pod run here?" sample, run. The block between the
 * markers is a verbatim copy of the README's: README and this test must be kept in sync.
 */
@DisplayName("README scheduler sample, issue 14 item 9")
class ReadmePlacementSampleTest {

  private String sample(
      List<PodEni> listedPodEnis,
      PodNetworkingResolver resolver,
      List<InstanceType> instanceTypes,
      List<VSwitch> describedVSwitches,
      Pod pod,
      Namespace namespace,
      Node node) {
    // --- README begin (keep in sync with README.md) ---
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
    // --- README end ---
    return status;
  }

  private final PodNetworkingResolver resolver =
      PodNetworkingResolver.of(
          List.of(
              PlacementAdvisorTest.pn(
                  "web",
                  "web",
                  AllocationType.elastic(),
                  "vsw-h1",
                  PlacementAdvisorTest.ZONE_H,
                  "vsw-i1",
                  PlacementAdvisorTest.ZONE_I)));
  private final List<InstanceType> types = List.of(InstanceType.trunk("ecs.g7.large", 3, 1));
  private final List<VSwitch> vSwitches =
      List.of(
          PlacementAdvisorTest.vSwitch("vsw-h1", PlacementAdvisorTest.ZONE_H, 5),
          PlacementAdvisorTest.vSwitch("vsw-i1", PlacementAdvisorTest.ZONE_I, 0));
  private final Pod pod = PlacementAdvisorTest.pod("web-1", "web", "ReplicaSet", "u1");

  @Test
  void readme_carriesThisSample_verbatim() throws Exception {
    String test =
        Files.readString(
            Path.of(
                "src/test/java/dev/terway4j/allocator/placement/ReadmePlacementSampleTest.java"));
    String block =
        test.split("// --- README begin \\(keep in sync with README.md\\) ---\n")[1]
            .split("    // --- README end ---")[0];
    StringBuilder dedented = new StringBuilder();
    for (String line : block.split("\n", -1)) {
      dedented.append(line.startsWith("    ") ? line.substring(4) : line).append('\n');
    }
    String readme = Files.readString(Path.of("../README.md"));
    String expected = dedented.substring(0, dedented.length() - 1);
    assertTrue(readme.contains("```java\n" + expected + "```\n"), "README sample differs");
  }

  @Test
  void sample_onAFreeNode_succeeds() {
    assertEquals(
        "Success",
        sample(
            List.of(),
            resolver,
            types,
            vSwitches,
            pod,
            PlacementAdvisorTest.NS,
            PlacementAdvisorTest.NODE_H));
  }

  @Test
  void sample_onAFullNode_isUnschedulable_andOnAnEmptyVSwitch_unresolvable() {
    List<PodEni> full =
        List.of(
            PlacementAdvisorTest.podEni(
                "other",
                "u9",
                AllocationType.elastic(),
                PlacementAdvisorTest.ZONE_H,
                PodEniPhase.BIND,
                "i-node1"));
    assertEquals(
        "Unschedulable: MEMBER_SLOTS_FULL: node node1 (ecs.g7.large) already carries 1 of 1 member"
            + " ENIs",
        sample(
            full,
            resolver,
            types,
            vSwitches,
            pod,
            PlacementAdvisorTest.NS,
            PlacementAdvisorTest.NODE_H));
    assertEquals(
        "UnschedulableAndUnresolvable: NO_VSWITCH_WITH_FREE_IPS: no vSwitch of PodNetworking web"
            + " in zone cn-hangzhou-i has a free IP: [vsw-i1]",
        sample(
            List.of(),
            resolver,
            types,
            vSwitches,
            pod,
            PlacementAdvisorTest.NS,
            PlacementAdvisorTest.NODE_I));
  }
}
