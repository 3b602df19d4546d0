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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code terway simulate}: every scenario of {@code examples/scenarios}, and its failures. */
class SimulateCommandTest {

  private static final String STATEFULSET = example("scenarios/statefulset-fixed-ip.yaml");

  static Stream<String> exampleScenarios() throws IOException {
    try (Stream<Path> files = Files.list(CommandRun.examples().resolve("scenarios"))) {
      List<String> list =
          files.filter(p -> p.toString().endsWith(".yaml")).map(Path::toString).sorted().toList();
      return list.stream();
    }
  }

  @ParameterizedTest
  @MethodSource("exampleScenarios")
  void simulate_exampleScenario_holdsEveryExpectation(String scenario) {
    CommandRun run = run("simulate", scenario);

    assertEquals(ExitCodes.OK, run.exitCode(), run.both());
    assertTrue(run.out().matches("(?s).*Expectations: \\d+ checked, all held\\..*"), run.out());
    assertTrue(run.out().contains("(0 leaked)"), run.out());
    assertEquals("", run.err());
  }

  @Test
  void simulate_exampleScenarios_coverTheStoriesOfTheIssue() throws IOException {
    List<String> names = exampleScenarios().map(s -> Path.of(s).getFileName().toString()).toList();

    for (String story :
        List.of(
            "statefulset-fixed-ip.yaml",
            "elastic-pods.yaml",
            "most-spreading.yaml",
            "vswitch-exhausted.yaml",
            "ambiguous-podnetworkings.yaml",
            "node-capacity.yaml")) {
      assertTrue(names.contains(story), story + " in " + names);
    }
  }

  @Test
  void simulate_statefulSetStory_keepsTheIpAcrossRecreationAndReleasesItAfterTheTtl()
      throws IOException {
    CommandRun run = run("simulate", "-o", "json", STATEFULSET);

    assertEquals(ExitCodes.OK, run.exitCode(), run.both());
    JsonNode steps = new ObjectMapper().readTree(run.out()).path("steps");
    JsonNode first = steps.path(0).path("pods").path(0);
    JsonNode recreated = steps.path(3).path("pods").path(0);
    assertEquals("example/my-nginx-0", first.path("pod").asText());
    assertEquals("example", first.path("podNetworking").asText());
    assertEquals("vsw-bpxxxx", first.path("vSwitch").asText());
    assertEquals("Bind", first.path("phase").asText());
    assertEquals("node-a", first.path("node").asText());
    assertTrue(first.path("vlan").asInt() > 0, first.toString());
    assertEquals("Unbind", steps.path(1).path("pods").path(0).path("phase").asText());
    assertEquals(first.path("ip").asText(), recreated.path("ip").asText());
    assertEquals(first.path("eni").asText(), recreated.path("eni").asText());
    assertEquals("node-b", recreated.path("node").asText());
    assertEquals("UNSCHEDULABLE", steps.path(4).path("pods").path(0).path("error").asText());
    assertEquals("1h29m0s", steps.path(6).path("at").asText());
    assertEquals("Unbind", steps.path(6).path("pods").path(0).path("phase").asText());
    assertEquals("none", steps.path(7).path("pods").path(0).path("phase").asText());
    JsonNode scaledUp = steps.path(8).path("pods").path(0);
    assertEquals("Bind", scaledUp.path("phase").asText());
    assertFalse(first.path("eni").asText().equals(scaledUp.path("eni").asText()), "a new ENI");
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertEquals(1, root.path("podEnis").size());
    assertEquals(
        scaledUp.path("eni").asText(), root.at("/podEnis/0/spec/allocations/0/eni/id").asText());
    assertEquals(
        "TTL", root.at("/podEnis/0/spec/allocations/0/allocationType/releaseStrategy").asText());
    assertEquals(List.of(scaledUp.path("eni")), iterable(root.path("clusterEnis")));
  }

  @Test
  void simulate_tableOutput_printsTheTimelineRecordsAndCallCounts() {
    CommandRun run = run("simulate", example("scenarios/most-spreading.yaml"));

    String out = run.out();
    assertTrue(out.startsWith("Scenario most-spreading: "), out);
    assertTrue(
        out.contains("PodNetwork" + "ing spread: Ready (vsw-small in cn-hangzhou-h, vsw-big"));
    assertTrue(
        out.contains(
            "STEP  AT   ACTION                       POD              PODNETWORKING  VSWITCH"),
        out);
    assertTrue(
        out.contains("PodENI records (20):\n---\napiVersion: network.alibabacloud.com/v1beta1"));
    assertTrue(out.matches("(?s).*CreateNetworkInterface +20 +0\n.*"), out);
    assertTrue(out.contains("ENIs of cluster c-terway4j left in the cloud: 20 (0 leaked)"), out);
  }

