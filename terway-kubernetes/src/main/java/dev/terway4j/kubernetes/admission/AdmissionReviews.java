package dev.terway4j.kubernetes.admission;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.terway4j.kubernetes.AdmissionPatches;
import dev.terway4j.kubernetes.internal.ModelConversions;
import dev.terway4j.model.ManifestException;
import dev.terway4j.model.ManifestValidator;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.ValidationResult;
import dev.terway4j.model.Violation;
import dev.terway4j.selector.AdmissionHints;
import dev.terway4j.selector.AdmissionResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Answers {@code AdmissionReview} ({@code admission.k8s.io/v1}) requests: the pod mutating webhook
 * and the PodNetworking validating webhook, as JSON in and JSON out, with no HTTP involved.
 *
 * <ul>
 *   <li>{@link #mutatePod}: on {@code CREATE}, evaluates the pod with {@link AdmissionHints} and
 *       answers with its JSON Patch ({@link AdmissionPatches}); a rejected pod is denied with the
 *       reason. Other operations are allowed unchanged.
 *   <li>{@link #validatePodNetworking}: on {@code CREATE} and {@code UPDATE} (Terway checks create
 *       only), reads the object and denies it when {@link ManifestValidator} finds errors, naming
 *       every one with its field path; warnings go to {@code response.warnings}.
 * </ul>
 *
 * <p>What cannot be answered (not JSON, nested deeper than {@value #MAX_DEPTH}, another kind or
 * version, no {@code request.uid}, or a namespace the informers do not know yet) throws {@link
 * AdmissionRequestException}; an HTTP server answers it with its status, and the API server applies
 * the webhook's {@code failurePolicy}. Stateless and thread-safe.
 */
public final class AdmissionReviews {
  /** The API version of the reviews answered. */
  public static final String API_VERSION = "admission.k8s.io/v1";

  /** Deepest JSON nesting accepted in a review. */
  public static final int MAX_DEPTH = 100;

  /** Longest message (denial reason) written into a response. */
  public static final int MAX_MESSAGE_CHARS = 4_000;

  /** Most warnings written into a response. */
  public static final int MAX_WARNINGS = 20;

  private static final int MAX_UID_CHARS = 128;

  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder()
                      .maxNestingDepth(MAX_DEPTH)
                      .maxNumberLength(100)
                      .maxStringLength(4 * 1024 * 1024)
                      .build())
              .build());

  private AdmissionReviews() {}

  /**
   * Answers a review of the pod mutating webhook.
   *
   * @param review the request body
   * @param lookups the cluster state the webhook reads
   * @return the response body, an {@code AdmissionReview} with {@code response} set
   * @throws AdmissionRequestException if the review cannot be answered
   */
  public static String mutatePod(byte[] review, AdmissionLookups lookups) {
    checkNotNull(review, "review");
    checkNotNull(lookups, "lookups");
    Request request = parse(review, "", "Pod");
    if (!request.operation.equals("CREATE") || !request.object.isObject()) {
      return allowed(request.uid);
    }
    ObjectNode object = (ObjectNode) request.object;
    ObjectNode metadata =
        object.get("metadata") instanceof ObjectNode m ? m : object.putObject("metadata");
    String namespaceName = text(metadata.get("namespace"));
    if (namespaceName.isEmpty()) {
      namespaceName = request.namespace;
      metadata.put("namespace", namespaceName);
    }
    object.put("apiVersion", "v1");
    object.put("kind", "Pod");
    Pod pod;
    try {
      pod = ModelConversions.model(object, Pod.class);
    } catch (ManifestException e) {
      return denied(request.uid, 400, "the pod cannot be read: " + e.getMessage());
    }
    String ns = namespaceName;
    Optional<Namespace> namespace = lookups.namespace(ns);
    if (namespace.isEmpty()) {
      throw new AdmissionRequestException(
          503, "namespace " + escape(ns) + " is not known yet; try again");
    }
    String podName = pod.metadata().name();
    Optional<PodEni> podEni = podName.isEmpty() ? Optional.empty() : lookups.podEni(ns, podName);
    AdmissionResult result =
        AdmissionHints.evaluate(
            pod, namespace.get(), podEni, lookups.resolver(), lookups.settings());
    switch (result.decision()) {
      case REJECTED:
        return denied(request.uid, 403, result.message());
      case PATCHED:
        String patch = AdmissionPatches.jsonPatch(ModelConversions.json(object), result);
        if (patch.equals("[]")) {
          return allowed(request.uid);
        }
        ObjectNode response = response(request.uid, true);
        response.put("patchType", "JSONPatch");
        response.put(
            "patch", Base64.getEncoder().encodeToString(patch.getBytes(StandardCharsets.UTF_8)));
        return write(response);
      default:
        return allowed(request.uid);
    }
  }

  /**
   * Answers a review of the PodNetworking validating webhook.
   *
   * @param review the request body
   * @param validator the rules to apply
   * @return the response body
   * @throws AdmissionRequestException if the review cannot be answered
   */
  public static String validatePodNetworking(byte[] review, ManifestValidator validator) {
    checkNotNull(review, "review");
    checkNotNull(validator, "validator");
    Request request = parse(review, "network.alibabacloud.com", "PodNetworking");
    boolean checked = request.operation.equals("CREATE") || request.operation.equals("UPDATE");
    if (!checked || !request.object.isObject()) {
      return allowed(request.uid);
    }
    PodNetworking podNetworking;
    try {
      podNetworking = ModelConversions.model(request.object, PodNetworking.class);
    } catch (ManifestException e) {
      return denied(request.uid, 422, "the PodNetworking cannot be read: " + e.getMessage());
    }
    ValidationResult result = validator.validate(podNetworking);
    ObjectNode response;
    if (result.valid()) {
      response = response(request.uid, true);
    } else {
      StringBuilder message =
          new StringBuilder("PodNetworking ")
              .append(podNetworking.metadata().name())
              .append(" is invalid: ");
      List<String> errors = new ArrayList<>();
      for (Violation error : result.errors()) {
        errors.add(error.path() + ": " + error.message());
      }
      message.append(String.join("; ", errors));
      response = response(request.uid, false);
      status(response, 422, message.toString());
    }
    if (!result.warnings().isEmpty()) {
      ArrayNode warnings = response.putArray("warnings");
      for (Violation warning : result.warnings()) {
        if (warnings.size() == MAX_WARNINGS) {
          break;
        }
        warnings.add(bounded(warning.path() + ": " + warning.message(), 200));
      }
    }
    return write(response);
  }

  /** The fields of a review that every answer needs. */
  private record Request(String uid, String operation, String namespace, JsonNode object) {}

  private static Request parse(byte[] body, String group, String kind) {
    JsonNode review;
    try {
      review = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw new AdmissionRequestException(
          400, "not an AdmissionReview: " + bounded(e.getOriginalMessage(), 300));
    } catch (java.io.IOException e) {
      throw new AdmissionRequestException(400, "not an AdmissionReview: unreadable body");
    }
    if (review == null || !review.isObject()) {
      throw new AdmissionRequestException(400, "not an AdmissionReview: not a JSON object");
    }
    if (!API_VERSION.equals(text(review.get("apiVersion")))
        || !"AdmissionReview".equals(text(review.get("kind")))) {
      throw new AdmissionRequestException(
          400,
          "expected apiVersion "
              + API_VERSION
              + " and kind AdmissionReview, got "
              + escape(bounded(text(review.get("apiVersion")), 100))
              + " "
              + escape(bounded(text(review.get("kind")), 100)));
    }
    JsonNode request = review.get("request");
    if (request == null || !request.isObject()) {
      throw new AdmissionRequestException(400, "the AdmissionReview has no request");
    }
    String uid = text(request.get("uid"));
    if (uid.isEmpty() || uid.length() > MAX_UID_CHARS || !printable(uid)) {
      throw new AdmissionRequestException(
          400, "request.uid must be 1 to " + MAX_UID_CHARS + " printable characters");
    }
    JsonNode requestKind = request.get("kind");
    String actualKind = requestKind == null ? "" : text(requestKind.get("kind"));
    String actualGroup = requestKind == null ? "" : text(requestKind.get("group"));
    if (!kind.equals(actualKind) || !group.equals(actualGroup)) {
      throw new AdmissionRequestException(
          400,
          "this webhook reviews "
              + (group.isEmpty() ? "" : group + "/")
              + kind
              + ", not "
              + escape(bounded(actualGroup, 100))
              + "/"
              + escape(bounded(actualKind, 100)));
    }
    JsonNode object = request.get("object");
    return new Request(
        uid,
        text(request.get("operation")),
        text(request.get("namespace")),
        object == null ? JSON.nullNode() : object.deepCopy());
  }

  private static ObjectNode response(String uid, boolean allowed) {
    ObjectNode response = JSON.createObjectNode();
    response.put("uid", uid);
    response.put("allowed", allowed);
    return response;
  }

  private static void status(ObjectNode response, int code, String message) {
    ObjectNode status = response.putObject("status");
    status.put("code", code);
    status.put("message", bounded(message, MAX_MESSAGE_CHARS));
  }

  private static String allowed(String uid) {
    return write(response(uid, true));
  }

  private static String denied(String uid, int code, String message) {
    ObjectNode response = response(uid, false);
    status(response, code, message);
    return write(response);
  }

  /** Writes the review a response node belongs to. */
  private static String write(ObjectNode response) {
    ObjectNode review = JSON.createObjectNode();
    review.put("apiVersion", API_VERSION);
    review.put("kind", "AdmissionReview");
    review.set("response", response);
    try {
      return JSON.writeValueAsString(review);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("writing a response failed", e);
    }
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : "";
  }

  private static boolean printable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c >= 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static String bounded(String text, int max) {
    String value = text == null ? "" : text;
    return value.length() <= max ? value : value.substring(0, max) + "... (cut)";
  }

  /** Escapes control characters so that a message never drives a terminal or forges a log line. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
