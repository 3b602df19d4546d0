package dev.terway4j.kubernetes;

import static dev.terway4j.kubernetes.PodEniFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceStatus;
import dev.terway4j.kubernetes.internal.TerwayResources;
import dev.terway4j.model.Allocation;
import dev.terway4j.model.Labels;
import dev.terway4j.model.NetworkingStatus;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.PodEniStatus;
import dev.terway4j.model.PodNetworking;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One {@link TerwayController} against fabric8's mock API server and the fake cloud: the product
 * guide's StatefulSet story (Bind, Unbind, re-bind on another node with the same IP, TTL release),
 * Elastic pods, PodNetworking status, and what happens around the edges.
 */
@EnableKubernetesMockClient(crud = true)
class TerwayControllerTest {
  private static final long WAIT = 15_000;

  KubernetesMockServer server;
  KubernetesClient client;
  private ClusterFixture cluster;
  private TerwayController controller;

  @BeforeEach
  void setUp() {
    cluster = new ClusterFixture(server, client, 8);
    controller = cluster.controller("solo", cluster.cloud);
    controller.start();
    await("leadership", WAIT, () -> controller.allocator().isPresent());
    cluster.podNetworkings();
    await("PodNetworkings Ready", WAIT, () -> cluster.ready("web") && cluster.ready("db"));
  }

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  private PodEni awaitPhase(String pod, PodEniPhase phase) {
    await(pod + " " + phase, WAIT, () -> cluster.phase(pod).equals(Optional.of(phase)));
    return cluster.podEni(pod).orElseThrow();
  }

  private NetworkInterface eni(String id) {
    return cluster.ourEnis().get(id);
  }

  @Test
  void podNetworkings_getTheirStatusThroughTheStatusSubresource_andFeedTheResolver() {
    PodNetworking db = cluster.podNetworking("db").orElseThrow();

    assertEquals(NetworkingStatus.READY, db.status().get().status().get());
    assertEquals(
        Map.of("vsw-h1", ClusterFixture.ZONE_H, "vsw-i1", ClusterFixture.ZONE_I),
        Map.of(
            db.status().get().vSwitches().get(0).id(), db.status().get().vSwitches().get(0).zone(),
            db.status().get().vSwitches().get(1).id(),
                db.status().get().vSwitches().get(1).zone()));
    await(
        "the resolver sees both Ready",
        WAIT,
        () ->
            controller.resolver().podNetworkings().stream().filter(PodNetworking::ready).count()
                == 2);
  }

  @Test
  void podNetworking_withAnUnknownVSwitch_isFail_withAMessage() {
    cluster.podNetworking("bad", "{type: Elastic}", "bad", "[vsw-h1, vsw-nope]", "[sg-web]");

    await(
        "bad Fail",
        WAIT,
        () ->
            cluster
                .podNetworking("bad")
                .flatMap(PodNetworking::status)
                .flatMap(s -> s.status())
                .equals(Optional.of(NetworkingStatus.FAIL)));
    String message = cluster.podNetworking("bad").get().status().get().message();
    assertTrue(message.contains("vsw-nope"), message);
  }

  @Test
  void statefulSetStory_bindUnbindRebindOnAnotherNodeWithTheSameIp_thenTtlRelease() {
    // 1. db-0 on node1: a member ENI, attached through node1's trunk.
    cluster.statefulPod("db-0", "db", "node1");
    PodEni first = awaitPhase("db-0", PodEniPhase.BIND);
    Allocation allocation = first.spec().allocations().get(0);
    String eniId = allocation.eni().id();
    assertEquals("i-node1", first.status().get().instanceID());
    assertEquals("eni-trunk1", first.status().get().trunkENIID());
    assertEquals("node1", first.metadata().labels().get(Labels.NODE));
    assertEquals(ClusterFixture.ZONE_H, first.spec().zone());
    assertTrue(first.status().get().eniInfos().get(eniId).vid() > 0);
    assertEquals(NetworkInterfaceStatus.IN_USE, eni(eniId).status());
    assertEquals(Optional.of("eni-trunk1"), eni(eniId).trunkNetworkInterfaceId());

    // 2. The pod goes: the ENI is detached and kept (Unbind), with its address.
    cluster.deletePod("db-0");
    PodEni unbound = awaitPhase("db-0", PodEniPhase.UNBIND);
    assertEquals("", unbound.status().get().instanceID());
    assertFalse(unbound.metadata().labels().containsKey(Labels.NODE));
    await("ENI Available", WAIT, () -> eni(eniId).status() == NetworkInterfaceStatus.AVAILABLE);

    // 3. db-0 comes back on node2 (same zone): the same ENI, IP and MAC are attached there.
    cluster.statefulPod("db-0", "db", "node2");
    PodEni rebound = awaitPhase("db-0", PodEniPhase.BIND);
    Allocation again = rebound.spec().allocations().get(0);
    assertEquals(eniId, again.eni().id());
    assertEquals(allocation.ipv4(), again.ipv4());
    assertEquals(allocation.eni().mac(), again.eni().mac());
    assertEquals("i-node2", rebound.status().get().instanceID());
    assertEquals("node2", rebound.metadata().labels().get(Labels.NODE));
    assertEquals(Optional.of("i-node2"), eni(eniId).instanceId());
    assertEquals(1, cluster.ourEnis().size(), "no second ENI");

    // 4. The pod goes again; after the TTL (10m) past podLastSeen, the ENI is released.
    cluster.deletePod("db-0");
    awaitPhase("db-0", PodEniPhase.UNBIND);
    cluster.clock.advance(Duration.ofMinutes(9));
    awaitTwoTicks();
    assertTrue(cluster.podEni("db-0").isPresent(), "kept within the TTL");
    cluster.clock.advance(Duration.ofMinutes(2));
    await("PodENI released", WAIT, () -> cluster.podEni("db-0").isEmpty());
    await("ENI deleted", WAIT, () -> cluster.ourEnis().isEmpty());
  }

