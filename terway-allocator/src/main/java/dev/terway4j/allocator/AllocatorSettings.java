package dev.terway4j.allocator;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.cloud.spi.ResourceIds;
import java.time.Duration;
import java.util.Optional;

/**
 * The knobs of a {@link TrunkAllocator}, with Terway's defaults. Build with {@link
 * #builder(String)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param clusterId the cluster id, written as tag {@code ack.aliyun.com=<clusterId>} on every ENI
 *     and used to find leaked ones
 * @param vpcId the cluster's VPC, if known: narrows the leak sweep's listing
 * @param vSwitchCacheTtl how long vSwitch facts are cached (20 min)
 * @param leakGuardAge how old an unreferenced ENI must be before the sweep touches it (10 min)
 * @param leakSweepInterval how often {@link TrunkAllocator#tick} sweeps for leaks (10 min)
 * @param releaseCheckInterval how often {@link TrunkAllocator#tick} checks Fixed TTLs and refreshes
 *     {@code podLastSeen} (1 min)
 * @param ipv6AddressCount IPv6 addresses per member ENI: 0, or 1 on dual-stack clusters
 * @param rateLimits the client-side rate limits per API
 * @param retryPolicy the retries of retryable cloud failures
 * @param seed the seed of every random choice (the {@code random} policy, jitter, client tokens)
 * @param resourceGroupId the resource group member ENIs are created in ({@code ResourceGroupId}),
 *     if not the account's default; Terway's controller passes one only when configured
 */
