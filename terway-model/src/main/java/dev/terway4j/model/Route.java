package dev.terway4j.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import org.immutables.value.Value;

/** An entry of {@code extraRoutes}: a destination CIDR routed through the pod's interface. */
@Value.Immutable
@JsonSerialize(as = ImmutableRoute.class)
@JsonDeserialize(as = ImmutableRoute.class)
public interface Route {

  /** Returns {@code dst}: the destination CIDR. */
  @Value.Default
  default String dst() {
    return "";
  }

  /** Returns a route to the given CIDR. */
  static Route to(String dst) {
    return ImmutableRoute.builder().dst(dst).build();
  }

  /**
   * Returns a new builder, so that no generated {@code Immutable*} type needs importing.
   *
   * @return an empty builder
   */
  static ImmutableRoute.Builder builder() {
    return ImmutableRoute.builder();
  }
}
