package dev.terway4j.cli;

import static dev.terway4j.cli.CommandRun.example;
import static dev.terway4j.cli.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code terway overlaps} on the guide's PodNetworking and {@code examples/podnetworkings}. */
class OverlapsCommandTest {

  @Test
  void overlaps_guideAndNginxPodNetworkings_overlapThroughAFixedNamePod() {
    CommandRun run =
        run("overlaps", example("guide/podnetworking-example.yaml"), example("podnetworkings"));

    assertEquals(ExitCodes.FINDINGS, run.exitCode(), run.both());
    assertTrue(
        run.out().matches("(?s).*example +nginx-elastic +app=nginx,foo=bar +foo=bar +fixed-name.*"),
        run.out());
    assertTrue(run.out().contains("Never matched automatically (no selector): manual-only"));
    assertTrue(run.out().contains("4 PodNetworkings, 1 overlapping pair"), run.out());
  }

  @Test
  void overlaps_disjointPodNetworkings_exitZero() {
    CommandRun run = run("overlaps", example("podnetworkings"));

    assertEquals(ExitCodes.OK, run.exitCode(), run.both());
    assertTrue(run.out().contains("3 PodNetworkings, no overlapping pair"), run.out());
  }

  @Test
  void overlaps_yamlOutput_carriesTheWitness() throws IOException {
    CommandRun run =
        run(
            "overlaps",
            "-o",
            "yaml",
            example("guide/podnetworking-example.yaml"),
            example("podnetworkings"));

    JsonNode root = new YAMLMapper().readTree(run.out());
    JsonNode pair = root.path("overlaps").path(0);
    assertEquals("example", pair.path("first").asText());
    assertEquals("nginx-elastic", pair.path("second").asText());
    assertEquals("nginx", pair.path("witness").path("podLabels").path("app").asText());
    assertEquals("bar", pair.path("witness").path("namespaceLabels").path("foo").asText());
    assertTrue(pair.path("witness").path("fixedNamePod").asBoolean());
  }

  @Test
  void overlaps_sameNameInTwoFiles_isAnErrorNamingBoth(@TempDir Path dir) throws IOException {
    Path copy = dir.resolve("copy.yaml");
    Files.copy(Path.of(example("podnetworkings/manual-only.yaml")), copy);

    CommandRun run = run("overlaps", example("podnetworkings"), copy.toString());

    assertEquals(ExitCodes.UNUSABLE, run.exitCode(), run.both());
    assertTrue(run.err().startsWith("error: PodNetworking names must be unique\n"), run.err());
    assertTrue(run.err().contains("\"manual-only\" is defined in"), run.err());
  }

  @Test
  void overlaps_directoryWithoutManifests_isAnError(@TempDir Path dir) {
    CommandRun run = run("overlaps", dir.toString());

    assertEquals(ExitCodes.UNUSABLE, run.exitCode(), run.both());
    assertTrue(run.err().startsWith("error: no .yaml, .yml or .json file found in"), run.err());
  }
}
