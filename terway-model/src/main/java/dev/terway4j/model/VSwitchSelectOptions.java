package dev.terway4j.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/**
 * {@code vSwitchSelectOptions}; the CRD default policy is {@code ordered}. Immutable, thread-safe.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableVSwitchSelectOptions.class)
@JsonDeserialize(as = ImmutableVSwitchSelectOptions.class)
public interface VSwitchSelectOptions {

  /** Returns {@code vSwitchSelectionPolicy}. */
  @Value.Default
  default VSwitchSelectionPolicy vSwitchSelectionPolicy() {
    return VSwitchSelectionPolicy.ORDERED;
  }

  /** Returns the options with the given policy. */
  static VSwitchSelectOptions of(VSwitchSelectionPolicy policy) {
    return ImmutableVSwitchSelectOptions.builder().vSwitchSelectionPolicy(policy).build();
  }

  /**
   * Returns a new builder, so that no generated {@code Immutable*} type needs importing.
   *
   * @return an empty builder
   */
  static ImmutableVSwitchSelectOptions.Builder builder() {
    return ImmutableVSwitchSelectOptions.builder();
  }
}
