package dev.terway4j.benchmarks;

import dev.terway4j.model.AllocationType;
import dev.terway4j.model.ImmutablePodNetworkingSelector;
import dev.terway4j.model.ImmutablePodNetworkingSpec;
import dev.terway4j.model.ImmutablePodNetworkingStatus;
import dev.terway4j.model.IpAllocationType;
import dev.terway4j.model.LabelSelector;
import dev.terway4j.model.LabelSelectorOperator;
import dev.terway4j.model.LabelSelectorRequirement;
import dev.terway4j.model.NetworkingStatus;
import dev.terway4j.model.ObjectMeta;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.VSwitchZone;
import dev.terway4j.selector.PodNetworkingResolver;
import dev.terway4j.selector.Resolution;
import io.kubernetes.client.util.labels.EqualityMatcher;
import io.kubernetes.client.util.labels.LabelMatcher;
import io.kubernetes.client.util.labels.SetMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
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
 * Resolving a pod to its PodNetworking: the indexed {@link PodNetworkingResolver} against a linear
 * scan that applies the same rules with the official Kubernetes Java client's label matchers
 * ({@code io.kubernetes.client.util.labels}: {@code LabelSelector.and(...)} of {@code
 * EqualityMatcher} and {@code SetMatcher}), at 10 to 10,000 PodNetworkings.
 *
 * <p>The PodNetworkings look like a real cluster's: most select one workload by {@code app} (and
 * {@code tier}) within a team's namespaces, some with {@code in}/{@code notin} expressions, some
 * select a whole team's namespaces, a tenth are Fixed, and two cluster-wide ones select with only
 * {@code notin}/{@code !} (the resolver's fallback list). Pods carry five labels (app, tier, env,
 * version, pod-template-hash), namespaces two; 1,024 pods are cycled through.
 *
 * <p>Run: {@code mvn -B -q -pl terway-benchmarks -am package -DskipTests && java -jar
 * terway-benchmarks/target/benchmarks.jar SelectorResolverBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SelectorResolverBenchmark {

  /** How many PodNetworkings there are. */
  @Param({"10", "100", "1000", "10000"})
  public int podNetworkings;

  private static final int PODS = 1024;

  private PodNetworkingResolver resolver;
  private List<PeerEntry> peer;
  private List<Map<String, String>> podLabels;
  private List<Map<String, String>> namespaceLabels;
  private boolean[] fixedName;
  private int next;

  /** One PodNetworking as the peer sees it: the client's matchers, null when not set. */
  private record PeerEntry(
      String name,
      boolean ready,
      boolean fixed,
      io.kubernetes.client.util.labels.LabelSelector pod,
      io.kubernetes.client.util.labels.LabelSelector namespace) {}

  /** Builds the PodNetworkings, both resolvers and the pods once. */
  @Setup
  public void setUp() {
    Random random = new Random(42);
    int teams = Math.max(1, podNetworkings / 20);
    List<PodNetworking> pns = new ArrayList<>();
    for (int i = 0; i < podNetworkings; i++) {
      LabelSelector pod = null;
      LabelSelector ns = null;
      String team = "team-" + (i % teams);
      switch (i % 10) {
        case 0:
        case 1:
          pod =
              LabelSelector.builder()
                  .addMatchExpressions(
                      LabelSelectorRequirement.of(
                          "app", LabelSelectorOperator.IN, "app-" + i, "app-" + i + "-canary"))
                  .addMatchExpressions(
                      LabelSelectorRequirement.of("env", LabelSelectorOperator.NOT_IN, "dev"))
                  .build();
          break;
        case 2:
          ns = LabelSelector.matchLabels(Map.of("team", team, "tier", "t-" + i));
          break;
        default:
          pod = LabelSelector.matchLabels(Map.of("app", "app-" + i, "tier", "front"));
          ns = LabelSelector.matchLabels(Map.of("team", team));
          break;
      }
      pns.add(podNetworking("pn-" + i, pod, ns, i % 10 == 9));
    }
    // Two cluster-wide PodNetworkings with no equality: the resolver's fallback list.
    pns.add(
        podNetworking(
            "zz-no-spot",
            LabelSelector.builder()
                .addMatchExpressions(
                    LabelSelectorRequirement.of("spot", LabelSelectorOperator.EXISTS))
                .addMatchExpressions(
                    LabelSelectorRequirement.of("env", LabelSelectorOperator.NOT_IN, "prod"))
                .build(),
            null,
            false));
    pns.add(
        podNetworking(
            "zz-sandbox",
            null,
            LabelSelector.builder()
                .addMatchExpressions(
                    LabelSelectorRequirement.of(
                        "kubernetes.io/metadata.name", LabelSelectorOperator.NOT_IN, "default"))
                .addMatchExpressions(
                    LabelSelectorRequirement.of("sandbox", LabelSelectorOperator.DOES_NOT_EXIST))
                .build(),
            false));
    resolver = PodNetworkingResolver.of(pns);
    peer = new ArrayList<>();
    for (PodNetworking pn : pns) {
      peer.add(
          new PeerEntry(
              pn.metadata().name(),
              pn.ready(),
              pn.spec().allocationType().type() == IpAllocationType.FIXED,
              pn.spec().selector().podSelector().map(SelectorResolverBenchmark::peer).orElse(null),
              pn.spec()
                  .selector()
                  .namespaceSelector()
                  .map(SelectorResolverBenchmark::peer)
                  .orElse(null)));
    }
    podLabels = new ArrayList<>();
    namespaceLabels = new ArrayList<>();
    fixedName = new boolean[PODS];
    for (int p = 0; p < PODS; p++) {
      int i = random.nextInt(podNetworkings);
      Map<String, String> labels = new LinkedHashMap<>();
      labels.put("app", "app-" + i);
      labels.put("tier", "front");
      labels.put("env", random.nextBoolean() ? "prod" : "staging");
      labels.put("version", "v" + random.nextInt(3));
      labels.put("pod-template-hash", Integer.toHexString(random.nextInt()));
      podLabels.add(Map.copyOf(labels));
      namespaceLabels.add(
          Map.of(
              "team", "team-" + (i % teams),
              "kubernetes.io/metadata.name", "ns-" + random.nextInt(100)));
      fixedName[p] = random.nextInt(4) == 0;
    }
    // Both sides must do the same work: refuse to measure if they disagree on any pod.
    for (int p = 0; p < PODS; p++) {
      String ours = indexed().winner().map(pn -> pn.metadata().name()).orElse(null);
      next--;
      String theirs = linearKubernetesClient();
      if (!java.util.Objects.equals(ours, theirs)) {
        throw new IllegalStateException(
            "resolvers disagree on pod " + p + ": " + ours + " vs " + theirs);
      }
    }
    next = 0;
  }

  private static PodNetworking podNetworking(
      String name, LabelSelector pod, LabelSelector ns, boolean fixed) {
    return PodNetworking.builder()
        .metadata(ObjectMeta.named(name))
        .spec(
            ImmutablePodNetworkingSpec.builder()
                .selector(
                    ImmutablePodNetworkingSelector.builder()
                        .podSelector(Optional.ofNullable(pod))
                        .namespaceSelector(Optional.ofNullable(ns))
                        .build())
                .allocationType(fixed ? AllocationType.fixedNever() : AllocationType.elastic())
                .addVSwitchOptions("vsw-a")
                .addSecurityGroupIDs("sg-a")
                .build())
        .status(
            ImmutablePodNetworkingStatus.builder()
                .status(NetworkingStatus.READY)
                .addVSwitches(VSwitchZone.of("vsw-a", "cn-hangzhou-k"))
                .build())
        .build();
  }

  // The same selector with the client's matchers; {} is LabelSelector.empty().
  private static io.kubernetes.client.util.labels.LabelSelector peer(LabelSelector selector) {
    List<LabelMatcher> matchers = new ArrayList<>();
    selector.matchLabels().forEach((k, v) -> matchers.add(EqualityMatcher.equal(k, v)));
    for (LabelSelectorRequirement r : selector.matchExpressions()) {
      String[] values = r.values().toArray(new String[0]);
      switch (r.operator()) {
        case IN:
          matchers.add(SetMatcher.in(r.key(), values));
          break;
        case NOT_IN:
          matchers.add(SetMatcher.notIn(r.key(), values));
          break;
        case EXISTS:
          matchers.add(SetMatcher.exists(r.key()));
          break;
        default:
          matchers.add(SetMatcher.notExists(r.key()));
          break;
      }
    }
    return matchers.isEmpty()
        ? io.kubernetes.client.util.labels.LabelSelector.empty()
        : io.kubernetes.client.util.labels.LabelSelector.and(matchers.toArray(new LabelMatcher[0]));
  }

  /** The indexed resolver of this library. */
  @Benchmark
  public Resolution indexed() {
    int p = next++ & (PODS - 1);
    return resolver.resolve(podLabels.get(p), namespaceLabels.get(p), fixedName[p]);
  }

  /** A linear scan with the Kubernetes Java client's matchers, same rules, lowest name wins. */
  @Benchmark
  public String linearKubernetesClient() {
    int p = next++ & (PODS - 1);
    Map<String, String> pod = podLabels.get(p);
    Map<String, String> ns = namespaceLabels.get(p);
    String winner = null;
    for (PeerEntry e : peer) {
      if (!e.ready()
          || (e.fixed() && !fixedName[p])
          || (e.pod() == null && e.namespace() == null)) {
        continue;
      }
      if ((e.pod() == null || e.pod().test(pod))
          && (e.namespace() == null || e.namespace().test(ns))) {
        if (winner == null || e.name().compareTo(winner) < 0) {
          winner = e.name();
        }
      }
    }
    return winner;
  }
}
