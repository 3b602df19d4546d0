package dev.terway4j.benchmarks;

import dev.terway4j.allocator.AllocatorSettings;
import dev.terway4j.allocator.RateLimits;
import dev.terway4j.allocator.TrunkAllocator;
import dev.terway4j.allocator.Waiter;
import dev.terway4j.cloud.fake.FakeCloudProvider;
import dev.terway4j.cloud.fake.FakeTopology;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.ImmutablePodNetworkingSelector;
import dev.terway4j.model.ImmutablePodNetworkingSpec;
import dev.terway4j.model.ImmutablePodNetworkingStatus;
import dev.terway4j.model.ImmutablePodSpec;
import dev.terway4j.model.LabelSelector;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.NetworkingStatus;
import dev.terway4j.model.Node;
import dev.terway4j.model.ObjectMeta;
import dev.terway4j.model.OwnerReference;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.VSwitchZone;
import dev.terway4j.selector.PodNetworkingResolver;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cluster the allocator benchmarks run on: {@code nodes} trunk nodes in one zone of the fake
 * cloud, a /20 pod vSwitch, and two Ready PodNetworkings ({@code web}: Elastic, {@code db}: Fixed
 * Never). Not thread-safe to build; the allocator is.
 */
final class AllocatorBenchCluster {
  static final String ZONE = "cn-hangzhou-h";
  static final String VPC = "vpc-bench";
  static final Namespace NAMESPACE =
      Namespace.builder().metadata(ObjectMeta.named("bench")).build();

  final FakeCloudProvider fake;
  final List<Node> nodes = new ArrayList<>();
  final PodNetworkingResolver resolver;

  AllocatorBenchCluster(int nodeCount, int membersPerNode, Clock clock) {
    FakeTopology.Builder t =
        FakeTopology.builder()
            .zone(ZONE)
            .vpcId(VPC)
            .vSwitch("vsw-nodes", ZONE, "10.0.0.0/22")
            .vSwitch("vsw-pods1", ZONE, "10.1.0.0/16")
            .vSwitch("vsw-pods2", ZONE, "10.2.0.0/16")
            .securityGroup("sg-bench")
            .instanceType(InstanceType.trunk("ecs.bench", 3, membersPerNode));
    for (int i = 0; i < nodeCount; i++) {
      String instance = "i-bench" + i;
      String trunk = "eni-trunkbench" + i;
      t.node(
          "node" + i,
          n -> n.instanceId(instance).zone(ZONE).instanceType("ecs.bench").trunkEniId(trunk));
    }
    FakeTopology topology = t.build();
    nodes.addAll(topology.kubernetesNodes());
    fake = topology.cloudBuilder().clock(clock).callLogLimit(0).build();
    resolver =
        PodNetworkingResolver.of(
            List.of(
                podNetworking("web", AllocationType.elastic()),
                podNetworking("db", AllocationType.fixedNever())));
  }

  private static PodNetworking podNetworking(String app, AllocationType type) {
    return PodNetworking.builder()
        .metadata(ObjectMeta.named(app))
        .spec(
            ImmutablePodNetworkingSpec.builder()
                .allocationType(type)
                .selector(
                    ImmutablePodNetworkingSelector.builder()
                        .podSelector(LabelSelector.matchLabels(Map.of("app", app)))
                        .build())
                .addSecurityGroupIDs("sg-bench")
                .addVSwitchOptions("vsw-pods1", "vsw-pods2")
                .build())
        .status(
            ImmutablePodNetworkingStatus.builder()
                .status(NetworkingStatus.READY)
                .addVSwitches(VSwitchZone.of("vsw-pods1", ZONE), VSwitchZone.of("vsw-pods2", ZONE))
                .build())
        .build();
  }

  /** An allocator on this cluster; {@code unlimited} lifts the client-side rate limits. */
  TrunkAllocator allocator(CloudProvider cloud, Clock clock, Waiter waiter, boolean unlimited) {
    RateLimits limits = RateLimits.terwayDefaults();
    if (unlimited) {
      for (CloudOperation op : CloudOperation.values()) {
        limits = limits.with(op, Integer.MAX_VALUE / 2);
      }
    }
    return TrunkAllocator.builder(
            cloud, resolver, AllocatorSettings.builder("c-bench").rateLimits(limits).build())
        .clock(clock)
        .waiter(waiter)
        .build();
  }

  static Pod pod(String app, String name, String uid, Node node) {
    return Pod.builder()
        .metadata(
            ObjectMeta.builder()
                .namespace("bench")
                .name(name)
                .uid(uid)
                .putLabels("app", app)
                .addOwnerReferences(
                    OwnerReference.of(app.equals("db") ? "StatefulSet" : "ReplicaSet", app))
                .build())
        .spec(ImmutablePodSpec.builder().nodeName(node.metadata().name()).build())
        .build();
  }
}
