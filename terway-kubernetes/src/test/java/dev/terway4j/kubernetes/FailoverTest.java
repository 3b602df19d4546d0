package dev.terway4j.kubernetes;

import static dev.terway4j.kubernetes.PodEniFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceStatus;
import dev.terway4j.model.Allocation;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two {@link TerwayController} instances on one cluster (fabric8's mock API server) and one cloud
 * (the fake): only the leader allocates, and when it dies in the middle of a burst of pods the
 * standby takes the lease, recovers from the PodENI resources and one cloud listing, and finishes
 * the burst, so that every pod ends with exactly one ENI and no ENI is left without a PodENI.
 *
 * <p>The leader is killed at its N-th cloud call after the burst starts, either before the call is
 * sent or after it took effect with the reply lost; from that moment every cloud call and every
 * request of its Kubernetes client fails, so it can neither write nor renew the lease (a process
 * that died).
 */
@EnableKubernetesMockClient(crud = true)
class FailoverTest {
  private static final Logger log = LoggerFactory.getLogger(FailoverTest.class);
  private static final long WAIT = 30_000;
  private static final int WEB_PODS = 8;
  private static final int DB_PODS = 4;

  KubernetesMockServer server;
  KubernetesClient client;
  private ClusterFixture cluster;
  private KillableCloud cloudA;
  private KillableCloud cloudB;
  private final AtomicBoolean aDead = new AtomicBoolean();
  private KubernetesClient clientA;
  private TerwayController a;
  private TerwayController b;

  @BeforeEach
  void setUp() {
    cluster = new ClusterFixture(server, client, 10);
    cloudA = new KillableCloud(cluster.cloud);
    cloudB = new KillableCloud(cluster.cloud);
    clientA = cluster.killableClient(aDead);
    a = cluster.controller("a", cloudA, clientA);
    a.start();
    await("a leads", WAIT, () -> a.allocator().isPresent());
    b = cluster.controller("b", cloudB);
    b.start();
    cluster.podNetworkings();
    await("PodNetworkings Ready", WAIT, () -> cluster.ready("web") && cluster.ready("db"));
  }

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  private List<String> burst() {
    List<String> pods = new java.util.ArrayList<>();
    String[] nodes = {"node1", "node2", "node3"};
    for (int i = 0; i < WEB_PODS; i++) {
      cluster.deploymentPod("web-" + i, "web", nodes[i % 3]);
      pods.add("web-" + i);
    }
    for (int i = 0; i < DB_PODS; i++) {
      cluster.statefulPod("db-" + i, "db", nodes[i % 3]);
      pods.add("db-" + i);
    }
    return pods;
  }

  @Test
  void standby_doesNotAllocate_whileTheLeaderLives() {
    List<String> pods = burst();

    await("all bound by a", WAIT, () -> allBound(pods));

    assertTrue(a.isLeader());
    assertFalse(b.isLeader());
    assertTrue(b.allocator().isEmpty());
    assertEquals(0, cloudB.totalCalls(), "the standby made no cloud call");
    assertExactlyOneEniPerPodAndNoLeak(pods);
  }

  @Test
  void leaderThatStepsDown_handsOverAtOnce_andTheStandbyServesNewPods() {
    List<String> pods = burst();
    await("all bound by a", WAIT, () -> allBound(pods));

    a.close(); // releases the lease

    await("b leads", WAIT, () -> b.allocator().isPresent());
    cluster.deploymentPod("web-late", "web", "node2");
    List<String> all = new java.util.ArrayList<>(pods);
    all.add("web-late");
    await("web-late bound by b", WAIT, () -> allBound(all));
    assertExactlyOneEniPerPodAndNoLeak(all);
  }

  @ParameterizedTest(name = "killed at its cloud call {0}, after it took effect: {1}")
  @CsvSource({"1, false", "2, true", "8, false", "11, true", "16, true"})
  void leaderKilledMidBurst_standbyFinishes_everyPodHasExactlyOneEni_nothingLeaks(
      int killAt, boolean afterTheCall) {
    long[] killedAtMillis = {0};
    cloudA.arm(
        killAt,
        afterTheCall,
        () -> {
          killedAtMillis[0] = System.currentTimeMillis();
          aDead.set(true);
        });
    long createsBefore = cluster.cloud.callCount(CloudOperation.CREATE_NETWORK_INTERFACE);

    List<String> pods = burst();

    await("a killed", WAIT, cloudA::dead);
    await("b leads", WAIT, () -> b.allocator().isPresent());
    await("a knows it does not lead", WAIT, () -> !a.isLeader());
    long takeoverMillis = System.currentTimeMillis() - killedAtMillis[0];
    await("every pod bound", WAIT, () -> allBound(pods));
    long doneMillis = System.currentTimeMillis() - killedAtMillis[0];

    assertExactlyOneEniPerPodAndNoLeak(pods);
    long creates = cluster.cloud.callCount(CloudOperation.CREATE_NETWORK_INTERFACE) - createsBefore;
    log.info(
        "fail-over at a's call {} ({}): b led after {} ms, all {} pods bound after {} ms; "
            + "{} ENIs, {} CreateNetworkInterface calls (a {} calls, b {} calls)",
        killAt,
        cloudA.killedAt(),
        takeoverMillis,
        pods.size(),
        doneMillis,
        cluster.ourEnis().size(),
        creates,
        cloudA.totalCalls(),
        cloudB.totalCalls());
  }

  @ParameterizedTest(name = "killed at its cloud call {0} while pods go, after it took effect: {1}")
  @CsvSource({"1, false", "4, true", "8, true", "9, false"})
  void leaderKilledWhilePodsGo_standbyFinishesTheDetachesAndDeletes(
      int killAt, boolean afterTheCall) {
    List<String> pods = burst();
    await("all bound by a", WAIT, () -> allBound(pods));
    Map<String, String> enis = new HashMap<>();
    cluster.podEnis().forEach(r -> enis.put(r.metadata().name(), eniId(r)));
    cloudA.arm(killAt, afterTheCall, () -> aDead.set(true));
    List<String> gone = List.of("web-0", "web-1", "web-2", "web-3", "db-0", "db-1");
    List<String> staying = new java.util.ArrayList<>(pods);
    staying.removeAll(gone);

    gone.forEach(cluster::deletePod);

    await("a killed", WAIT, cloudA::dead);
    await("b leads", WAIT, () -> b.allocator().isPresent());
    await(
        "Elastic released, Fixed kept unbound",
        WAIT,
        () ->
            List.of("web-0", "web-1", "web-2", "web-3").stream()
                    .allMatch(p -> cluster.podEni(p).isEmpty())
                && List.of("db-0", "db-1").stream()
                    .allMatch(
                        p -> cluster.phase(p).equals(java.util.Optional.of(PodEniPhase.UNBIND))));
    Map<String, NetworkInterface> inCloud = cluster.ourEnis();
    for (String pod : List.of("web-0", "web-1", "web-2", "web-3")) {
      assertFalse(inCloud.containsKey(enis.get(pod)), "the ENI of " + pod + " is deleted");
    }
    for (String pod : List.of("db-0", "db-1")) {
      NetworkInterface kept = inCloud.get(enis.get(pod));
      assertEquals(NetworkInterfaceStatus.AVAILABLE, kept.status(), "the ENI of " + pod);
      assertEquals(enis.get(pod), eniId(cluster.podEni(pod).get()));
    }
    assertTrue(allBound(staying));
    Set<String> referenced = new HashSet<>();
    cluster.podEnis().forEach(r -> referenced.add(eniId(r)));
    assertEquals(referenced, inCloud.keySet(), "no ENI without a PodENI (leak)");
    log.info(
        "fail-over while pods go, at a's call {} ({}): {} ENIs left for {} PodENIs",
        killAt,
        cloudA.killedAt(),
        inCloud.size(),
        referenced.size());
  }

  private static String eniId(PodEni record) {
    return record.spec().allocations().get(0).eni().id();
  }

  private boolean allBound(List<String> pods) {
    Map<String, PodEniPhase> phases = new HashMap<>();
    for (PodEni record : cluster.podEnis()) {
      record.status().ifPresent(s -> phases.put(record.metadata().name(), s.phase()));
    }
    return pods.stream().allMatch(p -> phases.get(p) == PodEniPhase.BIND);
  }

  private void assertExactlyOneEniPerPodAndNoLeak(List<String> pods) {
    List<PodEni> records = cluster.podEnis();
    Map<String, NetworkInterface> enis = cluster.ourEnis();
    assertEquals(pods.size(), records.size(), "one PodENI per pod");
    Set<String> referenced = new HashSet<>();
    Set<String> addresses = new HashSet<>();
    for (PodEni record : records) {
      assertEquals(1, record.spec().allocations().size(), record.metadata().name());
      Allocation allocation = record.spec().allocations().get(0);
      String id = allocation.eni().id();
      assertTrue(referenced.add(id), "ENI " + id + " referenced twice");
      assertTrue(addresses.add(allocation.ipv4()), "address " + allocation.ipv4() + " twice");
      NetworkInterface eni = enis.get(id);
      assertTrue(eni != null, "ENI " + id + " of " + record.metadata().name() + " exists");
      assertEquals(NetworkInterfaceStatus.IN_USE, eni.status(), id);
      assertEquals(java.util.Optional.of(record.status().get().instanceID()), eni.instanceId(), id);
      assertEquals(
          java.util.Optional.of(record.status().get().trunkENIID()),
          eni.trunkNetworkInterfaceId(),
          id);
    }
    assertEquals(referenced, enis.keySet(), "no ENI without a PodENI (leak)");
  }
}
