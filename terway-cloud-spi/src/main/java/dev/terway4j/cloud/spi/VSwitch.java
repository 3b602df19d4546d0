package dev.terway4j.cloud.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;

/**
 * A vSwitch (subnet) as {@code DescribeVSwitches} reports it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the vSwitch id ({@code vsw-...})
 * @param vpcId the VPC it belongs to ({@code vpc-...})
 * @param zoneId the zone it lives in
 * @param ipv4CidrBlock its IPv4 block, e.g. {@code 10.0.0.0/24}
 * @param ipv6CidrBlock its IPv6 block, if IPv6 is enabled
 * @param availableIpAddressCount how many IPv4 addresses are free now
 */
public record VSwitch(
    String id,
    String vpcId,
    String zoneId,
    String ipv4CidrBlock,
    Optional<String> ipv6CidrBlock,
    long availableIpAddressCount) {

  /** Checks the values. */
  public VSwitch {
    ResourceIds.checkVSwitchId(id);
    ResourceIds.checkVpcId(vpcId);
    checkNotNull(zoneId, "zoneId");
    checkNotNull(ipv4CidrBlock, "ipv4CidrBlock");
    checkNotNull(ipv6CidrBlock, "ipv6CidrBlock");
    checkArgument(
        availableIpAddressCount >= 0,
        "availableIpAddressCount is negative: %s",
        availableIpAddressCount);
  }
}
