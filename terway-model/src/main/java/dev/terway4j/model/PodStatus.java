package dev.terway4j.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** The part of {@code Pod.status} the control plane reads. Immutable and thread-safe. */
@Value.Immutable
@JsonSerialize(as = ImmutablePodStatus.class)
@JsonDeserialize(as = ImmutablePodStatus.class)
public interface PodStatus {

  /** Returns {@code phase}. */
  Optional<PodPhase> phase();

  /**
   * A Jackson inclusion filter that leaves out an empty status, as Go leaves out zero structs
   * behind {@code omitempty} pointers. Jackson calls {@code equals} with the value to test.
   */
  final class EmptyFilter {
    @Override
    @SuppressWarnings("EqualsHashCode") // a Jackson value filter, never put in a collection
    public boolean equals(Object value) {
      return value instanceof PodStatus status && status.phase().isEmpty();
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }

  /**
   * Returns a new builder, so that no generated {@code Immutable*} type needs importing.
   *
   * @return an empty builder
   */
  static ImmutablePodStatus.Builder builder() {
    return ImmutablePodStatus.builder();
  }
}
