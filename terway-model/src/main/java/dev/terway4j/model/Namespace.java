package dev.terway4j.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * A read view of a Kubernetes {@code Namespace}: its metadata (labels matter for {@code
 * namespaceSelector}). Immutable and thread-safe.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableNamespace.class)
@JsonDeserialize(as = ImmutableNamespace.class)
public interface Namespace extends KubernetesObject {

  /** The kind. */
  String KIND = "Namespace";

  @Override
  @Value.Default
  default String apiVersion() {
    return "v1";
  }

  @Override
  @Value.Default
  default String kind() {
    return KIND;
  }

  @Override
  @Value.Default
  default ObjectMeta metadata() {
    return ImmutableObjectMeta.builder().build();
  }

  /** Returns a new builder. */
  static ImmutableNamespace.Builder builder() {
    return ImmutableNamespace.builder();
  }
}
