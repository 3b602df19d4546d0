package dev.terway4j.testkit.reliability;

import dev.terway4j.allocator.TrunkAllocator;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.Pod;
import dev.terway4j.testkit.PodController;
import dev.terway4j.testkit.SimulatedCluster;
import java.util.OptionalInt;

/**
 * The controller the reliability suite drives: events go straight to a {@link TrunkAllocator},
 * which recovers from the store on every start, as a restarted Terway controller does.
 */
final class AllocatorController implements PodController {
  final TrunkAllocator allocator;

  AllocatorController(SimulatedCluster cluster) {
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

  @Override
  public OptionalInt memberSlotsInUse(String instanceId) {
    return OptionalInt.of(allocator.capacity().used(instanceId));
  }
}
