package dev.terway4j.benchmarks;

import dev.terway4j.allocator.CloudCallStats;
import dev.terway4j.allocator.TrunkAllocator;
import dev.terway4j.allocator.Waiter;
import dev.terway4j.cloud.fake.FakeClock;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.CreateNetworkInterfaceRequest;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceAttachment;
import dev.terway4j.cloud.spi.NetworkInterfacePage;
import dev.terway4j.cloud.spi.NetworkInterfaceQuery;
import dev.terway4j.cloud.spi.VSwitch;
import dev.terway4j.model.Node;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The allocator's figures that are not a JMH throughput: (1) pods per second against the bound
 * Terway's default rate limits set (500 creates and 500 attaches per minute: 8.33 Elastic pods/s),
 * with 50-200 ms of latency on every cloud call, in real time, 32 workers; (2) cloud calls per
 * Elastic pod and per Fixed re-attach with a tick every 16 pods (2 s at the bound); (3) retained
 * heap per tracked pod.
 *
 * <p>Run (about 30 s): {@code mvn -B -q -pl terway-benchmarks -am package -DskipTests && java -cp
 * terway-benchmarks/target/benchmarks.jar dev.terway4j.benchmarks.AllocatorSimulation}
 */
public final class AllocatorSimulation {

  private AllocatorSimulation() {}

  /**
   * Runs the three measurements and prints their figures.
   *
   * @param args {@code --skip-real-time} skips the first, 20-second measurement
   * @throws Exception if a worker fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !args[0].equals("--skip-real-time")) {
      rateLimitBound();
    }
    callsPerPod();
    memoryPerPod();
  }

  // ------------------------------------------------------------------ (1)

  private static void rateLimitBound() throws Exception {
    int warmup = 560; // past the 500-call burst, so the window below is the sustained rate
    int measured = 125;
    Clock clock = Clock.systemUTC();
    AllocatorBenchCluster cluster = new AllocatorBenchCluster(10, 80, clock);
    CloudProvider slow = new LatentCloud(cluster.fake, new Random(1));
    TrunkAllocator allocator = cluster.allocator(slow, clock, Waiter.sleeping(), false);
    ExecutorService workers = Executors.newFixedThreadPool(32);
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    long[] windowStart = new long[1];
    Runnable ticker =
        () -> {
          while (done.get() < warmup + measured) {
            allocator.tick();
            Waiter.sleeping().await(Duration.ofSeconds(2));
          }
        };
    Future<?> ticks = Executors.newSingleThreadExecutor().submit(ticker);
    List<Future<?>> futures = new java.util.ArrayList<>();
    for (int w = 0; w < 32; w++) {
      futures.add(
          workers.submit(
              () -> {
                int i;
                while ((i = next.getAndIncrement()) < warmup + measured) {
                  Node node = cluster.nodes.get(i % cluster.nodes.size());
                  allocator.podScheduled(
                      AllocatorBenchCluster.pod("web", "web-" + i, "uid-" + i, node),
                      AllocatorBenchCluster.NAMESPACE,
                      node);
                  if (done.incrementAndGet() == warmup) {
                    windowStart[0] = System.nanoTime();
                  }
                }
                return null;
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    double seconds = (System.nanoTime() - windowStart[0]) / 1e9;
    ticks.get(10, TimeUnit.SECONDS);
    workers.shutdown();
    double podsPerSecond = measured / seconds;
    double bound = 500 / 60.0;
    System.out.printf(
        Locale.ROOT,
        "rate-limited throughput: %.2f pods/s over %d pods after %d (bound %.2f): %.1f%%%n",
        podsPerSecond,
        measured,
        warmup,
        bound,
        100 * podsPerSecond / bound);
  }

  // ------------------------------------------------------------------ (2)

  private static void callsPerPod() {
    FakeClock clock = new FakeClock();
    AllocatorBenchCluster cluster = new AllocatorBenchCluster(10, 300, clock);
    TrunkAllocator allocator = cluster.allocator(cluster.fake, clock, clock::advance, false);
    int pods = 1000;
    CloudCallStats before = allocator.callStats();
    for (int i = 0; i < pods; i++) {
      Node node = cluster.nodes.get(i % cluster.nodes.size());
      allocator.podScheduled(
          AllocatorBenchCluster.pod("web", "web-" + i, "uid-" + i, node),
          AllocatorBenchCluster.NAMESPACE,
          node);
      if (i % 16 == 15) {
        allocator.tick();
      }
    }
    allocator.tick();
    CloudCallStats elastic = allocator.callStats().minus(before);

    int fixed = 400;
    for (int i = 0; i < fixed; i++) {
      Node node = cluster.nodes.get(i % 5);
      allocator.podScheduled(
          AllocatorBenchCluster.pod("db", "db-" + i, "uid-db-" + i, node),
          AllocatorBenchCluster.NAMESPACE,
          node);
    }
    allocator.tick();
    for (int i = 0; i < fixed; i++) {
      allocator.podDeleted("bench", "db-" + i);
    }
    allocator.tick();
    CloudCallStats beforeReattach = allocator.callStats();
    for (int i = 0; i < fixed; i++) {
      Node node = cluster.nodes.get(5 + i % 5);
      allocator.podScheduled(
          AllocatorBenchCluster.pod("db", "db-" + i, "uid-db2-" + i, node),
          AllocatorBenchCluster.NAMESPACE,
          node);
      if (i % 16 == 15) {
        allocator.tick();
      }
    }
    allocator.tick();
    CloudCallStats reattach = allocator.callStats().minus(beforeReattach);
    System.out.printf(
        Locale.ROOT,
        "cloud calls per Elastic pod: %.3f (%s)%ncloud calls per Fixed re-attach: %.3f (%s)%n",
        elastic.totalCalls() / (double) pods,
        elastic.calls(),
        reattach.totalCalls() / (double) fixed,
        reattach.calls());
  }

  // ------------------------------------------------------------------ (3)

  private static void memoryPerPod() {
    int pods = 20_000;
    FakeClock clock = new FakeClock();
    AllocatorBenchCluster cluster = new AllocatorBenchCluster(40, 600, clock);
    TrunkAllocator allocator = cluster.allocator(cluster.fake, clock, clock::advance, true);
    for (int i = 0; i < pods; i++) {
      Node node = cluster.nodes.get(i % cluster.nodes.size());
      allocator.podScheduled(
          AllocatorBenchCluster.pod(i % 4 == 0 ? "db" : "web", "p-" + i, "uid-" + i, node),
          AllocatorBenchCluster.NAMESPACE,
          node);
      if (i % 500 == 499) {
        allocator.tick();
      }
    }
    allocator.tick();
    long with = usedHeap();
    int records = allocator.store().list().size();
    allocator = null; // the fake cloud stays: only the allocator's share is released
    long without = usedHeap();
    System.out.printf(
        Locale.ROOT,
        "retained heap per tracked pod: %.0f bytes (%d PodENI records, %.1f MiB in all)%n",
        (with - without) / (double) records,
        records,
        (with - without) / 1048576.0);
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    for (int i = 0; i < 5; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }

  /** A cloud with 50-200 ms of latency per call, spent for real by the calling thread. */
  private static final class LatentCloud implements CloudProvider {
    private final CloudProvider delegate;
    private final Random random;

