package dev.terway4j.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** {@code allocations[].eni}: the cloud ENI of an allocation. Immutable and thread-safe. */
@Value.Immutable
@JsonSerialize(as = ImmutableEni.class)
@JsonDeserialize(as = ImmutableEni.class)
public interface Eni {

  /** Returns {@code id}: the ENI id ({@code eni-...}). */
  @Value.Default
  default String id() {
    return "";
  }

  /** Returns {@code vpcID}. */
  @Value.Default
  default String vpcID() {
    return "";
  }

  /** Returns {@code mac}: the MAC address. */
  @Value.Default
  default String mac() {
    return "";
  }

  /** Returns {@code zone}. */
  @Value.Default
  default String zone() {
    return "";
  }

  /** Returns {@code vSwitchID}. */
  @Value.Default
  default String vSwitchID() {
    return "";
  }

  /** Returns {@code resourceGroupID}. */
  @Value.Default
  default String resourceGroupID() {
    return "";
  }

  /** Returns {@code securityGroupIDs}. */
  List<String> securityGroupIDs();

  /** Returns {@code attachmentOptions}. */
  Optional<AttachmentOptions> attachmentOptions();

  /**
   * Returns a new builder, so that no generated {@code Immutable*} type needs importing.
   *
   * @return an empty builder
   */
  static ImmutableEni.Builder builder() {
    return ImmutableEni.builder();
  }
}
