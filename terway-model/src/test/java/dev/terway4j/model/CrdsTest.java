package dev.terway4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.terway4j.model.internal.ModelMappers;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Keeps the shipped CRD manifests and the model in step.
 *
 * <p>The model's field tree is derived by Jackson introspection of the {@code Immutable*} classes
 * (the same view {@link Manifests} reads and writes with), never from a hand-written list, and is
 * compared in both directions with the {@code openAPIV3Schema} of each CRD. Paths are written as
 * {@code spec.allocations[].eni.id}: {@code []} is the element of a list ({@code items}), {@code
 * {}} the value of a map ({@code additionalProperties}).
 */
class CrdsTest {

  private static final ObjectMapper YAML = new YAMLMapper();
  private static final ObjectMapper MODEL = ModelMappers.json();
  private static final SerializationConfig CONFIG = MODEL.getSerializationConfig();

  private static final String GROUP = "network.alibabacloud.com";
  private static final String VERSION = "v1beta1";

  /**
   * Enums the model closes but the schema leaves as free strings, with the reason each one is open.
   *
   * <p>Terway's CRDs put an {@code enum} only where its Go types carry a kubebuilder enum marker
   * (pkg/apis/network.alibabacloud.com/v1beta1); these four have none. We keep them open rather
   * than tightening the schema, consistently for all four, because the CRD is shared with Terway
   * itself: Terway's controlplane installs its own copy of these CRDs at start, its controllers
   * write these fields through the status subresource, and a stricter schema would make the API
   * server reject a status update (a phase or status value we do not know yet) that Terway's own
   * CRD accepts, stalling its reconciliation. The model still rejects unknown values when it reads
   * them, with a field path, which is where a Java user wants the error. The operator of a label
   * selector is Kubernetes' {@code metav1.LabelSelector}, whose schema has no enum anywhere in
   * Kubernetes.
   */
  private static final Map<Class<? extends Enum<?>>, String> OPEN_ENUMS =
      Map.of(
          PodEniPhase.class, "PodENI status.phase: no enum marker in Terway",
          NetworkingStatus.class, "PodNetworking status.status: no enum marker in Terway",
          EniBindStatus.class, "PodENI eniInfos{}.status: no enum marker in Terway",
          LabelSelectorOperator.class, "metav1.LabelSelector: no enum in Kubernetes' schema");

  /**
   * Objects the model fills in when they are absent although the schema, like Terway's, declares no
   * default for them, with the reason that is harmless.
   */
  private static final Map<String, String> MODEL_ONLY_DEFAULTS =
      Map.of(
          "spec.allocationType",
          "PodNetworking: Terway has no default here; an absent allocationType reads as"
              + " {type: Elastic}, what the API server makes of {} and what Terway does with it",
          "spec.allocations[].allocationType",
          "PodENI: as for PodNetworking's spec.allocationType");

  /** The schema keywords the walkers below understand; any other keyword fails the test. */
  private static final Set<String> KNOWN_KEYWORDS =
      Set.of(
          "type",
          "description",
          "properties",
          "items",
          "additionalProperties",
          "default",
          "enum",
          "format",
          "required",
          "x-kubernetes-map-type",
          "x-kubernetes-list-type");

  /** The two CRDs, with what each must declare. */
  enum Crd {
    POD_NETWORKING(
        PodNetworking.class,
        Crds::podNetworking,
        PodNetworking.KIND,
        "podnetworkings",
        "podnetworking",
        "Cluster"),
    POD_ENI(PodEni.class, Crds::podEni, PodEni.KIND, "podenis", "podeni", "Namespaced");

    final Class<? extends KubernetesObject> model;
    final Supplier<String> manifest;
    final String kind;
    final String plural;
    final String singular;
    final String scope;

    Crd(
        Class<? extends KubernetesObject> model,
        Supplier<String> manifest,
        String kind,
        String plural,
        String singular,
        String scope) {
      this.model = model;
      this.manifest = manifest;
      this.kind = kind;
      this.plural = plural;
      this.singular = singular;
      this.scope = scope;
    }

    JsonNode tree() {
      return readYaml(manifest.get());
    }

    JsonNode schema() {
      return tree().path("spec").path("versions").path(0).path("schema").path("openAPIV3Schema");
    }
  }

  /** One field of the model: its Java type and the JSON type it is written as. */
  private record ModelField(JavaType javaType, String jsonType) {

    boolean isInstant() {
      return javaType.getRawClass() == Instant.class;
    }

