package dev.terway4j.benchmarks;

import dev.terway4j.allocator.TrunkAllocator;
import dev.terway4j.cloud.fake.FakeClock;
import dev.terway4j.cloud.fake.FakeCloudProvider;
import dev.terway4j.cloud.spi.CreateNetworkInterfaceRequest;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceAttachment;
import dev.terway4j.model.Node;
import dev.terway4j.model.Pod;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The allocator's own cost: one Elastic pod allocated and released (resolve, vSwitch pick, create,
 * attach, record, batched describe to Bind, detach, describe, delete, record removed) per
 * operation, on a zero-latency fake cloud with the client-side rate limits lifted, on one thread.
 * The fake's own work (its lock, address pools, ids, views) is included, so this is a lower bound
 * of the allocator's throughput per core. {@link #fakeCloudCallsAlone} is that share alone.
 *
 * <p>Run: {@code mvn -B -q -pl terway-benchmarks -am package -DskipTests && java -jar
 * terway-benchmarks/target/benchmarks.jar AllocatorBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Five warm-up rounds: the allocator's path is long, and on a busy machine C2 is still compiling it
// after three.
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class AllocatorBenchmark {

  /** How many pods each node already holds while the measured pod comes and goes. */
  @Param({"0", "50"})
  public int background;

  private TrunkAllocator allocator;
  private FakeCloudProvider fake;
  private Node node;
  private long sequence;

  /** Builds the cluster and the background pods. */
  @Setup(Level.Trial)
  public void setUp() {
    FakeClock clock = new FakeClock();
    AllocatorBenchCluster cluster = new AllocatorBenchCluster(4, 200, clock);
    allocator = cluster.allocator(cluster.fake, clock, clock::advance, true);
    node = cluster.nodes.get(0);
    fake = cluster.fake;
    for (Node n : cluster.nodes) {
      for (int i = 0; i < background; i++) {
        String name = "bg-" + n.metadata().name() + "-" + i;
        allocator.podScheduled(
            AllocatorBenchCluster.pod("web", name, "uid-" + name, n),
            AllocatorBenchCluster.NAMESPACE,
            n);
      }
    }
    allocator.tick();
  }

  /**
   * Allocates one Elastic pod, binds it, releases it.
   *
   * @return the allocator, so nothing is optimised away
   */
  @Benchmark
  public Object allocateAndRelease() {
    long n = sequence++;
    String name = "web-" + n;
    Pod pod = AllocatorBenchCluster.pod("web", name, "uid-" + n, node);
    allocator.podScheduled(pod, AllocatorBenchCluster.NAMESPACE, node);
    allocator.tick();
    allocator.podDeleted("bench", name);
    allocator.tick();
    return allocator;
  }

  /**
   * The baseline: the same six cloud calls sent straight to the fake (create, attach, describe,
   * detach, describe, delete), without the allocator.
   *
   * @return the ENI, so nothing is optimised away
   */
  @Benchmark
  public Object fakeCloudCallsAlone() {
    NetworkInterface eni =
        fake.createNetworkInterface(
            CreateNetworkInterfaceRequest.builder()
                .vSwitchId("vsw-pods1")
                .securityGroupIds("sg-bench")
                .tag("ack.aliyun.com", "c-bench")
                .tag("creator", "terway-controller")
                .clientToken("t-" + sequence++)
                .build());
    NetworkInterfaceAttachment attachment =
        NetworkInterfaceAttachment.member(eni.id(), "i-bench0", "eni-trunkbench0");
    fake.attachNetworkInterface(attachment);
    fake.describeNetworkInterface(eni.id());
    fake.detachNetworkInterface(attachment);
    fake.describeNetworkInterface(eni.id());
    fake.deleteNetworkInterface(eni.id());
    return eni;
  }
}
