package dev.terway4j.cloud.aliyun.emulator;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.cloud.fake.FakeCloudProvider;
import dev.terway4j.cloud.spi.CreateNetworkInterfaceRequest;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceAttachment;
import dev.terway4j.cloud.spi.NetworkInterfacePage;
import dev.terway4j.cloud.spi.NetworkInterfaceQuery;
import dev.terway4j.cloud.spi.NetworkInterfaceStatus;
import dev.terway4j.cloud.spi.NetworkInterfaceType;
import dev.terway4j.cloud.spi.NotFoundException;
import dev.terway4j.cloud.spi.VSwitch;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * The ECS and VPC actions terway4j calls, answered from a {@link FakeCloudProvider} with the
 * replies the Tea SDK expects: the emulator's core, usable by other test servers (the testkit's
 * hostile endpoint) that wrap it in their own transport. Thread-safe as the fake cloud is.
 */
public final class EcsVpcActions {

  private final FakeCloudProvider cloud;

  /**
   * Creates the actions over a cloud.
   *
   * @param cloud holds the state
   */
  public EcsVpcActions(FakeCloudProvider cloud) {
    this.cloud = checkNotNull(cloud, "cloud");
  }

  /**
   * Carries out one ECS or VPC action on the fake cloud and returns its SDK-shaped reply (without
   * {@code RequestId}).
   *
   * @param action the {@code x-acs-action}
   * @param q the decoded query parameters
   * @return the reply body
   * @throws ErrorReply for a refusal of the API itself (unknown action, missing parameter, ...)
   * @throws dev.terway4j.cloud.spi.CloudException what the fake cloud throws, for the caller to
   *     render as the cloud's error reply
   */
  public Map<String, Object> reply(String action, SortedMap<String, String> q) {
    String region = q.get("RegionId");
    if (region != null && !region.equals(cloud.regionId())) {
      throw new ErrorReply(404, "InvalidRegionId.NotFound", "The specified region does not exist.");
    }
    return switch (action) {
      case "DescribeInstanceTypes" -> describeInstanceTypes(q);
      case "DescribeVSwitches" -> describeVSwitches(q);
      case "CreateNetworkInterface" -> createNetworkInterface(q);
      case "AttachNetworkInterface" -> {
        cloud.attachNetworkInterface(attachment(q));
        yield new LinkedHashMap<>();
      }
      case "DetachNetworkInterface" -> {
        cloud.detachNetworkInterface(attachment(q));
        yield new LinkedHashMap<>();
      }
      case "DeleteNetworkInterface" -> {
        cloud.deleteNetworkInterface(required(q, "NetworkInterfaceId"));
        yield new LinkedHashMap<>();
      }
      case "DescribeNetworkInterfaces" -> describeNetworkInterfaces(q);
      default -> throw new ErrorReply(404, "InvalidAction.NotFound", action);
    };
  }

