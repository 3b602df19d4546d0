package dev.terway4j.benchmarks;

import dev.terway4j.model.KubernetesObject;
import dev.terway4j.model.ManifestException;
import dev.terway4j.model.Manifests;
import dev.terway4j.model.ReadOptions;
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
 * Reading PodNetworking manifests: the cost of the checked tree walk plus binding, per document;
 * and, in {@link WorstCase}, the hostile inputs of issue 13 near the 8 MiB limit, which must each
 * read (or be refused) in well under 2 s.
 *
 * <p>Run: {@code mvn -B -q -pl terway-benchmarks -am package -DskipTests && java -jar
 * terway-benchmarks/target/benchmarks.jar ManifestReadBenchmark -f 1 -wi 2 -i 3}
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

  /**
   * The worst inputs issue 13 found, each a single text within the default limits, read once per
   * operation; a refused one returns its {@link ManifestException}. Before the fixes, the long
   * scalar, comment and number took 13 to 20 s each (SnakeYAML's reader copied the token on every
   * 1,024 characters read) and the null list and nested keys exhausted a 256 MiB heap.
   */
  @State(Scope.Benchmark)
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 2, time = 2)
  @Measurement(iterations = 3, time = 2)
  @Fork(1)
  public static class WorstCase {

    /** Which hostile input. */
    @Param({
      "scalar8MiB",
      "quotedScalar8MiB",
      "comment8MiB",
      "number7M",
      "nulls1M",
      "nestedLongKeys80KB",
      "unknownFields8MiB",
      "flowNumbers8MiB",
      "taggedSkip8MiB",
      "podList8MiB"
    })
    public String input;

    private String text;

    /** Builds the text once. */
    @Setup
    public void setUp() {
      String ns = "kind: Namespace\napiVersion: v1\nmetadata:\n  name: ";
      int n = 8 * 1024 * 1024 - 200;
      text =
          switch (input) {
            case "scalar8MiB" -> ns + "a".repeat(n) + "\n";
            case "quotedScalar8MiB" -> ns + "\"" + "a".repeat(n) + "\"\n";
            case "comment8MiB" -> "# " + "c".repeat(n) + "\n" + ns + "a\n";
            case "number7M" -> ns + "a\n  uid: " + "1".repeat(7_000_000) + "\n";
            case "nulls1M" -> "[" + "null,".repeat(999_999) + "null]";
            case "nestedLongKeys80KB" -> nestedLongKeys();
            case "unknownFields8MiB" -> unknownFields(n);
            case "flowNumbers8MiB" -> "[" + "1,".repeat(n / 2) + "1]";
            case "taggedSkip8MiB" -> ns + "a\n  x: !custom [" + "1,".repeat(n / 2) + "1]\n";
            case "podList8MiB" -> podList(n);
            default -> throw new IllegalArgumentException(input);
          };
    }

    private static String nestedLongKeys() {
      StringBuilder sb =
          new StringBuilder("kind: Namespace\napiVersion: v1\nmetadata:\n  labels:\n");
      for (int i = 0; i < 60; i++) {
        sb.append("  ".repeat(i + 2)).append("k".repeat(1_000)).append(i).append(":\n");
      }
      return sb.append("  ".repeat(62))
          .append("x: [")
          .append("~,".repeat(8_000))
          .append("~]\n")
          .toString();
    }

    private static String unknownFields(int size) {
      StringBuilder sb =
          new StringBuilder(
              "apiVersion: network.alibabacloud.com/v1beta1\nkind: PodNetworking\n"
                  + "metadata: {name: a}\nspec:\n");
      for (int i = 0; sb.length() < size - 32; i++) {
        sb.append("  u").append(i).append(": 1\n");
      }
      return sb.toString();
    }

    /**
     * A {@code kubectl get pods -o yaml} List as a real cluster prints it (labels, annotations,
     * containers with env, ports, probes, resources and mounts, conditions and container statuses),
     * as many pods as fit: the accepted input that the node budget must not refuse.
     */
    private static String podList(int size) {
      StringBuilder sb = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
      for (int i = 0; ; i++) {
        String pod =
            """
            - apiVersion: v1
              kind: Pod
              metadata:
                name: web-7d9c6bd8f5-%1$05d
                namespace: shop
                uid: 6f1c2a8e-1b2f-4c57-9a53-%1$012d
                resourceVersion: "%1$d"
                creationTimestamp: "2026-11-30T08:15:42Z"
                generateName: web-7d9c6bd8f5-
                labels:
                  app.kubernetes.io/name: web
                  app.kubernetes.io/part-of: shop
                  pod-template-hash: 7d9c6bd8f5
                annotations:
                  k8s.aliyun.com/pod-networks: '[{"interfaceName":"eth0","network":"pn-web"}]'
                  kubectl.kubernetes.io/restartedAt: "2026-11-29T22:01:07Z"
                ownerReferences:
                - apiVersion: apps/v1
                  kind: ReplicaSet
                  name: web-7d9c6bd8f5
                  uid: 0d2b7e51-3f60-4f7a-8d1e-5c4b3a291f08
                  controller: true
                  blockOwnerDeletion: true
              spec:
                nodeName: cn-hangzhou.192.168.%2$d.%3$d
                serviceAccountName: web
                containers:
                - name: web
                  image: registry.cn-hangzhou.aliyuncs.com/shop/web:1.24.3
                  imagePullPolicy: IfNotPresent
                  ports:
                  - {containerPort: 8080, name: http, protocol: TCP}
                  env:
                  - {name: SHOP_DB_HOST, value: db.shop.svc.cluster.local}
                  - {name: SHOP_CACHE_TTL, value: "300"}
                  resources:
                    requests: {cpu: 250m, memory: 256Mi}
                    limits: {cpu: "1", memory: 512Mi}
                  readinessProbe:
                    httpGet: {path: /healthz, port: http}
                    periodSeconds: 10
                  volumeMounts:
                  - {mountPath: /var/run/secrets/kubernetes.io/serviceaccount, name: kube-api-access, readOnly: true}
                volumes:
                - name: kube-api-access
                  projected: {defaultMode: 420}
              status:
                phase: Running
                podIP: 192.168.%2$d.%4$d
                hostIP: 192.168.%2$d.%3$d
                conditions:
                - {type: Ready, status: "True", lastTransitionTime: "2026-11-30T08:16:02Z"}
                - {type: PodScheduled, status: "True", lastTransitionTime: "2026-11-30T08:15:42Z"}
                containerStatuses:
                - name: web
                  ready: true
                  restartCount: 0
                  image: registry.cn-hangzhou.aliyuncs.com/shop/web:1.24.3
                  started: true
            """
                .formatted(i, i % 250, 10 + i % 200, 20 + i % 230);
        if (sb.length() + pod.length() > size) {
          return sb.toString();
        }
        sb.append(pod);
      }
    }

    /** Reads the text strictly; a refusal is a result too. */
    @Benchmark
    public Object read() {
      try {
        return Manifests.read(text, ReadOptions.strictDefaults());
      } catch (ManifestException refused) {
        return refused;
      }
    }
  }
}
