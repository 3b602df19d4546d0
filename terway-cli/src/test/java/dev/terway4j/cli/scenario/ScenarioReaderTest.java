package dev.terway4j.cli.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.spi.CloudOperation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scenario format: defaults, shorthands, references, and problems reported all at once. */
class ScenarioReaderTest {

  @TempDir Path dir;

  private Scenario read(String yaml) throws IOException {
    Path file = dir.resolve("scenario.yaml");
    Files.writeString(file, yaml);
    return ScenarioReader.read(file);
  }

  private ScenarioException problems(String yaml) throws IOException {
    Path file = dir.resolve("scenario.yaml");
    Files.writeString(file, yaml);
    return assertThrows(ScenarioException.class, () -> ScenarioReader.read(file));
  }

  @Test
  void read_minimalScenario_fillsTheDefaults() throws IOException {
    Scenario s =
        read("nodes: [{name: node-a, zone: cn-hangzhou-h}]\nsteps: [{expect: {enis: 0}}]\n");

    assertEquals("scenario", s.name(), "the file name without extension");
    assertEquals(0, s.seed());
    assertEquals("cn-hangzhou", s.cloud().region());
    assertEquals("c-terway4j", s.cloud().clusterId());
    assertEquals("vpc-terway4j", s.cloud().vpcId());
    assertEquals(Duration.ZERO, s.cloud().transitionDelay());
    assertEquals(8, s.cloud().instanceTypes().get(0).memberEniLimit());
    assertEquals(
        new Scenario.Node("node-a", "cn-hangzhou-h", "ecs.g7.large", "i-nodea", "eni-trunknodea"),
        s.nodes().get(0));
    assertInstanceOf(Scenario.Check.class, s.steps().get(0).action());
  }

  @Test
  void read_createWithReplicas_namesPodsLikeAStatefulSetAndDerivesTheOwner() throws IOException {
    Scenario s =
        read(
            """
            nodes: [{name: node-a, zone: z}]
            steps:
            - create: {pod: web, replicas: 3, owner: StatefulSet, node: node-a, labels: {app: web}}
            - create: {pod: db-0, namespace: data, owner: StatefulSet, node: node-a}
            """);

    Scenario.CreatePods web = (Scenario.CreatePods) s.steps().get(0).action();
    Scenario.CreatePods db = (Scenario.CreatePods) s.steps().get(1).action();
    assertEquals(List.of("web-0", "web-1", "web-2"), web.names());
    assertEquals("web", web.ownerName());
    assertEquals("default", web.namespace());
    assertEquals(Map.of("app", "web"), web.labels());
    assertEquals(Optional.of("StatefulSet"), db.ownerKind());
    assertEquals("db", db.ownerName(), "a StatefulSet's pod is <set>-<ordinal>");
    assertEquals("data", db.namespace());
  }

  @Test
  void read_expectationOnASinglePodStep_isAboutThatPod() throws IOException {
    Scenario s =
        read(
            """
            nodes: [{name: node-a, zone: z}]
            steps:
            - create: {pod: web-0, namespace: shop, node: node-a}
              expect: {phase: Bind, sameIpAsBefore: false}
            - delete: shop/web-0
              expect: [{phase: none}, {pod: other, phase: none}]
            """);

    assertEquals(Optional.of("shop/web-0"), s.steps().get(0).expectations().get(0).pod());
    assertEquals(Optional.of(false), s.steps().get(0).expectations().get(0).sameIpAsBefore());
    List<Scenario.Expectation> after = s.steps().get(1).expectations();
    assertEquals(Optional.of("shop/web-0"), after.get(0).pod());
    assertEquals(Optional.of("shop/other"), after.get(1).pod(), "the step's namespace");
  }

  @Test
  void read_faultsAndAdvance_parseEveryForm() throws IOException {
    Scenario s =
        read(
            """
            nodes: [{name: node-a, zone: z}]
            steps:
            - fault: {operation: CreateNetworkInterface, error: QuotaExceeded.PrivateIpAddress, times: 2}
            - fault: {operation: AttachNetworkInterface, throttle: 3}
            - fault: {operation: DescribeNetworkInterfaces, latency: 1.5s}
            - fault: clear
            - advance: 1h30m
            - advance: {duration: 10m, tickEvery: 10s}
            """);

    Scenario.InjectFault error = (Scenario.InjectFault) s.steps().get(0).action();
    assertEquals(Scenario.FaultKind.ERROR, error.kind());
    assertEquals(Optional.of(CloudOperation.CREATE_NETWORK_INTERFACE), error.operation());
    assertEquals(2, error.times());
    assertEquals(3, ((Scenario.InjectFault) s.steps().get(1).action()).times());
    assertEquals(
        Duration.ofMillis(1500), ((Scenario.InjectFault) s.steps().get(2).action()).latency());
    assertEquals(
        Scenario.FaultKind.CLEAR, ((Scenario.InjectFault) s.steps().get(3).action()).kind());
    assertEquals(
        new Scenario.Advance(Duration.ofMinutes(90), Duration.ofMinutes(1)),
        s.steps().get(4).action());
    assertEquals(
        new Scenario.Advance(Duration.ofMinutes(10), Duration.ofSeconds(10)),
        s.steps().get(5).action());
  }

