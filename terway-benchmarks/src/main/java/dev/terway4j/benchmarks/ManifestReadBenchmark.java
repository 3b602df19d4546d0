package dev.terway4j.benchmarks;

import dev.terway4j.model.KubernetesObject;
import dev.terway4j.model.Manifests;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading PodNetworking manifests: the cost of the checked tree walk plus binding, per document.
 *
 * <p>Run: {@code mvn -B -q -pl terway-benchmarks -am package -DskipTests && java -jar
 * terway-benchmarks/target/benchmarks.jar ManifestReadBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ManifestReadBenchmark {

  /** How many documents the text holds. */
  @Param({"1", "100"})
  public int documents;

  private String text;

  /** Builds the text once. */
  @Setup
  public void setUp() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < documents; i++) {
      sb.append("---\n")
          .append("apiVersion: network.alibabacloud.com/v1beta1\n")
          .append("kind: PodNetworking\n")
          .append("metadata: {name: pn-")
          .append(i)
          .append("}\n")
          .append("spec:\n")
          .append("  allocationType: {type: Fixed, releaseStrategy: TTL, releaseAfter: 1h}\n")
          .append("  selector:\n")
          .append("    podSelector: {matchLabels: {app: web-")
          .append(i)
          .append("}}\n")
          .append("  securityGroupIDs: [sg-bp1a]\n")
          .append("  vSwitchOptions: [vsw-bp1a, vsw-bp1b]\n");
    }
    text = sb.toString();
  }

  /** Reads every document. */
  @Benchmark
  public List<KubernetesObject> read() {
    return Manifests.read(text);
  }
}
