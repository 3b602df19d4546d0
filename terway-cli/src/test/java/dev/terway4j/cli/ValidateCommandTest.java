package dev.terway4j.cli;

import static dev.terway4j.cli.CommandRun.example;
import static dev.terway4j.cli.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code terway validate} on the product guide's manifests and on {@code examples/broken}. */
class ValidateCommandTest {

  @Test
  void validate_guidePodNetworkingAndStatefulSetPod_areValid() {
    CommandRun run =
        run(
            "validate",
            example("guide/podnetworking-example.yaml"),
            example("guide/statefulset-pod.yaml"),
            example("guide/namespace-example.yaml"),
            example("guide/podeni-example-filled.yaml"));

    assertEquals(ExitCodes.OK, run.exitCode(), run.both());
    assertTrue(run.out().contains("PodNetworking/example"), run.out());
    assertTrue(run.out().contains("Pod/example/my-nginx-0"), run.out());
    assertTrue(
        run.out().contains("4 files, 4 objects: 4 valid, 0 invalid, 0 files unreadable"),
        run.out());
    assertEquals("", run.err());
  }

  @Test
  void validate_guideDirectory_reportsThePlaceholderPodEniAndTheFragmentAsInvalid_issue14item3() {
    CommandRun run = run("validate", example("guide"));

    // Issue 14 item 3: a bad timestamp is an error of its document (exit 1), named by the
    // object, no longer an unreadable file (exit 2).
    assertEquals(ExitCodes.FINDINGS, run.exitCode(), run.both());
    assertTrue(
        run.out()
            .lines()
            .anyMatch(
                l ->
                    l.matches(
                        ".*podeni-example.yaml +0 +PodENI/default/your-pod-name +status.podLastSeen"
                            + " +invalid timestamp \"2021-xx-xxT00:00:00Z\".*")),
        "placeholder: " + run.out());
    assertTrue(
        run.out()
            .lines()
            .anyMatch(l -> l.matches(".*pod-annotations.yaml +0 +Pod/<unnamed> +metadata.name .*")),
        run.out());
    assertTrue(
        run.out().contains("6 files, 6 objects: 4 valid, 2 invalid, 0 files unreadable"),
        run.out());
  }

  @Test
  void validate_sixSecurityGroups_isInvalidUnderTheGuideLimitAndValidUnderTerways() {
    String file = example("broken/too-many-security-groups.yaml");

    CommandRun guide = run("validate", file);
    CommandRun terway = run("validate", "--max-security-groups", "10", file);

    assertEquals(ExitCodes.FINDINGS, guide.exitCode(), guide.both());
    assertTrue(
        guide
            .out()
            .contains("spec.securityGroupIDs  at most 5 security groups are allowed but 6 are set"),
        guide.out());
    assertEquals(ExitCodes.OK, terway.exitCode(), terway.both());
  }

  @Test
  void validate_multiDocumentFile_reportsEachDocumentByIndex() {
    CommandRun run = run("validate", example("broken/ttl-too-short.yaml"));

    assertEquals(ExitCodes.FINDINGS, run.exitCode(), run.both());
    assertTrue(
        run.out()
            .lines()
            .anyMatch(
                l ->
                    l.matches(
                        ".*ttl-too-short.yaml +0 +PodNetworking/short-ttl +"
                            + "spec.allocationType.releaseAfter +releaseAfter \"90s\" is shorter"
                            + " than the minimum 5m0s")),
        run.out());
    assertTrue(
        run.out()
            .lines()
            .anyMatch(
                l ->
                    l.matches(
                        ".*ttl-too-short.yaml +1 +PodNetworking/never-with-delay +"
                            + "spec.allocationType.releaseAfter +releaseAfter must be empty when"
                            + " releaseStrategy is Never.*")),
        run.out());
  }

