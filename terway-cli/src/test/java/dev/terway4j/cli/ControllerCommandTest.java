package dev.terway4j.cli;

import static dev.terway4j.cli.CommandRun.example;
import static dev.terway4j.cli.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.terway4j.cli.scenario.Scenario;
import dev.terway4j.cli.scenario.ScenarioReader;
import dev.terway4j.kubernetes.KubernetesPodEniStore;
import dev.terway4j.model.Annotations;
import dev.terway4j.model.Labels;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code terway controller}: its options, and one run against fabric8's mock API server (CRUD mode)
 * with the in-memory cloud of the StatefulSet scenario: started on a thread from a kubeconfig, it
 * takes the lease, binds the guide's StatefulSet pod (PodENI Bind), and stops cleanly when
 * interrupted, as it does on SIGTERM.
 */
@EnableKubernetesMockClient(crud = true)
class ControllerCommandTest {

  private static final String STATEFULSET = example("scenarios/statefulset-fixed-ip.yaml");
  private static final long WAIT_MILLIS = 30_000;
  private static final ResourceDefinitionContext POD_NETWORKINGS =
      new ResourceDefinitionContext.Builder()
          .withGroup("network.alibabacloud.com")
          .withVersion("v1beta1")
          .withPlural("podnetworkings")
          .withKind("PodNetworking")
          .withNamespaced(false)
          .build();

  KubernetesClient client;

  @TempDir Path temp;

  @Test
  void help_listsTheClusterTheCloudAndTheLeaseOptions() {
    CommandRun run = run("controller", "--help");

    assertEquals(ExitCodes.OK, run.exitCode(), run.both());
    for (String option :
        List.of(
            "--kubeconfig",
            "--cloud",
            "--scenario",
            "--cluster-id",
            "--vpc",
            "--region",
            "--lease-namespace",
            "--lease-name",
            "--identity",
            "--[no-]install-crds",
            "--workers")) {
      assertTrue(run.out().contains(option), option + " in\n" + run.out());
    }
  }

  @Test
  void argumentErrors_exitTwo_beforeConnectingAnywhere() {
    record Case(List<String> args, String message) {}
    List<Case> cases =
        List.of(
            new Case(List.of("controller"), "Missing required option: '--cloud"),
            new Case(List.of("controller", "--cloud", "fake"), "--cloud fake needs --scenario"),
            new Case(
                List.of("controller", "--cloud", "aliyun", "--cluster-id", "c-1"),
                "--cloud aliyun needs --region"),
            new Case(
                List.of("controller", "--cloud", "aliyun", "--region", "cn-hangzhou"),
                "--cloud aliyun needs --cluster-id"),
            new Case(
                List.of(
                    "controller",
                    "--cloud",
                    "fake",
                    "--scenario",
                    STATEFULSET,
                    "--lease-name",
                    " "),
                "--lease-name is empty"),
            new Case(
                List.of("controller", "--cloud", "fake", "--scenario", STATEFULSET, "--vpc", "bad"),
                "bad"),
            new Case(
                List.of(
                    "controller", "--cloud", "fake", "--scenario", STATEFULSET, "--workers", "0"),
                "--workers must be from 1 to 256: 0"),
            new Case(
                List.of(
                    "controller", "--cloud", "fake", "--scenario", STATEFULSET, "--workers", "257"),
                "--workers must be from 1 to 256: 257"),
            new Case(
                List.of("controller", "--cloud", "fake", "--scenario", STATEFULSET, "--bogus"),
                "Unknown option: '--bogus'"));
    for (Case c : cases) {
      CommandRun run = run(c.args().toArray(String[]::new));

      assertEquals(ExitCodes.UNUSABLE, run.exitCode(), c.args() + "\n" + run.both());
      assertTrue(run.err().contains(c.message()), c.args() + "\n" + run.err());
      assertTrue(run.err().contains("Try 'terway controller --help'"), run.err());
    }
  }

  @Test
  void unreadableInputs_exitTwo() {
    CommandRun noKubeconfig =
        run(
            "controller",
            "--cloud",
            "fake",
            "--scenario",
            STATEFULSET,
            "--kubeconfig",
            "no/such/kubeconfig");
    CommandRun noScenario =
        run("controller", "--cloud", "fake", "--scenario", "no/such.yaml", "--kubeconfig", "x");

    assertEquals(ExitCodes.UNUSABLE, noKubeconfig.exitCode(), noKubeconfig.both());
    assertTrue(
        noKubeconfig.err().startsWith("error: no such kubeconfig file: no/such/kubeconfig"),
        noKubeconfig.err());
    assertEquals(ExitCodes.UNUSABLE, noScenario.exitCode(), noScenario.both());
    assertTrue(noScenario.err().contains("no such file: no/such.yaml"), noScenario.err());
  }