  private Map<String, Object> describeInstanceTypes(SortedMap<String, String> q) {
    List<String> ids = list(q, "InstanceTypes");
    List<InstanceType> types =
        ids.isEmpty() ? List.of() : new ArrayList<>(cloud.describeInstanceTypes(ids));
    types.sort(Comparator.comparing(InstanceType::id));
    int max = q.containsKey("MaxResults") ? Integer.parseInt(q.get("MaxResults")) : 100;
    int from = 0;
    String token = q.get("NextToken");
    if (token != null && !token.isEmpty()) {
      if (!token.startsWith("it-")) {
        throw new ErrorReply(400, "InvalidNextToken.Malformed", "The NextToken is invalid.");
      }
      from = Integer.parseInt(token.substring(3));
    }
    int to = Math.min(types.size(), from + max);
    List<Map<String, Object>> items = new ArrayList<>();
    for (InstanceType t : types.subList(Math.min(from, to), to)) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("InstanceTypeId", t.id());
      item.put("InstanceTypeFamily", t.id().replaceAll("\\.[^.]+$", ""));
      item.put("EniQuantity", t.eniQuantity());
      item.put("EniTotalQuantity", t.eniTotalQuantity());
      item.put("EniTrunkSupported", t.eniTrunkSupported());
      item.put("EniPrivateIpAddressQuantity", t.eniPrivateIpAddressQuantity());
      item.put("EniIpv6AddressQuantity", t.eniIpv6AddressQuantity());
      items.add(item);
    }
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("NextToken", to < types.size() ? "it-" + to : "");
    reply.put("InstanceTypes", Map.of("InstanceType", items));
    return reply;
  }

  private Map<String, Object> describeVSwitches(SortedMap<String, String> q) {
    List<Map<String, Object>> items = new ArrayList<>();
    String id = q.get("VSwitchId");
    if (id != null) {
      try {
        VSwitch vsw = cloud.describeVSwitch(id);
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("VSwitchId", vsw.id());
        item.put("VpcId", vsw.vpcId());
        item.put("ZoneId", vsw.zoneId());
        item.put("CidrBlock", vsw.ipv4CidrBlock());
        item.put("Ipv6CidrBlock", vsw.ipv6CidrBlock().orElse(""));
        item.put("AvailableIpAddressCount", vsw.availableIpAddressCount());
        item.put("Status", "Available");
        item.put("IsDefault", false);
        item.put("Tags", Map.of("Tag", List.of()));
        items.add(item);
      } catch (NotFoundException e) {
        // VPC answers an unknown vSwitch id with an empty list, not an error.
      }
    }
    int page = q.containsKey("PageNumber") ? Integer.parseInt(q.get("PageNumber")) : 1;
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("TotalCount", items.size());
    reply.put("PageNumber", page);
    reply.put("PageSize", q.containsKey("PageSize") ? Integer.parseInt(q.get("PageSize")) : 10);
    reply.put("VSwitches", Map.of("VSwitch", page == 1 ? items : List.of()));
    return reply;
  }

  private Map<String, Object> createNetworkInterface(SortedMap<String, String> q) {
    CreateNetworkInterfaceRequest.Builder request =
        CreateNetworkInterfaceRequest.builder().vSwitchId(required(q, "VSwitchId"));
    List<String> groups = list(q, "SecurityGroupIds");
    if (q.containsKey("SecurityGroupId")) {
      groups = new ArrayList<>(groups);
      groups.add(q.get("SecurityGroupId"));
    }
    if (groups.isEmpty()) {
      throw new ErrorReply(
          400, "MissingParameter", "SecurityGroupId or SecurityGroupIds is required.");
    }
    request.securityGroupIds(groups);
    String type = q.getOrDefault("InstanceType", "Secondary");
    if (!type.equals("Secondary") && !type.equals("Trunk")) {
      throw new ErrorReply(400, "InvalidParameter", "InstanceType must be Secondary or Trunk.");
    }
    request.type(NetworkInterfaceType.fromApiName(type));
    if (q.containsKey("Ipv6AddressCount")) {
      request.ipv6AddressCount(Integer.parseInt(q.get("Ipv6AddressCount")));
    }
    tags(q).forEach(request::tag);
    request.deleteOnRelease(Boolean.parseBoolean(q.getOrDefault("DeleteOnRelease", "false")));
    // Absent means on in ECS; terway4j always sends it.
    request.sourceDestCheck(Boolean.parseBoolean(q.getOrDefault("SourceDestCheck", "true")));
    if (q.containsKey("ResourceGroupId")) {
      request.resourceGroupId(q.get("ResourceGroupId"));
    }
    if (q.containsKey("Description")) {
      request.description(q.get("Description"));
    }
    if (q.containsKey("ClientToken")) {
      request.clientToken(q.get("ClientToken"));
    }
    NetworkInterface eni = cloud.createNetworkInterface(request.build());
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("NetworkInterfaceId", eni.id());
    reply.put("Status", eni.status().apiName());
    reply.put("Type", eni.type().apiName());
    reply.put("VpcId", eni.vpcId());
    reply.put("VSwitchId", eni.vSwitchId());
    reply.put("ZoneId", eni.zoneId());
    reply.put("PrivateIpAddress", eni.privateIpAddress());
    reply.put("MacAddress", eni.macAddress());
    eni.description().ifPresent(d -> reply.put("Description", d));
    eni.resourceGroupId().ifPresent(g -> reply.put("ResourceGroupId", g));
    reply.put("OwnerId", "1234567890");
    reply.put("SecurityGroupIds", Map.of("SecurityGroupId", eni.securityGroupIds()));
    reply.put(
        "PrivateIpSets",
        Map.of(
            "PrivateIpSet",
            List.of(Map.of("PrivateIpAddress", eni.privateIpAddress(), "Primary", true))));
    if (!eni.ipv6Addresses().isEmpty()) {
      reply.put("Ipv6Sets", Map.of("Ipv6Set", ipv6(eni)));
    }
    reply.put("Tags", Map.of("Tag", ecsTags(eni)));
    return reply;
  }

  private Map<String, Object> describeNetworkInterfaces(SortedMap<String, String> q) {
    NetworkInterfaceQuery.Builder query = NetworkInterfaceQuery.builder();
    query.networkInterfaceIds(list(q, "NetworkInterfaceId"));
    Optional.ofNullable(q.get("VpcId")).ifPresent(query::vpcId);
    Optional.ofNullable(q.get("VSwitchId")).ifPresent(query::vSwitchId);
    Optional.ofNullable(q.get("InstanceId")).ifPresent(query::instanceId);
    if (q.containsKey("Type")) {
      query.type(NetworkInterfaceType.fromApiName(q.get("Type")));
    }
    if (q.containsKey("Status")) {
      query.status(NetworkInterfaceStatus.fromApiName(q.get("Status")));
    }
    tags(q).forEach(query::tag);
    int max = q.containsKey("MaxResults") ? Integer.parseInt(q.get("MaxResults")) : 10;
    if (max > NetworkInterfaceQuery.MAX_PAGE_SIZE) {
      throw new ErrorReply(400, "InvalidParameter", "MaxResults must be at most 500.");
    }
    query.maxResults(Math.max(NetworkInterfaceQuery.MIN_PAGE_SIZE, max));
    if (q.containsKey("NextToken") && !q.get("NextToken").isEmpty()) {
      query.nextToken(q.get("NextToken"));
    }
    NetworkInterfacePage page = cloud.describeNetworkInterfaces(query.build());
    List<Map<String, Object>> items = new ArrayList<>();
    for (NetworkInterface eni : page.networkInterfaces()) {
      items.add(item(eni));
    }
    Map<String, Object> reply = new LinkedHashMap<>();
    reply.put("NextToken", page.nextToken().orElse(""));
    reply.put("TotalCount", items.size());
    reply.put("NetworkInterfaceSets", Map.of("NetworkInterfaceSet", items));
    return reply;
  }

  private static Map<String, Object> item(NetworkInterface eni) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("NetworkInterfaceId", eni.id());
    item.put("Status", eni.status().apiName());
    item.put("Type", eni.type().apiName());
    if (eni.instanceId().isPresent() && !eni.isMember()) {
      item.put("InstanceId", eni.instanceId().get());
    }
    if (eni.instanceId().isPresent()) {
      Map<String, Object> attachment = new LinkedHashMap<>();
      attachment.put("InstanceId", eni.instanceId().get());
      eni.trunkNetworkInterfaceId().ifPresent(t -> attachment.put("TrunkNetworkInterfaceId", t));
      if (eni.deviceIndex().isPresent()) {
        attachment.put("DeviceIndex", eni.deviceIndex().getAsInt());
      }
      item.put("Attachment", attachment);
    }
    item.put("VpcId", eni.vpcId());
    item.put("VSwitchId", eni.vSwitchId());
    item.put("ZoneId", eni.zoneId());
    item.put("PrivateIpAddress", eni.privateIpAddress());
    item.put("MacAddress", eni.macAddress());
    item.put("NetworkInterfaceTrafficMode", "Standard");
    item.put(
        "PrivateIpSets",
        Map.of(
            "PrivateIpSet",
            List.of(Map.of("PrivateIpAddress", eni.privateIpAddress(), "Primary", true))));
    if (!eni.ipv6Addresses().isEmpty()) {
      item.put("Ipv6Sets", Map.of("Ipv6Set", ipv6(eni)));
    }
    item.put("SecurityGroupIds", Map.of("SecurityGroupId", eni.securityGroupIds()));
    if (!eni.tags().isEmpty()) {
      item.put("Tags", Map.of("Tag", ecsTags(eni)));
    }
    item.put("DeleteOnRelease", eni.deleteOnRelease());
    item.put("SourceDestCheck", eni.sourceDestCheck());
    eni.description().ifPresent(d -> item.put("Description", d));
    eni.resourceGroupId().ifPresent(g -> item.put("ResourceGroupId", g));
    item.put("CreationTime", DateTimeFormatter.ISO_INSTANT.format(eni.creationTime()));
    item.put("OwnerId", "1234567890");
    return item;
  }

  private static List<Map<String, Object>> ipv6(NetworkInterface eni) {
    List<Map<String, Object>> sets = new ArrayList<>();
    eni.ipv6Addresses().forEach(a -> sets.add(Map.of("Ipv6Address", a)));
    return sets;
  }

  private static List<Map<String, Object>> ecsTags(NetworkInterface eni) {
    List<Map<String, Object>> tags = new ArrayList<>();
    eni.tags().forEach((k, v) -> tags.add(Map.of("TagKey", k, "TagValue", v)));
    return tags;
  }

  private static NetworkInterfaceAttachment attachment(SortedMap<String, String> q) {
    return new NetworkInterfaceAttachment(
        required(q, "NetworkInterfaceId"),
        required(q, "InstanceId"),
        Optional.ofNullable(q.get("TrunkNetworkInstanceId")));
  }

  private static String required(SortedMap<String, String> q, String name) {
    String value = q.get(name);
    if (value == null || value.isEmpty()) {
      throw new ErrorReply(400, "MissingParameter", "The input parameter " + name + " is missing.");
    }
    return value;
  }

  /** Rebuilds a list from {@code Name.1}, {@code Name.2}, ... */
  private static List<String> list(SortedMap<String, String> q, String name) {
    List<String> values = new ArrayList<>();
    for (int i = 1; q.containsKey(name + "." + i); i++) {
      values.add(q.get(name + "." + i));
    }
    return values;
  }

  /** Rebuilds tags from {@code Tag.N.Key} and {@code Tag.N.Value}. */
  private static Map<String, String> tags(SortedMap<String, String> q) {
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 1; q.containsKey("Tag." + i + ".Key"); i++) {
      tags.put(q.get("Tag." + i + ".Key"), q.getOrDefault("Tag." + i + ".Value", ""));
    }
    return tags;
  }
}
