package dev.terway4j.model;

import static com.google.common.base.Preconditions.checkState;

import java.time.Duration;
import org.immutables.value.Value;

/**
 * The limits validation applies where this library and Terway differ (see docs/behaviour.md,
 * "Validation"). Immutable and thread-safe.
 */
@Value.Immutable
public interface ValidationPolicy {

  /** This library's defaults: at most 5 security groups, {@code releaseAfter} at least 5m. */
  ValidationPolicy DEFAULT = ImmutableValidationPolicy.builder().build();

  /** Terway's own limits: at most 10 security groups, no minimum {@code releaseAfter}. */
  ValidationPolicy TERWAY_COMPATIBLE =
      ImmutableValidationPolicy.builder()
          .maxSecurityGroups(10)
          .minReleaseAfter(Duration.ZERO)
          .build();

  /** Returns the largest number of security groups per PodNetworking (the guide says 5). */
  @Value.Default
  default int maxSecurityGroups() {
    return 5;
  }

  /** Returns the shortest accepted TTL (the guide says 5 minutes). */
  @Value.Default
  default Duration minReleaseAfter() {
    return Duration.ofMinutes(5);
  }

  /** Returns a copy with the given security-group limit. */
  default ValidationPolicy withMaxSecurityGroups(int max) {
    return ImmutableValidationPolicy.copyOf(this).withMaxSecurityGroups(max);
  }

  /** Checks the limits. */
  @Value.Check
  default void check() {
    checkState(
        maxSecurityGroups() >= 1,
        "maxSecurityGroups must be at least 1 but was %s",
        maxSecurityGroups());
    checkState(
        !minReleaseAfter().isNegative(),
        "minReleaseAfter must not be negative but was %s",
        minReleaseAfter());
  }

  /**
   * Returns a new builder, so that no generated {@code Immutable*} type needs importing.
   *
   * @return an empty builder
   */
  static ImmutableValidationPolicy.Builder builder() {
    return ImmutableValidationPolicy.builder();
  }
}
