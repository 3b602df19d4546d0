package dev.terway4j.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code PodNetworking.spec.selector}: a pod matches when every selector that is set matches (pod
 * labels and namespace labels). A selector that is absent is "not set"; {@code {}} matches
 * everything; with neither set the PodNetworking is never matched automatically. Immutable and
 * thread-safe.
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePodNetworkingSelector.class)
@JsonDeserialize(as = ImmutablePodNetworkingSelector.class)
public interface PodNetworkingSelector {

  /** Returns {@code podSelector}. */
  Optional<LabelSelector> podSelector();

  /** Returns {@code namespaceSelector}. */
  Optional<LabelSelector> namespaceSelector();

  /**
   * Returns a new builder, so that no generated {@code Immutable*} type needs importing.
   *
   * @return an empty builder
   */
  static ImmutablePodNetworkingSelector.Builder builder() {
    return ImmutablePodNetworkingSelector.builder();
  }
}
