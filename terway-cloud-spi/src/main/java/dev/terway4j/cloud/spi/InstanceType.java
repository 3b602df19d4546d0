package dev.terway4j.cloud.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The ENI limits of an ECS instance type, as {@code DescribeInstanceTypes} reports them.
 *
 * <p>Build one by name rather than by position: {@link #trunk(String, int, int)} and {@link
 * #withoutTrunk(String, int)} for the common shapes, {@link #builder(String)} for every field.
 * Immutable and thread-safe.
 *
 * @param id the instance type, e.g. {@code ecs.g7.large}
 * @param eniQuantity {@code EniQuantity}: ENIs attachable directly (primary included)
 * @param eniTotalQuantity {@code EniTotalQuantity}: all ENIs, members of the trunk included
 * @param eniTrunkSupported {@code EniTrunkSupported}: whether a trunk ENI may carry members
 * @param eniPrivateIpAddressQuantity {@code EniPrivateIpAddressQuantity}: IPv4 addresses per ENI
 * @param eniIpv6AddressQuantity {@code EniIpv6AddressQuantity}: IPv6 addresses per ENI
 */
public record InstanceType(
    String id,
    int eniQuantity,
    int eniTotalQuantity,
    boolean eniTrunkSupported,
    int eniPrivateIpAddressQuantity,
    int eniIpv6AddressQuantity) {

  /** Checks the values. */
  public InstanceType {
    checkNotNull(id, "id");
    checkArgument(!id.isEmpty(), "instance type id is empty");
    checkArgument(eniQuantity >= 0, "eniQuantity is negative: %s", eniQuantity);
    checkArgument(eniTotalQuantity >= 0, "eniTotalQuantity is negative: %s", eniTotalQuantity);
    checkArgument(
        eniPrivateIpAddressQuantity >= 0,
        "eniPrivateIpAddressQuantity is negative: %s",
        eniPrivateIpAddressQuantity);
    checkArgument(
        eniIpv6AddressQuantity >= 0,
        "eniIpv6AddressQuantity is negative: %s",
        eniIpv6AddressQuantity);
  }

  /**
   * Returns how many member ENIs one instance of this type can carry through its trunk: {@code
   * EniTotalQuantity - EniQuantity}, or 0 when trunking is not supported (never negative). This is
   * Terway's {@code MemberAdapterLimit}.
   *
   * @return the member-ENI limit
   */
  public int memberEniLimit() {
    return eniTrunkSupported ? Math.max(0, eniTotalQuantity - eniQuantity) : 0;
  }

  /**
   * Returns a type whose trunk ENI can carry members, with 10 IPv4 and 10 IPv6 addresses per ENI.
   *
   * @param id the instance type, e.g. {@code ecs.g7.large}
   * @param eniQuantity ENIs attachable directly, primary included
   * @param memberEnis member ENIs the trunk can carry ({@code EniTotalQuantity - EniQuantity})
   * @return the type
   * @throws IllegalArgumentException if a count is negative
   */
  public static InstanceType trunk(String id, int eniQuantity, int memberEnis) {
    checkArgument(memberEnis >= 0, "memberEnis is negative: %s", memberEnis);
    return builder(id)
        .eniQuantity(eniQuantity)
        .eniTotalQuantity(eniQuantity + memberEnis)
        .eniTrunkSupported(true)
        .build();
  }

  /**
   * Returns a type without trunk support, with 10 IPv4 and 10 IPv6 addresses per ENI.
   *
   * @param id the instance type
   * @param eniQuantity ENIs attachable directly, primary included
   * @return the type
   * @throws IllegalArgumentException if the count is negative
   */
  public static InstanceType withoutTrunk(String id, int eniQuantity) {
    return builder(id).eniQuantity(eniQuantity).eniTotalQuantity(eniQuantity).build();
  }

  /**
   * Returns a builder with every count at its default: 0 ENIs, no trunk, 10 IPv4 and 10 IPv6
   * addresses per ENI.
   *
   * @param id the instance type
   * @return the builder
   */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** Builds an {@link InstanceType} field by field. Not thread-safe; one builder per thread. */
  public static final class Builder {
    private final String id;
    private int eniQuantity;
    private int eniTotalQuantity;
    private boolean eniTrunkSupported;
    private int eniPrivateIpAddressQuantity = 10;
    private int eniIpv6AddressQuantity = 10;

    private Builder(String id) {
      this.id = id;
    }

    /**
     * Sets {@code EniQuantity}.
     *
     * @param value ENIs attachable directly, primary included
     * @return this builder
     */
    public Builder eniQuantity(int value) {
      this.eniQuantity = value;
      return this;
    }

    /**
     * Sets {@code EniTotalQuantity}.
     *
     * @param value all ENIs, members included
     * @return this builder
     */
    public Builder eniTotalQuantity(int value) {
      this.eniTotalQuantity = value;
      return this;
    }

    /**
     * Sets {@code EniTrunkSupported}.
     *
     * @param value whether a trunk ENI may carry members
     * @return this builder
     */
    public Builder eniTrunkSupported(boolean value) {
      this.eniTrunkSupported = value;
      return this;
    }

    /**
     * Sets {@code EniPrivateIpAddressQuantity}.
     *
     * @param value IPv4 addresses per ENI
     * @return this builder
     */
    public Builder eniPrivateIpAddressQuantity(int value) {
      this.eniPrivateIpAddressQuantity = value;
      return this;
    }

    /**
     * Sets {@code EniIpv6AddressQuantity}.
     *
     * @param value IPv6 addresses per ENI
     * @return this builder
     */
    public Builder eniIpv6AddressQuantity(int value) {
      this.eniIpv6AddressQuantity = value;
      return this;
    }

    /**
     * Builds the type.
     *
     * @return the type
     * @throws IllegalArgumentException if a count is negative or the id is empty
     * @throws NullPointerException if the id is null
     */
    public InstanceType build() {
      return new InstanceType(
          id,
          eniQuantity,
          eniTotalQuantity,
          eniTrunkSupported,
          eniPrivateIpAddressQuantity,
          eniIpv6AddressQuantity);
    }
  }
}
