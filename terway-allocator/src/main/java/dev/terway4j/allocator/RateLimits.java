package dev.terway4j.allocator;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.cloud.spi.CloudOperation;
import java.util.EnumMap;
import java.util.Map;

/**
 * Client-side rate limits per cloud API, in calls per minute: a token bucket per API holding that
 * many calls and refilled at that rate (QPS = N/60, burst = N), as Terway's {@code ratelimit.go}.
 *
 * <p>Defaults (Terway's; docs/behaviour.md, "Failures, retries and rate limits"):
 * Create/Attach/Delete 500, Detach 400, DescribeNetworkInterfaces 800, DescribeInstanceTypes 400,
 * DescribeVSwitches 300. Immutable and thread-safe.
 */
public final class RateLimits {

  private static final RateLimits TERWAY_DEFAULTS = new RateLimits(defaults());

  private final Map<CloudOperation, Integer> perMinute;

  private RateLimits(Map<CloudOperation, Integer> perMinute) {
    this.perMinute = perMinute;
  }

  private static Map<CloudOperation, Integer> defaults() {
    Map<CloudOperation, Integer> map = new EnumMap<>(CloudOperation.class);
    map.put(CloudOperation.CREATE_NETWORK_INTERFACE, 500);
    map.put(CloudOperation.ATTACH_NETWORK_INTERFACE, 500);
    map.put(CloudOperation.DELETE_NETWORK_INTERFACE, 500);
    map.put(CloudOperation.DETACH_NETWORK_INTERFACE, 400);
    map.put(CloudOperation.DESCRIBE_NETWORK_INTERFACES, 800);
    map.put(CloudOperation.DESCRIBE_INSTANCE_TYPES, 400);
    map.put(CloudOperation.DESCRIBE_VSWITCHES, 300);
    return map;
  }

  /**
   * Returns Terway's defaults.
   *
   * @return the limits
   */
  public static RateLimits terwayDefaults() {
    return TERWAY_DEFAULTS;
  }

  /**
   * Returns these limits with one API's limit replaced (Terway's {@code rateLimit} override).
   *
   * @param operation the API
   * @param callsPerMinute the new limit, at least 1
   * @return the new limits
   */
  public RateLimits with(CloudOperation operation, int callsPerMinute) {
    checkNotNull(operation, "operation");
    checkArgument(callsPerMinute >= 1, "callsPerMinute must be at least 1: %s", callsPerMinute);
    Map<CloudOperation, Integer> copy = new EnumMap<>(perMinute);
    copy.put(operation, callsPerMinute);
    return new RateLimits(copy);
  }

  /**
   * Returns the limit of one API.
   *
   * @param operation the API
   * @return calls per minute
   */
  public int perMinute(CloudOperation operation) {
    return perMinute.get(checkNotNull(operation, "operation"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RateLimits other && perMinute.equals(other.perMinute);
  }

  @Override
  public int hashCode() {
    return perMinute.hashCode();
  }

  @Override
  public String toString() {
    return "RateLimits" + perMinute;
  }
}
