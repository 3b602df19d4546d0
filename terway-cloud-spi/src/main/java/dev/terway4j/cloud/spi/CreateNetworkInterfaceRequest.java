package dev.terway4j.cloud.spi;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.CharMatcher;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameters of {@link CloudProvider#createNetworkInterface}: one ENI with one private IPv4
 * address from the vSwitch, and optionally IPv6 addresses.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()}. Every check the service would
 * make on the arguments alone is made here, and a failure is an {@link InvalidArgumentException}
 * raised before any request is sent.
 *
 * @param vSwitchId the vSwitch the addresses come from
 * @param securityGroupIds 1 to {@value #MAX_SECURITY_GROUPS} distinct security groups
 * @param type {@link NetworkInterfaceType#SECONDARY} or {@link NetworkInterfaceType#TRUNK}
 * @param ipv6AddressCount 0 to {@value #MAX_IPV6_ADDRESSES} IPv6 addresses
 * @param tags up to {@value #MAX_TAGS} tags; keys 1-128 characters not starting with {@code aliyun}
 *     or {@code acs:}, values up to 128 characters
 * @param deleteOnRelease whether the ENI is deleted when the instance it is attached to is released
 * @param sourceDestCheck whether source/destination checking is on (Terway turns it off for trunks)
 * @param description 2-256 characters, not starting with {@code http://} or {@code https://}
 * @param clientToken up to 64 printable ASCII characters; the same token with the same parameters
 *     returns the same ENI, with other parameters an {@link IdempotencyMismatchException}
 * @param resourceGroupId the resource group the ENI joins ({@code ResourceGroupId}, {@code
 *     rg-...}), or empty for the account's default group, as Terway leaves it unless configured
 */
public record CreateNetworkInterfaceRequest(
    String vSwitchId,
    List<String> securityGroupIds,
    NetworkInterfaceType type,
    int ipv6AddressCount,
    Map<String, String> tags,
    boolean deleteOnRelease,
    boolean sourceDestCheck,
    Optional<String> description,
    Optional<String> clientToken,
    Optional<String> resourceGroupId) {

  /** The most security groups one ENI may have. */
  public static final int MAX_SECURITY_GROUPS = 10;

  /** The most IPv6 addresses one create may ask for. */
  public static final int MAX_IPV6_ADDRESSES = 10;

  /** The most tags one ENI may have. */
  public static final int MAX_TAGS = 20;

  private static final CharMatcher TOKEN_CHARS = CharMatcher.inRange('!', '~');

  /**
   * Creates a request in the account's default resource group: the constructor of the first
   * release, kept so that code written for it compiles.
   *
   * @param vSwitchId see the record
   * @param securityGroupIds see the record
   * @param type see the record
   * @param ipv6AddressCount see the record
   * @param tags see the record
   * @param deleteOnRelease see the record
   * @param sourceDestCheck see the record
   * @param description see the record
   * @param clientToken see the record
   */
  public CreateNetworkInterfaceRequest(
      String vSwitchId,
      List<String> securityGroupIds,
      NetworkInterfaceType type,
      int ipv6AddressCount,
      Map<String, String> tags,
      boolean deleteOnRelease,
      boolean sourceDestCheck,
      Optional<String> description,
      Optional<String> clientToken) {
    this(
        vSwitchId,
        securityGroupIds,
        type,
        ipv6AddressCount,
        tags,
        deleteOnRelease,
        sourceDestCheck,
        description,
        clientToken,
        Optional.empty());
  }

  /**
   * Checks and copies the values.
   *
   * @throws InvalidArgumentException if a value would be rejected by the service
   */
  public CreateNetworkInterfaceRequest {
    ResourceIds.checkVSwitchId(vSwitchId);
    checkNotNull(securityGroupIds, "securityGroupIds");
    if (securityGroupIds.isEmpty() || securityGroupIds.size() > MAX_SECURITY_GROUPS) {
      throw InvalidArgumentException.local(
          "securityGroupIds must hold 1 to %s ids: %s", MAX_SECURITY_GROUPS, securityGroupIds);
    }
    securityGroupIds.forEach(ResourceIds::checkSecurityGroupId);
    if (new HashSet<>(securityGroupIds).size() != securityGroupIds.size()) {
      throw InvalidArgumentException.local("securityGroupIds has duplicates: %s", securityGroupIds);
    }
    securityGroupIds = ImmutableList.copyOf(securityGroupIds);
    checkNotNull(type, "type");
    if (type != NetworkInterfaceType.SECONDARY && type != NetworkInterfaceType.TRUNK) {
      throw InvalidArgumentException.local("type must be Secondary or Trunk: %s", type.apiName());
    }
    if (ipv6AddressCount < 0 || ipv6AddressCount > MAX_IPV6_ADDRESSES) {
      throw InvalidArgumentException.local(
          "ipv6AddressCount must be 0 to %s: %s", MAX_IPV6_ADDRESSES, ipv6AddressCount);
    }
    tags = ImmutableSortedMap.copyOf(checkNotNull(tags, "tags"));
    if (tags.size() > MAX_TAGS) {
      throw InvalidArgumentException.local("at most %s tags: %s", MAX_TAGS, tags.size());
    }
    tags.forEach(CreateNetworkInterfaceRequest::checkTag);
    checkNotNull(description, "description");
    description.ifPresent(
        d -> {
          if (d.length() < 2
              || d.length() > 256
              || d.startsWith("http://")
              || d.startsWith("https://")) {
            throw InvalidArgumentException.local(
                "description must be 2-256 characters and not start with http(s)://: '%s'", d);
          }
        });
    checkNotNull(clientToken, "clientToken");
    clientToken.ifPresent(
        t -> {
          if (t.isEmpty() || t.length() > 64 || !TOKEN_CHARS.matchesAllOf(t)) {
            throw InvalidArgumentException.local(
                "clientToken must be 1-64 printable ASCII characters: '%s'", t);
          }
        });
    checkNotNull(resourceGroupId, "resourceGroupId");
    resourceGroupId.ifPresent(ResourceIds::checkResourceGroupId);
  }

  private static void checkTag(String key, String value) {
    if (key.isEmpty()
        || key.length() > 128
        || key.startsWith("aliyun")
        || key.startsWith("acs:")
        || key.startsWith("http://")
        || key.startsWith("https://")) {
      throw InvalidArgumentException.local("invalid tag key: '%s'", key);
    }
    if (value.length() > 128 || value.startsWith("http://") || value.startsWith("https://")) {
      throw InvalidArgumentException.local("invalid value for tag '%s': '%s'", key, value);
    }
  }

  /**
   * Returns a builder for a {@code Secondary} ENI with no IPv6, no tags, {@code deleteOnRelease}
   * false and {@code sourceDestCheck} false.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns this request with another client token.
   *
   * @param token the token
   * @return a new request
   */
  public CreateNetworkInterfaceRequest withClientToken(String token) {
    return new CreateNetworkInterfaceRequest(
        vSwitchId,
        securityGroupIds,
        type,
        ipv6AddressCount,
        tags,
        deleteOnRelease,
        sourceDestCheck,
        description,
        Optional.of(token),
        resourceGroupId);
  }

  /**
   * Returns whether this request asks for the same ENI as another, ignoring the client tokens. This
   * is what ClientToken idempotency compares.
   *
   * @param other the other request
   * @return {@code true} if every parameter but the token is equal
   */
  public boolean sameParametersAs(CreateNetworkInterfaceRequest other) {
    return withClientToken("x").equals(other.withClientToken("x"));
  }

  /** Builds a {@link CreateNetworkInterfaceRequest}; not thread-safe. */
  public static final class Builder {
    private String vSwitchId;
    private final List<String> securityGroupIds = new ArrayList<>();
    private NetworkInterfaceType type = NetworkInterfaceType.SECONDARY;
    private int ipv6AddressCount;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private boolean deleteOnRelease;
    private boolean sourceDestCheck;
    private String description;
    private String clientToken;
    private String resourceGroupId;

    private Builder() {}

    /**
     * Sets the vSwitch.
     *
     * @param vSwitchId the vSwitch id
     * @return this builder
     */
    public Builder vSwitchId(String vSwitchId) {
      this.vSwitchId = vSwitchId;
      return this;
    }

    /**
     * Adds security groups.
     *
     * @param ids security group ids
     * @return this builder
     */
    public Builder securityGroupIds(String... ids) {
      return securityGroupIds(List.of(ids));
    }

    /**
     * Adds security groups.
     *
     * @param ids security group ids
     * @return this builder
     */
    public Builder securityGroupIds(List<String> ids) {
      securityGroupIds.addAll(ids);
      return this;
    }

    /**
     * Sets the type.
     *
     * @param type {@code SECONDARY} (default) or {@code TRUNK}
     * @return this builder
     */
    public Builder type(NetworkInterfaceType type) {
      this.type = type;
      return this;
    }

    /**
     * Sets how many IPv6 addresses to assign.
     *
     * @param count 0 (default) to 10
     * @return this builder
     */
    public Builder ipv6AddressCount(int count) {
      this.ipv6AddressCount = count;
      return this;
    }

    /**
     * Adds a tag.
     *
     * @param key the key
     * @param value the value
     * @return this builder
     */
    public Builder tag(String key, String value) {
      tags.put(checkNotNull(key, "key"), checkNotNull(value, "value"));
      return this;
    }

    /**
     * Adds tags.
     *
     * @param tags the tags
     * @return this builder
     */
    public Builder tags(Map<String, String> tags) {
      tags.forEach(this::tag);
      return this;
    }

    /**
     * Sets whether the ENI is deleted when its instance is released.
     *
     * @param deleteOnRelease default {@code false}
     * @return this builder
     */
    public Builder deleteOnRelease(boolean deleteOnRelease) {
      this.deleteOnRelease = deleteOnRelease;
      return this;
    }

    /**
     * Sets whether source/destination checking is on.
     *
     * @param sourceDestCheck default {@code false}
     * @return this builder
     */
    public Builder sourceDestCheck(boolean sourceDestCheck) {
      this.sourceDestCheck = sourceDestCheck;
      return this;
    }

    /**
     * Sets the description.
     *
     * @param description 2-256 characters
     * @return this builder
     */
    public Builder description(String description) {
      this.description = description;
      return this;
    }

    /**
     * Sets the client token that makes the request idempotent.
     *
     * @param clientToken up to 64 ASCII characters
     * @return this builder
     */
    public Builder clientToken(String clientToken) {
      this.clientToken = clientToken;
      return this;
    }

    /**
     * Sets the resource group the ENI joins ({@code rg-...}); unset, the account's default group.
     *
     * @param resourceGroupId the group id
     * @return this builder
     */
    public Builder resourceGroupId(String resourceGroupId) {
      this.resourceGroupId = checkNotNull(resourceGroupId, "resourceGroupId");
      return this;
    }

    /**
     * Builds the request.
     *
     * @return the request
     * @throws InvalidArgumentException if a value would be rejected by the service
     * @throws NullPointerException if the vSwitch was not set
     */
    public CreateNetworkInterfaceRequest build() {
      checkNotNull(vSwitchId, "vSwitchId not set");
      return new CreateNetworkInterfaceRequest(
          vSwitchId,
          securityGroupIds,
          type,
          ipv6AddressCount,
          tags,
          deleteOnRelease,
          sourceDestCheck,
          Optional.ofNullable(description),
          Optional.ofNullable(clientToken),
          Optional.ofNullable(resourceGroupId));
    }
  }
}
