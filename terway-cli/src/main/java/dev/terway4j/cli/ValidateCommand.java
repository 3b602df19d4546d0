package dev.terway4j.cli;

import static dev.terway4j.cli.TerwayCommand.count;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.terway4j.model.ManifestDocument;
import dev.terway4j.model.ManifestException;
import dev.terway4j.model.ManifestProblem;
import dev.terway4j.model.ManifestValidator;
import dev.terway4j.model.ReadOptions;
import dev.terway4j.model.ValidationPolicy;
import dev.terway4j.model.ValidationResult;
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
 * {@code terway validate FILE|DIR...}: reads every manifest and validates every object in it
 * (PodNetworking, PodENI, and the Pod, Namespace and Node views), reporting each violation with its
 * file, document index and field path, errors apart from warnings.
 *
 * <p>Exit code 0 when everything is valid (warnings allowed), 1 when an object is invalid, 2 when a
 * file cannot be read (a syntax error, an unknown kind, a wrong type; every such problem is listed
 * too), does not exist, or is a directory without manifest files: a run that checked nothing never
 * exits 0, as in every other command.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Validates PodNetworking and PodENI manifests, every violation with its field path.",
      "Pods, Namespaces and Nodes are checked too. Directories are searched for .yaml, .yml",
      "and .json files.",
      ""
    },
    footer = {
      "",
      "Exit codes: 0 valid, 1 an object is invalid, 2 a file is unreadable, missing, or a",
      "directory holds no manifest file."
    })
final class ValidateCommand implements Callable<Integer> {

  @Mixin private CommonOptions common;

  @Spec private CommandSpec spec;

  @Option(
      names = "--strict",
      description = "Report unknown fields of PodNetworkings and PodENIs as errors.")
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
  private record FileReport(
      Path file, String readError, List<ManifestProblem> problems, List<ObjectReport> objects) {

    boolean unreadable() {
      return readError != null || !problems.isEmpty();
    }

    boolean invalid() {
      return objects.stream().anyMatch(o -> !o.result().valid());
    }

    String status() {
      if (unreadable()) {
        return "unreadable";
      }
      if (objects.isEmpty()) {
        return "empty";
      }
      return invalid() ? "invalid" : "valid";
    }
  }

  /** One object of a file with its validation result. */
  private record ObjectReport(ManifestDocument document, ValidationResult result) {

    String location() {
      return document.documentIndex() + (document.path().isEmpty() ? "" : " " + document.path());
    }
  }

  @Override
  public Integer call() {
    if (maxSecurityGroups < 1) {
      throw new ParameterException(
          spec.commandLine(),
          "--max-security-groups must be at least 1 but was " + maxSecurityGroups);
    }
    ReadOptions options = strict ? ReadOptions.strictDefaults() : ReadOptions.DEFAULT;
    ManifestValidator validator =
        ManifestValidator.of(ValidationPolicy.DEFAULT.withMaxSecurityGroups(maxSecurityGroups));
    List<FileReport> reports = new ArrayList<>();
    for (Path input : inputs) {
      List<Path> files;
      try {
        files = ManifestFiles.expand(input);
      } catch (CliException e) {
        reports.add(new FileReport(input, e.getMessage(), List.of(), List.of()));
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
    List<ManifestDocument> documents;
    try {
      documents = ManifestFiles.read(file, options);
    } catch (ManifestException e) {
      return new FileReport(file, null, e.problems(), List.of());
    } catch (CliException e) {
      return new FileReport(file, e.getMessage(), List.of(), List.of());
    }
    List<ObjectReport> objects = new ArrayList<>();
    for (ManifestDocument document : documents) {
      objects.add(new ObjectReport(document, validator.validate(document.object())));
    }
    return new FileReport(file, null, List.of(), objects);
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
    for (FileReport report : reports) {
      if (report.unreadable() || report.objects().isEmpty()) {
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
      for (ObjectReport object : report.objects()) {
        ValidationResult result = object.result();
        String verdict = result.valid() ? "valid" : "INVALID";
        if (!result.errors().isEmpty()) {
          verdict += ", " + count(result.errors().size(), "error");
        }
        if (!result.warnings().isEmpty()) {
          verdict += ", " + count(result.warnings().size(), "warning");
        }
        objects.row(report.file(), object.location(), result.object(), verdict);
        for (Violation v : result.errors()) {
          errors.row(report.file(), object.location(), result.object(), v.path(), v.message());
        }
        for (Violation v : result.warnings()) {
          warnings.row(report.file(), object.location(), result.object(), v.path(), v.message());
        }
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
    out.println();
    out.println(summary(reports));
  }

  private static String summary(List<FileReport> reports) {
    int objects = 0;
    int valid = 0;
    int errors = 0;
    int warnings = 0;
    int unreadable = 0;
    for (FileReport report : reports) {
      if (report.unreadable()) {
        unreadable++;
        errors += report.readError() == null ? report.problems().size() : 1;
      }
      for (ObjectReport object : report.objects()) {
        objects++;
        valid += object.result().valid() ? 1 : 0;
        errors += object.result().errors().size();
        warnings += object.result().warnings().size();
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
        + " unreadable; "
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
      ArrayNode problems = file.putArray("problems");
      for (ManifestProblem problem : report.problems()) {
        problems
            .addObject()
            .put("documentIndex", problem.documentIndex())
            .put("path", problem.path())
            .put("kind", problem.kind().name())
            .put("message", problem.message());
      }
      ArrayNode objects = file.putArray("objects");
      for (ObjectReport object : report.objects()) {
        ObjectNode node = objects.addObject();
        node.put("documentIndex", object.document().documentIndex());
        node.put("item", object.document().path());
        node.put("kind", object.document().object().kind());
        node.put("object", object.result().object());
        node.put("valid", object.result().valid());
        violations(node.putArray("errors"), object.result().errors());
        violations(node.putArray("warnings"), object.result().warnings());
      }
    }
    root.put("summary", summary(reports));
    root.put("exitCode", exitCode);
    return root;
  }

  private static void violations(ArrayNode array, List<Violation> violations) {
    for (Violation v : violations) {
      array.addObject().put("path", v.path()).put("message", v.message());
    }
  }
}
