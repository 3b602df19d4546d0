package dev.terway4j.cli;

import static dev.terway4j.cli.TerwayCommand.count;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.terway4j.model.DocumentCheck;
import dev.terway4j.model.ManifestCheck;
import dev.terway4j.model.ManifestProblem;
import dev.terway4j.model.ManifestValidator;
import dev.terway4j.model.ReadOptions;
import dev.terway4j.model.SkippedDocument;
import dev.terway4j.model.ValidationPolicy;
import dev.terway4j.model.Violation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code terway validate FILE|DIR...}: reads and validates each document of every manifest on its
 * own (PodNetworking, PodENI, and the Pod, Namespace and Node views), reporting every problem of
 * every document with its file, document index and field path, errors apart from warnings.
 * Documents of other kinds (the Deployments and ConfigMaps of a Helm or kustomize bundle) are
 * skipped and listed.
 *
 * <p>Exit code 0 when everything is valid (warnings allowed), 1 when a document is invalid (a rule
 * broken, a wrong type, a bad enum value, an unknown field), 2 when a file cannot be parsed at all
 * (malformed YAML, over a limit, not UTF-8 text), cannot be read, does not exist, or is a directory
 * without manifest files: a run that checked nothing never exits 0, as in every other command.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Validates PodNetworking and PodENI manifests, every violation with its field path.",
      "Pods, Namespaces and Nodes are checked too. Each document is checked on its own: one",
      "bad document never hides another. Documents of other kinds (Deployments, ConfigMaps...)",
      "are skipped and listed. Unknown fields are errors, as kubectl's default field",
      "validation; --lenient makes them warnings. Directories are searched for .yaml, .yml",
      "and .json files.",
      ""
    },
    footer = {
      "",
      "JSON and YAML output: files[] with file, status (valid, invalid, unreadable, empty),",
      "readError, problems[] (of the file as a whole: documentIndex, path, kind, message),",
      "objects[] (documentIndex, item, kind, name, namespace, object, valid, readProblems[]",
      "with their kind, errors[] and warnings[] with path and message) and skipped[]",
      "(documentIndex, item, apiVersion, kind, name); then summary and exitCode.",
      "",
      "Exit codes: 0 valid, 1 a document is invalid, 2 a file cannot be parsed or read, is",
      "missing, or a directory holds no manifest file."
    })
final class ValidateCommand implements Callable<Integer> {

  @Mixin private CommonOptions common;

  @Spec private CommandSpec spec;

  @Option(
      names = "--lenient",
      description = "Report unknown fields of PodNetworkings and PodENIs as warnings, not errors.")
  private boolean lenient;

  @Option(
      names = "--strict",
      description = "Unknown fields are errors: the default; kept so that older scripts run.")
  private boolean strict;

  @Option(
      names = "--max-security-groups",
      paramLabel = "N",
      defaultValue = "5",
      description =
          "Most security groups per PodNetworking (default: ${DEFAULT-VALUE}, as the product"
              + " guide; 10 for Terway compatibility).")
  private int maxSecurityGroups;

  @Parameters(
      paramLabel = "FILE|DIR",
      arity = "1..*",
      description = "Manifests to validate; - reads standard input.")
  private List<Path> inputs;

  /** Creates the command; picocli fills its fields. */
  ValidateCommand() {}

  /** What became of one file. */
  private record FileReport(Path file, String readError, ManifestCheck check) {

    boolean unreadable() {
      return readError != null || !check.readable();
    }

    boolean invalid() {
      return check != null && check.documents().stream().anyMatch(d -> !d.valid());
    }

    List<ManifestProblem> problems() {
      return check == null ? List.of() : check.problems();
    }

    List<DocumentCheck> documents() {
      return check == null ? List.of() : check.documents();
    }

    List<SkippedDocument> skipped() {
      return check == null ? List.of() : check.skipped();
    }

    String status() {
      if (unreadable()) {
        return "unreadable";
      }
      if (documents().isEmpty()) {
        return "empty";
      }
      return invalid() ? "invalid" : "valid";
    }
  }

  private static String location(DocumentCheck document) {
    return document.documentIndex() + (document.path().isEmpty() ? "" : " " + document.path());
  }