  @Test
  void simulate_sameScenarioTwice_printsTheSameRun() {
    CommandRun first = run("simulate", "-o", "json", example("scenarios/cloud-faults.yaml"));
    CommandRun second = run("simulate", "-o", "json", example("scenarios/cloud-faults.yaml"));

    assertEquals(first.out(), second.out());
  }

  @Test
  void simulate_anotherSeed_givesOtherIdsButTheSameOutcome() throws IOException {
    CommandRun seeded = run("simulate", "-o", "json", "--seed", "99", STATEFULSET);
    CommandRun own = run("simulate", "-o", "json", STATEFULSET);

    assertEquals(ExitCodes.OK, seeded.exitCode(), seeded.both());
    JsonNode a = new ObjectMapper().readTree(seeded.out());
    JsonNode b = new ObjectMapper().readTree(own.out());
    assertEquals(99, a.path("scenario").path("seed").asLong());
    assertFalse(
        a.at("/steps/0/pods/0/eni").asText().equals(b.at("/steps/0/pods/0/eni").asText()),
        "a seed draws other ids");
  }

  @Test
  void simulate_failedExpectation_exitsOneAndSaysWhereAndWhy(@TempDir Path dir) throws IOException {
    Path scenario = copyWith(dir, "sameIpAsBefore: true", "sameIpAsBefore: false");

    CommandRun run = run("simulate", scenario.toString());

    assertEquals(ExitCodes.FINDINGS, run.exitCode(), run.both());
    assertTrue(run.out().contains("Expectations: 24 checked, 1 FAILED:"), run.out());
    assertTrue(
        run.out()
            .matches(
                "(?s).*step 4 \\(steps\\[3\\].expect.sameIpAsBefore\\): example/my-nginx-0 IP:"
                    + " same as before \\(192\\.168\\.\\d+\\.\\d+\\).*"),
        run.out());
    assertTrue(run.out().contains("FAILED 1/4"), run.out());
  }

  @Test
  void simulate_unexpectedAllocationFailure_isAFailedCheck(@TempDir Path dir) throws IOException {
    Path scenario = copyWith(dir, "  expect: {error: UNSCHEDULABLE, phase: none}\n", "");

    CommandRun run = run("simulate", scenario.toString());

    assertEquals(ExitCodes.FINDINGS, run.exitCode(), run.both());
    assertTrue(
        run.out().contains("example/my-nginx-1 was not allocated: UNSCHEDULABLE: node node-c"),
        run.out());
  }

  @Test
  void simulate_brokenScenario_listsEveryProblemWithItsPlaceAndExitsTwo(@TempDir Path dir)
      throws IOException {
    Path scenario = dir.resolve("broken.yaml");
    Files.writeString(
        scenario,
        """
        cloud:
          vSwitches:
          - {id: vswitch-1, zone: cn-hangzhou-h, cidr: 10.0.0.0/33}
          colour: blue
        nodes:
        - {name: node-a, zone: cn-hangzhou-h}
        podNetworkings:
        - file: missing.yaml
        steps:
        - create: {pod: web, node: node-z}
        - advance: 5 minutes
        - fault: {operation: CreateENI, throttle: 1}
        - expect: {phase: Bound}
        - delete: web
          restart: true
        """);

    CommandRun run = run("simulate", scenario.toString());

    assertEquals(ExitCodes.UNUSABLE, run.exitCode(), run.both());
    assertEquals("", run.out());
    String err = run.err();
    assertTrue(err.startsWith("error: cannot read scenario " + scenario + ": 10 problems\n"), err);
    for (String problem :
        List.of(
            "  cloud.colour: unknown field \"colour\"; expected one of region, clusterId,",
            "  cloud.vSwitches[0].id: \"vswitch-1\" is not a vSwitch id",
            "  cloud.vSwitches[0].cidr: \"10.0.0.0/33\": a vSwitch block is /8 to /29",
            "  podNetworkings[0].file: cannot read missing.yaml: no such file",
            "  steps[0].create.node: no node \"node-z\"; declared: node-a",
            "  steps[1].advance: time: unknown unit \" minutes\" in duration \"5 minutes\"",
            "  steps[2].fault.operation: unknown API \"CreateENI\"; expected one of",
            "  steps[3].expect.phase: unknown phase \"Bound\"",
            "  steps[3].expect: say which pod: add pod: NAMESPACE/NAME",
            "  steps[4]: one action per step, but found delete, restart")) {
      assertTrue(err.contains(problem), problem + " missing from\n" + err);
    }
    assertFalse(err.contains("\tat "), err);
  }

