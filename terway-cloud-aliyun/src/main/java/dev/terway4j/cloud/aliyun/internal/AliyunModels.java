package dev.terway4j.cloud.aliyun.internal;

import com.aliyun.ecs20140526.models.CreateNetworkInterfaceResponseBody;
import com.aliyun.ecs20140526.models.DescribeInstanceTypesResponseBody.DescribeInstanceTypesResponseBodyInstanceTypesInstanceType;
import com.aliyun.ecs20140526.models.DescribeNetworkInterfacesResponseBody.DescribeNetworkInterfacesResponseBodyNetworkInterfaceSetsNetworkInterfaceSet;
import com.aliyun.ecs20140526.models.DescribeNetworkInterfacesResponseBody.DescribeNetworkInterfacesResponseBodyNetworkInterfaceSetsNetworkInterfaceSetAttachment;
import com.aliyun.vpc20160428.models.DescribeVSwitchesResponseBody.DescribeVSwitchesResponseBodyVSwitchesVSwitch;
import com.google.common.base.Strings;
import com.google.common.collect.ImmutableList;
import dev.terway4j.cloud.spi.CreateNetworkInterfaceRequest;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceStatus;
import dev.terway4j.cloud.spi.NetworkInterfaceType;
import dev.terway4j.cloud.spi.VSwitch;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Converts the SDK's response models into the SPI's values.
 *
 * <p>Every wrapper and list the SDK returns may be {@code null} (ECS omits, e.g., {@code
 * Attachment} on an unattached ENI and {@code Ipv6Sets} without IPv6), so every access is guarded.
 * Stateless and thread-safe.
 */
public final class AliyunModels {
  private static final DateTimeFormatter MINUTES =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mmX", Locale.ROOT);

  private AliyunModels() {}

  /**
   * Converts one item of {@code DescribeNetworkInterfaces}.
   *
   * @param eni the typed item
   * @param raw the same item as the raw JSON map, for fields the 5.3.0 models lack ({@code
   *     SourceDestCheck}); may be empty
   * @return the ENI
   * @throws IllegalArgumentException if a field has a value the SPI does not know (e.g. a new
   *     status)
   */
  public static NetworkInterface networkInterface(
      DescribeNetworkInterfacesResponseBodyNetworkInterfaceSetsNetworkInterfaceSet eni,
      Map<String, ?> raw) {
    DescribeNetworkInterfacesResponseBodyNetworkInterfaceSetsNetworkInterfaceSetAttachment
        attachment = eni.getAttachment();
    // Terway reads InstanceId and falls back to Attachment.InstanceId (members may lack the first).
    Optional<String> instanceId = nonEmpty(eni.getInstanceId());
    if (instanceId.isEmpty() && attachment != null) {
      instanceId = nonEmpty(attachment.getInstanceId());
    }
    Optional<String> trunk =
        attachment == null ? Optional.empty() : nonEmpty(attachment.getTrunkNetworkInterfaceId());
    OptionalInt deviceIndex =
        instanceId.isPresent() && attachment != null && attachment.getDeviceIndex() != null
            ? OptionalInt.of(attachment.getDeviceIndex())
            : OptionalInt.empty();
    List<String> ipv6 =
        eni.getIpv6Sets() == null || eni.getIpv6Sets().getIpv6Set() == null
            ? List.of()
            : eni.getIpv6Sets().getIpv6Set().stream()
                .map(s -> s.getIpv6Address())
                .filter(a -> !Strings.isNullOrEmpty(a))
                .collect(ImmutableList.toImmutableList());
    List<String> groups =
        eni.getSecurityGroupIds() == null || eni.getSecurityGroupIds().getSecurityGroupId() == null
            ? List.of()
            : eni.getSecurityGroupIds().getSecurityGroupId();
    Map<String, String> tags = new LinkedHashMap<>();
    if (eni.getTags() != null && eni.getTags().getTag() != null) {
      eni.getTags()
          .getTag()
          .forEach(t -> tags.put(t.getTagKey(), Strings.nullToEmpty(t.getTagValue())));
    }
    return new NetworkInterface(
        eni.getNetworkInterfaceId(),
        NetworkInterfaceStatus.fromApiName(eni.getStatus()),
        type(eni.getType()),
        Strings.nullToEmpty(eni.getMacAddress()).toLowerCase(Locale.ROOT),
        Strings.nullToEmpty(eni.getPrivateIpAddress()),
        ipv6,
        eni.getVpcId(),
        eni.getVSwitchId(),
        Strings.nullToEmpty(eni.getZoneId()),
        groups,
        instanceId,
        trunk,
        deviceIndex,
        tags,
        Boolean.TRUE.equals(eni.getDeleteOnRelease()),
        bool(raw == null ? null : raw.get("SourceDestCheck")),
        nonEmpty(eni.getDescription()),
        instant(eni.getCreationTime()),
        nonEmpty(eni.getResourceGroupId()));
  }

