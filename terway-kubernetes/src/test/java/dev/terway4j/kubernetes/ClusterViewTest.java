package dev.terway4j.kubernetes;

import static dev.terway4j.kubernetes.PodEniFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.kubernetes.internal.TerwayResources;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.selector.FixedNamePolicy;
import dev.terway4j.selector.PodNetworkingResolver;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ClusterView} on fabric8's mock API server: the informers' caches as model views. */
@EnableKubernetesMockClient(crud = true)
class ClusterViewTest {
  private static final long WAIT = 10_000;

  KubernetesMockServer server;
  KubernetesClient client;
  private ClusterFixture cluster;
  private ClusterView view;
  private final PodNetworkingResolver resolver =
      PodNetworkingResolver.create(FixedNamePolicy.defaults());
  private final List<String> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() {
    cluster = new ClusterFixture(server, client, 4);
    view =
        ClusterView.start(
            client,
            resolver,
            new ClusterView.Listener() {
              @Override
              public void podChanged(String namespace, String name) {
                events.add("pod " + namespace + "/" + name);
              }

              @Override
              public void nodeChanged(String name) {
                events.add("node " + name);
              }

              @Override
              public void podNetworkingChanged(String name) {
                events.add("podnetworking " + name);
              }

              @Override
              public void podEniChanged(String namespace, String name) {
                events.add("podeni " + namespace + "/" + name);
              }

              @Override
              public void namespaceChanged(String name) {
                events.add("namespace " + name);
              }
            },
            Duration.ZERO,
            Duration.ofSeconds(10));
  }

  @AfterEach
  void tearDown() {
    view.close();
    cluster.close();
  }

  @Test
  void nodesAndNamespaces_readAsTheModelsViews() {
    await("nodes", WAIT, () -> view.node("node3").isPresent());

    assertEquals(Optional.of(ClusterFixture.ZONE_I), view.node("node3").get().zone());
    assertEquals(Optional.of("i-node3"), view.node("node3").get().instanceId());
    assertEquals(Optional.of("eni-trunk3"), view.node("node3").get().trunkEniId());
    assertEquals(Map.of("team", "shop"), view.namespace("apps").orElseThrow().metadata().labels());
    assertTrue(view.node("nope").isEmpty());
  }

  @Test
  void namespaceLabelChange_isHeard_andPodsInListsTheNamespacesPodsFromTheCache_issue15item1() {
    await("apps listed", WAIT, () -> events.contains("namespace apps"));
    cluster.deploymentPod("web-n1", "web", "node1");
    cluster.deploymentPod("web-n2", "web", "node2");
    await("both pods cached", WAIT, () -> view.podsIn("apps").size() == 2);

    client
        .namespaces()
        .withName("apps")
        .edit(
            n ->
                new io.fabric8.kubernetes.api.model.NamespaceBuilder(n)
                    .editMetadata()
                    .addToLabels("tier", "gold")
                    .endMetadata()
                    .build());

    await(
        "the label change heard",
        WAIT,
        () -> events.stream().filter("namespace apps"::equals).count() == 2);
    assertEquals(
        List.of("web-n1", "web-n2"),
        view.podsIn("apps").stream().map(p -> p.metadata().name()).sorted().toList());
    assertTrue(view.podsIn("kube-system").isEmpty());
    assertEquals("gold", view.namespace("apps").orElseThrow().metadata().labels().get("tier"));
  }

  @Test
  void podNetworkings_followTheClusterIntoTheResolver() {
    cluster.podNetworkings();
    await("both in the resolver", WAIT, () -> resolver.size() == 2);

    GenericKubernetesResource web =
        client.genericKubernetesResources(TerwayResources.POD_NETWORKINGS).withName("web").get();
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) web.getAdditionalProperties().get("spec");
    spec.put("securityGroupIDs", List.of("sg-web", "sg-db"));
    client.genericKubernetesResources(TerwayResources.POD_NETWORKINGS).resource(web).update();
    await(
        "the update",
        WAIT,
        () -> resolver.get("web").map(p -> p.spec().securityGroupIDs().size() == 2).orElse(false));

