package dev.terway4j.cli;

import static dev.terway4j.cli.CommandRun.example;
import static dev.terway4j.cli.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI on examples/bundles/mixed.yaml, a bundle as kept in Git (issue 14 items 1-5). */
class MixedBundleTest {

  private static final String BUNDLE = example("bundles/mixed.yaml");

  private static boolean hasLine(String out, String regex) {
    return out.lines().anyMatch(l -> l.matches(regex));
  }

  @Test
  void validate_mixedBundle_reportsEveryProblemOfEveryDocumentAndSkipsOtherKinds_issue14item1() {
    CommandRun run = run("validate", BUNDLE);

    assertEquals(ExitCodes.FINDINGS, run.exitCode(), run.both());
    String out = run.out();
    assertTrue(hasLine(out, ".* 2 +PodNetworking/web-elastic +valid"), out);
    assertTrue(
        hasLine(
            out,
            ".* 3 +PodNetworking/db-fixed +spec.allocationType.releaseAfter +expected a string.*"),
        out);
    for (String field :
        new String[] {
          "spec.eniOptions.eniType",
          "spec.securityGroupIDs",
          "spec.allocationType.releaseAfter",
          "spec.vSwitchOptions"
        }) {
      assertTrue(
          hasLine(out, ".* 4 +PodNetworking/cache +" + field.replace(".", "\\.") + " .*"), out);
    }
    assertTrue(
        hasLine(
            out,
            ".* 5 +PodNetworking/queue +spec.allocationType.releaseStrateggy +unknown field.*"),
        out);
    assertTrue(hasLine(out, ".* 0 +Deployment +web +apps/v1"), out);
    assertTrue(hasLine(out, ".* 1 +ConfigMap +web-settings +v1"), out);
    assertTrue(
        out.contains("1 file, 4 objects: 1 valid, 3 invalid, 0 files unreadable, 2 documents of"),
        out);
  }

  @Test
  void validate_mixedBundleAsJson_listsSkippedDocumentsAndEachDocumentsErrors_issue14item2()
      throws IOException {
    CommandRun run = run("validate", "-o", "json", BUNDLE);

    JsonNode file = new ObjectMapper().readTree(run.out()).path("files").path(0);
    assertEquals("invalid", file.path("status").asText());
    assertEquals("Deployment", file.path("skipped").path(0).path("kind").asText());
    assertEquals("web-settings", file.path("skipped").path(1).path("name").asText());
    assertEquals(4, file.path("objects").path(2).path("errors").size(), run.out());
    assertEquals("cache", file.path("objects").path(2).path("name").asText());
  }

  @Test
  void overlapsAndExplain_onTheBundle_skipTheOtherKindsAndListThem_issue14item2() {
    CommandRun overlaps = run("overlaps", example("bundles/valid.yaml"));

    assertEquals(ExitCodes.FINDINGS, overlaps.exitCode(), overlaps.both());
    assertTrue(overlaps.out().contains("Skipped (other kinds): "), overlaps.out());
    assertTrue(overlaps.out().contains("document 0 Deployment/web"), overlaps.out());
  }

  @Test
  void explain_podNetworkingKeptInGit_isAssumedReadyWithTheGivenZones_issue14item5(
      @TempDir Path dir) throws IOException {
    Path pod = dir.resolve("pod.yaml");
    Files.writeString(
        pod,
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: web-0, namespace: shop, labels: {app: web}}
        """);

    CommandRun assumed =
        run(
            "explain",
            "--pod",
            pod.toString(),
            "--networkings",
            example("bundles/valid.yaml"),
            "--vswitch-zone",
            "vsw-bp1000001=cn-hangzhou-h");
    CommandRun asIs =
        run(
            "explain",
            "--pod",
            pod.toString(),
            "--networkings",
            example("bundles/valid.yaml"),
            "--no-assume-ready");

    assertEquals(ExitCodes.OK, assumed.exitCode(), assumed.both());
    assertTrue(assumed.out().contains("result     MATCHED web-elastic"), assumed.out());
    assertTrue(assumed.out().contains("In [cn-hangzhou-h]"), assumed.out());
    assertTrue(asIs.out().contains("web-elastic"), asIs.out());
    assertTrue(hasLine(asIs.out(), "web-elastic +Elastic +no .*"), asIs.out());
  }

  @Test
  void overlapsAndExplain_agreeOnReadiness_issue14item5(@TempDir Path dir) throws IOException {
    String git = example("bundles/valid.yaml");
    Path pod = dir.resolve("pod.yaml");
    Files.writeString(
        pod,
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: web-0, namespace: default, labels: {app: web}}
        """);

    CommandRun overlaps = run("overlaps", git);
    CommandRun explain = run("explain", "--pod", pod.toString(), "--networkings", git);
    CommandRun notReady = run("overlaps", "--no-assume-ready", git);
    CommandRun explainNotReady =
        run("explain", "--pod", pod.toString(), "--networkings", git, "--no-assume-ready");

    // The overlap's witness is exactly the pod explain finds ambiguous, and neither command
    // sees anything when PodNetworkings without a status are taken as not Ready.
    assertEquals(ExitCodes.FINDINGS, overlaps.exitCode(), overlaps.both());
    assertTrue(hasLine(overlaps.out(), "web-elastic +web-everything +app=web .*"), overlaps.out());
    assertEquals(ExitCodes.FINDINGS, explain.exitCode(), explain.both());
    assertTrue(explain.out().contains("AMBIGUOUS web-elastic"), explain.out());
    assertEquals(ExitCodes.OK, explainNotReady.exitCode(), explainNotReady.both());
    assertTrue(explainNotReady.out().contains("result     NONE"), explainNotReady.out());
    assertEquals(ExitCodes.OK, notReady.exitCode(), notReady.both());
    assertTrue(
        notReady.out().contains("Not Ready, so matched by no pod")
            && notReady.out().contains("web-elastic, web-everything"),
        notReady.out());
  }

  @Test
  void validate_skippedDocumentWithControlCharactersInItsName_isPrintedEscaped_issue14item2(
      @TempDir Path dir) throws IOException {
    Path file = dir.resolve("bundle.yaml");
    Files.writeString(
        file, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \"evil\\e[31m\\nforged\"}\n");

    CommandRun run = run("validate", file.toString());

    assertTrue(run.out().contains("evil\\x1b[31m\\nforged"), run.out());
    assertTrue(run.out().lines().noneMatch(l -> l.startsWith("forged")), run.out());
  }
}