  @Test
  void validate_badSelectorAndIds_reportsEveryErrorApartFromTheWarning() {
    CommandRun run = run("validate", example("broken/bad-selector-and-ids.yaml"));

    assertEquals(ExitCodes.FINDINGS, run.exitCode(), run.both());
    String out = run.out();
    String errors = out.substring(out.indexOf("ERROR"), out.indexOf("WARNING"));
    String warnings = out.substring(out.indexOf("WARNING"));
    assertTrue(errors.contains("spec.securityGroupIDs[0]"), errors);
    assertTrue(errors.contains("spec.vSwitchOptions[0]"), errors);
    assertTrue(errors.contains("spec.selector.podSelector.matchLabels[-app]  invalid key"), errors);
    assertTrue(errors.contains("invalid value \"web server\""), errors);
    assertTrue(warnings.contains("metadata.namespace  PodNetworking is cluster-scoped"), warnings);
    assertTrue(out.contains("4 errors, 1 warning"), out);
  }

  @Test
  void validate_typoInAField_isAnErrorByDefaultAndAWarningNamingItWhenLenient_issue14item4() {
    String file = example("broken/typo-release-strategy.yaml");

    CommandRun byDefault = run("validate", file);
    CommandRun strict = run("validate", "--strict", file);
    CommandRun lenient = run("validate", "--lenient", file);

    for (CommandRun run : new CommandRun[] {byDefault, strict}) {
      assertEquals(ExitCodes.FINDINGS, run.exitCode(), run.both());
      assertTrue(
          run.out()
              .lines()
              .anyMatch(
                  l ->
                      l.matches(
                          ".* 0 +PodNetworking/typo +spec.allocationType.releaseStrateggy"
                              + " +unknown field \"releaseStrateggy\".*")),
          run.out());
    }
    assertEquals(byDefault.out(), strict.out(), "--strict is the default, kept as a no-op");
    assertEquals(ExitCodes.OK, lenient.exitCode(), lenient.both());
    String warnings = lenient.out().substring(lenient.out().indexOf("WARNING"));
    assertTrue(
        warnings.contains(
            "spec.allocationType.releaseStrateggy  unknown field \"releaseStrateggy\" is ignored"),
        warnings);
    assertTrue(warnings.contains("keeps the IP forever"), warnings);
  }

  @Test
  void validate_lenientAndStrictTogether_isAUsageError_issue14item4() {
    CommandRun run =
        run("validate", "--lenient", "--strict", example("broken/typo-release-strategy.yaml"));

    assertEquals(ExitCodes.UNUSABLE, run.exitCode(), run.both());
    assertTrue(run.err().contains("--lenient and --strict contradict"), run.err());
  }

  @Test
  void validate_syntaxError_isUnreadableWithLineAndColumn() {
    CommandRun run = run("validate", example("broken/syntax-error.yaml"));

    assertEquals(ExitCodes.UNUSABLE, run.exitCode(), run.both());
    assertTrue(run.out().contains("malformed YAML at line 8, column 19"), run.out());
  }

  @Test
  void validate_wrongTypes_areErrorsOfTheirNamedObjectsWithExitOne_issue14item3() {
    CommandRun run = run("validate", example("broken/wrong-type.yaml"));

    assertEquals(ExitCodes.FINDINGS, run.exitCode(), run.both());
    assertTrue(
        run.out()
            .lines()
            .anyMatch(
                l ->
                    l.matches(
                        ".* 0 +PodNetworking/wrong-type +spec.securityGroupIDs +expected a list.*")),
        run.out());
    assertTrue(
        run.out()
            .lines()
            .anyMatch(
                l ->
                    l.matches(
                        ".* 1 +PodNetworking/wrong-value +spec.allocationType.type"
                            + " +unknown value.*")),
        run.out());
    assertFalse(run.out().contains("at least one security group"), "the cut list: " + run.out());
  }

  @Test
  void validate_warningsOnly_exitsZeroAndListsThem() {
    CommandRun run = run("validate", example("broken/elastic-with-ttl.yaml"));

    assertEquals(ExitCodes.OK, run.exitCode(), run.both());
    assertTrue(run.out().contains("valid, 3 warnings"), run.out());
    assertFalse(run.out().contains("ERROR"), run.out());
  }

