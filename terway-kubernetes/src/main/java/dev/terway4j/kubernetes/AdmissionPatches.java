package dev.terway4j.kubernetes;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.terway4j.kubernetes.internal.ModelConversions;
import dev.terway4j.selector.AdmissionHints;
import dev.terway4j.selector.AdmissionResult;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders what Terway's pod mutating webhook decided ({@link AdmissionHints#evaluate}) as a JSON
 * Patch (RFC 6902) of the pod, ready for the {@code patch} of an {@code AdmissionReview} response
 * with {@code patchType: JSONPatch} (base64-encoded there). The HTTP server of the webhook is the
 * user's; the patch is ours.
 *
 * <p>For a {@link AdmissionResult.Decision#PATCHED PATCHED} result the patch, as Terway's webhook
 * writes it (docs/behaviour.md, "Admission", steps 5 to 7):
 *
 * <ul>
 *   <li>sets each annotation of the result ({@code k8s.aliyun.com/pod-networks}, {@code
 *       k8s.aliyun.com/pod-eni}, {@code k8s.aliyun.com/pod-networking}), replacing existing values
 *       and keeping the other annotations;
 *   <li>sets the extended resource ({@code aliyun/member-eni} or {@code aliyun/eni}) in both {@code
 *       requests} and {@code limits} of the <em>first</em> container, keeping its other resources;
 *   <li>appends each zone expression ({@code topology.kubernetes.io/zone In [...]}) to
 *       <em>every</em> term of {@code
 *       affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms}
 *       (expressions of a term are ANDed), adding one term when there is none, and whatever of
 *       {@code affinity}, {@code nodeAffinity} and the required selector is missing; preferred
 *       terms and pod (anti-)affinity are left alone.
 * </ul>
 *
 * <p>Any other decision (skipped, unchanged, rejected) gives the empty patch {@code []}; a rejected
 * pod is denied by the webhook with {@link AdmissionResult#message()}. A pod without containers
 * gets no resource operation (Terway allows such a pod unchanged). Operations only add: applied to
 * the pod they were computed for, they cannot fail.
 *
 * <p>Stateless and thread-safe.
 */
public final class AdmissionPatches {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final String REQUIRED = "requiredDuringSchedulingIgnoredDuringExecution";

  private AdmissionPatches() {}

  /**
   * Returns the JSON Patch of a pod given as JSON (the {@code request.object} of an {@code
   * AdmissionReview}).
   *
   * @param podJson the pod as the API server sent it
   * @param result what the webhook decided for it
   * @return the patch as compact JSON text, {@code []} when nothing changes
   * @throws IllegalArgumentException if {@code podJson} is not a JSON object
   */
  public static String jsonPatch(String podJson, AdmissionResult result) {
    checkNotNull(podJson, "podJson");
    checkNotNull(result, "result");
    return ModelConversions.json(operations(ModelConversions.tree(podJson), result));
  }

  /**
   * Returns the JSON Patch of a pod given as a fabric8 object.
   *
   * @param pod the pod
   * @param result what the webhook decided for it
   * @return the patch as compact JSON text, {@code []} when nothing changes
   */
  public static String jsonPatch(Pod pod, AdmissionResult result) {
    checkNotNull(pod, "pod");
    return jsonPatch(SERIALIZATION.asJson(pod), result);
  }

  private static ArrayNode operations(ObjectNode pod, AdmissionResult result) {
    ArrayNode ops = NODES.arrayNode();
    if (result.decision() != AdmissionResult.Decision.PATCHED) {
      return ops;
    }
    annotations(ops, pod, result.annotations());
    result.resource().ifPresent(resource -> resource(ops, pod, resource));
    if (!result.zoneAffinity().isEmpty()) {
      zoneAffinity(ops, pod, result.zoneAffinity());
    }
    return ops;
  }

  private static void annotations(ArrayNode ops, ObjectNode pod, Map<String, String> wanted) {
    if (wanted.isEmpty()) {
      return;
    }
    Map<String, String> sorted = new TreeMap<>(wanted);
    if (!present(pod.path("metadata"))) {
      ObjectNode metadata = NODES.objectNode();
      sorted.forEach(metadata.putObject("annotations")::put);
      add(ops, "/metadata", metadata);
    } else if (!present(pod.path("metadata").path("annotations"))) {
      ObjectNode annotations = NODES.objectNode();
      sorted.forEach(annotations::put);
      add(ops, "/metadata/annotations", annotations);
    } else {
      sorted.forEach(
          (key, value) -> add(ops, "/metadata/annotations/" + escape(key), NODES.textNode(value)));
    }
  }

  private static void resource(
      ArrayNode ops, ObjectNode pod, AdmissionResult.ExtendedResource resource) {
    JsonNode containers = pod.path("spec").path("containers");
    if (!containers.isArray() || containers.isEmpty()) {
      return;
    }
    String quantity = Integer.toString(resource.count());
    String base = "/spec/containers/0/resources";
    JsonNode resources = containers.get(0).path("resources");
    if (!present(resources)) {
      ObjectNode value = NODES.objectNode();
      value.putObject("requests").put(resource.name(), quantity);
      value.putObject("limits").put(resource.name(), quantity);
      add(ops, base, value);
      return;
    }
    for (String part : List.of("requests", "limits")) {
      if (!present(resources.path(part))) {
        ObjectNode value = NODES.objectNode().put(resource.name(), quantity);
        add(ops, base + "/" + part, value);
      } else {
        add(ops, base + "/" + part + "/" + escape(resource.name()), NODES.textNode(quantity));
      }
    }
  }

  private static void zoneAffinity(
      ArrayNode ops, ObjectNode pod, List<AdmissionResult.ZoneAffinity> zones) {
    ArrayNode expressions = NODES.arrayNode();
    for (AdmissionResult.ZoneAffinity zone : zones) {
      ObjectNode expression = expressions.addObject();
      expression.put("key", zone.key()).put("operator", "In");
      zone.zones().forEach(expression.putArray("values")::add);
    }
    ObjectNode term = NODES.objectNode();
    term.set("matchExpressions", expressions.deepCopy());
    ArrayNode terms = NODES.arrayNode().add(term);
    ObjectNode selector = NODES.objectNode();
    selector.set("nodeSelectorTerms", terms);
    ObjectNode nodeAffinity = NODES.objectNode();
    nodeAffinity.set(REQUIRED, selector);
    ObjectNode affinity = NODES.objectNode();
    affinity.set("nodeAffinity", nodeAffinity);

    JsonNode spec = pod.path("spec");
    if (!present(spec.path("affinity"))) {
      add(ops, "/spec/affinity", affinity);
      return;
    }
    if (!present(spec.path("affinity").path("nodeAffinity"))) {
      add(ops, "/spec/affinity/nodeAffinity", nodeAffinity);
      return;
    }
    String requiredPath = "/spec/affinity/nodeAffinity/" + REQUIRED;
    JsonNode required = spec.path("affinity").path("nodeAffinity").path(REQUIRED);
    if (!present(required)) {
      add(ops, requiredPath, selector);
      return;
    }
    JsonNode existing = required.path("nodeSelectorTerms");
    if (!existing.isArray() || existing.isEmpty()) {
      add(ops, requiredPath + "/nodeSelectorTerms", terms);
      return;
    }
    for (int i = 0; i < existing.size(); i++) {
      String termPath = requiredPath + "/nodeSelectorTerms/" + i + "/matchExpressions";
      if (!present(existing.get(i).path("matchExpressions"))) {
        add(ops, termPath, expressions.deepCopy());
      } else {
        for (JsonNode expression : expressions) {
          add(ops, termPath + "/-", expression.deepCopy());
        }
      }
    }
  }

  private static boolean present(JsonNode node) {
    return !node.isMissingNode() && !node.isNull();
  }

  private static void add(ArrayNode ops, String path, JsonNode value) {
    ops.addObject().put("op", "add").put("path", path).set("value", value);
  }

  /** Escapes a key as a JSON Pointer reference token (RFC 6901): {@code ~} then {@code /}. */
  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
