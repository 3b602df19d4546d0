package dev.terway4j.kubernetes.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * JSON Patches (RFC 6902) of a {@code status} subresource that are conditional on the version they
 * are based on: the first operation sets {@code metadata.resourceVersion}, which the API server
 * (and fabric8's mock) compare with the current version, refusing a stale patch with 409. A PUT to
 * {@code /status} would do the same on a real API server, but the mock does not check it.
 *
 * <p>Stateless and thread-safe.
 */
public final class StatusPatches {

  private StatusPatches() {}

  /**
   * Returns the patch that replaces (or removes) the status of an object at a version.
   *
   * @param resourceVersion the version the new status is based on
   * @param status the new status, or {@code null} to remove it
   * @param hasStatus whether the object has a status now (removing an absent one would fail)
   * @return the patch as JSON text
   */
  public static String replaceStatus(String resourceVersion, JsonNode status, boolean hasStatus) {
    ArrayNode patch = JsonNodeFactory.instance.arrayNode();
    patch
        .addObject()
        .put("op", "replace")
        .put("path", "/metadata/resourceVersion")
        .put("value", resourceVersion);
    if (status != null) {
      patch.addObject().put("op", "add").put("path", "/status").set("value", status);
    } else if (hasStatus) {
      patch.addObject().put("op", "remove").put("path", "/status");
    }
    return ModelConversions.json(patch);
  }
}