  @Test
  void simulate_invalidPodNetworkingInScenario_isReportedWithItsPath(@TempDir Path dir)
      throws IOException {
    Path scenario = dir.resolve("bad-pn.yaml");
    Files.writeString(
        scenario,
        """
        nodes: [{name: node-a, zone: cn-hangzhou-h}]
        podNetworkings:
        - apiVersion: network.alibabacloud.com/v1beta1
          kind: PodNetworking
          metadata: {name: bad}
          spec:
            allocationType: {type: Fixed, releaseStrategy: TTL, releaseAfter: 1m}
            securityGroupIDs: [sg-a]
            vSwitchOptions: [vsw-a]
        steps:
        - expect: {enis: 0}
        """);

    CommandRun run = run("simulate", scenario.toString());

    assertEquals(ExitCodes.UNUSABLE, run.exitCode(), run.both());
    assertTrue(
        run.err()
            .contains(
                "  podNetworkings[0].spec.allocationType.releaseAfter: releaseAfter \"1m\" is"
                    + " shorter than the minimum 5m0s"),
        run.err());
  }

  @Test
  void simulate_yamlOutput_carriesThePodEniRecordsAndCalls() throws IOException {
    CommandRun run = run("simulate", "-o", "yaml", example("scenarios/node-capacity.yaml"));

    JsonNode root = new YAMLMapper().readTree(run.out());
    assertEquals(2, root.path("podEnis").size());
    assertEquals("PodENI", root.path("podEnis").path(0).path("kind").asText());
    assertEquals("Bind", root.path("podEnis").path(0).path("status").path("phase").asText());
    assertEquals(3, root.path("calls").path("CreateNetworkInterface").path("calls").asInt());
    assertTrue(root.path("passed").asBoolean());
  }

  @Test
  void simulate_syntheticLoad_bindsAndReleasesEveryPod() throws IOException {
    CommandRun run = run("simulate", "-o", "json", "--pods", "60", "--nodes", "4");

    assertEquals(ExitCodes.OK, run.exitCode(), run.both());
    JsonNode root = new ObjectMapper().readTree(run.out());
    assertEquals(60, root.path("podEnisAfterCreate").path("Bind").asInt());
    assertEquals(3, root.path("phases").size());
    assertEquals(30, root.path("phases").path(2).path("pods").asInt());
    assertEquals(60, root.path("calls").path("CreateNetworkInterface").path("calls").asInt());
    assertEquals(0, root.path("enisLeft").asInt());
  }

  @Test
  void simulate_syntheticLoadTable_printsThroughputWithoutAProgressBarOffTerminal() {
    CommandRun run = run("simulate", "--pods", "20", "--nodes", "2");

    assertEquals(ExitCodes.OK, run.exitCode(), run.both());
    assertTrue(run.out().contains("PHASE    PODS  WALL TIME  PODS/S"), run.out());
    assertTrue(run.out().contains("every pod was bound and released"), run.out());
    assertEquals("", run.err(), "no progress bar when not on a terminal");
  }

  @Test
  void simulate_podsWithoutNodes_isAUsageError() {
    CommandRun run = run("simulate", "--pods", "10");

    assertEquals(ExitCodes.UNUSABLE, run.exitCode());
    assertTrue(
        run.err().startsWith("error: a synthetic load needs both --pods N and --nodes M"),
        run.err());
  }

  @Test
  void simulate_scenarioAndSyntheticLoad_isAUsageError() {
    CommandRun run = run("simulate", "--pods", "10", "--nodes", "2", STATEFULSET);

    assertEquals(ExitCodes.UNUSABLE, run.exitCode());
    assertTrue(run.err().contains("not both"), run.err());
  }

  @Test
  void simulate_missingScenarioFile_isOneErrorLine() {
    CommandRun run = run("simulate", example("scenarios/nope.yaml"));

    assertEquals(ExitCodes.UNUSABLE, run.exitCode());
    assertEquals(
        "error: cannot read scenario "
            + example("scenarios/nope.yaml")
            + "\n  no such file: "
            + example("scenarios/nope.yaml")
            + "\n",
        run.err());
  }

  private static Path copyWith(Path dir, String from, String to) throws IOException {
    String text = Files.readString(Path.of(STATEFULSET));
    assertTrue(text.contains(from), from);
    Path copy = dir.resolve("statefulset-fixed-ip.yaml");
    // The copy refers to the guide's PodNetworking by an absolute path.
    String guide = CommandRun.examples().resolve("guide").toAbsolutePath().normalize().toString();
    Files.writeString(
        copy, text.replace(from, to).replace("file: ../guide/", "file: " + guide + "/"));
    return copy;
  }

  private static List<JsonNode> iterable(JsonNode array) {
    List<JsonNode> out = new java.util.ArrayList<>();
    array.forEach(out::add);
    return out;
  }
}
