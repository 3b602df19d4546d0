package dev.terway4j.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.terway4j.model.internal.ManifestBinder;
import dev.terway4j.model.internal.ManifestTrees;
import dev.terway4j.model.internal.Paths;
import dev.terway4j.model.internal.ProblemList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads and validates each document of one text on its own, for {@link Manifests#check}. One
 * instance per text; not thread-safe.
 */
final class ManifestChecker {

  private final String source;
  private final ReadOptions options;
  private final ManifestValidator validator;
  private final List<DocumentCheck> documents = new ArrayList<>();
  private final List<SkippedDocument> skipped = new ArrayList<>();

  /** Violations that may still be kept over the whole text. */
  private int budget;

  ManifestChecker(String source, ReadOptions options, ManifestValidator validator) {
    this.source = source;
    this.options = options;
    this.validator = validator;
    this.budget = options.maxProblems();
  }

  /** Checks a text; {@code textProblems} are problems found before parsing (file too large...). */
  ManifestCheck check(String text) {
    ProblemList treeProblems =
        new ProblemList(source, options.maxProblems(), options.maxProblemsPerDocument());
    List<ManifestTrees.Document> trees =
        ManifestTrees.read(text, source, options, false, true, treeProblems);
    Set<Integer> present =
        trees.stream().map(ManifestTrees.Document::index).collect(Collectors.toSet());
    Map<Integer, List<ManifestProblem>> byDocument = new HashMap<>();
    List<ManifestProblem> textProblems = new ArrayList<>();
    for (ManifestProblem problem : treeProblems.withSummaries()) {
      if (problem.documentIndex() >= 0 && present.contains(problem.documentIndex())) {
        byDocument.computeIfAbsent(problem.documentIndex(), i -> new ArrayList<>()).add(problem);
      } else {
        textProblems.add(problem);
      }
    }
    for (ManifestTrees.Document tree : trees) {
      checkTree(
          tree.tree(), tree.index(), "", null, byDocument.getOrDefault(tree.index(), List.of()));
    }
    return new ManifestCheck(source, textProblems, documents, skipped);
  }

  /** Returns the check of a text that could not be read at all. */
  ManifestCheck unreadable(List<ManifestProblem> problems) {
    return new ManifestCheck(source, problems, List.of(), List.of());
  }

  private void checkTree(
      JsonNode tree,
      int index,
      String path,
      String impliedKind,
      List<ManifestProblem> treeProblems) {
    if (!tree.isObject()) {
      List<ManifestProblem> problems = new ArrayList<>(treeProblems);
      if (problems.isEmpty()) {
        problems.add(
            problem(
                index,
                path,
                ManifestProblem.Kind.NOT_A_MAPPING,
                "a manifest must be a mapping with apiVersion and kind, but found a "
                    + tree.getNodeType().toString().toLowerCase()));
      }
      add(index, path, "", "", "", Optional.empty(), problems, List.of(), List.of());
      return;
    }
    String namespace = text(tree.path("metadata").get("namespace"));
    String name = text(tree.path("metadata").get("name"));
    JsonNode kindNode = tree.get("kind");
    if (kindNode != null && !kindNode.isTextual()) {
      List<ManifestProblem> problems = new ArrayList<>(treeProblems);
      problems.add(
          problem(
              index,
              Paths.field(path, "kind"),
              ManifestProblem.Kind.WRONG_TYPE,
              "expected a string"));
      add(index, path, "", namespace, name, Optional.empty(), problems, List.of(), List.of());
      return;
    }
    String kindName = kindNode != null ? kindNode.asText() : impliedKind;
    if (kindName == null || kindName.isEmpty()) {
      List<ManifestProblem> problems = new ArrayList<>(treeProblems);
      problems.add(
          problem(
              index,
              Paths.field(path, "kind"),
              ManifestProblem.Kind.MISSING_FIELD,
              "missing required field \"kind\""));
      add(index, path, "", namespace, name, Optional.empty(), problems, List.of(), List.of());
      return;
    }
    if (impliedKind == null && kindName.endsWith("List") && tree.has("items")) {
      checkList(tree, index, path, kindName, namespace, name, treeProblems);
      return;
    }
    Optional<Manifests.Kind> kind = Manifests.kind(kindName);
    boolean asked = options.kinds().isEmpty() || options.kinds().contains(kindName);
    String apiVersion = text(tree.get("apiVersion"));
    if (kind.isEmpty() || !asked) {
      if (options.skipOtherKinds()) {
        skipped.add(new SkippedDocument(index, path, apiVersion, kindName, name));
        return;
      }
      List<ManifestProblem> problems = new ArrayList<>(treeProblems);
      problems.add(
          problem(
              index,
              Paths.field(path, "kind"),
              ManifestProblem.Kind.UNKNOWN_KIND,
              kind.isEmpty()
                  ? Manifests.unsupportedKind(kindName)
                  : "kind \""
                      + kindName
                      + "\" was not asked for; expected "
                      + options.kinds().stream().sorted().collect(Collectors.joining(", "))));
      add(index, path, kindName, namespace, name, Optional.empty(), problems, List.of(), List.of());
      return;
    }
    JsonNode apiVersionNode = tree.get("apiVersion");
    if (apiVersionNode != null && !apiVersionNode.asText().equals(kind.get().apiVersion())) {
      List<ManifestProblem> problems = new ArrayList<>(treeProblems);
      problems.add(
          problem(
              index,
              Paths.field(path, "apiVersion"),
              ManifestProblem.Kind.UNKNOWN_KIND,
              "unsupported apiVersion \""
                  + apiVersionNode.asText()
                  + "\" for kind "
                  + kindName
                  + "; expected "
                  + kind.get().apiVersion()));
      add(index, path, kindName, namespace, name, Optional.empty(), problems, List.of(), List.of());
      return;
    }
    bindAndValidate(tree, index, path, kindName, kind.get(), namespace, name, treeProblems);
  }

  private void checkList(
      JsonNode tree,
      int index,
      String path,
      String listKind,
      String namespace,
      String name,
      List<ManifestProblem> treeProblems) {
    JsonNode items = tree.get("items");
    String itemsPath = Paths.field(path, "items");
    if (!items.isArray()) {
      List<ManifestProblem> problems = new ArrayList<>(treeProblems);
      problems.add(problem(index, itemsPath, ManifestProblem.Kind.WRONG_TYPE, "expected a list"));
      add(index, path, listKind, namespace, name, Optional.empty(), problems, List.of(), List.of());
      return;
    }
    String itemKind =
        listKind.equals("List") ? "" : listKind.substring(0, listKind.length() - "List".length());
    List<ManifestProblem> unclaimed = new ArrayList<>(treeProblems);
    for (int i = 0; i < items.size(); i++) {
      String itemPath = Paths.index(itemsPath, i);
      List<ManifestProblem> own = new ArrayList<>();
      for (ManifestProblem p : treeProblems) {
        if (within(p.path(), itemPath)) {
          own.add(p);
        }
      }
      unclaimed.removeAll(own);
      checkTree(items.get(i), index, itemPath, itemKind, own);
    }
    if (!unclaimed.isEmpty()) {
      add(
          index,
          path,
          listKind,
          namespace,
          name,
          Optional.empty(),
          unclaimed,
          List.of(),
          List.of());
    }
  }

  private void bindAndValidate(
      JsonNode tree,
      int index,
      String path,
      String kindName,
      Manifests.Kind kind,
      String namespace,
      String name,
      List<ManifestProblem> treeProblems) {
    ManifestBinder.Binding<? extends KubernetesObject> binding =
        ManifestBinder.bind(
            tree, kind.type(), source, index, path, kind.crd(), options.maxProblemsPerDocument());
    List<ManifestProblem> readProblems = new ArrayList<>(treeProblems);
    readProblems.addAll(binding.errors());
    List<Violation> warnings = new ArrayList<>();
    if (options.strict()) {
      readProblems.addAll(binding.unknownFields());
    } else {
      for (ManifestProblem unknown : binding.unknownFields()) {
        warnings.add(
            Violation.warning(
                relative(unknown.path(), path),
                unknown.message() + " is ignored (lenient reading)"));
      }
    }
    long unknownDropped = binding.unknownDropped();
    List<Violation> errors = new ArrayList<>();
    for (ManifestProblem p : readProblems) {
      errors.add(Violation.error(relative(p.path(), path), p.message()));
    }
    if (unknownDropped > 0) {
      Violation more =
          options.strict()
              ? Violation.error("", "and " + unknownDropped + " more unknown fields")
              : Violation.warning("", "and " + unknownDropped + " more unknown fields");
      (options.strict() ? errors : warnings).add(more);
    }
    Optional<KubernetesObject> object =
        readProblems.isEmpty() && (unknownDropped == 0 || !options.strict())
            ? binding.partial().map(o -> (KubernetesObject) o)
            : Optional.empty();
    if (binding.partial().isPresent()) {
      ValidationResult result = validator.validate(binding.partial().get());
      List<String> cut = new ArrayList<>();
      for (ManifestProblem p : readProblems) {
        if (p.kind() != ManifestProblem.Kind.UNKNOWN_FIELD) {
          cut.add(container(relative(p.path(), path)));
        }
      }
      for (Violation v : result.errors()) {
        if (cut.stream().noneMatch(c -> within(v.path(), c))) {
          errors.add(v);
        }
      }
      for (Violation v : result.warnings()) {
        if (cut.stream().noneMatch(c -> within(v.path(), parent(c)))) {
          warnings.add(v);
        }
      }
    }
    add(index, path, kindName, namespace, name, object, readProblems, errors, warnings);
  }

  private void add(
      int index,
      String path,
      String kind,
      String namespace,
      String name,
      Optional<KubernetesObject> object,
      List<ManifestProblem> readProblems,
      List<Violation> errors,
      List<Violation> warnings) {
    List<Violation> allErrors = new ArrayList<>(errors);
    if (allErrors.isEmpty() && !readProblems.isEmpty()) {
      for (ManifestProblem p : readProblems) {
        allErrors.add(Violation.error(relative(p.path(), path), p.message()));
      }
    }
    List<ManifestProblem> keptProblems = bound(readProblems);
    documents.add(
        new DocumentCheck(
            index,
            path,
            kind,
            namespace,
            name,
            object,
            keptProblems,
            bound(allErrors, "errors"),
            bound(warnings, "warnings")));
  }

  private List<ManifestProblem> bound(List<ManifestProblem> problems) {
    int keep = Math.min(problems.size(), options.maxProblemsPerDocument());
    return problems.subList(0, keep);
  }

  /** Keeps what the document's and the text's bounds allow, and summarises the rest. */
  private List<Violation> bound(List<Violation> violations, String what) {
    int keep = Math.min(violations.size(), Math.min(options.maxProblemsPerDocument(), budget));
    budget -= keep;
    if (keep == violations.size()) {
      return violations;
    }
    List<Violation> kept = new ArrayList<>(violations.subList(0, keep));
    Violation.Severity severity = violations.get(0).severity();
    String message = "and " + (violations.size() - keep) + " more " + what;
    kept.add(new Violation("", severity, message));
    return kept;
  }

  private ManifestProblem problem(
      int index, String path, ManifestProblem.Kind kind, String message) {
    return new ManifestProblem(source, index, path, kind, message);
  }

  private static String text(JsonNode node) {
    return node != null && node.isTextual() ? node.asText() : "";
  }

  /** Returns {@code path} without the item prefix {@code prefix} ({@code items[i]}). */
  private static String relative(String path, String prefix) {
    if (prefix.isEmpty() || !path.startsWith(prefix)) {
      return path;
    }
    String rest = path.substring(prefix.length());
    return rest.startsWith(".") ? rest.substring(1) : rest;
  }

  /**
   * Returns the field a failing value was cut out with: the path without its trailing list indexes
   * and map keys, since a failing list item takes its whole list with it.
   */
  private static String container(String path) {
    String p = path;
    while (p.endsWith("]")) {
      int open = p.lastIndexOf('[');
      if (open < 0) {
        break;
      }
      p = p.substring(0, open);
    }
    return p;
  }

  /** Returns the path of the object holding the field at {@code path}; {@code ""} at the top. */
  private static String parent(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    return cut < 0 ? "" : path.substring(0, cut);
  }

  /** Returns whether {@code path} is {@code ancestor} or under it ({@code ""} holds every path). */
  private static boolean within(String path, String ancestor) {
    return ancestor.isEmpty()
        || path.equals(ancestor)
        || path.startsWith(ancestor + ".")
        || path.startsWith(ancestor + "[");
  }
}