    boolean isWireEnum() {
      return javaType.isEnumType() && WireEnum.class.isAssignableFrom(javaType.getRawClass());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Identity of the CRDs

  @ParameterizedTest(name = "{0}")
  @EnumSource(Crd.class)
  void eachCrdIsAnApiextensionsV1CustomResourceDefinitionNamedPluralDotGroup(Crd crd) {
    JsonNode tree = crd.tree();

    assertEquals("apiextensions.k8s.io/v1", tree.path("apiVersion").asText());
    assertEquals("CustomResourceDefinition", tree.path("kind").asText());
    assertEquals(crd.plural + "." + GROUP, tree.path("metadata").path("name").asText());
    assertEquals(GROUP + "/" + VERSION, PodNetworking.API_VERSION);
    assertEquals(GROUP, tree.path("spec").path("group").asText());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Crd.class)
  void eachCrdHasTheKindNamesAndScopeOfTerway(Crd crd) {
    JsonNode spec = crd.tree().path("spec");
    KubernetesObject empty =
        crd == Crd.POD_NETWORKING ? PodNetworking.builder().build() : PodEni.builder().build();

    assertEquals(crd.kind, empty.kind(), "the kind the model writes");
    assertEquals(GROUP + "/" + VERSION, empty.apiVersion(), "the apiVersion the model writes");
    assertEquals(crd.kind, spec.path("names").path("kind").asText());
    assertEquals(crd.kind + "List", spec.path("names").path("listKind").asText());
    assertEquals(crd.plural, spec.path("names").path("plural").asText());
    assertEquals(crd.singular, spec.path("names").path("singular").asText());
    assertEquals(Set.of("kind", "listKind", "plural", "singular"), fieldNames(spec.path("names")));
    assertEquals(crd.scope, spec.path("scope").asText());
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Crd.class)
  void eachCrdServesAndStoresOnlyV1beta1WithAStatusSubresource(Crd crd) {
    JsonNode versions = crd.tree().path("spec").path("versions");

    assertEquals(1, versions.size(), "exactly one version");
    JsonNode version = versions.path(0);
    assertEquals(VERSION, version.path("name").asText());
    assertTrue(version.path("served").asBoolean(false), "served");
    assertTrue(version.path("storage").asBoolean(false), "storage");
    assertEquals(readYaml("status: {}"), version.path("subresources"));
    assertEquals(
        Set.of("name", "served", "storage", "subresources", "schema"), fieldNames(version));
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Crd.class)
  void metadataIsAPlainObjectAsControllerGenEmitsIt(Crd crd) {
    JsonNode schema = crd.schema();

    assertEquals("object", schema.path("type").asText());
    assertEquals(readYaml("type: object"), schema.path("properties").path("metadata"));
  }

  // ---------------------------------------------------------------------------------------------
  // Fields, both directions

  @ParameterizedTest(name = "{0}")
  @EnumSource(Crd.class)
  void everyModelFieldAppearsInTheSchemaWithItsJsonType(Crd crd) {
    Map<String, ModelField> model = modelFields(crd.model);
    Map<String, JsonNode> schema = schemaNodes(crd.schema());

    Set<String> missing = new TreeSet<>(model.keySet());
    missing.removeAll(schema.keySet());
    assertEquals(Set.of(), missing, "model fields missing from the schema of " + crd);
    List<String> wrong = new ArrayList<>();
    model.forEach(
        (path, field) -> {
          JsonNode node = schema.get(path);
          String type = node.path("type").asText("<none>");
          if (!type.equals(field.jsonType())) {
            wrong.add(path + ": schema " + type + ", model " + field.jsonType() + " " + field);
          }
        });
    assertEquals(List.of(), wrong, "fields of " + crd + " whose types differ");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Crd.class)
  void everySchemaPropertyExistsInTheModel(Crd crd) {
    Map<String, ModelField> model = modelFields(crd.model);
    Map<String, JsonNode> schema = schemaNodes(crd.schema());

    Set<String> extra = new TreeSet<>(schema.keySet());
    extra.removeAll(model.keySet());
    assertEquals(Set.of(), extra, "schema properties of " + crd + " the model does not have");
    assertTrue(
        schema.keySet().stream().anyMatch(p -> p.startsWith("spec.")), "the walk reached spec");
    assertTrue(
        schema.keySet().stream().anyMatch(p -> p.startsWith("status.")), "the walk reached status");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Crd.class)
  void timestampsAreDateTimeStringsAndNoOtherFieldHasAStringFormat(Crd crd) {
    List<String> wrong = new ArrayList<>();
    forEachSharedField(
        crd,
        (path, field, node) -> {
          JsonNode format = node.get("format");
          if (field.isInstant()) {
            if (format == null || !format.asText().equals("date-time")) {
              wrong.add(path + ": an Instant needs format date-time, found " + format);
            }
          } else if (format != null
              && !(field.jsonType().equals("integer")
                  && Set.of("int32", "int64").contains(format.asText()))) {
            // Integer formats are documentation only (the API server does not check them);
            // Terway's vfID is a Go *uint32, which controller-gen writes as int32.
            wrong.add(path + ": unexpected format " + format + " for " + field);
          }
        });
    assertEquals(List.of(), wrong);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Crd.class)
  void everyPropertyIsDocumentedAndUsesOnlyKeywordsThisTestUnderstands(Crd crd) {
    List<String> problems = new ArrayList<>();
    checkKeywordsAndDescriptions(crd.schema(), "", true, problems);

    assertEquals(List.of(), problems);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Crd.class)
  void requiredFieldsArePropertiesOfTheirObject(Crd crd) {
    List<String> problems = new ArrayList<>();
    schemaNodes(crd.schema())
        .forEach(
            (path, node) -> {
              for (JsonNode name : node.path("required")) {
                if (!node.path("properties").has(name.asText())) {
                  problems.add(path + " requires unknown property " + name);
                }
              }
            });

    assertEquals(List.of(), problems);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Crd.class)
  void labelSelectorsAreAtomicMapsAsInKubernetes(Crd crd) {
    List<String> selectors = new ArrayList<>();
    forEachSharedField(
        crd,
        (path, field, node) -> {
          if (field.javaType().getRawClass() == LabelSelector.class) {
            selectors.add(path);
            assertEquals("atomic", node.path("x-kubernetes-map-type").asText(), path);
          }
        });

    if (crd == Crd.POD_NETWORKING) {
      assertEquals(
          List.of("spec.selector.namespaceSelector", "spec.selector.podSelector"), selectors);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Enums

  @ParameterizedTest(name = "{0}")
  @EnumSource(Crd.class)
  void closedEnumsListExactlyTheWireValuesAndOpenEnumsListNone(Crd crd) {
    List<String> wrong = new ArrayList<>();
    forEachSharedField(
        crd,
        (path, field, node) -> {
          JsonNode listed = node.get("enum");
          if (!field.isWireEnum()) {
            if (listed != null) {
              wrong.add(path + ": enum " + listed + " on a field that is no WireEnum");
            }
            return;
          }
          Class<?> type = field.javaType().getRawClass();
          if (OPEN_ENUMS.containsKey(type)) {
            if (listed != null) {
              wrong.add(path + ": " + OPEN_ENUMS.get(type) + ", yet the schema has " + listed);
            }
            return;
          }
          if (listed == null || !listed.isArray()) {
            wrong.add(path + ": no enum for " + type.getSimpleName());
            return;
          }
          List<String> values = new ArrayList<>();
          listed.forEach(v -> values.add(v.asText()));
          Set<String> expected =
              Arrays.stream(type.getEnumConstants())
                  .map(c -> ((WireEnum) c).wireValue())
                  .collect(Collectors.toSet());
          if (values.size() != new LinkedHashSet<>(values).size()
              || !new TreeSet<>(values).equals(new TreeSet<>(expected))) {
            wrong.add(path + ": schema " + values + ", " + type.getSimpleName() + expected);
          }
        });
    assertEquals(List.of(), wrong);
  }

  @Test
  void everyExceptionThisTestMakesStillNamesSomethingOfTheModel() {
    Set<Class<?>> enums = new LinkedHashSet<>();
    Set<String> objects = new TreeSet<>();
    for (Crd crd : Crd.values()) {
      modelFields(crd.model)
          .forEach(
              (path, field) -> {
                if (field.isWireEnum()) {
                  enums.add(field.javaType().getRawClass());
                } else if (field.jsonType().equals("object")) {
                  objects.add(path);
                }
              });
    }

    Set<Class<?>> staleEnums = new LinkedHashSet<>(OPEN_ENUMS.keySet());
    staleEnums.removeAll(enums);
    assertEquals(Set.of(), staleEnums, "open enums no model field uses");
    Set<String> staleObjects = new TreeSet<>(MODEL_ONLY_DEFAULTS.keySet());
    staleObjects.removeAll(objects);
    assertEquals(Set.of(), staleObjects, "model-only defaults naming no object of the model");
  }

  // ---------------------------------------------------------------------------------------------
  // Defaults

  @ParameterizedTest(name = "{0}")
  @EnumSource(Crd.class)
  void everySchemaDefaultIsWhatTheModelReadsForAnAbsentField(Crd crd) {
    Map<String, JsonNode> schema = schemaNodes(crd.schema());
    int defaults = 0;

    for (Map.Entry<String, JsonNode> e : schema.entrySet()) {
      JsonNode expected = e.getValue().get("default");
      if (expected == null) {
        continue;
      }
      defaults++;
      JsonNode actual = modelValueWhenAbsent(crd, e.getKey());
      assertEquals(expected, actual, "default of " + e.getKey() + " in " + crd);
    }
    assertTrue(defaults > 0, "the schema of " + crd + " has defaults");
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(Crd.class)
  void everyValueTheModelFillsInForAnAbsentFieldIsAlsoASchemaDefault(Crd crd) {
    Map<String, JsonNode> schema = schemaNodes(crd.schema());
    List<String> wrong = new ArrayList<>();

    forEachSharedField(
        crd,
        (path, field, node) -> {
          if (!path.contains(".") || path.endsWith("]") || path.endsWith("}")) {
            // apiVersion, kind, metadata, spec and status are the parts of the object, not fields
            // with defaults; an element of a list or a map cannot be absent.
            return;
          }
          JsonNode actual;
          try {
            actual = modelValueWhenAbsent(crd, path);
          } catch (ManifestException e) {
            // The model cannot read the parent without a field it requires; the schema must
            // require that field as well.
            for (ManifestProblem p : e.problems()) {
              String parent = parentPath(p.path());
              String name = p.path().substring(p.path().lastIndexOf('.') + 1);
              boolean required =
                  p.kind() == ManifestProblem.Kind.MISSING_FIELD
                      && contains(schema.get(parentOf(path)).path("required"), name)
                      && parent.equals(concrete(parentOf(path)));
              if (!required) {
                wrong.add(path + ": " + p);
              }
            }
            return;
          }
          JsonNode declared = node.get("default");
          if (isGoZero(actual)) {
            if (declared != null) {
              wrong.add(path + ": schema default " + declared + ", model gives " + actual);
            }
          } else if (MODEL_ONLY_DEFAULTS.containsKey(path)) {
            if (declared != null) {
              wrong.add(path + ": listed as model-only, yet the schema defaults it: " + declared);
            }
          } else if (!actual.equals(declared)) {
            wrong.add(path + ": model fills in " + actual + ", schema default " + declared);
          }
        });
    assertEquals(List.of(), wrong);
  }

  // ---------------------------------------------------------------------------------------------
  // The Crds class

  @Test
  void allHoldsBothCrdsAsSeparateDocuments() throws IOException {
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(Crds.all())) {
      it.forEachRemaining(documents::add);
    }

    assertEquals(List.of(Crd.POD_NETWORKING.tree(), Crd.POD_ENI.tree()), documents);
    assertTrue(Crds.all().startsWith("---\n"));
  }

  @Test
  void eachManifestIsOneDocumentEndingWithANewline() {
    for (Crd crd : Crd.values()) {
      String text = crd.manifest.get();
      assertTrue(text.endsWith("\n"), crd.toString());
      assertFalse(text.contains("\n---"), crd + " holds one document");
      assertNotNull(crd.tree().get("spec"), crd.toString());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The model's field tree, by Jackson introspection

  /** A check of one model field against its schema node. */
  @FunctionalInterface
  private interface FieldCheck {
    void check(String path, ModelField field, JsonNode node);
  }

  /**
   * Runs {@code check} on every model field of the CRD that its schema has. A field the schema
   * lacks fails {@link #everyModelFieldAppearsInTheSchemaWithItsJsonType}, and only that test.
   */
  private static void forEachSharedField(Crd crd, FieldCheck check) {
    Map<String, JsonNode> schema = schemaNodes(crd.schema());
    modelFields(crd.model)
        .forEach(
            (path, field) -> {
              JsonNode node = schema.get(path);
              if (node != null) {
                check.check(path, field, node);
              }
            });
  }

  /** Returns every field path of {@code type} as Jackson writes it, with its JSON type. */
  static Map<String, ModelField> modelFields(Class<?> type) {
    Map<String, ModelField> fields = new TreeMap<>();
    walkBean(CONFIG.constructType(type), "", fields, new ArrayList<>());
    return fields;
  }

  private static void walkBean(
      JavaType type, String prefix, Map<String, ModelField> out, List<Class<?>> stack) {
    JavaType impl = serializedAs(type);
    if (stack.contains(impl.getRawClass())) {
      fail("recursive model type at " + prefix + ": " + impl);
    }
    stack.add(impl.getRawClass());
    BeanDescription description = CONFIG.introspect(impl);
    List<BeanPropertyDefinition> properties = description.findProperties();
    assertFalse(properties.isEmpty(), "no properties found on " + impl + " at " + prefix);
    for (BeanPropertyDefinition property : properties) {
      if (!property.couldSerialize()) {
        continue;
      }
      String path = prefix.isEmpty() ? property.getName() : prefix + "." + property.getName();
      walkValue(property.getPrimaryType(), path, out, stack);
    }
    stack.remove(stack.size() - 1);
  }

  private static void walkValue(
      JavaType type, String path, Map<String, ModelField> out, List<Class<?>> stack) {
    if (type.isReferenceType()) { // Optional<T>: the field is T, or absent
      walkValue(type.getContentType(), path, out, stack);
      return;
    }
    Class<?> raw = type.getRawClass();
    if (path.equals("metadata")) {
      // Kubernetes owns the schema of ObjectMeta; a CRD declares it as a plain object.
      out.put(path, new ModelField(type, "object"));
    } else if (type.isCollectionLikeType() || type.isArrayType()) {
      out.put(path, new ModelField(type, "array"));
      walkValue(type.getContentType(), path + "[]", out, stack);
    } else if (type.isMapLikeType()) {
      assertEquals(String.class, type.getKeyType().getRawClass(), "map keys at " + path);
      out.put(path, new ModelField(type, "object"));
      walkValue(type.getContentType(), path + "{}", out, stack);
    } else if (raw == String.class) {
      out.put(path, new ModelField(type, "string"));
    } else if (raw.isEnum()) {
      assertTrue(WireEnum.class.isAssignableFrom(raw), path + ": enum is no WireEnum: " + raw);
      out.put(path, new ModelField(type, "string"));
    } else if (raw == Instant.class) {
      out.put(path, new ModelField(type, "string"));
    } else if (raw == boolean.class || raw == Boolean.class) {
      out.put(path, new ModelField(type, "boolean"));
    } else if (raw == int.class
        || raw == Integer.class
        || raw == long.class
        || raw == Long.class
        || raw == short.class
        || raw == Short.class
        || raw == BigInteger.class) {
      out.put(path, new ModelField(type, "integer"));
    } else if (raw == double.class || raw == Double.class || raw == float.class) {
      out.put(path, new ModelField(type, "number"));
    } else if (raw.getPackageName().equals(Crds.class.getPackageName())) {
      out.put(path, new ModelField(type, "object"));
      walkBean(type, path, out, stack);
    } else {
      fail(path + ": no JSON type known for " + type + "; teach CrdsTest about it");
    }
  }

  /** Returns the class Jackson serializes {@code type} as ({@code @JsonSerialize(as = ...)}). */
  private static JavaType serializedAs(JavaType type) {
    AnnotatedClass annotated = CONFIG.introspectClassAnnotations(type).getClassInfo();
    try {
      return CONFIG.getAnnotationIntrospector().refineSerializationType(CONFIG, annotated, type);
    } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
      throw new AssertionError("cannot refine " + type, e);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The schema's tree

  /** Returns every node of the schema below its root by path ({@code properties} only). */
  static Map<String, JsonNode> schemaNodes(JsonNode root) {
    assertTrue(root.isObject(), "openAPIV3Schema is an object");
    Map<String, JsonNode> nodes = new TreeMap<>();
    walkSchema(root, "", nodes);
    nodes.remove("");
    return nodes;
  }

  private static void walkSchema(JsonNode node, String path, Map<String, JsonNode> out) {
    out.put(path, node);
    for (Map.Entry<String, JsonNode> e : node.path("properties").properties()) {
      walkSchema(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
    }
    if (node.has("items")) {
      walkSchema(node.get("items"), path + "[]", out);
    }
    if (node.has("additionalProperties")) {
      JsonNode values = node.get("additionalProperties");
      assertTrue(values.isObject(), path + ": additionalProperties must be a schema");
      walkSchema(values, path + "{}", out);
    }
  }

  private static void checkKeywordsAndDescriptions(
      JsonNode node, String path, boolean isProperty, List<String> problems) {
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String keyword = it.next();
      if (!KNOWN_KEYWORDS.contains(keyword)) {
        problems.add((path.isEmpty() ? "<root>" : path) + ": keyword " + keyword);
      }
    }
    if (isProperty && !path.equals("metadata") && node.path("description").asText().isBlank()) {
      problems.add((path.isEmpty() ? "<root>" : path) + ": no description");
    }
    for (Map.Entry<String, JsonNode> e : node.path("properties").properties()) {
      String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
      checkKeywordsAndDescriptions(e.getValue(), child, true, problems);
    }
    if (node.has("items")) {
      checkKeywordsAndDescriptions(node.get("items"), path + "[]", false, problems);
    }
    if (node.has("additionalProperties")) {
      checkKeywordsAndDescriptions(node.get("additionalProperties"), path + "{}", false, problems);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reading minimal objects

  /** Returns the smallest manifest of the CRD's kind that the model reads. */
  private static ObjectNode minimalManifest(Crd crd) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("apiVersion", PodNetworking.API_VERSION);
    root.put("kind", crd.kind);
    ObjectNode metadata = root.putObject("metadata");
    metadata.put("name", "minimal");
    if (crd.scope.equals("Namespaced")) {
      metadata.put("namespace", "default");
    }
    return root;
  }

  /**
   * Reads a minimal object in which every container on the way to {@code path} exists (a list with
   * one element, a map with key {@code k}) but {@code path} itself is absent, and returns the value
   * the model writes at {@code path} ({@code MissingNode} when it writes none).
   */
  private static JsonNode modelValueWhenAbsent(Crd crd, String path) {
    ObjectNode manifest = minimalManifest(crd);
    List<String> segments = segments(path);
    JsonNode container = manifest;
    for (int i = 0; i < segments.size() - 1; i++) {
      container = child(container, segments.get(i), segments.get(i + 1));
    }
    KubernetesObject object = Manifests.readOne(manifest.toString(), crd.model);
    JsonNode written = MODEL.valueToTree(object);
    for (String segment : segments) {
      written =
          switch (segment) {
            case "[]" -> written.path(0);
            case "{}" -> written.path("k");
            default -> written.path(segment);
          };
    }
    return written;
  }

  /** Adds to {@code container} the container named {@code segment}, shaped for {@code next}. */
  private static JsonNode child(JsonNode container, String segment, String next) {
    boolean list = next.equals("[]");
    if (segment.equals("[]")) {
      ArrayNode array = (ArrayNode) container;
      return list ? array.addArray() : array.addObject();
    }
    String name = segment.equals("{}") ? "k" : segment;
    ObjectNode object = (ObjectNode) container;
    return list ? object.putArray(name) : object.putObject(name);
  }

  private static List<String> segments(String path) {
    return List.of(path.replace("[]", ".[]").replace("{}", ".{}").split("\\."));
  }

  private static String parentOf(String path) {
    List<String> segments = segments(path);
    StringBuilder sb = new StringBuilder();
    for (String s : segments.subList(0, segments.size() - 1)) {
      sb.append(s.startsWith("[") || s.startsWith("{") || sb.length() == 0 ? s : "." + s);
    }
    return sb.toString();
  }

  /** Returns the path as {@link ManifestProblem} spells it for the minimal object: [0] and .k. */
  private static String concrete(String path) {
    return path.replace("[]", "[0]").replace("{}", ".k");
  }

  private static String parentPath(String problemPath) {
    int dot = problemPath.lastIndexOf('.');
    return dot < 0 ? "" : problemPath.substring(0, dot);
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode n : array) {
      if (n.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  /** Returns whether the value is what Go's omitempty drops: absent, "", 0, false, [] or {}. */
  private static boolean isGoZero(JsonNode value) {
    return value.isMissingNode()
        || value.isNull()
        || (value.isContainerNode() && value.isEmpty())
        || (value.isTextual() && value.asText().isEmpty())
        || (value.isIntegralNumber() && value.asLong() == 0)
        || (value.isBoolean() && !value.asBoolean());
  }

  private static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode readYaml(String text) {
    try {
      return YAML.readTree(text);
    } catch (IOException e) {
      throw new AssertionError("not YAML: " + e.getMessage(), e);
    }
  }
}