    client.genericKubernetesResources(TerwayResources.POD_NETWORKINGS).withName("db").delete();
    await("the deletion", WAIT, () -> resolver.get("db").isEmpty());
    assertEquals(List.of("web"), view.podNetworkings().stream().map(this::name).toList());
    assertTrue(events.contains("podnetworking db"));
  }

  @Test
  void aPodNetworkingThatCannotBeRead_isLeftOutOfTheResolver() {
    cluster.podNetworkings();
    await("both in the resolver", WAIT, () -> resolver.size() == 2);

    GenericKubernetesResource web =
        client.genericKubernetesResources(TerwayResources.POD_NETWORKINGS).withName("web").get();
    web.getAdditionalProperties().put("spec", Map.of("vSwitchOptions", "not a list"));
    client.genericKubernetesResources(TerwayResources.POD_NETWORKINGS).resource(web).update();

    await("web removed", WAIT, () -> resolver.get("web").isEmpty());
    assertTrue(resolver.get("db").isPresent());
  }

  @Test
  void pods_areReported_whenWhatTheControlPlaneReadsChanges_notOnStatusHeartbeats() {
    Pod pod = cluster.deploymentPod("web-0", "web", "node1");
    await("added", WAIT, () -> events.contains("pod apps/web-0"));
    assertEquals("node1", view.pod("apps", "web-0").orElseThrow().spec().nodeName());
    assertEquals(1, view.podsOn("node1").size());
    events.clear();

    pod.setStatus(
        new io.fabric8.kubernetes.api.model.PodStatusBuilder().withMessage("heartbeat").build());
    client.pods().inNamespace("apps").resource(pod).updateStatus();
    Pod labelled = client.pods().inNamespace("apps").withName("web-0").get();
    labelled.getMetadata().getLabels().put("tier", "front");
    client.pods().inNamespace("apps").resource(labelled).update();

    await(
        "the label change",
        WAIT,
        () -> view.pod("apps", "web-0").get().metadata().labels().containsKey("tier"));
    await("reported", WAIT, () -> events.contains("pod apps/web-0"));
    assertEquals(List.of("pod apps/web-0"), List.copyOf(events), "one event, for the label");

    cluster.deletePod("web-0");
    await("deleted", WAIT, () -> view.pod("apps", "web-0").isEmpty());
    // The cache is updated before the listener hears of it: wait for the event itself.
    await("the deletion reported", WAIT, () -> events.size() >= 2);
    assertEquals(List.of("pod apps/web-0", "pod apps/web-0"), List.copyOf(events));
  }

  @Test
  void podEnis_areReported_andReadable() {
    KubernetesPodEniStore.create(client).put(PodEniFixtures.bound("apps", "web-0"));

    await("reported", WAIT, () -> events.contains("podeni apps/web-0"));
    await("cached", WAIT, () -> view.podEni("apps", "web-0").isPresent());
    assertEquals(
        PodEniFixtures.bound("apps", "web-0").spec(), view.podEni("apps", "web-0").get().spec());
  }

  @Test
  void start_failsClearly_whenTheInformersDoNotListInTime() {
    // The CRUD mock serves any path, even of a CRD it does not have, so a missing CRD or an RBAC
    // refusal cannot be shown here; a start that does not finish in time takes the same path.
    KubernetesClient other = server.createClient();
    try {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () ->
                  ClusterView.start(
                      other,
                      resolver,
                      new ClusterView.Listener() {},
                      Duration.ZERO,
                      Duration.ofNanos(1)));
      assertTrue(e.getMessage().startsWith("cluster view did not start"), e.getMessage());
    } finally {
      other.close();
    }
  }

  private String name(PodNetworking podNetworking) {
    return podNetworking.metadata().name();
  }
}
