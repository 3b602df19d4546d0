package dev.terway4j.cloud.tck;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;

/**
 * The ids of the resources the contract suite works with, which the backend's environment has
 * prepared. The suite reads limits and counts from the provider itself, so only the shape below is
 * required, not exact numbers.
 *
 * <p>Required shape (one VPC, one region):
 *
 * <ul>
 *   <li>{@code vSwitchId}: in {@code zoneId}, an IPv4 block with at least 100 free addresses and an
 *       IPv6 block.
 *   <li>{@code smallVSwitchId}: in {@code zoneId}, IPv4 only, at most 60 free addresses (e.g. a
 *       /28, which offers 12), so that the suite can exhaust it.
 *   <li>{@code otherZoneVSwitchId}: in another zone of the same VPC.
 *   <li>{@code securityGroupIds}: at least two security groups of the VPC.
 *   <li>{@code trunkInstanceId}: a running instance in {@code zoneId} whose type ({@code
 *       trunkInstanceTypeId}) supports trunking with a member-ENI limit of at least 2 and at most
 *       60, and an {@code EniQuantity} of at least 3; it has its primary ENI and the trunk ENI
 *       {@code trunkNetworkInterfaceId} ({@code InUse}), and nothing else attached.
 *   <li>{@code plainInstanceId}: a running instance in {@code zoneId} whose type ({@code
 *       plainInstanceTypeId}) does not support trunking, with {@code EniQuantity} between 2 and 10,
 *       and only its primary ENI attached.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param vpcId the VPC
 * @param zoneId the zone of the instances
 * @param vSwitchId a large dual-stack vSwitch in {@code zoneId}
 * @param smallVSwitchId a small IPv4 vSwitch in {@code zoneId}
 * @param otherZoneVSwitchId a vSwitch in another zone
 * @param securityGroupIds at least two security groups
 * @param trunkInstanceId an instance with a trunk ENI
 * @param trunkInstanceTypeId its type
 * @param trunkNetworkInterfaceId its trunk ENI
 * @param plainInstanceId an instance without trunking
 * @param plainInstanceTypeId its type
 */
public record TckTopology(
    String vpcId,
    String zoneId,
    String vSwitchId,
    String smallVSwitchId,
    String otherZoneVSwitchId,
    List<String> securityGroupIds,
    String trunkInstanceId,
    String trunkInstanceTypeId,
    String trunkNetworkInterfaceId,
    String plainInstanceId,
    String plainInstanceTypeId) {

  /** Checks the values. */
  public TckTopology {
    checkNotNull(vpcId, "vpcId");
    checkNotNull(zoneId, "zoneId");
    checkNotNull(vSwitchId, "vSwitchId");
    checkNotNull(smallVSwitchId, "smallVSwitchId");
    checkNotNull(otherZoneVSwitchId, "otherZoneVSwitchId");
    securityGroupIds = ImmutableList.copyOf(securityGroupIds);
    checkArgument(securityGroupIds.size() >= 2, "need two security groups: %s", securityGroupIds);
    checkNotNull(trunkInstanceId, "trunkInstanceId");
    checkNotNull(trunkInstanceTypeId, "trunkInstanceTypeId");
    checkNotNull(trunkNetworkInterfaceId, "trunkNetworkInterfaceId");
    checkNotNull(plainInstanceId, "plainInstanceId");
    checkNotNull(plainInstanceTypeId, "plainInstanceTypeId");
  }
}