  /**
   * Builds the ENI from a {@code CreateNetworkInterface} reply, for when it cannot be described
   * right after: what the reply lacks comes from the request (DeleteOnRelease, SourceDestCheck) or
   * is an estimate (the creation time).
   *
   * @param body the reply
   * @param request the request
   * @param now the time the reply arrived
   * @return the ENI, {@code Available}
   */
  public static NetworkInterface created(
      CreateNetworkInterfaceResponseBody body, CreateNetworkInterfaceRequest request, Instant now) {
    List<String> ipv6 =
        body.getIpv6Sets() == null || body.getIpv6Sets().getIpv6Set() == null
            ? List.of()
            : body.getIpv6Sets().getIpv6Set().stream()
                .map(s -> s.getIpv6Address())
                .filter(a -> !Strings.isNullOrEmpty(a))
                .collect(ImmutableList.toImmutableList());
    List<String> groups =
        body.getSecurityGroupIds() == null
                || body.getSecurityGroupIds().getSecurityGroupId() == null
            ? request.securityGroupIds()
            : body.getSecurityGroupIds().getSecurityGroupId();
    Map<String, String> tags = new LinkedHashMap<>();
    if (body.getTags() != null && body.getTags().getTag() != null) {
      body.getTags()
          .getTag()
          .forEach(t -> tags.put(t.getTagKey(), Strings.nullToEmpty(t.getTagValue())));
    } else {
      tags.putAll(request.tags());
    }
    String status = Strings.isNullOrEmpty(body.getStatus()) ? "Available" : body.getStatus();
    return new NetworkInterface(
        body.getNetworkInterfaceId(),
        NetworkInterfaceStatus.fromApiName(status),
        Strings.isNullOrEmpty(body.getType()) ? request.type() : type(body.getType()),
        Strings.nullToEmpty(body.getMacAddress()).toLowerCase(Locale.ROOT),
        Strings.nullToEmpty(body.getPrivateIpAddress()),
        ipv6,
        body.getVpcId(),
        Strings.isNullOrEmpty(body.getVSwitchId()) ? request.vSwitchId() : body.getVSwitchId(),
        Strings.nullToEmpty(body.getZoneId()),
        groups,
        Optional.empty(),
        Optional.empty(),
        OptionalInt.empty(),
        tags,
        request.deleteOnRelease(),
        request.sourceDestCheck(),
        nonEmpty(body.getDescription()).or(request::description),
        now,
        nonEmpty(body.getResourceGroupId()).or(request::resourceGroupId));
  }

  /**
   * Converts one vSwitch of {@code DescribeVSwitches}.
   *
   * @param vsw the vSwitch
   * @return the SPI value
   */
  public static VSwitch vSwitch(DescribeVSwitchesResponseBodyVSwitchesVSwitch vsw) {
    Long available = vsw.getAvailableIpAddressCount();
    return new VSwitch(
        vsw.getVSwitchId(),
        vsw.getVpcId(),
        Strings.nullToEmpty(vsw.getZoneId()),
        Strings.nullToEmpty(vsw.getCidrBlock()),
        nonEmpty(vsw.getIpv6CidrBlock()),
        available == null ? 0 : Math.max(0, available));
  }

  /**
   * Converts one instance type of {@code DescribeInstanceTypes}. A missing {@code EniTotalQuantity}
   * means no member ENIs; a missing {@code EniTrunkSupported} means false.
   *
   * @param type the instance type
   * @return the SPI value
   */
  public static InstanceType instanceType(
      DescribeInstanceTypesResponseBodyInstanceTypesInstanceType type) {
    int quantity = nonNegative(type.getEniQuantity());
    Integer total = type.getEniTotalQuantity();
    return new InstanceType(
        type.getInstanceTypeId(),
        quantity,
        total == null ? quantity : Math.max(0, total),
        Boolean.TRUE.equals(type.getEniTrunkSupported()),
        nonNegative(type.getEniPrivateIpAddressQuantity()),
        nonNegative(type.getEniIpv6AddressQuantity()));
  }

  /**
   * Parses an ECS time: {@code 2019-12-25T12:31:31Z}, or with minutes only.
   *
   * @param text the time, or {@code null}
   * @return the instant; the epoch if missing or unreadable
   */
  public static Instant instant(String text) {
    if (Strings.isNullOrEmpty(text)) {
      return Instant.EPOCH;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text, MINUTES).toInstant();
      } catch (DateTimeParseException again) {
        return Instant.EPOCH;
      }
    }
  }

  private static NetworkInterfaceType type(String apiName) {
    return Strings.isNullOrEmpty(apiName)
        ? NetworkInterfaceType.SECONDARY
        : NetworkInterfaceType.fromApiName(apiName);
  }

  private static boolean bool(Object value) {
    return value != null && Boolean.parseBoolean(value.toString());
  }

  private static int nonNegative(Integer value) {
    return value == null ? 0 : Math.max(0, value);
  }

  private static Optional<String> nonEmpty(String value) {
    return Strings.isNullOrEmpty(value) ? Optional.empty() : Optional.of(value);
  }
}
