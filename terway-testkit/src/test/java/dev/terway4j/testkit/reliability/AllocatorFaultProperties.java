package dev.terway4j.testkit.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.model.AllocationType;
import dev.terway4j.testkit.CloudScenarios;
import dev.terway4j.testkit.ControllerHarness;
import dev.terway4j.testkit.Fault;
import dev.terway4j.testkit.Gens;
import dev.terway4j.testkit.HarnessResult;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The allocator under every fault of the fake, driven by {@link ControllerHarness}: random
 * sequences of pod creation, deletion and re-creation, clock advances, throttling, service errors,
 * latency, lost replies, attach failures after a successful create, refusals, crashes of the
 * process (between create and attach among others), restarts that recover from the store, refused
 * store writes, clock jumps far ahead or behind (and back), and pods whose names collide with
 * others' when joined (issue 13 items 9 to 12).
 *
 * <p>After every step the harness checks that no IP, ENI or VLAN is held twice, that no trunk
 * exceeds its member limit, that a Fixed pod's IP never changes once bound (across any number of
 * re-creations) and that the audit finds no missing ENI and no mismatched attachment, VLAN or
 * address, and that the allocator's member-slot accounting ({@link
 * AllocatorController#memberSlotsInUse}) equals the records. At the end of every sequence faults
 * stop and the harness lets time pass until the audit (the suite's final oracle) finds zero leaked
 * ENIs and every PodENI consistent with the cloud.
 *
 * <p>Every fault is injected into every operation, lost replies on attach included; the final
 * convergence gets the harness's default settle rounds.
 *
 * <p>Bounded tries here; {@code -Dterway.tries=N} runs N sequences per property (README.md gives
 * the long-mode command and its counts).
 */
class AllocatorFaultProperties {
  /**
   * Every kind of PodNetworking (Elastic, Fixed Never, Fixed with a TTL) under every fault, lost
   * replies on attach included, with the harness's default settle rounds. It covers what once were
   * known issues: a live Fixed TTL pod whose rebind waits for a member slot keeps its IP (also
   * across restarts), a lost attach reply whose confirming describe fails leaves the record Binding
   * until a tick settles it, and a restarted allocator converges without counting the addresses of
   * ENIs its replayed ClientTokens name.
   */
  @Test
  void allocator_underEveryFault_neverDoubleAssigns_keepsFixedIps_andConvergesWithoutLeaks() {
    HarnessResult result =
        ControllerHarness.of(AllocatorController::new).maxSteps(60).withTries(120).check();
    SuiteCounts.print("allocator under every fault", result);
    // Measured, not intended: operations did meet injected faults and crashes.
    assertTrue(result.injectedFaults() > 0 && result.crashes() > 0, result::toString);
  }

  @Test
  void allocator_withoutFaults_isAlsoCorrect_onLargerClusters() {
    HarnessResult result =
        ControllerHarness.of(AllocatorController::new)
            .scenarios(CloudScenarios.scenarios(3, 5, 4))
            .faults(Fault.none())
            .maxSteps(60)
            .withTries(60)
            .check();
    SuiteCounts.print("allocator without faults", result);
  }

  @Test
  void fixedPods_keepTheirIp_acrossReCreations_crashesAndRestarts() {
    HarnessResult result =
        ControllerHarness.of(AllocatorController::new)
            .podNetworkings(
                s ->
                    CloudScenarios.podNetworkings(
                        s,
                        Gens.oneOf(
                            Gens.constant(AllocationType.fixedNever()),
                            Gens.elements(5, 10, 30)
                                .map(m -> AllocationType.fixedTtl(Duration.ofMinutes(m))))))
            .faults(
                Set.of(
                    Fault.CRASH,
                    Fault.RESTART,
                    Fault.LOST_REPLY,
                    Fault.ATTACH_FAILURE,
                    Fault.STORE_FAILURE,
                    Fault.CLOCK_JUMP))
            .maxSteps(60)
            .withTries(60)
            .check();
    SuiteCounts.print("Fixed pods across re-creations", result);
  }
}
