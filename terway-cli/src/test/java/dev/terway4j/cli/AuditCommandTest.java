package dev.terway4j.cli;

import static dev.terway4j.cli.CommandRun.example;
import static dev.terway4j.cli.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.terway4j.kubernetes.KubernetesCrds;
import dev.terway4j.kubernetes.KubernetesPodEniStore;
import dev.terway4j.model.Manifests;
import dev.terway4j.model.PodEni;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code terway audit} on the in-memory cloud: a consistent run, and each kind of finding made on
 * purpose (a leaked ENI, a PodENI whose ENI is missing, a VLAN mismatch), PodENIs read from files
 * and from a cluster (fabric8's mock API server), and the argument errors.
 */
@EnableKubernetesMockClient(crud = true)
class AuditCommandTest {

  private static final String STATEFULSET = example("scenarios/statefulset-fixed-ip.yaml");
  private static final String FILLED_PODENI = example("guide/podeni-example-filled.yaml");
  private static final String NO_PODENI = example("guide/namespace-example.yaml");

  KubernetesClient client;

  @TempDir Path temp;

  private static String[] audit(String... args) {
    List<String> all = new ArrayList<>(List.of("audit", "--cloud", "fake"));
    all.addAll(Arrays.asList(args));
    return all.toArray(String[]::new);
  }

  /** The ENIs the statefulset scenario leaves in the cloud, as simulate reports them. */
  private static JsonNode simulated() throws IOException {
    CommandRun run = run("simulate", "-o", "json", STATEFULSET);
    assertEquals(ExitCodes.OK, run.exitCode(), run.both());
    return new ObjectMapper().readTree(run.out());
  }

  @Test
  void audit_afterAScenarioRun_isConsistent_andExitsZero() {
    CommandRun run = run(audit("--scenario", STATEFULSET, "--run-steps"));

    assertEquals(ExitCodes.OK, run.exitCode(), run.both());
    assertTrue(run.out().contains("PodENIs  1 from the simulated run"), run.out());
    assertTrue(
        run.out().contains("Consistent: 1 PodENI and 1 ENI checked, no finding."), run.out());
    assertEquals("", run.err());
  }

  @Test
  void audit_eniTaggedForTheClusterWithoutPodEni_isLeaked_andNamed() throws IOException {
    String eni = simulated().path("clusterEnis").path(0).asText();
    assertTrue(eni.startsWith("eni-"), eni);

    CommandRun run =
        run(
            audit(
                "--scenario",
                STATEFULSET,
                "--run-steps",
                "--podenis",
                NO_PODENI,
                "--leak-guard-age",
                "0s",
                "-o",
                "json"));

    assertEquals(ExitCodes.FINDINGS, run.exitCode(), run.both());
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertEquals(1, report.path("findings").size(), run.out());
    JsonNode finding = report.path("findings").path(0);
    assertEquals("LEAKED_ENI", finding.path("kind").asText());
    assertEquals(eni, finding.path("eniId").asText());
    assertTrue(finding.path("podEni").isNull(), finding.toString());
    assertTrue(finding.path("detail").asText().contains("tagged for cluster c-terway4j"));
    assertEquals(1, report.path("counts").path("LEAKED_ENI").asInt());
    assertEquals(0, report.path("podEnis").asInt());
    assertEquals(1, report.path("exitCode").asInt());
  }

  @Test
  void audit_unreferencedEniYoungerThanTheGuardAge_isListedAsYoung_notLeaked() {
    CommandRun run = run(audit("--scenario", STATEFULSET, "--run-steps", "--podenis", NO_PODENI));

    assertEquals(ExitCodes.OK, run.exitCode(), run.both());
    assertTrue(run.out().contains("Young, not judged"), run.out());
    assertTrue(run.out().contains("younger than 10m0s"), run.out());
  }

  @Test
  void audit_podEniWhoseEniIsMissing_isAFinding_namingThePodEniAndTheEni() {
    CommandRun run = run(audit("--scenario", STATEFULSET, "--podenis", FILLED_PODENI));

    assertEquals(ExitCodes.FINDINGS, run.exitCode(), run.both());
    assertTrue(
        run.out()
            .matches(
                "(?s).*MISSING_ENI +eni-bp1abcd +default/your-pod-name +the ENI does not exist"
                    + " \\(PodENI phase Bind\\).*"),
        run.out());
    assertTrue(run.out().contains("INCONSISTENT: 1 PodENI and 0 ENIs checked"), run.out());
  }

  @Test
  void audit_podEniWithAnotherVlanThanTheTrunkAttachment_isAVlanMismatch() throws IOException {
    ObjectNode podEni = (ObjectNode) simulated().path("podEnis").path(0);
    String eni = podEni.path("spec").path("allocations").path(0).path("eni").path("id").asText();
    ObjectNode info = (ObjectNode) podEni.path("status").path("eniInfos").path(eni);
    int vid = info.path("vid").asInt();
    info.put("vid", vid + 1);
    Path file = temp.resolve("podenis.yaml");
    Files.writeString(file, new YAMLMapper().writeValueAsString(podEni));

    CommandRun run =
        run(audit("--scenario", STATEFULSET, "--run-steps", "--podenis", file.toString()));

    assertEquals(ExitCodes.FINDINGS, run.exitCode(), run.both());
    assertTrue(
        run.out()
            .contains(
                "VLAN_MISMATCH  "
                    + eni
                    + "  example/my-nginx-0  PodENI says VLAN "
                    + (vid + 1)
                    + ", the ENI's device index on eni-trunknodea is "
                    + vid),
        run.out());
    assertTrue(run.out().contains("1 finding (1 VLAN_MISMATCH)"), run.out());
  }

  @Test
  void audit_yamlOutput_carriesTheSameFacts() throws IOException {
    CommandRun run =
        run(audit("--scenario", STATEFULSET, "--podenis", FILLED_PODENI, "-o", "yaml"));

    assertEquals(ExitCodes.FINDINGS, run.exitCode(), run.both());
    JsonNode report = new YAMLMapper().readTree(run.out());
    assertEquals("c-terway4j", report.path("clusterId").asText());
    assertEquals("vpc-terway4j", report.path("vpcId").asText());
    assertEquals("MISSING_ENI", report.path("findings").path(0).path("kind").asText());
    assertEquals("default/your-pod-name", report.path("findings").path(0).path("podEni").asText());
    assertEquals(false, report.path("consistent").asBoolean());
  }

  @Test
  void audit_podEnisOfACluster_areReadThroughItsKubeconfig() throws IOException {
    KubernetesCrds.install(client);
    PodEni podEni = Manifests.readOne(Files.readString(Path.of(FILLED_PODENI)), PodEni.class);
    KubernetesPodEniStore.create(client).put(podEni);
    Path kubeconfig = Kubeconfigs.write(client, temp.resolve("kubeconfig"));

    CommandRun run =
        run(audit("--scenario", STATEFULSET, "--kubeconfig", kubeconfig.toString(), "-o", "json"));

    assertEquals(ExitCodes.FINDINGS, run.exitCode(), run.both());
    JsonNode report = new ObjectMapper().readTree(run.out());
    assertEquals(1, report.path("podEnis").asInt());
    assertEquals("MISSING_ENI", report.path("findings").path(0).path("kind").asText());
    assertEquals("default/your-pod-name", report.path("findings").path(0).path("podEni").asText());
    assertTrue(report.path("podEniSource").asText().startsWith("the cluster at "), run.out());
  }

  @Test
  void audit_withoutAnySourceOfPodEnis_cannotRun() {
    CommandRun run = run(audit("--scenario", STATEFULSET));

    assertEquals(ExitCodes.UNUSABLE, run.exitCode(), run.both());
    assertTrue(run.err().startsWith("error: no PodENIs to audit"), run.err());
    assertEquals("", run.out());
  }

  @Test
  void audit_withTwoSourcesOfPodEnis_cannotRun() {
    CommandRun run =
        run(audit("--scenario", STATEFULSET, "--podenis", FILLED_PODENI, "--in-cluster"));

    assertEquals(ExitCodes.UNUSABLE, run.exitCode(), run.both());
    assertTrue(run.err().contains("give one source of PodENIs"), run.err());
  }

  @Test
  void audit_argumentErrors_exitTwo_withOneLineEach() {
    record Case(List<String> args, String message) {}
    List<Case> cases =
        List.of(
            new Case(
                List.of("audit", "--podenis", FILLED_PODENI), "Missing required option: '--cloud"),
            new Case(
                List.of("audit", "--cloud", "gcp", "--podenis", FILLED_PODENI),
                "expected aliyun or fake but was 'gcp'"),
            new Case(
                List.of("audit", "--cloud", "fake", "--podenis", FILLED_PODENI),
                "--cloud fake needs --scenario"),
            new Case(
                List.of(
                    "audit",
                    "--cloud",
                    "fake",
                    "--scenario",
                    STATEFULSET,
                    "--region",
                    "cn-beijing",
                    "--podenis",
                    FILLED_PODENI),
                "--region apply to --cloud aliyun only"),
            new Case(
                List.of(
                    "audit",
                    "--cloud",
                    "aliyun",
                    "--cluster-id",
                    "c-1",
                    "--podenis",
                    FILLED_PODENI),
                "--cloud aliyun needs --region"),
            new Case(
                List.of(
                    "audit",
                    "--cloud",
                    "aliyun",
                    "--region",
                    "cn-hangzhou",
                    "--podenis",
                    FILLED_PODENI),
                "--cloud aliyun needs --cluster-id"),
            new Case(
                List.of(
                    "audit",
                    "--cloud",
                    "aliyun",
                    "--region",
                    "cn-hangzhou",
                    "--cluster-id",
                    "c-1",
                    "--run-steps"),
                "--run-steps applies to --cloud fake only"),
            new Case(
                List.of(
                    "audit",
                    "--cloud",
                    "fake",
                    "--scenario",
                    STATEFULSET,
                    "--run-steps",
                    "--leak-guard-age",
                    "ten minutes"),
                "--leak-guard-age: invalid duration 'ten minutes'"),
            new Case(
                List.of(
                    "audit",
                    "--cloud",
                    "fake",
                    "--scenario",
                    STATEFULSET,
                    "--run-steps",
                    "--vpc",
                    "not-a-vpc"),
                "--vpc: 'not-a-vpc' is not a VPC id"));
    for (Case c : cases) {
      CommandRun run = run(c.args().toArray(String[]::new));

      assertEquals(ExitCodes.UNUSABLE, run.exitCode(), c.args() + "\n" + run.both());
      assertTrue(run.err().startsWith("error: "), run.err());
      assertTrue(run.err().contains(c.message()), c.args() + "\n" + run.err());
      assertTrue(run.err().contains("Try 'terway audit --help'"), run.err());
      assertEquals("", run.out(), c.args().toString());
    }
  }

  @Test
  void audit_unreadableInputs_exitTwo_withEveryProblem() {
    CommandRun placeholders =
        run(audit("--scenario", STATEFULSET, "--podenis", example("guide/podeni-example.yaml")));
    CommandRun missingFile = run(audit("--scenario", STATEFULSET, "--podenis", "no/such.yaml"));
    CommandRun missingKubeconfig =
        run(audit("--scenario", STATEFULSET, "--kubeconfig", "no/such/kubeconfig"));
    CommandRun missingScenario = run(audit("--scenario", "no/such.yaml", "--run-steps"));

    assertEquals(ExitCodes.UNUSABLE, placeholders.exitCode(), placeholders.both());
    assertTrue(
        placeholders.err().startsWith("error: cannot read the PodENIs: 1 problem"),
        placeholders.err());
    assertTrue(placeholders.err().contains("status.podLastSeen"), placeholders.err());
    assertEquals(ExitCodes.UNUSABLE, missingFile.exitCode(), missingFile.both());
    assertTrue(missingFile.err().contains("no such file or directory: no/such.yaml"));
    assertEquals(ExitCodes.UNUSABLE, missingKubeconfig.exitCode(), missingKubeconfig.both());
    assertTrue(missingKubeconfig.err().contains("no such kubeconfig file"));
    assertEquals(ExitCodes.UNUSABLE, missingScenario.exitCode(), missingScenario.both());
    assertTrue(missingScenario.err().contains("no such file: no/such.yaml"), missingScenario.err());
  }

  @Test
  void audit_aliyunUnreachable_cannotRun_andSaysNothingWasSent() {
    CommandRun run =
        run(
            "audit",
            "--cloud",
            "aliyun",
            "--region",
            "cn-hangzhou",
            "--cluster-id",
            "c-1",
            "--endpoint",
            "127.0.0.1:1",
            "--protocol",
            "http",
            "--podenis",
            FILLED_PODENI);

    assertEquals(ExitCodes.UNUSABLE, run.exitCode(), run.both());
    assertTrue(run.err().startsWith("error: cannot list the cloud's ENIs: "), run.err());
  }
}
