package dev.terway4j.allocator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.model.AllocationType;
import dev.terway4j.model.ImmutablePodNetworking;
import dev.terway4j.model.ImmutablePodNetworkingSpec;
import dev.terway4j.model.NetworkingStatus;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.PodNetworkingStatus;
import dev.terway4j.model.VSwitchSelectionPolicy;
import dev.terway4j.model.VSwitchZone;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PodNetworking status, as Terway's pod-networking controller computes it. */
class PodNetworkingReconcilerTest {

  private final AllocatorFixture f = new AllocatorFixture();

  private static PodNetworking pn(String... vSwitches) {
    return AllocatorFixture.podNetworking(
        "pn",
        AllocationType.elastic(),
        Map.of("a", "b"),
        List.of(vSwitches),
        VSwitchSelectionPolicy.ORDERED,
        "sg-web");
  }

  @Test
  void allVSwitchesFound_isReady_withZonesInSpecOrder() {
    PodNetworkingStatus status =
        f.reconciler.computeStatus(pn("vsw-i1", "vsw-h1"), f.clock.instant());

    assertEquals(NetworkingStatus.READY, status.status().orElseThrow());
    assertEquals(
        List.of(
            VSwitchZone.of("vsw-i1", "cn-hangzhou-i"), VSwitchZone.of("vsw-h1", "cn-hangzhou-h")),
        status.vSwitches());
    assertEquals("", status.message());
  }

  @Test
  void missingVSwitch_isFail_namingEachOne_andRetriedAfter30Seconds() {
    PodNetworking failed =
        f.reconciler
            .reconcile(pn("vsw-h1", "vsw-nope", "vsw-gone"), f.clock.instant())
            .orElseThrow();
    PodNetworkingStatus status = failed.status().orElseThrow();

    assertEquals(NetworkingStatus.FAIL, status.status().orElseThrow());
    assertTrue(status.message().contains("vsw-nope"), status.message());
    assertTrue(status.message().contains("vsw-gone"), status.message());
    assertFalse(status.message().contains("vsw-h1"), status.message());
    assertFalse(failed.ready());
    assertFalse(f.reconciler.needsSync(failed, f.clock.instant().plusSeconds(29)));
    assertTrue(f.reconciler.needsSync(failed, f.clock.instant().plusSeconds(30)));
  }

  @Test
  void readyStatus_isKept_untilTheVSwitchSetChanges() {
    PodNetworking ready = f.reconciler.reconcile(pn("vsw-h1"), f.clock.instant()).orElseThrow();
    assertTrue(ready.ready());
    assertTrue(f.reconciler.reconcile(ready, f.clock.instant().plus(Duration.ofDays(1))).isEmpty());

    PodNetworking edited =
        ImmutablePodNetworking.copyOf(ready)
            .withSpec(
                ImmutablePodNetworkingSpec.copyOf(ready.spec())
                    .withVSwitchOptions("vsw-h1", "vsw-h2"));
    assertTrue(f.reconciler.needsSync(edited, f.clock.instant()));
    assertEquals(
        2,
        f.reconciler
            .reconcile(edited, f.clock.instant())
            .orElseThrow()
            .status()
            .orElseThrow()
            .vSwitches()
            .size());
  }

  @Test
  void podNetworkingWithoutStatus_isNotUsedForPods() {
    f.resolver.put(pn("vsw-h1"));
    var pod = f.deploymentPod("apps", "x", Map.of("a", "b"), AllocatorFixture.NODE1);

    assertTrue(
        f.allocator
            .podScheduled(pod, AllocatorFixture.namespace("apps", Map.of()), AllocatorFixture.NODE1)
            .isEmpty());
  }
}
