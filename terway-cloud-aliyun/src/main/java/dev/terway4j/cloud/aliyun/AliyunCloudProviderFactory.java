package dev.terway4j.cloud.aliyun;

import com.google.common.collect.ImmutableSortedSet;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.CloudProviderFactory;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Registers the Aliyun backend as {@code aliyun} for {@link
 * dev.terway4j.cloud.spi.CloudProviders#load}.
 *
 * <p>Settings (all strings):
 *
 * <ul>
 *   <li>{@code region} (required), e.g. {@code cn-hangzhou};
 *   <li>{@code network}: {@code vpc} (default) or {@code public}, for the default endpoints;
 *   <li>{@code endpoint}, {@code ecsEndpoint}, {@code vpcEndpoint}: {@code host[:port]} overrides;
 *   <li>{@code protocol}: {@code https} (default) or {@code http};
 *   <li>{@code accessKeyId} and {@code accessKeySecret}, optionally {@code securityToken}; or
 *       {@code credentials=default} for the credentials-java default chain (RAM role, RRSA,
 *       environment). One of the two is required;
 *   <li>{@code connectTimeoutMillis}, {@code readTimeoutMillis};
 *   <li>{@code maxReplyBytes}, {@code maxReplyDepth}: the bounds on replies (see {@link
 *       AliyunCloudConfig#maxReplyBytes()}).
 * </ul>
 *
 * <p>Unknown keys are refused. Stateless and thread-safe.
 */
public final class AliyunCloudProviderFactory implements CloudProviderFactory {
  /** The id this backend is registered under. */
  public static final String ID = "aliyun";

  private static final Set<String> KEYS =
      Set.of(
          "region",
          "network",
          "endpoint",
          "ecsEndpoint",
          "vpcEndpoint",
          "protocol",
          "accessKeyId",
          "accessKeySecret",
          "securityToken",
          "credentials",
          "connectTimeoutMillis",
          "readTimeoutMillis",
          "maxReplyBytes",
          "maxReplyDepth");

  /** Creates the factory; called by {@link java.util.ServiceLoader}. */
  public AliyunCloudProviderFactory() {}

  @Override
  public String id() {
    return ID;
  }

  /**
   * Creates a provider from string settings.
   *
   * @param settings the settings listed in the class comment
   * @return the provider
   * @throws IllegalArgumentException if a setting is unknown, missing or invalid; messages never
   *     show credentials
   */
  @Override
  public CloudProvider create(Map<String, String> settings) {
    return AliyunCloudProvider.create(config(settings));
  }

  /**
   * Turns string settings into a configuration.
   *
   * @param settings the settings listed in the class comment
   * @return the configuration
   * @throws IllegalArgumentException if a setting is unknown, missing or invalid
   */
  public static AliyunCloudConfig config(Map<String, String> settings) {
    Set<String> unknown = new HashSet<>(settings.keySet());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "unknown settings for the aliyun cloud: "
              + ImmutableSortedSet.copyOf(unknown)
              + "; known: "
              + ImmutableSortedSet.copyOf(KEYS));
    }
    AliyunCloudConfig.Builder builder = AliyunCloudConfig.builder();
    String region = settings.get("region");
    if (region == null) {
      throw new IllegalArgumentException("setting 'region' is required, e.g. cn-hangzhou");
    }
    builder.regionId(region);
    if (settings.containsKey("network")) {
      builder.network(parse(AliyunCloudConfig.Network.class, "network", settings.get("network")));
    }
    if (settings.containsKey("endpoint")) {
      builder.endpoint(settings.get("endpoint"));
    }
    if (settings.containsKey("ecsEndpoint")) {
      builder.ecsEndpoint(settings.get("ecsEndpoint"));
    }
    if (settings.containsKey("vpcEndpoint")) {
      builder.vpcEndpoint(settings.get("vpcEndpoint"));
    }
    if (settings.containsKey("protocol")) {
      builder.protocol(
          parse(AliyunCloudConfig.Protocol.class, "protocol", settings.get("protocol")));
    }
    builder.credentials(credentials(settings));
    if (settings.containsKey("connectTimeoutMillis")) {
      builder.connectTimeout(millis(settings, "connectTimeoutMillis"));
    }
    if (settings.containsKey("readTimeoutMillis")) {
      builder.readTimeout(millis(settings, "readTimeoutMillis"));
    }
    if (settings.containsKey("maxReplyBytes")) {
      builder.maxReplyBytes(integer(settings, "maxReplyBytes"));
    }
    if (settings.containsKey("maxReplyDepth")) {
      builder.maxReplyDepth(integer(settings, "maxReplyDepth"));
    }
    return builder.build();
  }

  private static AliyunCredentials credentials(Map<String, String> settings) {
    String id = settings.get("accessKeyId");
    String secret = settings.get("accessKeySecret");
    String token = settings.get("securityToken");
    String chain = settings.get("credentials");
    if (chain != null) {
      if (!chain.equals("default")) {
        throw new IllegalArgumentException(
            "setting 'credentials' must be 'default' (the credentials-java default chain), got '"
                + chain
                + "'");
      }
      if (id != null || secret != null || token != null) {
        throw new IllegalArgumentException(
            "set either credentials=default or accessKeyId/accessKeySecret, not both");
      }
      return AliyunCredentials.defaultChain();
    }
    if (id == null && secret == null) {
      throw new IllegalArgumentException(
          "no credentials: set accessKeyId and accessKeySecret (and securityToken for STS), or"
              + " credentials=default");
    }
    if (id == null || secret == null) {
      throw new IllegalArgumentException(
          "accessKeyId and accessKeySecret must be set together; only "
              + (id == null ? "accessKeySecret" : "accessKeyId")
              + " is set");
    }
    return token == null
        ? AliyunCredentials.accessKey(id, secret)
        : AliyunCredentials.stsToken(id, secret, token);
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String key, String value) {
    try {
      return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "setting '" + key + "' has an unknown value '" + value + "'", e);
    }
  }

  private static Duration millis(Map<String, String> settings, String key) {
    try {
      return Duration.ofMillis(Long.parseLong(settings.get(key)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "setting '" + key + "' is not a number of milliseconds: '" + settings.get(key) + "'", e);
    }
  }

  private static int integer(Map<String, String> settings, String key) {
    try {
      return Integer.parseInt(settings.get(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "setting '" + key + "' is not an integer: '" + settings.get(key) + "'", e);
    }
  }
}
