package dev.terway4j.allocator.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.terway4j.cloud.fake.FakeClock;
import dev.terway4j.testkit.Gen;
import dev.terway4j.testkit.Gens;
import dev.terway4j.testkit.PropertyChecks;
import dev.terway4j.testkit.PropertyResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Many producers add keys to a {@link WorkQueue} while many workers take them, and workers also
 * re-add the key they hold (an update arriving while a pod is reconciled). Checked on every try: no
 * key is ever held by two workers at once, and no add is lost: every key whose add was accepted
 * after its last processing started is processed again (after {@code shutDown} adds are refused, as
 * client-go's are). Tickets from one counter order the events (taken before an add, after a get),
 * so the check needs no clock; the threads wait on latches, never sleep.
 */
@DisplayName("WorkQueue under concurrency (issue 15 item 1, issue 14 item 10)")
class WorkQueueProperties {
  private static final int MAX_THREADS = 8;
  private static final Duration DEADLOCK_BOUND = Duration.ofSeconds(60);
  private static ExecutorService pool;

  /**
   * A try.
   *
   * @param keys distinct keys
   * @param workers worker threads
   * @param producers each producer's adds, as key indexes
   * @param reAdds how many times a worker re-adds the key it holds, per key at most
   */
  record Plan(int keys, int workers, List<List<Integer>> producers, int reAdds) {}

  static final Gen<Plan> PLANS =
      Gens.integers(1, 12)
          .flatMap(
              keys ->
                  Gens.combine(
                      Gens.integers(2, MAX_THREADS),
                      Gens.integers(0, keys - 1).listOf(1, 80).listOf(1, 4),
                      Gens.integers(0, 3),
                      (workers, producers, reAdds) -> new Plan(keys, workers, producers, reAdds)));

  @BeforeAll
  static void startPool() {
    pool =
        Executors.newFixedThreadPool(
            2 * MAX_THREADS,
            r -> {
              Thread t = new Thread(r, "work-queue-property");
              t.setDaemon(true);
              return t;
            });
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void noKeyIsEverProcessedByTwoWorkers_andNoAddIsLost_issue15item1() {
    PropertyResult result = PropertyChecks.forAll(PLANS).withTries(200).checkThat(this::run);
    assertTrue(result.statistics().events("re-added while processing") > 0, "dirty path unused");
    assertTrue(result.statistics().events("contended gets") > 0, "no two workers ever raced");
  }

  private void run(Plan plan) throws Exception {
    FakeClock fake = new FakeClock();
    WorkQueue<PodKey> queue =
        WorkQueue.<PodKey>builder().clock(VirtualLoopClock.of(fake, fake::advance)).build();
    List<PodKey> keys = new ArrayList<>();
    for (int i = 0; i < plan.keys(); i++) {
      keys.add(PodKey.of("ns", "pod-" + i));
    }
    AtomicLong tickets = new AtomicLong();
    AtomicLongArray lastAdd = new AtomicLongArray(plan.keys()); // ticket before the last add began
    AtomicLongArray lastStart = new AtomicLongArray(plan.keys()); // ticket after the last get
    for (int i = 0; i < plan.keys(); i++) {
      lastAdd.set(i, -1);
      lastStart.set(i, -1);
    }
    Map<PodKey, String> holders = new ConcurrentHashMap<>();
    Map<PodKey, Integer> reAdded = new ConcurrentHashMap<>();
    List<String> violations = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtomicLong contended = new AtomicLong();
    AtomicLong dirtyReAdds = new AtomicLong();
    CountDownLatch go = new CountDownLatch(1);

    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < plan.workers(); w++) {
      String me = "worker-" + w;
      workers.add(
          pool.submit(
              () -> {
                go.await();
                while (true) {
                  Optional<PodKey> next = queue.get();
                  if (next.isEmpty()) {
                    return null;
                  }
                  PodKey key = next.get();
                  int index = keys.indexOf(key);
                  lastStart.accumulateAndGet(index, tickets.incrementAndGet(), Math::max);
                  String other = holders.putIfAbsent(key, me);
                  if (other != null) {
                    violations.add(key + " held by " + other + " and " + me);
                  }
                  if (queue.stats().processing() > 1) {
                    contended.incrementAndGet();
                  }
                  if (reAdded.merge(key, 1, Integer::sum) <= plan.reAdds()) {
                    long ticket = tickets.incrementAndGet();
                    // An add after shutDown is refused (client-go's rule): only accepted ones
                    // count.
                    if (queue.add(key)) {
                      lastAdd.accumulateAndGet(index, ticket, Math::max);
                      dirtyReAdds.incrementAndGet();
                    }
                  }
                  Thread.yield();
                  holders.remove(key, me);
                  queue.done(key);
                }
              }));
    }
    List<Future<?>> producers = new ArrayList<>();
    for (List<Integer> adds : plan.producers()) {
      producers.add(
          pool.submit(
              () -> {
                go.await();
                for (int index : adds) {
                  long ticket = tickets.incrementAndGet();
                  if (!queue.add(keys.get(index))) {
                    throw new AssertionError("an add before shutDown was refused");
                  }
                  lastAdd.accumulateAndGet(index, ticket, Math::max);
                }
                return null;
              }));
    }
    go.countDown();
    for (Future<?> p : producers) {
      join(p, queue);
    }
    // Adds are over; queued (and dirty) keys are still handed out after shutDown.
    queue.shutDown();
    for (Future<?> w : workers) {
      join(w, queue);
    }

    assertEquals(List.of(), violations, "a key was processed by two workers at once");
    for (int i = 0; i < plan.keys(); i++) {
      if (lastAdd.get(i) >= 0 && lastStart.get(i) < lastAdd.get(i)) {
        fail(
            keys.get(i)
                + " was added (ticket "
                + lastAdd.get(i)
                + ") after its last processing started (ticket "
                + lastStart.get(i)
                + ") and never processed again");
      }
    }
    WorkQueue.Stats stats = queue.stats();
    assertEquals(0, stats.processing());
    assertEquals(0, stats.queued());
    assertEquals(0, stats.trackedKeys(), "nothing kept for keys that are done");
    PropertyChecks.count("contended gets", contended.get());
    PropertyChecks.count("re-added while processing", dirtyReAdds.get());
  }

  private static void join(Future<?> future, WorkQueue<PodKey> queue) throws Exception {
    try {
      future.get(DEADLOCK_BOUND.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      fail("a thread did not finish within " + DEADLOCK_BOUND + " (deadlock?): " + queue.stats());
    }
  }
}
