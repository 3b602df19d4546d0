package dev.terway4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.allocator.AllocatorSettings;
import dev.terway4j.allocator.TrunkAllocator;
import dev.terway4j.cloud.spi.CreateNetworkInterfaceRequest;
import dev.terway4j.cloud.spi.NetworkInterfaceType;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.ImmutableObjectMeta;
import dev.terway4j.model.ImmutablePodEni;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The harness catches broken controllers, names the broken invariant and shrinks to a short
 * sequence; a correct controller passes and the statistics add up.
 */
class ControllerHarnessTest {

  /** A controller that feeds an allocator; subclasses break it. */
  static class Fed implements PodController {
    final SimulatedCluster cluster;
    final TrunkAllocator allocator;

    Fed(SimulatedCluster cluster) {
      this.cluster = cluster;
      this.allocator = cluster.newAllocator();
      allocator.recover();
    }

    @Override
    public void podScheduled(Pod pod, Namespace namespace, Node node) {
      allocator.podScheduled(pod, namespace, node);
    }

    @Override
    public void podDeleted(Pod pod) {
      allocator.podDeleted(pod.metadata().namespace(), pod.metadata().name());
    }

    @Override
    public void timePassed() {
      allocator.tick();
    }
  }

  private static PropertyFailure failureOf(Function<SimulatedCluster, PodController> factory) {
    return assertThrows(
        PropertyFailure.class,
        () ->
            ControllerHarness.of(factory)
                .faults(Fault.none())
                .maxSteps(25)
                .withTries(200)
                .withSeed(7)
                .withMaxShrinkAttempts(3_000)
                .check());
  }

  private static void assertShrunkTo(PropertyFailure failure, int maxSteps, String expected) {
    List<?> steps = (List<?>) failure.shrunkCounterexample();
    assertTrue(steps.size() <= maxSteps, failure::getMessage);
    assertTrue(failure.getMessage().contains(expected), failure::getMessage);
  }

  @Test
  void aController_thatNeverReleases_failsToConverge() {
    PropertyFailure failure =
        failureOf(
            c ->
                new Fed(c) {
                  @Override
                  public void podDeleted(Pod pod) {}
                });
    assertShrunkTo(failure, 3, "still has a PodENI");
  }

  @Test
  void aController_thatNeverAllocates_leavesLivePodsWithout() {
    PropertyFailure failure =
        failureOf(
            c ->
                new Fed(c) {
                  @Override
                  public void podScheduled(Pod pod, Namespace namespace, Node node) {}
                });
    assertShrunkTo(failure, 2, "has no PodENI although its trunk has a free slot");
  }

  @Test
  void aController_thatLeaksEnis_isCaughtByTheFinalAudit() {
    PropertyFailure failure =
        failureOf(
            c ->
                new Fed(c) {
                  @Override
                  public void podScheduled(Pod pod, Namespace namespace, Node node) {
                    super.podScheduled(pod, namespace, node);
                    cluster
                        .cloud()
                        .createNetworkInterface(
                            CreateNetworkInterfaceRequest.builder()
                                .vSwitchId(cluster.scenario().podVSwitches().get(0).id())
                                .securityGroupIds(List.of(CloudScenarios.SECURITY_GROUPS.get(0)))
                                .type(NetworkInterfaceType.SECONDARY)
                                .tag(AllocatorSettings.CLUSTER_TAG, cluster.settings().clusterId())
                                .tag(AllocatorSettings.CREATOR_TAG, AllocatorSettings.CREATOR)
                                .build());
                  }
                });
    assertShrunkTo(failure, 2, "LEAKED_ENI");
  }

  @Test
  void aController_thatHandsOneEniToTwoPods_isCaughtAfterTheStep() {
    PropertyFailure failure =
        failureOf(
            c ->
                new Fed(c) {
                  @Override
                  public void podScheduled(Pod pod, Namespace namespace, Node node) {
                    super.podScheduled(pod, namespace, node);
                    for (PodEni other : cluster.store().list()) {
                      if (!other.metadata().name().equals(pod.metadata().name())) {
                        cluster
                            .store()
                            .put(
                                ImmutablePodEni.copyOf(other)
                                    .withMetadata(
                                        ImmutableObjectMeta.copyOf(other.metadata())
                                            .withName(pod.metadata().name())));
                        return;
                      }
                    }
                  }
                });
    assertShrunkTo(failure, 4, "held twice");
  }

  @Test
  void aController_thatReleasesFixedIpsOnDelete_breaksTheFixedIpInvariant() {
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () ->
                ControllerHarness.of(
                        c ->
                            new Fed(c) {
                              @Override
                              public void podDeleted(Pod pod) {
                                allocator.release(
                                    pod.metadata().namespace(), pod.metadata().name());
                              }
                            })
                    .podNetworkings(
                        s ->
                            CloudScenarios.podNetworkings(
                                s, Gens.constant(AllocationType.fixedNever())))
                    .faults(Fault.none())
                    .maxSteps(25)
                    .withTries(200)
                    .withSeed(7)
                    .check());
    assertShrunkTo(failure, 5, "(releaseStrategy Never) was released");
  }

  @Test
  void aController_thatThrowsAnUntypedException_fails() {
    PropertyFailure failure =
        failureOf(
            c ->
                new Fed(c) {
                  @Override
                  public void timePassed() {
                    throw new NullPointerException("bug");
                  }
                });
    assertShrunkTo(failure, 2, "NullPointerException: bug");
  }

  @Test
  void userInvariants_runAfterEveryStep() {
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () ->
                ControllerHarness.of(Fed::new)
                    .faults(Fault.none())
                    .invariant(
                        (cluster, controller) ->
                            assertTrue(cluster.store().list().size() < 2, "two records"))
                    .withTries(200)
                    .withSeed(3)
                    .check());
    assertShrunkTo(failure, 4, "two records");
  }

  @Test
  void aCorrectController_passes_andTheCountsAddUp() {
    HarnessResult result =
        ControllerHarness.of(Fed::new)
            .podNetworkings(
                s ->
                    CloudScenarios.podNetworkings(
                        s, Gens.elements(AllocationType.elastic(), AllocationType.fixedNever())))
            .maxSteps(30)
            .withTries(30)
            .withSeed(11)
            .check();
    // -Dterway.tries raises every run's tries (the README's long mode), never lowers them.
    assertEquals(
        Math.max(30, Integer.getInteger(PropertyChecks.TRIES_PROPERTY, 0)), result.tries());
    assertEquals(11, result.seed());
    assertEquals(result.steps(), result.statistics().events("steps"), result::toString);
    assertTrue(result.steps() >= 30, result::toString);
    assertTrue(result.faultedSteps() <= result.steps(), result::toString);
    assertTrue(result.injectedFaults() >= result.faultedSteps(), result::toString);
    assertTrue(result.restarts() >= result.crashes(), result::toString);
  }
}