public record AllocatorSettings(
    String clusterId,
    Optional<String> vpcId,
    Duration vSwitchCacheTtl,
    Duration leakGuardAge,
    Duration leakSweepInterval,
    Duration releaseCheckInterval,
    int ipv6AddressCount,
    RateLimits rateLimits,
    RetryPolicy retryPolicy,
    long seed,
    Optional<String> resourceGroupId) {

  /**
   * Creates settings without a resource group: the constructor of the first release, kept so that
   * code written for it compiles.
   *
   * @param clusterId see the record
   * @param vpcId see the record
   * @param vSwitchCacheTtl see the record
   * @param leakGuardAge see the record
   * @param leakSweepInterval see the record
   * @param releaseCheckInterval see the record
   * @param ipv6AddressCount see the record
   * @param rateLimits see the record
   * @param retryPolicy see the record
   * @param seed see the record
   */
  public AllocatorSettings(
      String clusterId,
      Optional<String> vpcId,
      Duration vSwitchCacheTtl,
      Duration leakGuardAge,
      Duration leakSweepInterval,
      Duration releaseCheckInterval,
      int ipv6AddressCount,
      RateLimits rateLimits,
      RetryPolicy retryPolicy,
      long seed) {
    this(
        clusterId,
        vpcId,
        vSwitchCacheTtl,
        leakGuardAge,
        leakSweepInterval,
        releaseCheckInterval,
        ipv6AddressCount,
        rateLimits,
        retryPolicy,
        seed,
        Optional.empty());
  }

  /** The tag key holding the cluster id. */
  public static final String CLUSTER_TAG = "ack.aliyun.com";

  /** The tag key saying who created the ENI. */
  public static final String CREATOR_TAG = "creator";

  /** The value of {@link #CREATOR_TAG} on per-pod ENIs. */
  public static final String CREATOR = "terway-controller";

  /** The description written on per-pod ENIs, as Terway's. */
  public static final String DESCRIPTION = "interface create by terway";

  /** Checks the values. */
  public AllocatorSettings {
    checkNotNull(clusterId, "clusterId");
    checkNotNull(resourceGroupId, "resourceGroupId");
    resourceGroupId.ifPresent(dev.terway4j.cloud.spi.ResourceIds::checkResourceGroupId);
    checkArgument(!clusterId.isEmpty(), "clusterId is empty");
    checkNotNull(vpcId, "vpcId");
    vpcId.ifPresent(ResourceIds::checkVpcId);
    checkPositive(vSwitchCacheTtl, "vSwitchCacheTtl");
    checkNotNull(leakGuardAge, "leakGuardAge");
    checkArgument(!leakGuardAge.isNegative(), "leakGuardAge is negative: %s", leakGuardAge);
    checkPositive(leakSweepInterval, "leakSweepInterval");
    checkPositive(releaseCheckInterval, "releaseCheckInterval");
    checkArgument(
        ipv6AddressCount >= 0 && ipv6AddressCount <= 1,
        "ipv6AddressCount must be 0 or 1: %s",
        ipv6AddressCount);
    checkNotNull(rateLimits, "rateLimits");
    checkNotNull(retryPolicy, "retryPolicy");
  }

  private static void checkPositive(Duration d, String name) {
    checkNotNull(d, name);
    checkArgument(!d.isNegative() && !d.isZero(), "%s must be positive: %s", name, d);
  }

  /**
   * Returns a builder with Terway's defaults.
   *
   * @param clusterId the cluster id
   * @return the builder
   */
  public static Builder builder(String clusterId) {
    return new Builder(clusterId);
  }

  /**
   * Returns the settings with Terway's defaults.
   *
   * @param clusterId the cluster id
   * @return the settings
   */
  public static AllocatorSettings defaults(String clusterId) {
    return builder(clusterId).build();
  }

  /** Builds {@link AllocatorSettings}; not thread-safe. */
  public static final class Builder {
    private String resourceGroupId;
    private final String clusterId;
    private String vpcId;
    private Duration vSwitchCacheTtl = VSwitchPool.DEFAULT_TTL;
    private Duration leakGuardAge = Duration.ofMinutes(10);
    private Duration leakSweepInterval = Duration.ofMinutes(10);
    private Duration releaseCheckInterval = Duration.ofMinutes(1);
    private int ipv6AddressCount;
    private RateLimits rateLimits = RateLimits.terwayDefaults();
    private RetryPolicy retryPolicy = RetryPolicy.terwayDefault();
    private long seed;

    private Builder(String clusterId) {
      this.clusterId = clusterId;
    }

    /**
     * Sets the cluster's VPC.
     *
     * @param vpcId the VPC id
     * @return this builder
     */
    public Builder vpcId(String vpcId) {
      this.vpcId = vpcId;
      return this;
    }

    /**
     * Sets how long vSwitch facts are cached.
     *
     * @param ttl default 20 min
     * @return this builder
     */
    public Builder vSwitchCacheTtl(Duration ttl) {
      this.vSwitchCacheTtl = ttl;
      return this;
    }

    /**
     * Sets how old an unreferenced ENI must be before the leak sweep touches it.
     *
     * @param age default 10 min
     * @return this builder
     */
    public Builder leakGuardAge(Duration age) {
      this.leakGuardAge = age;
      return this;
    }

    /**
     * Sets how often ticks sweep for leaks.
     *
     * @param interval default 10 min
     * @return this builder
     */
    public Builder leakSweepInterval(Duration interval) {
      this.leakSweepInterval = interval;
      return this;
    }

    /**
     * Sets how often ticks check Fixed TTLs.
     *
     * @param interval default 1 min
     * @return this builder
     */
    public Builder releaseCheckInterval(Duration interval) {
      this.releaseCheckInterval = interval;
      return this;
    }

    /**
     * Sets the IPv6 addresses per ENI.
     *
     * @param count 0 (default) or 1
     * @return this builder
     */
    public Builder ipv6AddressCount(int count) {
      this.ipv6AddressCount = count;
      return this;
    }

    /**
     * Sets the rate limits.
     *
     * @param rateLimits default {@link RateLimits#terwayDefaults()}
     * @return this builder
     */
    public Builder rateLimits(RateLimits rateLimits) {
      this.rateLimits = rateLimits;
      return this;
    }

    /**
     * Sets the retry policy.
     *
     * @param retryPolicy default {@link RetryPolicy#terwayDefault()}
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = retryPolicy;
      return this;
    }

    /**
     * Sets the seed of random choices.
     *
     * @param seed default 0
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the resource group member ENIs are created in ({@code rg-...}).
     *
     * @param resourceGroupId the group; unset, the account's default group
     * @return this builder; {@link #build()} throws {@link
     *     dev.terway4j.cloud.spi.InvalidArgumentException} for a malformed id
     */
    public Builder resourceGroupId(String resourceGroupId) {
      this.resourceGroupId = checkNotNull(resourceGroupId, "resourceGroupId");
      return this;
    }

    /**
     * Builds the settings.
     *
     * @return the settings
     */
    public AllocatorSettings build() {
      return new AllocatorSettings(
          clusterId,
          Optional.ofNullable(vpcId),
          vSwitchCacheTtl,
          leakGuardAge,
          leakSweepInterval,
          releaseCheckInterval,
          ipv6AddressCount,
          rateLimits,
          retryPolicy,
          seed,
          Optional.ofNullable(resourceGroupId));
    }
  }
}
