package dev.terway4j.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Duration;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * {@code allocationType}: Elastic or Fixed, and for Fixed when the IP is released. {@code
 * releaseAfter} is kept as written (a Go duration string) so that invalid values can be read and
 * reported; {@link #releaseAfterDuration()} parses it. Immutable and thread-safe.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableAllocationType.class)
@JsonDeserialize(as = ImmutableAllocationType.class)
public interface AllocationType {

  /** Returns {@code type}; the CRD default is {@code Elastic}. */
  @Value.Default
  default IpAllocationType type() {
    return IpAllocationType.ELASTIC;
  }

  /** Returns {@code releaseStrategy}. */
  Optional<ReleaseStrategy> releaseStrategy();

  /** Returns {@code releaseAfter} as written, {@code ""} when absent. */
  @Value.Default
  default String releaseAfter() {
    return "";
  }

  /**
   * Returns {@code releaseAfter} parsed as a Go duration, empty when it is {@code ""}.
   *
   * @throws DurationFormatException when it is not a Go duration
   */
  default Optional<Duration> releaseAfterDuration() {
    return releaseAfter().isEmpty()
        ? Optional.empty()
        : Optional.of(GoDurations.parse(releaseAfter()));
  }

  /** Returns {@code {type: Elastic}}. */
  static AllocationType elastic() {
    return ImmutableAllocationType.builder().build();
  }

  /** Returns {@code {type: Fixed, releaseStrategy: Never}}. */
  static AllocationType fixedNever() {
    return ImmutableAllocationType.builder()
        .type(IpAllocationType.FIXED)
        .releaseStrategy(ReleaseStrategy.NEVER)
        .build();
  }

  /** Returns {@code {type: Fixed, releaseStrategy: TTL, releaseAfter: <ttl>}}. */
  static AllocationType fixedTtl(Duration ttl) {
    return ImmutableAllocationType.builder()
        .type(IpAllocationType.FIXED)
        .releaseStrategy(ReleaseStrategy.TTL)
        .releaseAfter(GoDurations.format(ttl))
        .build();
  }

  /**
   * Returns a new builder, so that no generated {@code Immutable*} type needs importing.
   *
   * @return an empty builder
   */
  static ImmutableAllocationType.Builder builder() {
    return ImmutableAllocationType.builder();
  }
}
