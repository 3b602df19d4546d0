package dev.terway4j.allocator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.model.AllocationType;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.VSwitchSelectionPolicy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many pods allocated and released from 8 threads at once, ticks running alongside. */
class ConcurrencyTest {

  @Test
  void eightThreads_allocateAndRelease_withoutDoubleAssignmentLostUpdatesOrDeadlock()
      throws Exception {
    AllocatorFixture f = new AllocatorFixture(150, "10.0.1.0/24", 7);
    Namespace ns = AllocatorFixture.namespace("apps", Map.of());
    f.apply(
        AllocatorFixture.podNetworking(
            "web",
            AllocationType.elastic(),
            Map.of("app", "web"),
            List.of("vsw-h1", "vsw-h2"),
            VSwitchSelectionPolicy.MOST,
            "sg-web"));
    f.apply(
        AllocatorFixture.podNetworking(
            "db",
            AllocationType.fixedNever(),
            Map.of("app", "db"),
            List.of("vsw-h2"),
            VSwitchSelectionPolicy.ORDERED,
            "sg-db"));
    List<Node> nodes = List.of(AllocatorFixture.NODE1, AllocatorFixture.NODE2);
    int threads = 8;
    int podsPerThread = 30;
    ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
    CountDownLatch start = new CountDownLatch(1);
    ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    List<Future<?>> work = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      work.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < podsPerThread; i++) {
                  boolean fixed = i % 3 == 0;
                  String name = (fixed ? "db-" : "web-") + thread + "-" + i;
                  Node node = nodes.get((thread + i) % 2);
                  var pod =
                      fixed
                          ? f.statefulPod("apps", name, Map.of("app", "db"), node)
                          : f.deploymentPod("apps", name, Map.of("app", "web"), node);
                  try {
                    f.allocator.podScheduled(pod, ns, node);
                    if (i % 2 == 1) {
                      f.allocator.podDeleted("apps", name);
                    }
                  } catch (AllocationException e) {
                    if (e.reason() != AllocationException.Reason.NODE_CAPACITY_FULL) {
                      unexpected.add(e);
                    }
                  }
                }
                return null;
              }));
    }
    Future<?> ticker =
        pool.submit(
            () -> {
              start.await();
              for (int i = 0; i < 200; i++) {
                f.allocator.tick();
              }
              return null;
            });
    start.countDown();
    for (Future<?> w : work) {
      w.get(60, TimeUnit.SECONDS); // a deadlock would end here, not hang the build
    }
    ticker.get(60, TimeUnit.SECONDS);
    pool.shutdown();
    f.settle();

    assertTrue(unexpected.isEmpty(), unexpected.toString());
    List<PodEni> records = f.store.list();
    Set<String> enis = new HashSet<>();
    Set<String> ips = new HashSet<>();
    Map<String, Integer> perInstance = new java.util.HashMap<>();
    for (PodEni r : records) {
      var a = r.spec().allocations().get(0);
      assertTrue(enis.add(a.eni().id()), "ENI held twice: " + a.eni().id());
      assertTrue(ips.add(a.ipv4()), "IP held twice: " + a.ipv4());
      PodEniPhase phase = r.status().orElseThrow().phase();
      assertTrue(phase == PodEniPhase.BIND || phase == PodEniPhase.UNBIND, phase.toString());
      String instance = r.status().orElseThrow().instanceID();
      if (!instance.isEmpty()) {
        perInstance.merge(instance, 1, Integer::sum);
      }
    }
    for (String instance : List.of("i-node1", "i-node2")) {
      assertEquals(
          perInstance.getOrDefault(instance, 0), f.allocator.capacity().used(instance), instance);
      assertTrue(f.allocator.capacity().used(instance) <= 150);
    }
    assertEquals(
        new HashSet<>(f.ourEniIds()), enis, "every ENI in the cloud is recorded, and back");
    // Kept: every Fixed pod; bound: every pod not deleted.
    long expectedRecords = 0;
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < podsPerThread; i++) {
        if (i % 3 == 0 || i % 2 == 0) {
          expectedRecords++;
        }
      }
    }
    assertEquals(expectedRecords, records.size());
  }
}
