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
 * @param resourceGroupId the resource group it belongs to, if the service named one
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
    Instant creationTime,
    Optional<String> resourceGroupId) {

  /**
   * Creates an ENI without a known resource group: the constructor of the first release, kept so
   * that code written for it compiles.
   *
   * @param id see the record
   * @param status see the record
   * @param type see the record
   * @param macAddress see the record
   * @param privateIpAddress see the record
   * @param ipv6Addresses see the record
   * @param vpcId see the record
   * @param vSwitchId see the record
   * @param zoneId see the record
   * @param securityGroupIds see the record
   * @param instanceId see the record
   * @param trunkNetworkInterfaceId see the record
   * @param deviceIndex see the record
   * @param tags see the record
   * @param deleteOnRelease see the record
   * @param sourceDestCheck see the record
   * @param description see the record
   * @param creationTime see the record
   */
  public NetworkInterface(
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
    this(
        id,
        status,
        type,
        macAddress,
        privateIpAddress,
        ipv6Addresses,
        vpcId,
        vSwitchId,
        zoneId,
        securityGroupIds,
        instanceId,
        trunkNetworkInterfaceId,
        deviceIndex,
        tags,
        deleteOnRelease,
        sourceDestCheck,
        description,
        creationTime,
        Optional.empty());
  }

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
    checkNotNull(resourceGroupId, "resourceGroupId");
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
