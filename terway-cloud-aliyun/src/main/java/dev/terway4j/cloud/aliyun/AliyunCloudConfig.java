package dev.terway4j.cloud.aliyun;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The settings of an {@link AliyunCloudProvider}: region, endpoints, protocol, credentials,
 * timeouts and the bounds on replies.
 *
 * <p>Every setting is checked when {@link Builder#build()} runs, so a bad configuration fails at
 * start-up with a message naming the setting, not at the first call with an obscure SDK error (an
 * endpoint with a scheme otherwise fails as {@code UnknownHostException: http}; missing credentials
 * as a {@code NullPointerException} inside the SDK).
 *
 * <p>Endpoints: by default the regional endpoints reachable from inside a VPC, as Terway uses them
 * ({@code ecs-vpc.<region>.aliyuncs.com}, {@code vpc-vpc.<region>.aliyuncs.com}); {@link
 * Network#PUBLIC} selects the public regional ones ({@code ecs.<region>.aliyuncs.com}, {@code
 * vpc.<region>.aliyuncs.com}); {@link Builder#endpoint}, {@link Builder#ecsEndpoint} and {@link
 * Builder#vpcEndpoint} override them with any {@code host[:port]}, e.g. a local emulator together
 * with {@link Protocol#HTTP}.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows credentials.
 */
public final class AliyunCloudConfig {
  /** The default connect timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

  /** The default read timeout (Terway's HTTP timeout). */
  public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(20);

  /**
   * The default bound on the size of one reply body: 8 MiB. The largest replies the backend asks
   * for (a page of 100 instance types, a page of ENIs with their addresses) are well under 1 MiB.
   */
  public static final int DEFAULT_MAX_REPLY_BYTES = 8 * 1024 * 1024;

  /**
   * The default bound on the nesting of JSON objects and arrays in one reply: 64. The replies the
   * backend reads nest at most 6 deep.
   */
  public static final int DEFAULT_MAX_REPLY_DEPTH = 64;

  private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);
  private static final int MIN_REPLY_BYTES = 1024;
  private static final int MAX_REPLY_BYTES = 256 * 1024 * 1024;
  private static final int MIN_REPLY_DEPTH = 8;
  private static final int MAX_REPLY_DEPTH = 512;
  private static final Pattern REGION = Pattern.compile("[a-z]{2,}(-[a-z0-9]+)+");
  private static final Pattern HOST =
      Pattern.compile(
          "([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*|\\[[0-9A-Fa-f:.]+\\]");

  /** Which network the default endpoints are reached through. */
  public enum Network {
    /** The VPC-internal regional endpoints (Terway's default). */
    VPC,
    /** The public regional endpoints. */
    PUBLIC
  }

  /** The protocol spoken to the endpoints. */
  public enum Protocol {
    /** TLS; the default and the only choice for the real cloud. */
    HTTPS,
    /** Plain HTTP, for a local emulator or a proxy. */
    HTTP
  }

  private final String regionId;
  private final Network network;
  private final String ecsEndpoint;
  private final String vpcEndpoint;
  private final boolean endpointOverridden;
  private final Protocol protocol;
  private final AliyunCredentials credentials;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final int maxReplyBytes;
  private final int maxReplyDepth;

  private AliyunCloudConfig(Builder b) {
    checkArgument(b.regionId != null, "regionId is not set");
    checkArgument(
        // Length first: the expressions repeat a group, which java.util.regex matches by
        // recursing once per repetition (issue 13 item 4).
        b.regionId.length() <= 64 && REGION.matcher(b.regionId).matches(),
        "regionId '%s' is not a region id such as cn-hangzhou",
        b.regionId);
    this.regionId = b.regionId;
    this.network = b.network;
    String ecsOverride = b.ecsEndpoint != null ? b.ecsEndpoint : b.endpoint;
    String vpcOverride = b.vpcEndpoint != null ? b.vpcEndpoint : b.endpoint;
    this.endpointOverridden = ecsOverride != null || vpcOverride != null;
    this.ecsEndpoint =
        ecsOverride != null
            ? checkEndpoint(ecsOverride, "ecsEndpoint")
            : defaultEndpoint("ecs", regionId, network);
    this.vpcEndpoint =
        vpcOverride != null
            ? checkEndpoint(vpcOverride, "vpcEndpoint")
            : defaultEndpoint("vpc", regionId, network);
    this.protocol = b.protocol;
    checkArgument(
        b.credentials != null,
        "no credentials: set credentials(AliyunCredentials.accessKey(..)), .stsToken(..),"
            + " .provider(..) or .defaultChain()");
    this.credentials = b.credentials;
    this.connectTimeout = checkTimeout(b.connectTimeout, "connectTimeout");
    this.readTimeout = checkTimeout(b.readTimeout, "readTimeout");
    checkArgument(
        b.maxReplyBytes >= MIN_REPLY_BYTES && b.maxReplyBytes <= MAX_REPLY_BYTES,
        "maxReplyBytes must be %s to %s: %s",
        MIN_REPLY_BYTES,
        MAX_REPLY_BYTES,
        b.maxReplyBytes);
    this.maxReplyBytes = b.maxReplyBytes;
    checkArgument(
        b.maxReplyDepth >= MIN_REPLY_DEPTH && b.maxReplyDepth <= MAX_REPLY_DEPTH,
        "maxReplyDepth must be %s to %s: %s",
        MIN_REPLY_DEPTH,
        MAX_REPLY_DEPTH,
        b.maxReplyDepth);
    this.maxReplyDepth = b.maxReplyDepth;
  }

  /**
   * Returns a builder. Only the region and the credentials must be set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the region, e.g. {@code cn-hangzhou}.
   *
   * @return the region id
   */
  public String regionId() {
    return regionId;
  }

  /**
   * Returns the network the default endpoints are reached through.
   *
   * @return the network
   */
  public Network network() {
    return network;
  }

  /**
   * Returns the ECS endpoint, {@code host[:port]}, never with a scheme.
   *
   * @return the endpoint actually used
   */
  public String ecsEndpoint() {
    return ecsEndpoint;
  }

  /**
   * Returns the VPC endpoint, {@code host[:port]}, never with a scheme.
   *
   * @return the endpoint actually used
   */
  public String vpcEndpoint() {
    return vpcEndpoint;
  }

  /**
   * Returns whether an endpoint was set explicitly rather than derived from region and network.
   *
   * @return {@code true} if overridden
   */
  public boolean endpointOverridden() {
    return endpointOverridden;
  }

  /**
   * Returns the protocol.
   *
   * @return the protocol
   */
  public Protocol protocol() {
    return protocol;
  }

  /**
   * Returns the credentials.
   *
   * @return the credentials
   */
  public AliyunCredentials credentials() {
    return credentials;
  }

  /**
   * Returns the connect timeout of every request.
   *
   * @return the timeout
   */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * Returns the read timeout of every request. A request that times out after it was sent has an
   * unknown outcome.
   *
   * @return the timeout
   */
  public Duration readTimeout() {
    return readTimeout;
  }

  /**
   * Returns the largest reply body, in bytes, the backend reads. A longer reply (by its {@code
   * Content-Length}, or as it is read) fails the call with a {@link
   * dev.terway4j.cloud.spi.CloudClientException} after at most this many bytes were read.
   *
   * @return the bound; default {@link #DEFAULT_MAX_REPLY_BYTES}
   */
  public int maxReplyBytes() {
    return maxReplyBytes;
  }

  /**
   * Returns the deepest nesting of JSON objects and arrays the backend reads in a reply. A deeper
   * reply fails the call with a {@link dev.terway4j.cloud.spi.CloudClientException} before it is
   * parsed.
   *
   * @return the bound; default {@link #DEFAULT_MAX_REPLY_DEPTH}
   */
  public int maxReplyDepth() {
    return maxReplyDepth;
  }

  /** Returns the settings, with the kind of credentials only. */
  @Override
  public String toString() {
    return "AliyunCloudConfig[regionId="
        + regionId
        + ", ecsEndpoint="
        + ecsEndpoint
        + ", vpcEndpoint="
        + vpcEndpoint
        + ", protocol="
        + protocol
        + ", credentials="
        + credentials.kind()
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + ", maxReplyBytes="
        + maxReplyBytes
        + ", maxReplyDepth="
        + maxReplyDepth
        + "]";
  }

  private static String defaultEndpoint(String product, String regionId, Network network) {
    return network == Network.VPC
        ? product + "-vpc." + regionId + ".aliyuncs.com"
        : product + "." + regionId + ".aliyuncs.com";
  }

  private static String checkEndpoint(String endpoint, String name) {
    checkArgument(
        !endpoint.contains("://"),
        "%s must be host[:port] without a scheme, got '%s'; choose plain HTTP with"
            + " protocol(Protocol.HTTP)",
        name,
        endpoint);
    int colon = endpoint.lastIndexOf(':');
    boolean hasPort = colon > endpoint.lastIndexOf(']');
    String host = hasPort ? endpoint.substring(0, colon) : endpoint;
    checkArgument(
        host.length() <= 253 && HOST.matcher(host).matches(),
        "%s must be host[:port], got '%s'",
        name,
        endpoint);
    if (hasPort) {
      String port = endpoint.substring(colon + 1);
      int p;
      try {
        p = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            String.format("%s has a bad port '%s': '%s'", name, port, endpoint), e);
      }
      checkArgument(p >= 1 && p <= 65535, "%s has a port out of range: '%s'", name, endpoint);
    }
    return endpoint;
  }

  private static Duration checkTimeout(Duration timeout, String name) {
    checkNotNull(timeout, "%s", name);
    checkArgument(
        !timeout.isNegative() && !timeout.isZero() && timeout.toMillis() >= 1,
        "%s must be at least 1 ms: %s",
        name,
        timeout);
    checkArgument(
        timeout.compareTo(MAX_TIMEOUT) <= 0,
        "%s must be at most %s: %s",
        name,
        MAX_TIMEOUT,
        timeout);
    return timeout;
  }

  /** Builds an {@link AliyunCloudConfig}; not thread-safe. */
  public static final class Builder {
    private String regionId;
    private Network network = Network.VPC;
    private String endpoint;
    private String ecsEndpoint;
    private String vpcEndpoint;
    private Protocol protocol = Protocol.HTTPS;
    private AliyunCredentials credentials;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private int maxReplyBytes = DEFAULT_MAX_REPLY_BYTES;
    private int maxReplyDepth = DEFAULT_MAX_REPLY_DEPTH;

    private Builder() {}

    /**
     * Sets the region (required).
     *
     * @param regionId e.g. {@code cn-hangzhou}
     * @return this builder
     */
    public Builder regionId(String regionId) {
      this.regionId = checkNotNull(regionId, "regionId");
      return this;
    }

    /**
     * Sets the network of the default endpoints.
     *
     * @param network {@link Network#VPC} (default) or {@link Network#PUBLIC}
     * @return this builder
     */
    public Builder network(Network network) {
      this.network = checkNotNull(network, "network");
      return this;
    }

    /**
     * Overrides both the ECS and the VPC endpoint with one host, e.g. a local emulator.
     *
     * @param hostAndPort {@code host[:port]}, without a scheme
     * @return this builder
     */
    public Builder endpoint(String hostAndPort) {
      this.endpoint = checkNotNull(hostAndPort, "endpoint");
      return this;
    }

    /**
     * Overrides the ECS endpoint.
     *
     * @param hostAndPort {@code host[:port]}, without a scheme
     * @return this builder
     */
    public Builder ecsEndpoint(String hostAndPort) {
      this.ecsEndpoint = checkNotNull(hostAndPort, "ecsEndpoint");
      return this;
    }

    /**
     * Overrides the VPC endpoint.
     *
     * @param hostAndPort {@code host[:port]}, without a scheme
     * @return this builder
     */
    public Builder vpcEndpoint(String hostAndPort) {
      this.vpcEndpoint = checkNotNull(hostAndPort, "vpcEndpoint");
      return this;
    }

    /**
     * Sets the protocol.
     *
     * @param protocol {@link Protocol#HTTPS} (default) or {@link Protocol#HTTP}
     * @return this builder
     */
    public Builder protocol(Protocol protocol) {
      this.protocol = checkNotNull(protocol, "protocol");
      return this;
    }

    /**
     * Sets the credentials (required).
     *
     * @param credentials the credentials
     * @return this builder
     */
    public Builder credentials(AliyunCredentials credentials) {
      this.credentials = checkNotNull(credentials, "credentials");
      return this;
    }

    /**
     * Sets the connect timeout.
     *
     * @param timeout 1 ms to 10 min; default 5 s
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = checkNotNull(timeout, "connectTimeout");
      return this;
    }

    /**
     * Sets the read timeout.
     *
     * @param timeout 1 ms to 10 min; default 20 s
     * @return this builder
     */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = checkNotNull(timeout, "readTimeout");
      return this;
    }

    /**
     * Sets the largest reply body the backend reads (see {@link AliyunCloudConfig#maxReplyBytes}).
     *
     * @param bytes 1 KiB to 256 MiB; default 8 MiB
     * @return this builder
     */
    public Builder maxReplyBytes(int bytes) {
      this.maxReplyBytes = bytes;
      return this;
    }

    /**
     * Sets the deepest JSON nesting the backend reads in a reply (see {@link
     * AliyunCloudConfig#maxReplyDepth}).
     *
     * @param depth 8 to 512; default 64
     * @return this builder
     */
    public Builder maxReplyDepth(int depth) {
      this.maxReplyDepth = depth;
      return this;
    }

    /**
     * Checks the settings and builds the configuration.
     *
     * @return the configuration
     * @throws IllegalArgumentException if a setting is missing or invalid; the message names it
     */
    public AliyunCloudConfig build() {
      return new AliyunCloudConfig(this);
    }
  }
}