  @Test
  void elasticPod_getsAnEni_andLosesItWithThePod() {
    cluster.deploymentPod("web-a1", "web", "node3");
    PodEni bound = awaitPhase("web-a1", PodEniPhase.BIND);
    String eniId = bound.spec().allocations().get(0).eni().id();
    assertEquals(ClusterFixture.ZONE_I, eni(eniId).zoneId());
    assertEquals("eni-trunk3", bound.status().get().trunkENIID());

    cluster.deletePod("web-a1");

    await("PodENI gone", WAIT, () -> cluster.podEni("web-a1").isEmpty());
    await("ENI deleted", WAIT, () -> cluster.ourEnis().isEmpty());
  }

  @Test
  void podMatchingNoPodNetworking_getsNoPodEni() {
    cluster.deploymentPod("cache-0", "cache", "node1");
    cluster.deploymentPod("web-b1", "web", "node1");

    awaitPhase("web-b1", PodEniPhase.BIND);
    assertTrue(cluster.podEni("cache-0").isEmpty());
  }

  @Test
  void podOnANodeWithoutTrunk_waits_untilTheNodeGetsOne() {
    cluster.node("node1", "i-node1", ClusterFixture.ZONE_H, Optional.empty());
    await(
        "the view sees node1 without trunk",
        WAIT,
        () -> controller.view().node("node1").flatMap(n -> n.trunkEniId()).isEmpty());
    Pod pod = cluster.deploymentPod("web-c1", "web", "node1");
    await(
        "web-c1 refused and retried",
        WAIT,
        () -> controller.failedAttempts(pod.getMetadata().getNamespace(), "web-c1") > 0);
    assertTrue(cluster.podEni("web-c1").isEmpty());

    cluster.node("node1", "i-node1", ClusterFixture.ZONE_H, Optional.of("eni-trunk1"));

    awaitPhase("web-c1", PodEniPhase.BIND);
  }

  @Test
  void deletingAPodEni_releasesItsEni_evenAFixedOne() {
    cluster.statefulPod("db-1", "db", "node1");
    PodEni bound = awaitPhase("db-1", PodEniPhase.BIND);
    String eniId = bound.spec().allocations().get(0).eni().id();
    cluster.deletePod("db-1");
    awaitPhase("db-1", PodEniPhase.UNBIND);

    client
        .genericKubernetesResources(TerwayResources.POD_ENIS)
        .inNamespace("apps")
        .withName("db-1")
        .delete();

    await("PodENI gone", WAIT, () -> cluster.podEni("db-1").isEmpty());
    await("ENI deleted", WAIT, () -> !cluster.ourEnis().containsKey(eniId));
  }

  @Test
  void podEniStatus_carriesEveryEniInfo_asTerwayWritesIt() {
    cluster.deploymentPod("web-d1", "web", "node2");
    PodEni bound = awaitPhase("web-d1", PodEniPhase.BIND);

    PodEniStatus status = bound.status().get();
    String eniId = bound.spec().allocations().get(0).eni().id();
    assertEquals(1, status.eniInfos().size());
    assertEquals(eniId, status.eniInfos().get(eniId).id());
    assertNotEquals(0, status.eniInfos().get(eniId).vid());
    assertFalse(
        bound
            .metadata()
            .annotations()
            .containsKey(KubernetesPodEniStore.INITIAL_STATUS_ANNOTATION));
  }

  /** Waits until a whole tick has run that started after this call: two more completed ticks. */
  private void awaitTwoTicks() {
    long seen = controller.completedTicks();
    await("two more ticks", WAIT, () -> controller.completedTicks() >= seen + 2);
  }
}
