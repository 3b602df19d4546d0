package dev.terway4j.cloud.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A network interface (ENI) as {@code DescribeNetworkInterfaces} reports it.
 *
 * <p>Immutable and thread-safe. Lists and maps are copied; tags are kept sorted by key.
 *
 * @param id the ENI id ({@code eni-...})
 * @param status its status
 * @param type its type; {@link NetworkInterfaceType#MEMBER} while attached through a trunk
 * @param macAddress its MAC address, lower case, colon separated
 * @param privateIpAddress its primary private IPv4 address
 * @param ipv6Addresses its IPv6 addresses, possibly empty
 * @param vpcId the VPC
 * @param vSwitchId the vSwitch its addresses come from
 * @param zoneId the zone
 * @param securityGroupIds its security groups, at least one
 * @param instanceId the instance it is attached to (also for members), while attached
 * @param trunkNetworkInterfaceId the trunk ENI it is attached through, for a member
 * @param deviceIndex the attachment's device index while attached; for a member, the VLAN id
 * @param tags its tags
 * @param deleteOnRelease whether it is deleted when its instance is released
 * @param sourceDestCheck whether source/destination checking is on
 * @param description its description, if any
 * @param creationTime when it was created
 */
public record NetworkInterface(
    String id,
    NetworkInterfaceStatus status,
    NetworkInterfaceType type,
    String macAddress,
    String privateIpAddress,
    List<String> ipv6Addresses,
    String vpcId,
    String vSwitchId,
    String zoneId,
    List<String> securityGroupIds,
    Optional<String> instanceId,
    Optional<String> trunkNetworkInterfaceId,
    OptionalInt deviceIndex,
    Map<String, String> tags,
    boolean deleteOnRelease,
    boolean sourceDestCheck,
    Optional<String> description,
    Instant creationTime) {

  /** Checks and copies the values. */
  public NetworkInterface {
    ResourceIds.checkNetworkInterfaceId(id);
    checkNotNull(status, "status");
    checkNotNull(type, "type");
    checkNotNull(macAddress, "macAddress");
    checkNotNull(privateIpAddress, "privateIpAddress");
    ipv6Addresses = ImmutableList.copyOf(ipv6Addresses);
    ResourceIds.checkVpcId(vpcId);
    ResourceIds.checkVSwitchId(vSwitchId);
    checkNotNull(zoneId, "zoneId");
    securityGroupIds = ImmutableList.copyOf(securityGroupIds);
    checkNotNull(instanceId, "instanceId");
    checkNotNull(trunkNetworkInterfaceId, "trunkNetworkInterfaceId");
    checkNotNull(deviceIndex, "deviceIndex");
    tags = ImmutableSortedMap.copyOf(tags);
    checkNotNull(description, "description");
    checkNotNull(creationTime, "creationTime");
    checkArgument(
        type != NetworkInterfaceType.MEMBER
            || (trunkNetworkInterfaceId.isPresent() && instanceId.isPresent()),
        "member ENI %s has no trunk ENI or instance",
        id);
  }

  /**
   * Returns whether this ENI is attached (or being attached or detached) through a trunk ENI.
   *
   * @return {@code true} for a member ENI
   */
  public boolean isMember() {
    return trunkNetworkInterfaceId.isPresent();
  }
}