    LatentCloud(CloudProvider delegate, Random random) {
      this.delegate = delegate;
      this.random = random;
    }

    private <T> T slow(Supplier<T> call) {
      long millis;
      synchronized (random) {
        millis = 50 + random.nextInt(151);
      }
      Waiter.sleeping().await(Duration.ofMillis(millis));
      return call.get();
    }

    @Override
    public String regionId() {
      return delegate.regionId();
    }

    @Override
    public List<InstanceType> describeInstanceTypes(Collection<String> ids) {
      return slow(() -> delegate.describeInstanceTypes(ids));
    }

    @Override
    public VSwitch describeVSwitch(String id) {
      return slow(() -> delegate.describeVSwitch(id));
    }

    @Override
    public NetworkInterface createNetworkInterface(CreateNetworkInterfaceRequest request) {
      return slow(() -> delegate.createNetworkInterface(request));
    }

    @Override
    public void attachNetworkInterface(NetworkInterfaceAttachment attachment) {
      slow(
          () -> {
            delegate.attachNetworkInterface(attachment);
            return null;
          });
    }

    @Override
    public void detachNetworkInterface(NetworkInterfaceAttachment attachment) {
      slow(
          () -> {
            delegate.detachNetworkInterface(attachment);
            return null;
          });
    }

    @Override
    public void deleteNetworkInterface(String id) {
      slow(
          () -> {
            delegate.deleteNetworkInterface(id);
            return null;
          });
    }

    @Override
    public NetworkInterfacePage describeNetworkInterfaces(NetworkInterfaceQuery query) {
      return slow(() -> delegate.describeNetworkInterfaces(query));
    }
  }
}
