package dev.terway4j.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.immutables.value.Value;

/**
 * {@code PodNetworking.spec}. The CRD defaults are applied when a field is absent, as the API
 * server applies them: {@code eniOptions.eniType = Default}, {@code
 * vSwitchSelectOptions.vSwitchSelectionPolicy = ordered}, {@code allocationType.type = Elastic}.
 * Immutable and thread-safe.
 */
@Value.Immutable
@JsonSerialize(as = ImmutablePodNetworkingSpec.class)
@JsonDeserialize(as = ImmutablePodNetworkingSpec.class)
public interface PodNetworkingSpec {

  /** Returns {@code allocationType}. */
  @Value.Default
  default AllocationType allocationType() {
    return AllocationType.elastic();
  }

  /** Returns {@code selector}. */
  @Value.Default
  default PodNetworkingSelector selector() {
    return ImmutablePodNetworkingSelector.builder().build();
  }

  /** Returns {@code securityGroupIDs}: every one applies to the pod's ENI. */
  List<String> securityGroupIDs();

  /** Returns {@code vSwitchOptions}: candidate vSwitch ids, one of which a pod gets. */
  List<String> vSwitchOptions();

  /** Returns {@code vSwitchSelectOptions}. */
  @Value.Default
  default VSwitchSelectOptions vSwitchSelectOptions() {
    return ImmutableVSwitchSelectOptions.builder().build();
  }

  /** Returns {@code eniOptions}. */
  @Value.Default
  default EniOptions eniOptions() {
    return ImmutableEniOptions.builder().build();
  }

  /**
   * Returns a new builder, so that no generated {@code Immutable*} type needs importing.
   *
   * @return an empty builder
   */
  static ImmutablePodNetworkingSpec.Builder builder() {
    return ImmutablePodNetworkingSpec.builder();
  }
}
