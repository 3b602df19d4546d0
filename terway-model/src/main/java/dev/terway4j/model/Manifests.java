package dev.terway4j.model;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.terway4j.model.internal.ManifestBinder;
import dev.terway4j.model.internal.ManifestFileText;
import dev.terway4j.model.internal.ManifestTrees;
import dev.terway4j.model.internal.ModelMappers;
import dev.terway4j.model.internal.Paths;
import dev.terway4j.model.internal.ProblemList;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Reads and writes manifests: the one place where the model meets YAML and JSON.
 *
 * <p>Reading accepts one or many YAML documents (JSON is YAML too), {@code kind: List} and {@code
 * <Kind>List} wrappers as {@code kubectl get -o yaml} prints them, and the kinds {@code
 * PodNetworking}, {@code PodENI} ({@code network.alibabacloud.com/v1beta1}), {@code Pod}, {@code
 * Namespace} and {@code Node} ({@code v1}). CRD defaults are applied as the API server applies
 * them. Every problem in the input is collected and thrown at once as a {@link ManifestException};
 * nothing is returned from a text with problems.
 *
 * <p>Two ways of reading: the {@code read*} methods return objects and throw for the whole text
 * when any document has a problem, which suits a program that needs every object or none; {@link
 * #check(String, String, ReadOptions, ManifestValidator)} reads and validates each document on its
 * own and returns a {@link ManifestCheck} with every problem of every document, which suits a
 * linter. A text the {@code read*} methods accept gives a check whose documents have no read
 * problem, and the same objects. {@link ReadOptions#skipOtherKinds()} lets both pass over the
 * Deployments and ConfigMaps of a bundle.
 *
 * <p>Writing omits absent and empty fields, as Terway's Go types do, so that read, write, read
 * gives an equal object. All methods are stateless and thread-safe.
 */
public final class Manifests {

  private static final Map<String, Kind> KINDS =
      Map.of(
          PodNetworking.KIND, new Kind(PodNetworking.class, PodNetworking.API_VERSION, true),
          PodEni.KIND, new Kind(PodEni.class, PodNetworking.API_VERSION, true),
          Pod.KIND, new Kind(Pod.class, "v1", false),
          Namespace.KIND, new Kind(Namespace.class, "v1", false),
          Node.KIND, new Kind(Node.class, "v1", false));

  /** A kind this library models: its type, its apiVersion, and whether it is a Terway CRD. */
  record Kind(Class<? extends KubernetesObject> type, String apiVersion, boolean crd) {}

  /** Returns the modelled kind of that name, if any. */
  static Optional<Kind> kind(String name) {
    return Optional.ofNullable(KINDS.get(name));
  }

  /** Returns the message for a kind this library does not model. */
  static String unsupportedKind(String kindName) {
    return "unsupported kind \""
        + kindName
        + "\"; supported: "
        + KINDS.keySet().stream().sorted().collect(Collectors.joining(", "));
  }

  private Manifests() {}

  /**
   * Reads every object of a YAML (or JSON) text, leniently.
   *
   * @throws ManifestException naming every problem when the text is not entirely valid
   */
  public static List<KubernetesObject> read(String text) {
    return read(text, ReadOptions.DEFAULT);
  }

  /**
   * Reads every object of a YAML (or JSON) text with the given options.
   *
   * @throws ManifestException naming every problem when the text is not entirely valid
   */
  public static List<KubernetesObject> read(String text, ReadOptions options) {
    return objects(readDocuments(text, "", options));
  }

  /**
   * Reads every object of a YAML (or JSON) text, with the document each came from.
   *
   * @param source a name for the text (a file name) used in problems, or {@code ""}
   * @throws ManifestException naming every problem when the text is not entirely valid
   */
  public static List<ManifestDocument> readDocuments(
      String text, String source, ReadOptions options) {
    return parse(text, source, options, false);
  }

  /**
   * Reads every object of a YAML (or JSON) file; problems name the file.
   *
   * <p>The file is read through a bounded stream, whatever size the file system reports (device
   * files and FIFOs report 0), and must be UTF-8 text: a UTF-16 or UTF-32 byte order mark, an
   * invalid UTF-8 sequence, or a control character other than tab, line feed and carriage return
   * (binary data) is a {@link ManifestProblem.Kind#SYNTAX} problem naming the file and the byte
   * offset.
   *
   * @throws ManifestException naming every problem, or that the file is too large or not UTF-8 text
   * @throws UncheckedIOException when the file cannot be opened or read
   */
  public static List<ManifestDocument> readDocuments(Path file, ReadOptions options) {
    checkNotNull(file, "file");
    checkNotNull(options, "options");
    return parse(fileText(file, options), file.toString(), options, false);
  }

  private static String fileText(Path file, ReadOptions options) {
    String source = file.toString();
    try {
      // A char takes at most 4 bytes: a regular file beyond that is refused before reading.
      if (Files.isRegularFile(file) && Files.size(file) > options.maxChars() * 4L) {
        throw new ManifestException(
            List.of(
                new ManifestProblem(
                    source,
                    -1,
                    "",
                    ManifestProblem.Kind.TOO_LARGE,
                    "file has "
                        + Files.size(file)
                        + " bytes, over the limit of "
                        + options.maxChars())));
      }
      try (InputStream in = Files.newInputStream(file)) {
        return ManifestFileText.read(in, source, options.maxChars());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads and validates each document of a YAML (or JSON) text on its own, reporting every problem
   * of every document: one document with a wrong type never hides the errors of another, and a
   * document with a wrong type or a bad enum value is still validated, without that field. Nothing
   * is thrown for bad input; see {@link ManifestCheck} and {@link DocumentCheck}.
   *
   * <p>Unknown fields of Terway's CRDs are errors when {@link ReadOptions#strict()}, warnings
   * naming each field otherwise. Documents of kinds not asked for are listed in {@link
   * ManifestCheck#skipped()} when {@link ReadOptions#skipOtherKinds()}, else they are documents
   * with an {@link ManifestProblem.Kind#UNKNOWN_KIND} error.
   *
   * @param text the text
   * @param source a name for the text (a file name) used in problems, or {@code ""}
   * @param options how to read, and the bounds of the problems kept
   * @param validator the rules each object read is checked against
   * @return what was found, document by document
   */
  public static ManifestCheck check(
      String text, String source, ReadOptions options, ManifestValidator validator) {
    checkNotNull(text, "text");
    checkNotNull(source, "source");
    checkNotNull(options, "options");
    checkNotNull(validator, "validator");
    return new ManifestChecker(source, options, validator).check(text);
  }

  /**
   * Reads and validates each document of a YAML (or JSON) file on its own, as {@link #check(String,
   * String, ReadOptions, ManifestValidator)}; problems name the file. A file too large or not UTF-8
   * text gives a check with that one problem of the text and no document.
   *
   * @throws UncheckedIOException when the file cannot be opened or read
   */
  public static ManifestCheck check(Path file, ReadOptions options, ManifestValidator validator) {
    checkNotNull(file, "file");
    checkNotNull(options, "options");
    checkNotNull(validator, "validator");
    String text;
    try {
      text = fileText(file, options);
    } catch (ManifestException e) {
      return new ManifestChecker(file.toString(), options, validator).unreadable(e.problems());
    }
    return new ManifestChecker(file.toString(), options, validator).check(text);
  }

  /**
   * Reads every object of a strict JSON text (one or more JSON values).
   *
   * @throws ManifestException naming every problem when the text is not entirely valid
   */
  public static List<KubernetesObject> readJson(String json, ReadOptions options) {
    return objects(parse(json, "", options, true));
  }

  /**
   * Reads every document of a text as objects of one type, e.g. all the PodNetworkings of a file.
   *
   * @param text the text, YAML or JSON, one or several documents
   * @param type the model type every document must have
   * @return the objects, in document order; empty for a text without documents
   * @throws ManifestException naming every problem of every document, and every document of another
   *     kind (by its index, at path {@code kind})
   */
  public static <T extends KubernetesObject> List<T> readAll(String text, Class<T> type) {
    return readAll(text, type, ReadOptions.DEFAULT);
  }

  /**
   * Reads every document of a text as objects of one type, with the given options.
   *
   * @param text the text
   * @param type the model type every document must have
   * @param options how to read
   * @return the objects, in document order
   * @throws ManifestException naming every problem, and every document of another kind
   */
  public static <T extends KubernetesObject> List<T> readAll(
      String text, Class<T> type, ReadOptions options) {
    checkNotNull(type, "type");
    List<ManifestDocument> documents = readDocuments(text, "", options);
    List<T> objects = new java.util.ArrayList<>(documents.size());
    List<ManifestProblem> problems = new java.util.ArrayList<>();
    for (ManifestDocument document : documents) {
      if (type.isInstance(document.object())) {
        objects.add(type.cast(document.object()));
      } else if (problems.size() < options.maxProblems()) {
        problems.add(
            new ManifestProblem(
                "",
                document.documentIndex(),
                "kind",
                ManifestProblem.Kind.UNKNOWN_KIND,
                "expected a " + type.getSimpleName() + " but found a " + document.object().kind()));
      }
    }
    if (!problems.isEmpty()) {
      throw new ManifestException(problems);
    }
    return List.copyOf(objects);
  }

  /**
   * Reads a text that must hold exactly one object of the given type.
   *
   * @throws ManifestException when the text has problems, holds no object, several, or another kind
   */
  public static <T extends KubernetesObject> T readOne(String text, Class<T> type) {
    return readOne(text, type, ReadOptions.DEFAULT);
  }

  /**
   * Reads a text that must hold exactly one object of the given type, with the given options.
   *
   * @throws ManifestException when the text has problems, holds no object, several, or another kind
   */
  public static <T extends KubernetesObject> T readOne(
      String text, Class<T> type, ReadOptions options) {
    checkNotNull(type, "type");
    List<ManifestDocument> documents = readDocuments(text, "", options);
    if (documents.size() != 1 || !type.isInstance(documents.get(0).object())) {
      String found =
          documents.stream()
              .map(d -> d.object().kind())
              .collect(Collectors.joining(", ", "[", "]"));
      throw new ManifestException(
          List.of(
              new ManifestProblem(
                  "",
                  documents.isEmpty() ? -1 : documents.get(0).documentIndex(),
                  "",
                  ManifestProblem.Kind.UNKNOWN_KIND,
                  "expected exactly one "
                      + type.getSimpleName()
                      + " but found "
                      + (documents.isEmpty() ? "no object" : found))));
    }
    return type.cast(documents.get(0).object());
  }

  /** Returns the object as one YAML document (no {@code ---} marker). */
  public static String toYaml(KubernetesObject object) {
    return write(ModelMappers.yaml(), object);
  }

  /** Returns the objects as a multi-document YAML text, each document starting with {@code ---}. */
  public static String toYaml(List<? extends KubernetesObject> objects) {
    checkNotNull(objects, "objects");
    StringBuilder sb = new StringBuilder();
    for (KubernetesObject object : objects) {
      sb.append("---\n").append(toYaml(object));
    }
    return sb.toString();
  }

  /** Returns the object as compact JSON. */
  public static String toJson(KubernetesObject object) {
    return write(ModelMappers.json(), object);
  }

  /** Returns the object as indented JSON. */
  public static String toPrettyJson(KubernetesObject object) {
    checkNotNull(object, "object");
    try {
      return ModelMappers.json().writerWithDefaultPrettyPrinter().writeValueAsString(object);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + object.kind() + ": " + e, e);
    }
  }

  private static String write(com.fasterxml.jackson.databind.ObjectMapper mapper, Object object) {
    checkNotNull(object, "object");
    try {
      return mapper.writeValueAsString(object);
    } catch (JsonProcessingException e) {
      // Model values are always writable; reaching this is a bug in the model.
      throw new IllegalStateException("cannot write " + object.getClass().getSimpleName(), e);
    }
  }

  private static List<KubernetesObject> objects(List<ManifestDocument> documents) {
    return documents.stream()
        .map(ManifestDocument::object)
        .collect(Collectors.toUnmodifiableList());
  }

  private static List<ManifestDocument> parse(
      String text, String source, ReadOptions options, boolean json) {
    checkNotNull(text, "text");
    checkNotNull(source, "source");
    checkNotNull(options, "options");
    ProblemList problems =
        new ProblemList(source, options.maxProblems(), options.maxProblemsPerDocument());
    List<ManifestDocument> documents = new ArrayList<>();
    for (ManifestTrees.Document document :
        ManifestTrees.read(text, source, options, json, problems)) {
      bindDocument(document.tree(), source, document.index(), "", null, options, problems)
          .forEach(documents::add);
    }
    List<ManifestProblem> found = problems.withSummaries();
    if (!found.isEmpty()) {
      throw new ManifestException(found);
    }
    return List.copyOf(documents);
  }

  private static List<ManifestDocument> bindDocument(
      JsonNode tree,
      String source,
      int index,
      String path,
      String impliedKind,
      ReadOptions options,
      ProblemList problems) {
    if (!tree.isObject()) {
      problems.add(
          new ManifestProblem(
              source,
              index,
              path,
              ManifestProblem.Kind.NOT_A_MAPPING,
              "a manifest must be a mapping with apiVersion and kind, but found a "
                  + tree.getNodeType().toString().toLowerCase()));
      return List.of();
    }
    JsonNode kindNode = tree.get("kind");
    String kindName = kindNode != null && kindNode.isTextual() ? kindNode.asText() : impliedKind;
    if (kindNode != null && !kindNode.isTextual()) {
      problems.add(
          new ManifestProblem(
              source,
              index,
              field(path, "kind"),
              ManifestProblem.Kind.WRONG_TYPE,
              "expected a string"));
      return List.of();
    }
    if (kindName == null || kindName.isEmpty()) {
      problems.add(
          new ManifestProblem(
              source,
              index,
              field(path, "kind"),
              ManifestProblem.Kind.MISSING_FIELD,
              "missing required field \"kind\""));
      return List.of();
    }
    if (impliedKind == null && kindName.endsWith("List") && tree.has("items")) {
      return bindList(tree, source, index, path, kindName, options, problems);
    }
    Kind kind = KINDS.get(kindName);
    boolean asked = options.kinds().isEmpty() || options.kinds().contains(kindName);
    if ((kind == null || !asked) && options.skipOtherKinds()) {
      return List.of();
    }
    if (kind == null || !asked) {
      problems.add(
          new ManifestProblem(
              source,
              index,
              field(path, "kind"),
              ManifestProblem.Kind.UNKNOWN_KIND,
              kind == null
                  ? unsupportedKind(kindName)
                  : "kind \""
                      + kindName
                      + "\" was not asked for; expected "
                      + options.kinds().stream().sorted().collect(Collectors.joining(", "))));
      return List.of();
    }
    JsonNode apiVersion = tree.get("apiVersion");
    if (apiVersion != null && !apiVersion.asText().equals(kind.apiVersion())) {
      problems.add(
          new ManifestProblem(
              source,
              index,
              field(path, "apiVersion"),
              ManifestProblem.Kind.UNKNOWN_KIND,
              "unsupported apiVersion \""
                  + apiVersion.asText()
                  + "\" for kind "
                  + kindName
                  + "; expected "
                  + kind.apiVersion()));
      return List.of();
    }
    Optional<? extends KubernetesObject> object =
        ManifestBinder.bind(
            tree, kind.type(), source, index, path, options.strict() && kind.crd(), problems);
    return object.map(o -> List.of(new ManifestDocument(index, path, o))).orElse(List.of());
  }

  private static List<ManifestDocument> bindList(
      JsonNode tree,
      String source,
      int index,
      String path,
      String listKind,
      ReadOptions options,
      ProblemList problems) {
    JsonNode items = tree.get("items");
    if (!items.isArray()) {
      problems.add(
          new ManifestProblem(
              source,
              index,
              field(path, "items"),
              ManifestProblem.Kind.WRONG_TYPE,
              "expected a list"));
      return List.of();
    }
    String itemKind =
        listKind.equals("List") ? null : listKind.substring(0, listKind.length() - "List".length());
    List<ManifestDocument> documents = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      documents.addAll(
          bindDocument(
              items.get(i),
              source,
              index,
              Paths.index(field(path, "items"), i),
              itemKind == null ? "" : itemKind,
              options,
              problems));
    }
    return documents;
  }

  private static String field(String path, String name) {
    return Paths.field(path, name);
  }
}
