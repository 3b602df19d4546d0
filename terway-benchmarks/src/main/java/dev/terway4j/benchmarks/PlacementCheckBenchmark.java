package dev.terway4j.benchmarks;

import dev.terway4j.allocator.placement.MemberEniLimits;
import dev.terway4j.allocator.placement.NodeCapacityView;
import dev.terway4j.allocator.placement.PlacementAdvisor;
import dev.terway4j.allocator.placement.PlacementDecision;
import dev.terway4j.allocator.placement.PodEniLedger;
import dev.terway4j.allocator.placement.VSwitchAvailability;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.cloud.spi.VSwitch;
import dev.terway4j.model.Allocation;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.Annotations;
import dev.terway4j.model.ImmutablePodNetworkingSpec;
import dev.terway4j.model.ImmutablePodNetworkingStatus;
import dev.terway4j.model.ImmutablePodSpec;
import dev.terway4j.model.LabelSelector;
import dev.terway4j.model.Labels;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.NetworkingStatus;
import dev.terway4j.model.Node;
import dev.terway4j.model.NodeSpec;
import dev.terway4j.model.ObjectMeta;
import dev.terway4j.model.OwnerReference;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.PodEniSpec;
import dev.terway4j.model.PodEniStatus;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.PodNetworkingSelector;
import dev.terway4j.model.VSwitchZone;
import dev.terway4j.selector.PodNetworkingResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * One placement check ({@link PlacementAdvisor#check}), the call a scheduler filter makes per node
 * per pod, from snapshots as a scheduler in another process has them: PodENI records in a {@link
 * PodEniLedger} (100 to 10,000, spread over 1,000 nodes), 100 PodNetworkings with two vSwitches
 * each, a vSwitch snapshot and a table of instance-type limits. {@code newPod} resolves a pod and
 * checks zones, vSwitches and slots; {@code keptFixedPod} checks a returning Fixed pod against its
 * kept PodENI.
 *
 * <p>Run: {@code mvn -B -q -pl terway-benchmarks -am package -DskipTests && java -jar
 * terway-benchmarks/target/benchmarks.jar PlacementCheckBenchmark -f 1 -wi 3 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PlacementCheckBenchmark {

  /** How many PodENI records the ledger holds. */
  @Param({"100", "10000"})
  public int podEnis;

  private static final int NODES = 1000;
  private static final int POD_NETWORKINGS = 100;
  private static final List<String> ZONES = List.of("cn-hangzhou-h", "cn-hangzhou-i");

  private PlacementAdvisor advisor;
  private Namespace namespace;
  private Pod newPod;
  private Pod keptPod;
  private Node node;

  /** Builds the snapshots. */
  @Setup
  public void setUp() {
    List<PodNetworking> pns = new ArrayList<>();
    List<VSwitch> vSwitches = new ArrayList<>();
    for (int i = 0; i < POD_NETWORKINGS; i++) {
      ImmutablePodNetworkingSpec.Builder spec =
          ImmutablePodNetworkingSpec.builder()
              .allocationType(i % 10 == 0 ? AllocationType.fixedNever() : AllocationType.elastic())
              .selector(
                  PodNetworkingSelector.builder()
                      .podSelector(LabelSelector.matchLabels(Map.of("app", "app" + i)))
                      .build())
              .addSecurityGroupIDs("sg-web");
      ImmutablePodNetworkingStatus.Builder status =
          ImmutablePodNetworkingStatus.builder().status(NetworkingStatus.READY);
      for (String zone : ZONES) {
        String id = "vsw-" + i + zone.charAt(zone.length() - 1);
        spec.addVSwitchOptions(id);
        status.addVSwitches(VSwitchZone.of(id, zone));
        vSwitches.add(new VSwitch(id, "vpc-bench", zone, "10.0.0.0/24", Optional.empty(), 100));
      }
      pns.add(
          PodNetworking.builder()
              .metadata(ObjectMeta.named("pn-" + i))
              .spec(spec.build())
              .status(status.build())
              .build());
    }
    List<PodEni> records = new ArrayList<>();
    for (int i = 0; i < podEnis; i++) {
      records.add(
          record("pod-" + i, i % 10 == 0, i % 10 == 0 && i % 3 == 0 ? "" : "i-node" + (i % NODES)));
    }
    records.add(record("app0-0", true, ""));
    PodEniLedger ledger = PodEniLedger.of(records);
    advisor =
        PlacementAdvisor.builder(PodNetworkingResolver.of(pns))
            .podEnis(ledger)
            .capacity(
                NodeCapacityView.of(
                    ledger, MemberEniLimits.of(List.of(InstanceType.trunk("ecs.g7.large", 3, 12)))))
            .vSwitches(VSwitchAvailability.of(vSwitches))
            .build();
    namespace = Namespace.builder().metadata(ObjectMeta.builder().name("apps").build()).build();
    newPod = pod("app7-3", "app7", "ReplicaSet");
    keptPod = pod("app0-0", "app0", "StatefulSet");
    node =
        Node.builder()
            .metadata(
                ObjectMeta.builder()
                    .name("node42")
                    .putLabels(Labels.ZONE, ZONES.get(0))
                    .putLabels(Labels.INSTANCE_TYPE, "ecs.g7.large")
                    .putAnnotations(Annotations.TRUNK_ON, "eni-trunk42")
                    .build())
            .spec(NodeSpec.builder().providerID("cn-hangzhou.i-node42").build())
            .build();
  }

  private static PodEni record(String name, boolean fixed, String instanceId) {
    return PodEni.builder()
        .metadata(ObjectMeta.named("apps", name))
        .spec(
            PodEniSpec.builder()
                .zone(ZONES.get(0))
                .addAllocations(
                    Allocation.builder()
                        .allocationType(
                            fixed ? AllocationType.fixedNever() : AllocationType.elastic())
                        .build())
                .build())
        .status(
            PodEniStatus.builder()
                .phase(instanceId.isEmpty() ? PodEniPhase.UNBIND : PodEniPhase.BIND)
                .instanceID(instanceId)
                .build())
        .build();
  }

  private static Pod pod(String name, String app, String ownerKind) {
    return Pod.builder()
        .metadata(
            ObjectMeta.builder()
                .namespace("apps")
                .name(name)
                .uid("uid-" + name)
                .putLabels("app", app)
                .putLabels("pod-template-hash", "5d8f")
                .addOwnerReferences(OwnerReference.of(ownerKind, "owner"))
                .build())
        .spec(ImmutablePodSpec.builder().build())
        .build();
  }

  /** A pod that needs a new ENI: resolution, zones, vSwitches, slots. */
  @Benchmark
  public PlacementDecision newPod() {
    return advisor.check(newPod, namespace, node);
  }

  /** A Fixed pod coming back to its kept ENI: kept zone and slots. */
  @Benchmark
  public PlacementDecision keptFixedPod() {
    return advisor.check(keptPod, namespace, node);
  }
}
