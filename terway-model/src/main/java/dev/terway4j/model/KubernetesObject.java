package dev.terway4j.model;

/**
 * A Kubernetes object this library reads or writes: a Terway CRD or a read view of a core object.
 *
 * <p>Implementations are immutable values and thread-safe.
 */
public interface KubernetesObject {

  /** Returns {@code apiVersion}, for example {@code network.alibabacloud.com/v1beta1}. */
  String apiVersion();

  /** Returns {@code kind}, for example {@code PodNetworking}. */
  String kind();

  /** Returns {@code metadata}. */
  ObjectMeta metadata();
}
