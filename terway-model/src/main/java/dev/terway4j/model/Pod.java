package dev.terway4j.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.immutables.value.Value;

/**
 * A read view of a Kubernetes {@code Pod}: metadata, {@code spec.nodeName}, {@code
 * spec.hostNetwork} and {@code status.phase}; other fields are not kept. Immutable and thread-safe.
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePod.class)
@JsonDeserialize(as = ImmutablePod.class)
public interface Pod extends KubernetesObject {

  /** The kind. */
  String KIND = "Pod";

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

  /** Returns {@code spec}. */
  @Value.Default
  default PodSpec spec() {
    return ImmutablePodSpec.builder().build();
  }

  /** Returns {@code status}. */
  @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = PodStatus.EmptyFilter.class)
  @Value.Default
  default PodStatus status() {
    return ImmutablePodStatus.builder().build();
  }

  /** Returns the kinds of the pod's owner references, in order. */
  default List<String> ownerKinds() {
    return metadata().ownerReferences().stream()
        .map(OwnerReference::kind)
        .collect(Collectors.toUnmodifiableList());
  }

  /** Returns whether the pod has terminated ({@code Succeeded} or {@code Failed}). */
  default boolean terminated() {
    Optional<PodPhase> phase = status().phase();
    return phase.isPresent()
        && (phase.get() == PodPhase.SUCCEEDED || phase.get() == PodPhase.FAILED);
  }

  /** Returns a new builder. */
  static ImmutablePod.Builder builder() {
    return ImmutablePod.builder();
  }
}