  @Test
  void validate_brokenDirectory_listsEveryFileAndExitsUnreadable() {
    CommandRun run = run("validate", example("broken"));

    assertEquals(ExitCodes.UNUSABLE, run.exitCode(), run.both());
    for (String name :
        new String[] {
          "bad-selector-and-ids",
          "elastic-with-ttl",
          "syntax-error",
          "too-many-security-groups",
          "ttl-too-short",
          "typo-release-strategy",
          "wrong-type"
        }) {
      assertTrue(run.out().contains(name + ".yaml"), name + " missing from\n" + run.out());
    }
  }

  @Test
  void validate_missingPath_isUnreadableButTheOtherFilesAreStillChecked() {
    CommandRun run =
        run("validate", example("guide/podnetworking-example.yaml"), example("no-such-file.yaml"));

    assertEquals(ExitCodes.UNUSABLE, run.exitCode(), run.both());
    assertTrue(run.out().contains("no such file or directory"), run.out());
    assertTrue(run.out().contains("PodNetworking/example  valid"), run.out());
  }

  @Test
  void validate_emptyFile_isReportedAsEmptyAndAccepted(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("empty.yaml"), "# nothing here\n");

    CommandRun run = run("validate", dir.toString());

    assertEquals(ExitCodes.OK, run.exitCode(), run.both());
    assertTrue(run.out().contains("empty"), run.out());
  }

  @Test
  void validate_jsonOutput_carriesEveryViolationWithDocumentAndPath() throws IOException {
    CommandRun run = run("validate", "-o", "json", example("broken/ttl-too-short.yaml"));

    assertEquals(ExitCodes.FINDINGS, run.exitCode(), run.both());
    JsonNode root = new ObjectMapper().readTree(run.out());
    JsonNode objects = root.path("files").path(0).path("objects");
    assertEquals(2, objects.size());
    assertEquals(1, objects.path(1).path("documentIndex").asInt());
    assertEquals(
        "spec.allocationType.releaseAfter",
        objects.path(1).path("errors").path(0).path("path").asText());
    assertEquals("invalid", root.path("files").path(0).path("status").asText());
    assertEquals(1, root.path("exitCode").asInt());
  }

  @Test
  void validate_yamlOutput_listsReadingProblemsWithTheirKindPerObject_issue14item3()
      throws IOException {
    CommandRun run = run("validate", "--output", "yaml", example("broken/wrong-type.yaml"));

    assertEquals(ExitCodes.FINDINGS, run.exitCode(), run.both());
    JsonNode root = new YAMLMapper().readTree(run.out());
    JsonNode objects = root.path("files").path(0).path("objects");
    assertEquals(0, root.path("files").path(0).path("problems").size());
    JsonNode first = objects.path(0).path("readProblems").path(0);
    assertEquals("WRONG_TYPE", first.path("kind").asText());
    assertEquals("spec.securityGroupIDs", first.path("path").asText());
    assertEquals("wrong-type", objects.path(0).path("name").asText());
    assertEquals(
        "INVALID_VALUE", objects.path(1).path("readProblems").path(0).path("kind").asText());
    assertEquals(
        "spec.allocationType.type", objects.path(1).path("errors").path(0).path("path").asText());
  }

  @Test
  void validate_zeroSecurityGroupLimit_isAUsageErrorOnOneLine() {
    CommandRun run =
        run("validate", "--max-security-groups", "0", example("guide/podnetworking-example.yaml"));

    assertEquals(ExitCodes.UNUSABLE, run.exitCode(), run.both());
    assertTrue(
        run.err().startsWith("error: --max-security-groups must be at least 1 but was 0\n"),
        run.err());
    assertTrue(run.err().contains("Try 'terway validate --help'"), run.err());
  }

  @Test
  void validate_unknownOutputFormat_isAUsageError() {
    CommandRun run = run("validate", "-o", "xml", example("guide"));

    assertEquals(ExitCodes.UNUSABLE, run.exitCode(), run.both());
    assertTrue(run.err().contains("expected one of table, json, yaml but was 'xml'"), run.err());
  }
}
