package dev.terway4j.allocator.loop;

import dev.terway4j.allocator.TrunkAllocator;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.Pod;
import java.util.Optional;

/** Reconciles a pod through a {@link TrunkAllocator}, reading it from a {@link PodCache}. */
final class AllocatorReconciler implements Reconciler {
  private final TrunkAllocator allocator;
  private final PodCache cache;

  AllocatorReconciler(TrunkAllocator allocator, PodCache cache) {
    this.allocator = allocator;
    this.cache = cache;
  }

  @Override
  public Outcome reconcile(PodKey key) {
    Optional<Pod> pod = cache.pod(key.namespace(), key.name());
    if (pod.isEmpty()) {
      allocator.podDeleted(key.namespace(), key.name());
      return Outcome.done();
    }
    String nodeName = pod.get().spec().nodeName();
    if (nodeName.isEmpty()) {
      return Outcome.done(); // not scheduled yet; its update enqueues it again
    }
    Optional<Namespace> namespace = cache.namespace(key.namespace());
    Optional<Node> node = cache.node(nodeName);
    if (namespace.isEmpty() || node.isEmpty()) {
      return Outcome.retry("its namespace or node is not known yet");
    }
    allocator.podScheduled(pod.get(), namespace.get(), node.get());
    return Outcome.done();
  }
}
