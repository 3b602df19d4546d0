package dev.terway4j.allocator.loop;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.Pod;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

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

  /**
   * Returns a cache that reads through three functions, e.g. an informer cache's method references:
   * {@code PodCache.of(informer::pod, informer::namespace, informer::node)}.
   *
   * @param pods a pod by namespace and name
   * @param namespaces a namespace by name
   * @param nodes a node by name
   * @return the cache; thread-safe if the functions are
   */
  static PodCache of(
      BiFunction<String, String, Optional<Pod>> pods,
      Function<String, Optional<Namespace>> namespaces,
      Function<String, Optional<Node>> nodes) {
    checkNotNull(pods, "pods");
    checkNotNull(namespaces, "namespaces");
    checkNotNull(nodes, "nodes");
    return new PodCache() {
      @Override
      public Optional<Pod> pod(String namespace, String name) {
        return checkNotNull(pods.apply(namespace, name), "the pod function returned null");
      }

      @Override
      public Optional<Namespace> namespace(String name) {
        return checkNotNull(namespaces.apply(name), "the namespace function returned null");
      }

      @Override
      public Optional<Node> node(String name) {
        return checkNotNull(nodes.apply(name), "the node function returned null");
      }
    };
  }
}
