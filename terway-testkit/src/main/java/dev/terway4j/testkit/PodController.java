package dev.terway4j.testkit;

import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.Pod;

/**
 * A controller under test, as {@link ControllerHarness} drives it: the reaction to pod events and
 * to time passing. Implement it over your own controller (typically one that feeds a {@link
 * dev.terway4j.allocator.TrunkAllocator} built with {@link SimulatedCluster#newAllocator()}).
 *
 * <p>The harness delivers events the way an informer does: {@link #podScheduled} when a pod is
 * bound to a node and again on every resync while it lives (same UID: the reaction must be
 * idempotent), {@link #podDeleted} once when it goes, and {@link #timePassed} after every clock
 * advance. A pod re-created under the same name gets a new UID.
 *
 * <p>An exception the harness {@linkplain ControllerHarness#tolerating tolerates} (by default the
 * allocator's {@link dev.terway4j.allocator.AllocationException} and the cloud's {@link
 * dev.terway4j.cloud.spi.CloudException}) means "requeue": the harness goes on, and the event is
 * delivered again on the next resync. Anything else fails the property. A controller must not catch
 * {@link Error}s: the harness simulates a crash of the controller's process by throwing one from
 * inside a cloud call.
 *
 * <p><b>Thread safety:</b> the harness calls one controller from one thread at a time; an
 * implementation need not be thread-safe for it.
 */
public interface PodController extends AutoCloseable {
  /**
   * Reacts to a pod scheduled to a node, or to a resync of a live pod.
   *
   * @param pod the pod, with {@code spec.nodeName} set and labels {@code app=<app>}
   * @param namespace its namespace
   * @param node the node it is scheduled to
   * @throws Exception a tolerated exception to requeue; anything else is a failure
   */
  void podScheduled(Pod pod, Namespace namespace, Node node) throws Exception;

  /**
   * Reacts to a pod that is gone.
   *
   * @param pod the pod as it was last delivered
   * @throws Exception a tolerated exception to requeue; anything else is a failure
   */
  void podDeleted(Pod pod) throws Exception;

  /**
   * Reacts to the clock having moved: finish pending work, release what expired, sweep. The default
   * does nothing.
   *
   * @throws Exception a tolerated exception to requeue; anything else is a failure
   */
  default void timePassed() throws Exception {}

  /**
   * Returns how many member-ENI slots the controller counts as in use on an instance, if it keeps
   * such a count. The harness then checks after every step that the count equals the PodENIs that
   * name the instance (the member ENIs actually held): a slot lost on a failure path, or counted
   * twice by a recovery, fails the sequence. The default keeps no count.
   *
   * @param instanceId the node's ECS instance
   * @return the count, or empty
   */
  default java.util.OptionalInt memberSlotsInUse(String instanceId) {
    return java.util.OptionalInt.empty();
  }

  /**
   * Stops the controller: called before a restart replaces it, and at the end of a sequence. The
   * default does nothing.
   */
  @Override
  default void close() {}
}
