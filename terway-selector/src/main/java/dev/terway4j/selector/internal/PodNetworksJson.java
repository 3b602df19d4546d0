package dev.terway4j.selector.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.IpAllocationType;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.PodNetworkingSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes Terway's pod annotations {@code k8s.aliyun.com/pod-networks} ({@code
 * {"podNetworks":[...]}}) and {@code k8s.aliyun.com/pod-networks-request} (docs/behaviour.md,
 * "Admission"). Networks are kept as JSON objects so that fields this library does not model
 * survive. Stateless and thread-safe.
 */
public final class PodNetworksJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private PodNetworksJson() {}

  /**
   * One entry of {@code pod-networks-request}.
   *
   * @param interfaceName the interface, {@code ""} for {@code eth0}
   * @param network the PodNetworking's name
   * @param defaultRoute whether the interface carries the default route
   * @param routes the {@code routes} JSON array, or null
   */
  public record NetworkRequest(
      String interfaceName, String network, boolean defaultRoute, JsonNode routes) {}

  /**
   * Parses {@code pod-networks}; null or absent networks give an empty (mutable) list.
   *
   * @throws IllegalArgumentException if it is not {@code {"podNetworks":[objects]}}
   */
  public static List<ObjectNode> parsePodNetworks(String json) {
    List<ObjectNode> out = new ArrayList<>();
    if (json == null) {
      return out;
    }
    JsonNode root = read(json);
    if (!root.isObject()) {
      throw new IllegalArgumentException("expected an object, got " + root.getNodeType());
    }
    JsonNode list = root.path("podNetworks");
    if (list.isMissingNode() || list.isNull()) {
      return out;
    }
    if (!list.isArray()) {
      throw new IllegalArgumentException("podNetworks is not a list");
    }
    for (JsonNode network : list) {
      if (!network.isObject()) {
        throw new IllegalArgumentException("podNetworks holds a " + network.getNodeType());
      }
      out.add((ObjectNode) network.deepCopy());
    }
    return out;
  }

  /**
   * Parses {@code pod-networks-request}; null gives an empty list.
   *
   * @throws IllegalArgumentException if it is not a list of {@code {interfaceName, network, ...}}
   */
  public static List<NetworkRequest> parseRequests(String json) {
    List<NetworkRequest> out = new ArrayList<>();
    if (json == null) {
      return out;
    }
    JsonNode root = read(json);
    if (root.isNull()) {
      return out;
    }
    if (!root.isArray()) {
      throw new IllegalArgumentException("expected a list, got " + root.getNodeType());
    }
    for (JsonNode entry : root) {
      if (!entry.isObject()) {
        throw new IllegalArgumentException("expected an object, got " + entry.getNodeType());
      }
      JsonNode routes = entry.get("routes");
      out.add(
          new NetworkRequest(
              entry.path("interfaceName").asText(""),
              entry.path("network").asText(""),
              entry.path("defaultRoute").asBoolean(false),
              routes == null || routes.isNull() ? null : routes));
    }
    return out;
  }

  private static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage(), e);
    }
  }

  /** Returns the network of a PodNetworking (§3.5 mapping) on an interface. */
  public static ObjectNode fromPodNetworking(PodNetworking podNetworking, String interfaceName) {
    PodNetworkingSpec spec = podNetworking.spec();
    ObjectNode network = NODES.objectNode();
    ArrayNode vSwitches = network.putArray("vSwitchOptions");
    spec.vSwitchOptions().forEach(vSwitches::add);
    ArrayNode groups = network.putArray("securityGroupIDs");
    spec.securityGroupIDs().forEach(groups::add);
    network.put("interface", interfaceName);
    network.putObject("eniOptions").put("eniType", spec.eniOptions().eniType().wireValue());
    network
        .putObject("vSwitchSelectOptions")
        .put(
            "vSwitchSelectionPolicy",
            spec.vSwitchSelectOptions().vSwitchSelectionPolicy().wireValue());
    AllocationType allocation = spec.allocationType();
    ObjectNode allocationNode = network.putObject("allocationType");
    allocationNode.put("type", allocation.type().wireValue());
    allocation
        .releaseStrategy()
        .ifPresent(s -> allocationNode.put("releaseStrategy", s.wireValue()));
    if (!allocation.releaseAfter().isEmpty()) {
      allocationNode.put("releaseAfter", allocation.releaseAfter());
    }
    return network;
  }

  /** Returns the network Terway uses for an unmatched pod under centralized IPAM. */
  public static ObjectNode defaultNetwork(String interfaceName) {
    ObjectNode network = NODES.objectNode();
    network.put("interface", interfaceName);
    return network;
  }

  /** Applies a request's default route and routes ({@code extraRoutes}). */
  public static void applyRequest(ObjectNode network, NetworkRequest request) {
    if (request.defaultRoute()) {
      network.put("defaultRoute", true);
    }
    if (request.routes() != null) {
      network.set("extraRoutes", request.routes().deepCopy());
    }
  }

  /** Sets {@code allocationType} to {@code {type: Elastic}}. */
  public static void setElastic(ObjectNode network) {
    network.putObject("allocationType").put("type", IpAllocationType.ELASTIC.wireValue());
  }

  /** Fills missing vSwitches and security groups from {@code eni-config}. */
  public static void fillDefaults(
      ObjectNode network, List<String> vSwitches, List<String> securityGroups) {
    if (strings(network, "vSwitchOptions").isEmpty() && !vSwitches.isEmpty()) {
      ArrayNode array = network.putArray("vSwitchOptions");
      vSwitches.forEach(array::add);
    }
    if (strings(network, "securityGroupIDs").isEmpty() && !securityGroups.isEmpty()) {
      ArrayNode array = network.putArray("securityGroupIDs");
      securityGroups.forEach(array::add);
    }
  }

  /** Returns the strings of an array field, empty when it is absent. */
  public static List<String> strings(JsonNode network, String field) {
    List<String> out = new ArrayList<>();
    JsonNode array = network.path(field);
    if (array.isArray()) {
      array.forEach(n -> out.add(n.asText()));
    }
    return out;
  }

  /** Returns the annotation value {@code {"podNetworks":[...]}}, compact. */
  public static String write(List<ObjectNode> networks) {
    ObjectNode root = NODES.objectNode();
    ArrayNode list = root.putArray("podNetworks");
    networks.forEach(list::add);
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write pod networks", e);
    }
  }
}
