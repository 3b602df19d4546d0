package dev.terway4j.cloud.fake;

import com.google.common.collect.ImmutableSortedSet;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.CloudProviderFactory;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Registers the fake cloud as {@code fake}. It creates a small demo topology ({@link
 * FakeTopology#demo(String)}):
 *
 * <ul>
 *   <li>zones {@code <region>-a} and {@code <region>-b}, VPC {@code vpc-fake}, security group
 *       {@code sg-fake};
 *   <li>vSwitches {@code vsw-fake-a} (192.168.0.0/24 and 2408:4000:0:a::/64, zone a) and {@code
 *       vsw-fake-b} (192.168.1.0/24, zone b);
 *   <li>instance type {@code ecs.g7.large} (EniQuantity 3, EniTotalQuantity 11, trunk supported: 8
 *       members) and instance {@code i-fake-a} of it in zone a, with trunk ENI {@code
 *       eni-fake-trunk-a}.
 * </ul>
 *
 * <p>Settings: {@code region} (default {@code cn-hangzhou}) and {@code seed} (a long, default 0).
 * Stateless and thread-safe.
 */
public final class FakeCloudProviderFactory implements CloudProviderFactory {
  /** The id this backend is registered under. */
  public static final String ID = "fake";

  private static final Set<String> KEYS = Set.of("region", "seed");

  /** Creates the factory; called by {@link java.util.ServiceLoader}. */
  public FakeCloudProviderFactory() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public CloudProvider create(Map<String, String> config) {
    Set<String> unknown = new HashSet<>(config.keySet());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown settings for the fake cloud: "
              + ImmutableSortedSet.copyOf(unknown)
              + "; known: "
              + ImmutableSortedSet.copyOf(KEYS));
    }
    String region = config.getOrDefault("region", "cn-hangzhou");
    long seed;
    try {
      seed = Long.parseLong(config.getOrDefault("seed", "0"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("seed is not a long: " + config.get("seed"), e);
    }
    return FakeTopology.demo(region).cloudBuilder().seed(seed).build();
  }
}
