package dev.terway4j.allocator.loop;

/**
 * Brings one pod in line with what it should be: the work a {@link PodLoop} worker does with a key
 * it took from the queue. {@link PodLoop.Builder#forAllocator} supplies one that drives a {@link
 * dev.terway4j.allocator.TrunkAllocator}; embedders with other work supply their own.
 *
 * <p><b>Thread safety:</b> implementations must be thread-safe: the loop's workers call it at once
 * for different keys (never for the same key at once).
 */
@FunctionalInterface
public interface Reconciler {

  /**
   * Reconciles one pod.
   *
   * @param key the pod
   * @return what to do next; a runtime exception thrown instead counts as {@link
   *     Outcome#retry(String)} with its description, except an {@link
   *     dev.terway4j.allocator.AllocationException} that is not {@linkplain
   *     dev.terway4j.allocator.AllocationException#retryable() retryable} and an {@link
   *     IllegalArgumentException} (bad input), which count as {@link Outcome#giveUp(String)}
   */
  Outcome reconcile(PodKey key);
}
