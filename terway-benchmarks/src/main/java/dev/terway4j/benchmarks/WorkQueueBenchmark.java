package dev.terway4j.benchmarks;

import dev.terway4j.allocator.loop.LoopClock;
import dev.terway4j.allocator.loop.PodKey;
import dev.terway4j.allocator.loop.SystemLoopClock;
import dev.terway4j.allocator.loop.WorkQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The work queue's throughput: the benchmark thread adds {@value #KEYS} distinct pod keys (each
 * added twice, so half the adds are deduplicated) and waits on a latch until a pool of {@code
 * workers} threads has taken and finished them all ({@code get}, optional CPU work, {@code done}).
 * One operation is one key processed, so the score is keys per second through the queue, with the
 * queue's lock shared by the producer and every worker.
 *
 * <p>{@code work} is the CPU work per key in JMH tokens ({@link Blackhole#consumeCPU}): 0 measures
 * the queue alone; 1,000 (a few microseconds) shows the pool spreading work across cores.
 *
 * <p>Run: {@code mvn -B -q -pl terway-benchmarks -am package -DskipTests && java -jar
 * terway-benchmarks/target/benchmarks.jar WorkQueueBenchmark -f 1 -wi 3 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class WorkQueueBenchmark {
  static final int KEYS = 1000;

  /** Worker threads: 1 (the controller's design before the pool) and Terway's 10. */
  @Param({"1", "4", "10"})
  public int workers;

  /** CPU work per key, in JMH tokens. */
  @Param({"0", "1000"})
  public int work;

  private SystemLoopClock clock;
  private WorkQueue<PodKey> queue;
  private final List<Thread> threads = new ArrayList<>();
  private final List<PodKey> keys = new ArrayList<>();
  private volatile CountDownLatch processed;

  /** Starts the queue and the workers. */
  @Setup(Level.Trial)
  public void setUp() {
    for (int i = 0; i < KEYS; i++) {
      keys.add(PodKey.of("bench", "pod-" + i));
    }
    clock = LoopClock.system();
    queue = WorkQueue.<PodKey>builder().clock(clock).build();
    for (int i = 0; i < workers; i++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  while (true) {
                    Optional<PodKey> key = queue.get();
                    if (key.isEmpty()) {
                      return;
                    }
                    if (work > 0) {
                      Blackhole.consumeCPU(work);
                    }
                    queue.done(key.get());
                    processed.countDown();
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "bench-worker-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  /** Stops the workers. */
  @TearDown(Level.Trial)
  public void tearDown() throws InterruptedException {
    queue.shutDownWithDrain();
    for (Thread t : threads) {
      t.join();
    }
    clock.close();
  }

  /**
   * Adds every key twice and waits until each was processed.
   *
   * @throws InterruptedException if interrupted
   */
  @Benchmark
  @OperationsPerInvocation(KEYS)
  public void addAndProcess() throws InterruptedException {
    CountDownLatch latch = new CountDownLatch(KEYS);
    processed = latch;
    for (PodKey key : keys) {
      queue.add(key);
      queue.add(key);
    }
    // A key re-added while processing would count twice; added twice before any get it is
    // queued once, and the latch only needs KEYS counts.
    latch.await();
    // Let stragglers (a key dirty when taken) finish before the next invocation's latch.
    while (!queue.idle()) {
      Thread.onSpinWait();
    }
  }
}
