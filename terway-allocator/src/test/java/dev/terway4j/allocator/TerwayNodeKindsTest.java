package dev.terway4j.allocator;

import static dev.terway4j.allocator.AllocatorFixture.NODE1;
import static dev.terway4j.allocator.AllocatorFixture.ZONE_H;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.allocator.placement.PlacementAdvisor;
import dev.terway4j.allocator.placement.PlacementDecision;
import dev.terway4j.model.ImmutableNode;
import dev.terway4j.model.Labels;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.ObjectMeta;
import dev.terway4j.model.Pod;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Nodes whose pods Terway's pod controller leaves alone (issue 16 item 5): a virtual-kubelet node
 * (label {@code type=virtual-kubelet}) and a node labelled {@code
 * k8s.aliyun.com/ignore-by-terway=true} (terway-semantics.md, "podCreate preconditions"). Before,
 * the allocator created a member ENI for a pod on such a node, or failed for lack of a trunk.
 */
class TerwayNodeKindsTest {

  private final AllocatorFixture f = new AllocatorFixture();
  private final Namespace apps = AllocatorFixture.namespace("apps", Map.of());

  @BeforeEach
  void podNetworking() {
    f.apply(AllocatorFixture.elasticWeb());
  }

  @AfterEach
  void close() throws Exception {
    f.close();
  }

  private static Node labelled(Node node, String key, String value) {
    return ImmutableNode.copyOf(node)
        .withMetadata(ObjectMeta.builder().from(node.metadata()).putLabels(key, value).build());
  }

  private Pod webPod(Node node) {
    return f.deploymentPod("apps", "web-1", Map.of("app", "web"), node);
  }

  @Test
  void podOnAVirtualKubeletNode_getsNoPodEniAndCostsNoCloudCall_issue16item5() {
    Node virtual = labelled(NODE1, Labels.NODE_TYPE, Labels.VIRTUAL_KUBELET);
    long callsBefore = f.allocator.callStats().totalCalls();

    assertEquals(Optional.empty(), f.allocator.podScheduled(webPod(virtual), apps, virtual));
    f.allocator.tick();

    assertEquals(Optional.empty(), f.allocator.podEni("apps", "web-1"));
    assertEquals(callsBefore, f.allocator.callStats().totalCalls());
  }

  @Test
  void podOnANodeIgnoredByTerway_getsNoPodEni_issue16item5() {
    Node ignored = labelled(NODE1, Labels.IGNORE_BY_TERWAY, "true");

    assertEquals(Optional.empty(), f.allocator.podScheduled(webPod(ignored), apps, ignored));
    assertEquals(Optional.empty(), f.allocator.podEni("apps", "web-1"));
  }

  @Test
  void otherNodeTypesAndIgnoreValues_areStillTerways_issue16item5() {
    Node other = labelled(labelled(NODE1, Labels.NODE_TYPE, "ecs"), Labels.IGNORE_BY_TERWAY, "no");
    assertFalse(other.ignoredByTerway());

    assertTrue(f.allocator.podScheduled(webPod(other), apps, other).isPresent());
    assertEquals(ZONE_H, f.allocator.podEni("apps", "web-1").orElseThrow().spec().zone());
  }

  @Test
  void placementAdvisor_agreesThatAVirtualKubeletNodesPodIsNotManaged_issue16item5() {
    Node virtual = labelled(NODE1, Labels.NODE_TYPE, Labels.VIRTUAL_KUBELET);
    PlacementDecision decision =
        PlacementAdvisor.forAllocator(f.allocator).check(webPod(virtual), apps, virtual);

    assertEquals(PlacementDecision.Outcome.NOT_MANAGED, decision.outcome());
    assertTrue(decision.fits());
  }
}
