package dev.terway4j.kubernetes.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.terway4j.model.KubernetesObject;
import dev.terway4j.model.ManifestException;
import dev.terway4j.model.Manifests;
import dev.terway4j.model.ReadOptions;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * Converts between the fabric8 client's objects (Jackson 3) and our model (Jackson 2) through JSON
 * text, the one representation both agree on. Model objects are read and written only by {@link
 * Manifests}, so the model's own rules (CRD defaults, omitted empty fields, RFC 3339 timestamps)
 * apply on both sides.
 *
 * <p>Stateless and thread-safe.
 */
public final class ModelConversions {

  // Plain Jackson 2 trees: no model binding happens through this mapper.
  private static final ObjectMapper TREES = new ObjectMapper();

  private ModelConversions() {}

  /**
   * Reads a JSON object.
   *
   * @param json the text
   * @return the tree
   * @throws IllegalArgumentException if the text is not a JSON object
   */
  public static ObjectNode tree(String json) {
    checkNotNull(json, "json");
    try {
      JsonNode node = TREES.readTree(json);
      if (!(node instanceof ObjectNode object)) {
        throw new IllegalArgumentException("expected a JSON object but found " + node);
      }
      return object;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Returns the model object as a JSON tree, as {@link Manifests#toJson} writes it.
   *
   * @param object the object
   * @return its tree
   */
  public static ObjectNode tree(KubernetesObject object) {
    return tree(Manifests.toJson(object));
  }

  /**
   * Returns a fabric8 object (typed or generic) as a JSON tree.
   *
   * @param client the client whose serialization to use
   * @param object the object
   * @return its tree
   */
  public static ObjectNode tree(KubernetesClient client, Object object) {
    return tree(client.getKubernetesSerialization().asJson(object));
  }

  /**
   * Returns a tree as compact JSON.
   *
   * @param tree the tree
   * @return the text
   */
  public static String json(JsonNode tree) {
    try {
      return TREES.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      // A tree of plain nodes is always writable.
      throw new IllegalStateException("cannot write a JSON tree", e);
    }
  }

  /**
   * Reads one model object from JSON, leniently (unknown fields such as {@code managedFields} are
   * ignored), with the CRD defaults applied.
   *
   * @param json the text
   * @param type the expected model type
   * @return the object
   * @throws ManifestException naming every problem, or that the text holds another kind
   */
  public static <T extends KubernetesObject> T model(String json, Class<T> type) {
    List<KubernetesObject> objects = Manifests.readJson(json, ReadOptions.DEFAULT);
    if (objects.size() != 1 || !type.isInstance(objects.get(0))) {
      // readOne reports the mismatch with the model's own message.
      return Manifests.readOne(json, type);
    }
    return type.cast(objects.get(0));
  }

  /**
   * Reads one model object from a JSON tree.
   *
   * @param tree the tree
   * @param type the expected model type
   * @return the object
   * @throws ManifestException naming every problem
   */
  public static <T extends KubernetesObject> T model(JsonNode tree, Class<T> type) {
    return model(json(tree), type);
  }

  /**
   * Reads one model object from a fabric8 object.
   *
   * @param client the client whose serialization to use
   * @param object the fabric8 object
   * @param type the expected model type
   * @return the object
   * @throws ManifestException naming every problem
   */
  public static <T extends KubernetesObject> T model(
      KubernetesClient client, Object object, Class<T> type) {
    return model(client.getKubernetesSerialization().asJson(object), type);
  }

  /**
   * Returns a JSON tree as a fabric8 generic resource.
   *
   * @param client the client whose serialization to use
   * @param tree the tree, with {@code apiVersion}, {@code kind} and {@code metadata}
   * @return the resource
   */
  public static GenericKubernetesResource generic(KubernetesClient client, JsonNode tree) {
    return client
        .getKubernetesSerialization()
        .unmarshal(json(tree), GenericKubernetesResource.class);
  }
}
