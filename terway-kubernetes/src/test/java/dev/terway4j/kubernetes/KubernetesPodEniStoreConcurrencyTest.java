package dev.terway4j.kubernetes;

import static dev.terway4j.kubernetes.PodEniFixtures.bound;
import static dev.terway4j.kubernetes.PodEniFixtures.withLabel;
import static dev.terway4j.kubernetes.PodEniFixtures.withPhase;
import static dev.terway4j.kubernetes.PodEniFixtures.withoutServerFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrent writers of the same PodENI resources, each with its own store (as separate processes
 * would), on fabric8's mock API server: conflicting writes are refused, never lost; writes that can
 * be merged all land.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesPodEniStoreConcurrencyTest {

  KubernetesClient client;
  private ExecutorService threads;

  @BeforeEach
  void setUp() {
    PodEniFixtures.installCrds(client);
    threads = Executors.newFixedThreadPool(8);
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    threads.shutdownNow();
    assertTrue(threads.awaitTermination(10, TimeUnit.SECONDS));
  }

  @Test
  void twoWritersOfDifferentStatuses_fromTheSameVersion_exactlyOneWins_everyRound()
      throws Exception {
    KubernetesPodEniStore.create(client).put(bound("apps", "web-0"));
    KubernetesPodEniStore a = KubernetesPodEniStore.create(client);
    KubernetesPodEniStore b = KubernetesPodEniStore.create(client);
    PodEniPhase[] phases = {PodEniPhase.DETACHING, PodEniPhase.DELETING};

    for (int round = 0; round < 15; round++) {
      PodEni fromA = a.get("apps", "web-0").orElseThrow();
      PodEni fromB = b.get("apps", "web-0").orElseThrow();
      assertEquals(fromA.metadata().resourceVersion(), fromB.metadata().resourceVersion());
      CyclicBarrier start = new CyclicBarrier(2);
      Future<PodEniPhase> ra = threads.submit(write(start, a, fromA, phases[0]));
      Future<PodEniPhase> rb = threads.submit(write(start, b, fromB, phases[1]));
      PodEniPhase wonA = ra.get(10, TimeUnit.SECONDS);
      PodEniPhase wonB = rb.get(10, TimeUnit.SECONDS);

      assertTrue((wonA == null) != (wonB == null), "round " + round + ": " + wonA + " and " + wonB);
      PodEniPhase winner = wonA != null ? wonA : wonB;
      PodEniPhase onServer =
          KubernetesPodEniStore.create(client).get("apps", "web-0").get().status().get().phase();
      assertEquals(winner, onServer, "round " + round + ": the winner's write is what is kept");
      // Next round starts from the other phase so that both writes are changes again.
      KubernetesPodEniStore.create(client)
          .put(
              withPhase(
                  KubernetesPodEniStore.create(client).get("apps", "web-0").get(),
                  PodEniPhase.BIND));
    }
  }

  /** Returns the phase written, or null when refused with a conflict. */
  private static Callable<PodEniPhase> write(
      CyclicBarrier start, KubernetesPodEniStore store, PodEni base, PodEniPhase phase) {
    return () -> {
      start.await(10, TimeUnit.SECONDS);
      try {
        store.put(withPhase(base, phase));
        return phase;
      } catch (PodEniStoreException e) {
        assertEquals(PodEniStoreException.Reason.CONFLICT, e.reason(), e.getMessage());
        return null;
      }
    };
  }

  @Test
  void writersOfTheirOwnLabels_onOneRecord_allLand_withoutConflicts() throws Exception {
    KubernetesPodEniStore.create(client).put(bound("apps", "web-0"));
    int writers = 6;
    int rounds = 5;
    CyclicBarrier start = new CyclicBarrier(writers);
    List<Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      done.add(
          threads.submit(
              () -> {
                KubernetesPodEniStore store = KubernetesPodEniStore.create(client);
                start.await(10, TimeUnit.SECONDS);
                for (int r = 0; r < rounds; r++) {
                  PodEni read = store.get("apps", "web-0").orElseThrow();
                  store.put(withLabel(read, "writer-" + writer, "round-" + r));
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS); // throws if any put failed
    }

    Map<String, String> labels =
        KubernetesPodEniStore.create(client).get("apps", "web-0").get().metadata().labels();
    for (int w = 0; w < writers; w++) {
      assertEquals("round-" + (rounds - 1), labels.get("writer-" + w), labels.toString());
    }
  }

  @Test
  void oneStore_sharedByThreads_onDifferentPods_writesEveryRecord() throws Exception {
    KubernetesPodEniStore store = KubernetesPodEniStore.create(client);
    int pods = 24;
    List<Future<?>> done = new ArrayList<>();
    for (int p = 0; p < pods; p++) {
      String name = "web-" + p;
      done.add(
          threads.submit(
              () -> {
                store.put(bound("apps", name));
                PodEni read = store.get("apps", name).orElseThrow();
                store.put(withPhase(read, PodEniPhase.UNBIND));
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }

    List<PodEni> records = store.list();
    assertEquals(pods, records.size());
    for (PodEni record : records) {
      assertEquals(
          withPhase(bound("apps", record.metadata().name()), PodEniPhase.UNBIND),
          withoutServerFields(record));
    }
  }
}
