package dev.terway4j.kubernetes;

import static dev.terway4j.kubernetes.PodEniFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.allocator.loop.WorkQueue;
import dev.terway4j.kubernetes.internal.TerwayResources;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.PodNetworking;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 1: the controller's pool of pod workers fed by a client-go style work queue, and a
 * namespace label change that re-queues the namespace's pods at once. Against fabric8's mock API
 * server in real time; every wait is for a positive signal, with a failure timeout.
 */
@EnableKubernetesMockClient(crud = true)
@DisplayName("TerwayController workers and work queue (issue 15 item 1)")
class TerwayControllerWorkersTest {
  private static final long WAIT = 15_000;

  KubernetesMockServer server;
  KubernetesClient client;
  private ClusterFixture cluster;

  @BeforeEach
  void setUp() {
    cluster = new ClusterFixture(server, client, 8);
  }

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  private TerwayController leader(TerwayController controller) {
    controller.start();
    await("leadership", WAIT, () -> controller.allocator().isPresent());
    cluster.podNetworkings();
    await("PodNetworkings Ready", WAIT, () -> cluster.ready("web") && cluster.ready("db"));
    return controller;
  }

  private void awaitPhase(String pod, PodEniPhase phase) {
    await(pod + " " + phase, WAIT, () -> cluster.phase(pod).equals(Optional.of(phase)));
  }

  @Test
  void workers_defaultToTerwaysTenPodReconcilers_issue15item1() {
    TerwayController controller = cluster.controller("default", cluster.cloud);

    assertEquals(10, controller.workers());
    assertEquals(TerwayController.DEFAULT_WORKERS, controller.workers());
  }

  @Test
  void workers_outOfRange_areRefusedWithTheValue_issue15item1() {
    TerwayController.Builder builder =
        TerwayController.builder(client, cluster.cloud, cluster.settings);

    IllegalArgumentException zero =
        assertThrows(IllegalArgumentException.class, () -> builder.workers(0));
    IllegalArgumentException tooMany =
        assertThrows(
            IllegalArgumentException.class,
            () -> builder.workers(TerwayController.MAX_WORKERS + 1));

    assertTrue(zero.getMessage().contains("workers must be from 1 to 256: 0"), zero.getMessage());
    assertTrue(tooMany.getMessage().contains(": 257"), tooMany.getMessage());
  }

  @Test
  void twoPodsWhoseCloudCallsBlock_areReconciledAtOnce_andNeitherByTwoWorkers_issue15item1()
      throws InterruptedException {
    BlockingCloud blocking = new BlockingCloud(cluster.cloud, WAIT * 2);
    TerwayController controller =
        leader(
            cluster.controller(
                "pool", blocking, server.createClient(), b -> b.workers(4).podEvents(false)));
    CountDownLatch bothIn = blocking.arm(2);

    cluster.deploymentPod("web-p1", "web", "node1");
    cluster.deploymentPod("web-p2", "web", "node3");

    // Both creates are in the cloud at once: with one worker the second would never get there.
    assertTrue(bothIn.await(WAIT, TimeUnit.MILLISECONDS), "both pods reached the cloud together");
    assertEquals(2, controller.queueStats().processing());

    // An event for a pod a worker holds marks it dirty; no idle worker takes it meanwhile.
    long addsBefore = controller.queueStats().adds();
    client
        .pods()
        .inNamespace("apps")
        .withName("web-p1")
        .edit(
            p ->
                new PodBuilder(p)
                    .editMetadata()
                    .addToLabels("touched", "yes")
                    .endMetadata()
                    .build());
    await("the event queued", WAIT, () -> controller.queueStats().adds() > addsBefore);
    WorkQueue.Stats held = controller.queueStats();
    assertEquals(0, held.queued(), "web-p1 is not handed to a second worker");
    assertEquals(2, held.processing(), "still only the two pods in the workers' hands");

    long completedBefore = held.completed();
    blocking.release();

    awaitPhase("web-p1", PodEniPhase.BIND);
    awaitPhase("web-p2", PodEniPhase.BIND);
    await(
        "web-p1 reconciled again after its worker let go",
        WAIT,
        () -> controller.queueStats().completed() >= completedBefore + 3);
    assertEquals(2, cluster.ourEnis().size(), "one ENI per pod");
  }

  @Test
  void failedAttempts_countTheQueuesRetries_andClearOnSuccess_issue15item1() {
    TerwayController controller = leader(cluster.controller("retries", cluster.cloud));
    cluster.node("node1", "i-node1", ClusterFixture.ZONE_H, Optional.empty());
    await(
        "the view sees node1 without trunk",
        WAIT,
        () -> controller.view().node("node1").flatMap(n -> n.trunkEniId()).isEmpty());

    cluster.deploymentPod("web-r1", "web", "node1");
    await("web-r1 retried twice", WAIT, () -> controller.failedAttempts("apps", "web-r1") >= 2);
    cluster.node("node1", "i-node1", ClusterFixture.ZONE_H, Optional.of("eni-trunk1"));

    awaitPhase("web-r1", PodEniPhase.BIND);
    await("the backoff forgotten", WAIT, () -> controller.failedAttempts("apps", "web-r1") == 0);
  }

  @Nested
  @DisplayName("a namespace label change re-queues its pods at once (issue 15 item 1)")
  class NamespaceLabels {

    @Test
    void podSelectedOnlyOnceItsNamespaceIsLabelled_getsItsEniWithoutWaitingForTheResync() {
      // The fixture's resync is the default 10 minutes: only the namespace event can do it.
      TerwayController controller = leader(cluster.controller("ns", cluster.cloud));
      String yaml =
          String.join(
              "\n",
              "apiVersion: network.alibabacloud.com/v1beta1",
              "kind: PodNetworking",
              "metadata: {name: gold}",
              "spec:",
              "  allocationType: {type: Elastic}",
              "  selector:",
              "    podSelector: {matchLabels: {app: vault}}",
              "    namespaceSelector: {matchLabels: {tier: gold}}",
              "  securityGroupIDs: [sg-web]",
              "  vSwitchOptions: [vsw-h1, vsw-i1]");
      client
          .genericKubernetesResources(TerwayResources.POD_NETWORKINGS)
          .resource(
              client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class))
          .create();
      await("gold Ready", WAIT, () -> cluster.ready("gold"));
      await(
          "the resolver sees gold",
          WAIT,
          () -> controller.resolver().get("gold").map(PodNetworking::ready).orElse(false));

      long completedBefore = controller.queueStats().completed();
      cluster.deploymentPod("vault-0", "vault", "node1");
      // The pod was reconciled once, matching no PodNetworking (its namespace lacks tier=gold).
      await(
          "vault-0 reconciled",
          WAIT,
          () -> {
            WorkQueue.Stats stats = controller.queueStats();
            return stats.completed() > completedBefore
                && stats.queued() == 0
                && stats.processing() == 0
                && controller.view().pod("apps", "vault-0").isPresent();
          });
      assertTrue(cluster.podEni("vault-0").isEmpty(), "no PodNetworking selects vault-0 yet");

      client
          .namespaces()
          .withName("apps")
          .edit(
              n ->
                  new NamespaceBuilder(n)
                      .editMetadata()
                      .addToLabels("tier", "gold")
                      .endMetadata()
                      .build());

      awaitPhase("vault-0", PodEniPhase.BIND);
    }
  }
}