  @Test
  void read_podNetworkingFile_isRelativeToTheScenarioAndOtherKindsAreSkipped() throws IOException {
    Files.createDirectories(dir.resolve("pn"));
    Files.writeString(
        dir.resolve("pn/both.yaml"),
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: ignored}
        ---
        apiVersion: network.alibabacloud.com/v1beta1
        kind: PodNetworking
        metadata: {name: from-file}
        spec: {securityGroupIDs: [sg-a], vSwitchOptions: [vsw-a], selector: {podSelector: {}}}
        """);

    Scenario s =
        read(
            """
            nodes: [{name: node-a, zone: z}]
            podNetworkings: [{file: pn/both.yaml}]
            steps: [{expect: {enis: 0}}]
            """);

    assertEquals(1, s.podNetworkings().size());
    assertEquals("from-file", s.podNetworkings().get(0).metadata().name());
  }

  @Test
  void read_inlinePodNetworkingWithUnknownKind_isAProblemAtItsPath() throws IOException {
    ScenarioException e =
        problems(
            """
            nodes: [{name: node-a, zone: z}]
            podNetworkings:
            - {apiVersion: network.alibabacloud.com/v1beta1, kind: PodNetwork, metadata: {name: x}}
            steps: [{expect: {enis: 0}}]
            """);

    assertTrue(
        e.problems().get(0).startsWith("podNetworkings[0].kind: unsupported kind \"PodNetwork\""),
        e.problems().toString());
  }

  @Test
  void read_duplicateKeys_areASyntaxProblemNotASilentOverride() throws IOException {
    ScenarioException e =
        problems("nodes: [{name: node-a, zone: z}]\nseed: 1\nseed: 2\nsteps: [{expect: {}}]\n");

    assertTrue(e.problems().get(0).contains("Duplicate field 'seed'"), e.problems().toString());
  }

  @Test
  void read_nodeNamesThatCollapseToOneCloudId_areReported() throws IOException {
    ScenarioException e =
        problems(
            """
            nodes: [{name: node-a, zone: z}, {name: nodea, zone: z}]
            steps: [{expect: {enis: 0}}]
            """);

    assertEquals(
        List.of(
            "nodes[1].instanceId: instance id \"i-nodea\" is used twice; set instanceId",
            "nodes[1].trunkEni: ENI id \"eni-trunknodea\" is used twice; set trunkEni"),
        e.problems());
  }

  @Test
  void read_errorExpectationOutsideACreateStep_isAProblem() throws IOException {
    ScenarioException e =
        problems(
            """
            nodes: [{name: node-a, zone: z}]
            steps:
            - delete: web
              expect: {error: NODE_CAPACITY_FULL}
            """);

    assertEquals(
        List.of("steps[0].expect.error: only a create step has an allocation error to expect"),
        e.problems());
  }

  @Test
  void read_emptyFile_saysWhatAScenarioNeeds() throws IOException {
    ScenarioException e = problems("");

    assertEquals(
        List.of("the file is empty; a scenario needs at least nodes and steps"), e.problems());
  }

  @Test
  void read_integersBeyondIntRange_areProblemsNotTruncated_issue13item8() throws IOException {
    ScenarioException e =
        problems(
            """
            nodes: [{name: node-a, zone: z}]
            steps:
            - create: {pod: web, replicas: 4294967297, node: node-a}
            - fault: {operation: CreateNetworkInterface, throttle: 2147483648}
            - fault: {operation: CreateNetworkInterface, error: Throttling, times: 99999999999999999999}
            - expect: {enis: 4294967296}
            """);

    String all = e.problems().toString();
    assertTrue(
        all.contains("steps[0].create.replicas: must be at most 2147483647 but was 4294967297"),
        all);
    assertTrue(all.contains("must be at most 2147483647 but was 2147483648"), all);
    assertTrue(all.contains("but was 99999999999999999999"), all);
    assertTrue(all.contains("but was 4294967296"), all);
  }

  @Test
  void read_hugeFaultCountWithinIntRange_isAccepted_issue13item8() throws IOException {
    Scenario s =
        read(
            """
            nodes: [{name: node-a, zone: z}]
            steps:
            - fault: {operation: CreateNetworkInterface, throttle: 2147483647}
            """);

    assertEquals(1, s.steps().size());
  }
}