  @Override
  public Integer call() {
    if (maxSecurityGroups < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "--max-security-groups must be at least 1 but was " + maxSecurityGroups);
    }
    if (lenient && strict) {
      throw new ParameterException(spec.commandLine(), "--lenient and --strict contradict");
    }
    ReadOptions options = ReadOptions.DEFAULT.withStrict(!lenient).withSkipOtherKinds(true);
    ManifestValidator validator =
        ManifestValidator.of(ValidationPolicy.DEFAULT.withMaxSecurityGroups(maxSecurityGroups));
    List<FileReport> reports = new ArrayList<>();
    for (Path input : inputs) {
      List<Path> files;
      try {
        files = ManifestFiles.expand(input);
      } catch (CliException e) {
        reports.add(new FileReport(input, e.getMessage(), null));
        continue;
      }
      for (Path file : files) {
        if (reports.stream().noneMatch(r -> r.file().equals(file))) {
          reports.add(check(file, options, validator));
        }
      }
    }
    int exitCode = exitCode(reports);
    PrintWriter out = TerminalWriter.of(spec.commandLine().getOut());
    if (common.output == OutputFormat.TABLE) {
      printTable(reports, out);
    } else {
      common.output.write(tree(reports, exitCode), out);
    }
    out.flush();
    return exitCode;
  }

  private static FileReport check(Path file, ReadOptions options, ManifestValidator validator) {
    try {
      return new FileReport(file, null, ManifestFiles.check(file, options, validator));
    } catch (CliException e) {
      return new FileReport(file, e.getMessage(), null);
    }
  }

  private static int exitCode(List<FileReport> reports) {
    if (reports.stream().anyMatch(FileReport::unreadable)) {
      return ExitCodes.UNUSABLE;
    }
    return reports.stream().anyMatch(FileReport::invalid) ? ExitCodes.FINDINGS : ExitCodes.OK;
  }

  private static void printTable(List<FileReport> reports, PrintWriter out) {
    TextTable objects = new TextTable("FILE", "DOC", "OBJECT", "RESULT");
    TextTable errors = new TextTable("FILE", "DOC", "OBJECT", "FIELD", "ERROR");
    TextTable warnings = new TextTable("FILE", "DOC", "OBJECT", "FIELD", "WARNING");
    TextTable skipped = new TextTable("FILE", "DOC", "SKIPPED KIND", "NAME", "API VERSION");
    for (FileReport report : reports) {
      if (report.unreadable() || report.documents().isEmpty()) {
        objects.row(report.file(), null, null, report.status());
      }
      if (report.readError() != null) {
        errors.row(report.file(), null, "(unreadable)", null, report.readError());
      }
      for (ManifestProblem problem : report.problems()) {
        errors.row(
            report.file(),
            problem.documentIndex() < 0 ? null : problem.documentIndex(),
            "(unreadable)",
            problem.path().isEmpty() ? null : problem.path(),
            problem.message());
      }
      for (DocumentCheck document : report.documents()) {
        String verdict = document.valid() ? "valid" : "INVALID";
        if (!document.errors().isEmpty()) {
          verdict += ", " + count(document.errors().size(), "error");
        }
        if (!document.warnings().isEmpty()) {
          verdict += ", " + count(document.warnings().size(), "warning");
        }
        String name = document.displayName();
        objects.row(report.file(), location(document), name, verdict);
        for (Violation v : document.errors()) {
          errors.row(report.file(), location(document), name, v.path(), v.message());
        }
        for (Violation v : document.warnings()) {
          warnings.row(report.file(), location(document), name, v.path(), v.message());
        }
      }
      for (SkippedDocument s : report.skipped()) {
        skipped.row(
            report.file(),
            s.documentIndex() + (s.path().isEmpty() ? "" : " " + s.path()),
            s.kind(),
            s.name().isEmpty() ? "<unnamed>" : s.name(),
            s.apiVersion());
      }
    }
    objects.print(out, "");
    if (!errors.isEmpty()) {
      out.println();
      errors.print(out, "");
    }
    if (!warnings.isEmpty()) {
      out.println();
      warnings.print(out, "");
    }
    if (!skipped.isEmpty()) {
      out.println();
      skipped.print(out, "");
    }
    out.println();
    out.println(summary(reports));
  }

  private static String summary(List<FileReport> reports) {
    int objects = 0;
    int valid = 0;
    int errors = 0;
    int warnings = 0;
    int unreadable = 0;
    int skipped = 0;
    for (FileReport report : reports) {
      if (report.unreadable()) {
        unreadable++;
      }
      if (report.readError() != null) {
        errors++;
      }
      errors += report.problems().size();
      skipped += report.skipped().size();
      for (DocumentCheck document : report.documents()) {
        objects++;
        valid += document.valid() ? 1 : 0;
        errors += document.errors().size();
        warnings += document.warnings().size();
      }
    }
    return count(reports.size(), "file")
        + ", "
        + count(objects, "object")
        + ": "
        + valid
        + " valid, "
        + (objects - valid)
        + " invalid, "
        + count(unreadable, "file")
        + " unreadable, "
        + count(skipped, "document")
        + " of other kinds skipped; "
        + count(errors, "error")
        + ", "
        + count(warnings, "warning");
  }

  private static ObjectNode tree(List<FileReport> reports, int exitCode) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    ArrayNode files = root.putArray("files");
    for (FileReport report : reports) {
      ObjectNode file = files.addObject();
      file.put("file", report.file().toString());
      file.put("status", report.status());
      if (report.readError() != null) {
        file.put("readError", report.readError());
      }
      problems(file.putArray("problems"), report.problems());
      ArrayNode objects = file.putArray("objects");
      for (DocumentCheck document : report.documents()) {
        ObjectNode node = objects.addObject();
        node.put("documentIndex", document.documentIndex());
        node.put("item", document.path());
        node.put("kind", document.kind());
        node.put("name", document.name());
        node.put("namespace", document.namespace());
        node.put("object", document.displayName());
        node.put("valid", document.valid());
        problems(node.putArray("readProblems"), document.readProblems());
        violations(node.putArray("errors"), document.errors());
        violations(node.putArray("warnings"), document.warnings());
      }
      ArrayNode skipped = file.putArray("skipped");
      for (SkippedDocument s : report.skipped()) {
        skipped
            .addObject()
            .put("documentIndex", s.documentIndex())
            .put("item", s.path())
            .put("apiVersion", s.apiVersion())
            .put("kind", s.kind())
            .put("name", s.name());
      }
    }
    root.put("summary", summary(reports));
    root.put("exitCode", exitCode);
    return root;
  }

  private static void problems(ArrayNode array, List<ManifestProblem> problems) {
    for (ManifestProblem problem : problems) {
      array
          .addObject()
          .put("documentIndex", problem.documentIndex())
          .put("path", problem.path())
          .put("kind", problem.kind().name())
          .put("message", problem.message());
    }
  }

  private static void violations(ArrayNode array, List<Violation> violations) {
    for (Violation v : violations) {
      array.addObject().put("path", v.path()).put("message", v.message());
    }
  }
}
