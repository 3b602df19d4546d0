package dev.terway4j.cloud.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The ENI limits of an ECS instance type, as {@code DescribeInstanceTypes} reports them.
 *
 * <p>Immutable and thread-safe.
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
}