  @Test
  void withoutKubeconfig_outsideACluster_refusesToGuessOne() {
    assumeTrue(System.getenv(KubernetesClients.SERVICE_HOST_VARIABLE) == null, "in a cluster");

    CommandRun run = run("controller", "--cloud", "fake", "--scenario", STATEFULSET);

    assertEquals(ExitCodes.UNUSABLE, run.exitCode(), run.both());
    assertTrue(run.err().startsWith("error: not running in a cluster"), run.err());
    assertTrue(run.err().contains("give --kubeconfig PATH"), run.err());
  }

  @Test
  void controller_onTheFakeCloud_bindsAStatefulSetPod_andStopsCleanlyWhenInterrupted()
      throws Exception {
    Path kubeconfig = Kubeconfigs.write(client, temp.resolve("kubeconfig"));
    AtomicInteger exitCode = new AtomicInteger(-1);
    StringWriter err = new StringWriter();
    Thread thread =
        new Thread(
            () -> {
              CommandLine commandLine = TerwayCommand.commandLine();
              commandLine.setErr(new PrintWriter(err, true));
              exitCode.set(
                  commandLine.execute(
                      "controller",
                      "--kubeconfig",
                      kubeconfig.toString(),
                      "--cloud",
                      "fake",
                      "--scenario",
                      STATEFULSET,
                      "--lease-namespace",
                      "default",
                      "--identity",
                      "cli-test"));
            },
            "terway-controller-command");
    thread.start();
    try {
      await(
          "the lease held by cli-test",
          () -> holder().equals(Optional.of("cli-test")) || !thread.isAlive());
      assertTrue(thread.isAlive(), "the command ended early: exit " + exitCode + "\n" + err);

      createTheGuidesStatefulSetPod();

      await("PodENI example/my-nginx-0 Bind", () -> phase().equals(Optional.of(PodEniPhase.BIND)));
      PodEni podEni = KubernetesPodEniStore.create(client).get("example", "my-nginx-0").get();
      assertEquals("i-nodea", podEni.status().get().instanceID());
      assertEquals("eni-trunknodea", podEni.status().get().trunkENIID());
      assertEquals("vsw-bpxxxx", podEni.spec().allocations().get(0).eni().vSwitchID());
    } finally {
      thread.interrupt();
      thread.join(WAIT_MILLIS);
    }

    assertFalse(thread.isAlive(), "still running after the interrupt");
    assertEquals(ExitCodes.OK, exitCode.get(), err.toString());
    assertEquals("", err.toString());
  }

  private Optional<String> holder() {
    Lease lease = client.leases().inNamespace("default").withName("terway4j-controller").get();
    return Optional.ofNullable(lease).map(l -> l.getSpec().getHolderIdentity());
  }

  private Optional<PodEniPhase> phase() {
    return KubernetesPodEniStore.create(client)
        .get("example", "my-nginx-0")
        .flatMap(PodEni::status)
        .map(s -> s.phase());
  }

  /** The guide's namespace, PodNetworking and StatefulSet pod, on node-a of the scenario. */
  private void createTheGuidesStatefulSetPod() throws IOException {
    Scenario scenario = ScenarioReader.read(Path.of(STATEFULSET));
    Scenario.Node nodeA = scenario.nodes().get(0);
    client
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(nodeA.name())
                .addToLabels(Labels.ZONE, nodeA.zone())
                .addToLabels(Labels.INSTANCE_TYPE, nodeA.instanceType())
                .addToAnnotations(Annotations.TRUNK_ON, nodeA.trunkEniId())
                .endMetadata()
                .withNewSpec()
                .withProviderID(scenario.cloud().region() + "." + nodeA.instanceId())
                .endSpec()
                .build())
        .create();
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("example")
                .addToLabels("foo", "bar")
                .addToLabels("kubernetes.io/metadata.name", "example")
                .endMetadata()
                .build())
        .create();
    GenericKubernetesResource podNetworking =
        client
            .getKubernetesSerialization()
            .unmarshal(
                Files.readString(Path.of(example("guide/podnetworking-example.yaml"))),
                GenericKubernetesResource.class);
    podNetworking.getAdditionalProperties().remove("status");
    client.genericKubernetesResources(POD_NETWORKINGS).resource(podNetworking).create();
    client
        .pods()
        .inNamespace("example")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("my-nginx-0")
                .withNamespace("example")
                .withUid("0f6e1d2c-3b4a-5968-7766-554433221100")
                .addToLabels("app", "nginx")
                .addToLabels("foo", "bar")
                .addNewOwnerReference()
                .withApiVersion("apps/v1")
                .withKind("StatefulSet")
                .withName("my-nginx")
                .withUid("11111111-2222-3333-4444-555555555555")
                .withController(true)
                .endOwnerReference()
                .endMetadata()
                .withNewSpec()
                .withNodeName(nodeA.name())
                .addNewContainer()
                .withName("nginx")
                .withImage("nginx")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }
}
