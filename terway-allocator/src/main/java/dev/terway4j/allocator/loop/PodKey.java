package dev.terway4j.allocator.loop;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * A pod's identity in a work queue: its namespace and name, kept apart so that two pods never share
 * a key ({@code a/b} + {@code c} and {@code a} + {@code b/c} are different keys, where one joined
 * string would not tell them apart).
 *
 * <p>{@link #of} checks both parts as Kubernetes does (a namespace is a DNS-1123 label, a pod name
 * a DNS-1123 subdomain), with the same checks and messages as the allocator's own calls; neither
 * part may then hold a {@code /}, so {@link #toString()} ({@code namespace/name}) is unambiguous.
 *
 * <p>Immutable and thread-safe; equal keys have equal hash codes.
 *
 * @param namespace the pod's namespace
 * @param name the pod's name
 */
public record PodKey(String namespace, String name) {

  /**
   * Checks both parts.
   *
   * @param namespace the pod's namespace, a DNS-1123 label
   * @param name the pod's name, a DNS-1123 subdomain
   * @throws IllegalArgumentException naming every problem with its field and the (escaped,
   *     shortened) value
   * @throws NullPointerException if a part is null
   */
  public PodKey {
    checkNotNull(namespace, "namespace");
    checkNotNull(name, "name");
    dev.terway4j.allocator.internal.PodKey.of(namespace, name);
  }

  /**
   * Returns the key of a pod after checking its namespace and name.
   *
   * @param namespace the namespace, a DNS-1123 label
   * @param name the name, a DNS-1123 subdomain
   * @return the key
   * @throws IllegalArgumentException naming every problem with its field and the (escaped,
   *     shortened) value
   */
  public static PodKey of(String namespace, String name) {
    return new PodKey(namespace, name);
  }

  /** Returns {@code namespace/name}. */
  @Override
  public String toString() {
    return namespace + '/' + name;
  }
}
