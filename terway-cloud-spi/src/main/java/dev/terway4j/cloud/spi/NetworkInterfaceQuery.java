package dev.terway4j.cloud.spi;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.ImmutableSortedMap;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The filters and paging of {@link CloudProvider#describeNetworkInterfaces}. Every filter that is
 * set must match (AND); a tag filter matches ENIs that carry every listed tag with that value.
 *
 * <p>Immutable and thread-safe; build one with {@link #builder()}.
 *
 * @param networkInterfaceIds only these ENIs (at most {@value #MAX_IDS}); empty means any
 * @param vpcId only ENIs in this VPC
 * @param vSwitchId only ENIs in this vSwitch
 * @param instanceId only ENIs attached to this instance (members included)
 * @param type only ENIs of this type
 * @param status only ENIs in this status
 * @param tags only ENIs with all of these tags
 * @param maxResults the page size, {@value #MIN_PAGE_SIZE} to {@value #MAX_PAGE_SIZE}
 * @param nextToken the token from the previous page, to get the next one
 */
public record NetworkInterfaceQuery(
    Set<String> networkInterfaceIds,
    Optional<String> vpcId,
    Optional<String> vSwitchId,
    Optional<String> instanceId,
    Optional<NetworkInterfaceType> type,
    Optional<NetworkInterfaceStatus> status,
    Map<String, String> tags,
    int maxResults,
    Optional<String> nextToken) {

  /** The most ENI ids one query may list. */
  public static final int MAX_IDS = 100;

  /** The smallest page size (ECS raises smaller values to this). */
  public static final int MIN_PAGE_SIZE = 10;

  /** The largest page size, and the default. */
  public static final int MAX_PAGE_SIZE = 500;

  /**
   * Checks and copies the values.
   *
   * @throws InvalidArgumentException if an id is malformed or a number out of range
   */
  public NetworkInterfaceQuery {
    networkInterfaceIds = ImmutableSet.copyOf(networkInterfaceIds);
    if (networkInterfaceIds.size() > MAX_IDS) {
      throw InvalidArgumentException.local(
          "at most %s networkInterfaceIds: %s", MAX_IDS, networkInterfaceIds.size());
    }
    networkInterfaceIds.forEach(ResourceIds::checkNetworkInterfaceId);
    vpcId.ifPresent(ResourceIds::checkVpcId);
    vSwitchId.ifPresent(ResourceIds::checkVSwitchId);
    instanceId.ifPresent(ResourceIds::checkInstanceId);
    checkNotNull(type, "type");
    checkNotNull(status, "status");
    tags = ImmutableSortedMap.copyOf(tags);
    if (tags.size() > CreateNetworkInterfaceRequest.MAX_TAGS) {
      throw InvalidArgumentException.local(
          "at most %s tag filters: %s", CreateNetworkInterfaceRequest.MAX_TAGS, tags.size());
    }
    if (maxResults < MIN_PAGE_SIZE || maxResults > MAX_PAGE_SIZE) {
      throw InvalidArgumentException.local(
          "maxResults must be %s to %s: %s", MIN_PAGE_SIZE, MAX_PAGE_SIZE, maxResults);
    }
    checkNotNull(nextToken, "nextToken");
    if (nextToken.isPresent() && nextToken.get().isEmpty()) {
      throw InvalidArgumentException.local("nextToken is empty");
    }
  }

  /**
   * Returns a builder for a query that matches every ENI, {@value #MAX_PAGE_SIZE} per page.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a query that matches every ENI.
   *
   * @return the query
   */
  public static NetworkInterfaceQuery all() {
    return builder().build();
  }

  /**
   * Returns this query asking for the page after the one that returned {@code token}.
   *
   * @param token the previous page's next token
   * @return a new query
   */
  public NetworkInterfaceQuery withNextToken(String token) {
    return new NetworkInterfaceQuery(
        networkInterfaceIds,
        vpcId,
        vSwitchId,
        instanceId,
        type,
        status,
        tags,
        maxResults,
        Optional.of(token));
  }

  /**
   * Returns whether an ENI passes every filter of this query (paging aside). Backends that filter
   * in memory use this, so that all of them agree on what a filter means.
   *
   * @param eni the ENI
   * @return {@code true} if it matches
   */
  public boolean matches(NetworkInterface eni) {
    return (networkInterfaceIds.isEmpty() || networkInterfaceIds.contains(eni.id()))
        && vpcId.map(eni.vpcId()::equals).orElse(true)
        && vSwitchId.map(eni.vSwitchId()::equals).orElse(true)
        && instanceId.map(id -> eni.instanceId().equals(Optional.of(id))).orElse(true)
        && type.map(t -> eni.type() == t).orElse(true)
        && status.map(s -> eni.status() == s).orElse(true)
        && tags.entrySet().stream().allMatch(t -> t.getValue().equals(eni.tags().get(t.getKey())));
  }

  /** Builds a {@link NetworkInterfaceQuery}; not thread-safe. */
  public static final class Builder {
    private final Set<String> networkInterfaceIds = new LinkedHashSet<>();
    private String vpcId;
    private String vSwitchId;
    private String instanceId;
    private NetworkInterfaceType type;
    private NetworkInterfaceStatus status;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private int maxResults = MAX_PAGE_SIZE;
    private String nextToken;

    private Builder() {}

    /**
     * Restricts the query to these ENIs.
     *
     * @param ids ENI ids
     * @return this builder
     */
    public Builder networkInterfaceIds(String... ids) {
      return networkInterfaceIds(java.util.List.of(ids));
    }

    /**
     * Restricts the query to these ENIs.
     *
     * @param ids ENI ids
     * @return this builder
     */
    public Builder networkInterfaceIds(Collection<String> ids) {
      networkInterfaceIds.addAll(ids);
      return this;
    }

    /**
     * Restricts the query to a VPC.
     *
     * @param vpcId the VPC id
     * @return this builder
     */
    public Builder vpcId(String vpcId) {
      this.vpcId = vpcId;
      return this;
    }

    /**
     * Restricts the query to a vSwitch.
     *
     * @param vSwitchId the vSwitch id
     * @return this builder
     */
    public Builder vSwitchId(String vSwitchId) {
      this.vSwitchId = vSwitchId;
      return this;
    }

    /**
     * Restricts the query to ENIs attached to an instance.
     *
     * @param instanceId the instance id
     * @return this builder
     */
    public Builder instanceId(String instanceId) {
      this.instanceId = instanceId;
      return this;
    }

    /**
     * Restricts the query to a type.
     *
     * @param type the type
     * @return this builder
     */
    public Builder type(NetworkInterfaceType type) {
      this.type = type;
      return this;
    }

    /**
     * Restricts the query to a status.
     *
     * @param status the status
     * @return this builder
     */
    public Builder status(NetworkInterfaceStatus status) {
      this.status = status;
      return this;
    }

    /**
     * Restricts the query to ENIs carrying a tag.
     *
     * @param key the tag key
     * @param value the tag value
     * @return this builder
     */
    public Builder tag(String key, String value) {
      tags.put(checkNotNull(key, "key"), checkNotNull(value, "value"));
      return this;
    }

    /**
     * Sets the page size.
     *
     * @param maxResults 10 to 500; default 500
     * @return this builder
     */
    public Builder maxResults(int maxResults) {
      this.maxResults = maxResults;
      return this;
    }

    /**
     * Sets the token of the page to get.
     *
     * @param nextToken a previous page's next token
     * @return this builder
     */
    public Builder nextToken(String nextToken) {
      this.nextToken = nextToken;
      return this;
    }

    /**
     * Builds the query.
     *
     * @return the query
     * @throws InvalidArgumentException if an id is malformed or a number out of range
     */
    public NetworkInterfaceQuery build() {
      return new NetworkInterfaceQuery(
          networkInterfaceIds,
          Optional.ofNullable(vpcId),
          Optional.ofNullable(vSwitchId),
          Optional.ofNullable(instanceId),
          Optional.ofNullable(type),
          Optional.ofNullable(status),
          tags,
          maxResults,
          Optional.ofNullable(nextToken));
    }
  }
}
