package dev.terway4j.allocator;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.model.Annotations;
import dev.terway4j.model.ControlCharacters;
import dev.terway4j.model.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a node's instance type from its {@code alibabacloud.com/instance-type-info} annotation, the
 * JSON of an ECS {@code InstanceType} as DescribeInstanceTypes returns it. Terway takes a node's
 * limits from this annotation when it is present instead of calling the API (its ECS limit
 * provider's {@code GetLimitFromAnno}), and refuses the node when the annotation is not valid JSON;
 * so does the allocator (docs/behaviour.md, "Member-ENI allocation").
 *
 * <p>Only the fields the allocator needs are read ({@code InstanceTypeId}, {@code EniQuantity},
 * {@code EniTotalQuantity}, {@code EniTrunkSupported}, {@code EniPrivateIpAddressQuantity}, {@code
 * EniIpv6AddressQuantity}, matched without regard to case as Go's JSON decoding matches them);
 * others are ignored, and a missing number is 0 and a missing flag false, as Go leaves them. The
 * annotation is bounded ({@link #MAX_CHARS} characters, nesting 16) before it is parsed. Stateless
 * and thread-safe.
 */
public final class InstanceTypeInfo {

  /** The longest annotation accepted, in characters; a real one is under 1,000. */
  public static final int MAX_CHARS = 64 * 1024;

  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(16)
                      .maxNumberLength(32)
                      .maxStringLength(MAX_CHARS)
                      .build())
              .build());

  private InstanceTypeInfo() {}

  /**
   * Returns the instance type a node's annotation describes, if it has the annotation.
   *
   * @param node the node
   * @return the type, or empty when the node has no {@code alibabacloud.com/instance-type-info}
   * @throws AllocationException with {@link AllocationException.Reason#NODE_NOT_READY}, naming the
   *     node and every problem of the annotation, when it is not a valid instance type
   */
  public static Optional<InstanceType> of(Node node) {
    checkNotNull(node, "node");
    String value = node.metadata().annotations().get(Annotations.INSTANCE_TYPE_INFO);
    if (value == null) {
      return Optional.empty();
    }
    String fallbackId = node.instanceType().orElse("");
    try {
      return Optional.of(parse(value, fallbackId));
    } catch (IllegalArgumentException e) {
      throw new AllocationException(
          AllocationException.Reason.NODE_NOT_READY,
          "node "
              + ControlCharacters.escape(node.metadata().name())
              + ": annotation "
              + Annotations.INSTANCE_TYPE_INFO
              + " "
              + e.getMessage(),
          null);
    }
  }

  /**
   * Parses the annotation's value.
   *
   * @param json the JSON of an ECS instance type
   * @param fallbackId the type id to use when the JSON has no {@code InstanceTypeId} (the node's
   *     instance-type label)
   * @return the instance type
   * @throws IllegalArgumentException naming every problem ("is not valid JSON", "EniQuantity must
   *     be a non-negative integer but is ...")
   */
  public static InstanceType parse(String json, String fallbackId) {
    checkNotNull(json, "json");
    checkNotNull(fallbackId, "fallbackId");
    if (json.length() > MAX_CHARS) {
      throw new IllegalArgumentException(
          "has " + json.length() + " characters, more than the limit of " + MAX_CHARS);
    }
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "is not valid JSON: " + ControlCharacters.escape(firstLine(e.getOriginalMessage())));
    }
    if (tree == null || !tree.isObject()) {
      throw new IllegalArgumentException("is not a JSON object");
    }
    List<String> problems = new ArrayList<>();
    String id = text(tree, "InstanceTypeId", problems);
    if (id.isEmpty()) {
      id = fallbackId;
    }
    if (id.isEmpty()) {
      problems.add("InstanceTypeId is missing and the node has no instance-type label");
    }
    int eniQuantity = count(tree, "EniQuantity", problems);
    int eniTotalQuantity = count(tree, "EniTotalQuantity", problems);
    boolean trunk = flag(tree, "EniTrunkSupported", problems);
    int ipv4 = count(tree, "EniPrivateIpAddressQuantity", problems);
    int ipv6 = count(tree, "EniIpv6AddressQuantity", problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "is not a valid instance type: " + String.join("; ", problems));
    }
    return new InstanceType(id, eniQuantity, eniTotalQuantity, trunk, ipv4, ipv6);
  }

  private static String text(JsonNode tree, String field, List<String> problems) {
    JsonNode node = field(tree, field);
    if (node == null || node.isNull()) {
      return "";
    }
    if (!node.isTextual()) {
      problems.add(field + " must be a string but is " + describe(node));
      return "";
    }
    return node.asText();
  }

  private static int count(JsonNode tree, String field, List<String> problems) {
    JsonNode node = field(tree, field);
    if (node == null || node.isNull()) {
      return 0;
    }
    if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
      problems.add(field + " must be a non-negative integer but is " + describe(node));
      return 0;
    }
    return node.intValue();
  }

  private static boolean flag(JsonNode tree, String field, List<String> problems) {
    JsonNode node = field(tree, field);
    if (node == null || node.isNull()) {
      return false;
    }
    if (!node.isBoolean()) {
      problems.add(field + " must be a boolean but is " + describe(node));
      return false;
    }
    return node.booleanValue();
  }

  /**
   * Returns a field as Go's JSON decoding finds it: the exact name, else the first whose name
   * differs only in case.
   */
  private static JsonNode field(JsonNode tree, String name) {
    JsonNode exact = tree.get(name);
    if (exact != null) {
      return exact;
    }
    var fields = tree.fields();
    while (fields.hasNext()) {
      var entry = fields.next();
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  private static String describe(JsonNode node) {
    String text = node.toString();
    return ControlCharacters.escape(text.length() > 40 ? text.substring(0, 40) + "..." : text);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
