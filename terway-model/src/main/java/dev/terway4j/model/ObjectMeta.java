package dev.terway4j.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * The part of Kubernetes {@code metadata} this library reads and writes.
 *
 * <p>Strings that Kubernetes omits when empty default to {@code ""}; timestamps and the generation
 * are optional. Immutable and thread-safe.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableObjectMeta.class)
@JsonDeserialize(as = ImmutableObjectMeta.class)
public interface ObjectMeta {

  /** Returns {@code name}. */
  @Value.Default
  default String name() {
    return "";
  }

  /** Returns {@code namespace}; empty for cluster-scoped objects. */
  @Value.Default
  default String namespace() {
    return "";
  }

  /** Returns {@code uid}. */
  @Value.Default
  default String uid() {
    return "";
  }

  /** Returns {@code labels}. */
  Map<String, String> labels();

  /** Returns {@code annotations}. */
  Map<String, String> annotations();

  /** Returns {@code ownerReferences}. */
  List<OwnerReference> ownerReferences();

  /** Returns {@code finalizers}. */
  List<String> finalizers();

  /** Returns {@code creationTimestamp}. */
  Optional<Instant> creationTimestamp();

  /** Returns {@code deletionTimestamp}; present while the object is being deleted. */
  Optional<Instant> deletionTimestamp();

  /** Returns {@code resourceVersion}, the optimistic-concurrency token of the API server. */
  @Value.Default
  default String resourceVersion() {
    return "";
  }

  /** Returns {@code generation}. */
  Optional<Long> generation();

  /** Returns a metadata with only {@code name} set. */
  static ObjectMeta named(String name) {
    return ImmutableObjectMeta.builder().name(name).build();
  }

  /** Returns a metadata with {@code namespace} and {@code name} set. */
  static ObjectMeta named(String namespace, String name) {
    return ImmutableObjectMeta.builder().namespace(namespace).name(name).build();
  }

  /** Returns a new builder. */
  static ImmutableObjectMeta.Builder builder() {
    return ImmutableObjectMeta.builder();
  }
}
