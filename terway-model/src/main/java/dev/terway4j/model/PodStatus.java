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
}
