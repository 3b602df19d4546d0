package dev.terway4j.testkit.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.testkit.reliability.LinearizabilityChecker.Call;
import dev.terway4j.testkit.reliability.LinearizabilityChecker.Outcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker accepts what a sequential allocator could do and rejects what it could not. */
class LinearizabilityCheckerTest {

  private static boolean linearizable(int limit, int pods, List<List<Call>> history) {
    return new LinearizabilityChecker(history, new int[] {limit}, pods).check().isEmpty();
  }

  private static Call bound(int thread, int pod, String ip, long inv, long res) {
    return new Call(thread, pod, 0, false, Outcome.BOUND, ip, inv, res);
  }

  private static Call full(int thread, int pod, long inv, long res) {
    return new Call(thread, pod, 0, false, Outcome.NODE_FULL, null, inv, res);
  }

  private static Call deleted(int thread, int pod, long inv, long res) {
    return new Call(thread, pod, 0, false, Outcome.DELETED, null, inv, res);
  }

  @Test
  void overlappingCalls_mayBeOrderedEitherWay() {
    // Thread 1's refusal overlaps thread 0's success: ordered after it, the node is full.
    assertTrue(
        linearizable(
            1, 2, List.of(List.of(bound(0, 0, "10.0.0.1", 1, 4)), List.of(full(1, 1, 2, 3)))));
  }

  @Test
  void aRefusal_beforeAnyAllocation_isNotLinearizable() {
    assertTrue(
        !linearizable(
            1, 2, List.of(List.of(bound(0, 0, "10.0.0.1", 3, 4)), List.of(full(1, 1, 1, 2)))));
  }

  @Test
  void overCapacity_isNotLinearizable() {
    assertTrue(
        !linearizable(
            1,
            2,
            List.of(
                List.of(bound(0, 0, "10.0.0.1", 1, 2)), List.of(bound(1, 1, "10.0.0.2", 3, 4)))));
  }

  @Test
  void anAddressHeldTwice_isNotLinearizable_butOneReusedAfterRelease_is() {
    assertTrue(
        !linearizable(
            5,
            2,
            List.of(
                List.of(bound(0, 0, "10.0.0.1", 1, 2)), List.of(bound(1, 1, "10.0.0.1", 3, 4)))));
    assertTrue(
        linearizable(
            5,
            2,
            List.of(
                List.of(bound(0, 0, "10.0.0.1", 1, 2), deleted(0, 0, 3, 4)),
                List.of(bound(1, 1, "10.0.0.1", 5, 6)))));
  }

  @Test
  void aDeletedPodsSlot_mayStillBeHeld_orAlreadyFree() {
    List<Call> first = List.of(bound(0, 0, "10.0.0.1", 1, 2), deleted(0, 0, 3, 4));
    assertTrue(linearizable(1, 2, List.of(first, List.of(full(1, 1, 5, 6)))));
    assertTrue(linearizable(1, 2, List.of(first, List.of(bound(1, 1, "10.0.0.2", 5, 6)))));
  }

  @Test
  void aSlotReserved_beforeTheAddressIsReused_stillCountsTheReleasingPod_untilTheReuserReturns() {
    // Pod 0 reserves its slot early (its call spans 1..20) and is given pod 1's address only once
    // pod 1's ENI is gone; pod 2 is refused in between, when both slots were still taken.
    List<Call> slow = List.of(bound(0, 0, "10.0.0.1", 1, 20));
    List<Call> first = List.of(bound(1, 1, "10.0.0.1", 2, 3), deleted(1, 1, 4, 5));
    assertTrue(linearizable(2, 3, List.of(slow, first, List.of(full(2, 2, 6, 7)))));
    // Once pod 0 has returned, pod 1's slot is known to be free: a refusal then is spurious.
    assertTrue(!linearizable(2, 3, List.of(slow, first, List.of(full(2, 2, 21, 22)))));
  }
}
