package dev.terway4j.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import java.util.Map;
import org.immutables.value.Value;

/** An entry of {@code PodENI.spec.allocations}: one pod interface and its ENI. Immutable. */
@Value.Immutable
@JsonSerialize(as = ImmutableAllocation.class)
@JsonDeserialize(as = ImmutableAllocation.class)
public interface Allocation {

  /** Returns {@code allocationType}. */
  @Value.Default
  default AllocationType allocationType() {
    return AllocationType.elastic();
  }

  /** Returns {@code eni}. */
  @Value.Default
  default Eni eni() {
    return ImmutableEni.builder().build();
  }

  /** Returns {@code ipv4}: the ENI's primary private IPv4 address. */
  @Value.Default
  default String ipv4() {
    return "";
  }

  /** Returns {@code ipv6}: the ENI's first IPv6 address, when IPv6 is on. */
  @Value.Default
  default String ipv6() {
    return "";
  }

  /** Returns {@code ipv4CIDR}: the vSwitch's IPv4 CIDR. */
  @Value.Default
  default String ipv4CIDR() {
    return "";
  }

  /** Returns {@code ipv6CIDR}: the vSwitch's IPv6 CIDR. */
  @Value.Default
  default String ipv6CIDR() {
    return "";
  }

  /**
   * Returns {@code interface}: the interface name inside the pod, {@code eth0} by default in Terway
   * ({@code interface} is a Java keyword, hence the accessor name).
   */
  @JsonProperty("interface")
  @Value.Default
  default String interfaceName() {
    return "";
  }

  /** Returns {@code defaultRoute}. */
  @JsonInclude(JsonInclude.Include.NON_DEFAULT) // Go's omitempty: false and 0 are not written
  @Value.Default
  default boolean defaultRoute() {
    return false;
  }

  /** Returns {@code extraRoutes}. */
  List<Route> extraRoutes();

  /** Returns {@code extraConfig}. */
  Map<String, String> extraConfig();

  /**
   * Returns a new builder, so that no generated {@code Immutable*} type needs importing.
   *
   * @return an empty builder
   */
  static ImmutableAllocation.Builder builder() {
    return ImmutableAllocation.builder();
  }
}
