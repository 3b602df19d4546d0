package dev.terway4j.allocator.loop;

import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.Pod;
import java.util.Optional;

/**
 * Where a {@link PodLoop} driving a {@link dev.terway4j.allocator.TrunkAllocator} reads the pod a
 * key names, its namespace and its node: typically an informer's cache (three method references).
 *
 * <p><b>Thread safety:</b> implementations must be thread-safe; the loop's workers read at once.
 */
public interface PodCache {

  /**
   * Returns a pod.
   *
   * @param namespace its namespace
   * @param name its name
   * @return the pod, or empty if it is gone (the allocator then handles it as deleted)
   */
  Optional<Pod> pod(String namespace, String name);

  /**
   * Returns a namespace.
   *
   * @param name its name
   * @return the namespace, or empty if not known (yet)
   */
  Optional<Namespace> namespace(String name);

  /**
   * Returns a node.
   *
   * @param name its name
   * @return the node, or empty if not known (yet)
   */
  Optional<Node> node(String name);
}
