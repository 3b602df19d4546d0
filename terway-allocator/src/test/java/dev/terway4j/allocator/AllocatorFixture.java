package dev.terway4j.allocator;

import dev.terway4j.cloud.fake.FakeClock;
import dev.terway4j.cloud.fake.FakeCloudProvider;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.Annotations;
import dev.terway4j.model.ImmutableNode;
import dev.terway4j.model.ImmutablePodNetworkingSelector;
import dev.terway4j.model.ImmutablePodNetworkingSpec;
import dev.terway4j.model.ImmutablePodSpec;
import dev.terway4j.model.LabelSelector;
import dev.terway4j.model.Labels;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.ObjectMeta;
import dev.terway4j.model.OwnerReference;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.VSwitchSelectOptions;
import dev.terway4j.model.VSwitchSelectionPolicy;
import dev.terway4j.selector.PodNetworkingResolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A small cluster on the fake cloud: two zones, three trunk nodes, pod vSwitches and security
 * groups, and an allocator wired to it in virtual time, through one of the {@link Backend}s. Not
 * thread-safe to configure; the allocator it builds is. {@link #close()} stops what the backend
 * started.
 */
final class AllocatorFixture implements AutoCloseable {

  /** How the allocator reaches the fake cloud. */
  enum Backend {
    /** The fake itself, as a {@link dev.terway4j.cloud.spi.CloudProvider}. */
    FAKE,
    /**
     * {@link dev.terway4j.cloud.aliyun.AliyunCloudProvider} -> SDK -> HTTP -> the local ECS/VPC
     * emulator -> the fake: what passes here passes the Aliyun backend's whole wire path.
     */
    ALIYUN_EMULATOR
  }

  static final String ZONE_H = "cn-hangzhou-h";
  static final String ZONE_I = "cn-hangzhou-i";
  static final String VPC = "vpc-t4jtest";
  static final String CLUSTER = "c-t4jtest";
  static final String INSTANCE_TYPE = "ecs.g7.large";

  final FakeClock clock = new FakeClock();

  /** The cloud's state, looked at directly (not through the allocator's backend). */
  final FakeCloudProvider cloud;

  /** How the allocator reaches {@link #cloud}. */
  final Backend backend;

  /** What the allocator talks to. */
  final CloudProvider provider;

  private final AutoCloseable backendResources;
  private final Supplier<List<String>> wireRequests;
  final PodNetworkingResolver resolver = PodNetworkingResolver.of(List.of());
  final InMemoryPodEniStore store = new InMemoryPodEniStore();
  final List<AllocatorEvent> events = new CopyOnWriteArrayList<>();
  final PodNetworkingReconciler reconciler;
  private final AtomicLong uids = new AtomicLong();
  TrunkAllocator allocator;
  AllocatorSettings settings;
  AllocatorMetrics metrics = AllocatorMetrics.none();

  AllocatorFixture() {
    this(4, "10.0.1.0/24", 0);
  }

  AllocatorFixture(int memberLimit, String vswH1Cidr, long seed) {
    this(memberLimit, vswH1Cidr, seed, Duration.ZERO);
  }

  AllocatorFixture(Backend backend) {
    this(4, "10.0.1.0/24", 0, Duration.ZERO, backend);
  }

  AllocatorFixture(int memberLimit, String vswH1Cidr, long seed, Duration transitionDelay) {
    this(memberLimit, vswH1Cidr, seed, transitionDelay, Backend.FAKE);
  }

  AllocatorFixture(
      int memberLimit, String vswH1Cidr, long seed, Duration transitionDelay, Backend backend) {
    cloud =
        FakeCloudProvider.builder()
            .clock(clock)
            .transitionDelay(transitionDelay)
            .seed(seed)
            .zone(ZONE_H)
            .zone(ZONE_I)
            .vpc(VPC)
            .vSwitch("vsw-nodeh", VPC, ZONE_H, "10.0.0.0/24")
            .vSwitch("vsw-nodei", VPC, ZONE_I, "10.0.4.0/24")
            .vSwitch("vsw-h1", VPC, ZONE_H, vswH1Cidr)
            .vSwitch("vsw-h2", VPC, ZONE_H, "10.0.2.0/24")
            .vSwitch("vsw-i1", VPC, ZONE_I, "10.0.3.0/24")
            .securityGroup("sg-node", VPC)
            .securityGroup("sg-web", VPC)
            .securityGroup("sg-db", VPC)
            .instanceType(new InstanceType(INSTANCE_TYPE, 3, 3 + memberLimit, true, 10, 10))
            .instance("i-node1", INSTANCE_TYPE, "vsw-nodeh", "sg-node")
            .instance("i-node2", INSTANCE_TYPE, "vsw-nodeh", "sg-node")
            .instance("i-node3", INSTANCE_TYPE, "vsw-nodei", "sg-node")
            .trunkNetworkInterface("eni-trunk1", "i-node1", "vsw-nodeh", "sg-node")
            .trunkNetworkInterface("eni-trunk2", "i-node2", "vsw-nodeh", "sg-node")
            .trunkNetworkInterface("eni-trunk3", "i-node3", "vsw-nodei", "sg-node")
            .build();
    this.backend = backend;
    switch (backend) {
      case FAKE -> {
        provider = cloud;
        backendResources = () -> {};
        wireRequests = List::of;
      }
      case ALIYUN_EMULATOR -> {
        AliyunEmulatorBackend aliyun = AliyunEmulatorBackend.start(cloud);
        provider = aliyun.provider();
        backendResources = aliyun;
        wireRequests = aliyun::requests;
      }
      default -> throw new IllegalArgumentException("unknown backend " + backend);
    }
    settings = AllocatorSettings.builder(CLUSTER).vpcId(VPC).seed(seed).build();
    allocator = newAllocator();
    reconciler = new PodNetworkingReconciler(allocator.vSwitchPool());
  }

  /** A new allocator instance on the same cloud and store, as after a restart. */
  TrunkAllocator newAllocator() {
    return TrunkAllocator.builder(provider, resolver, settings)
        .clock(clock)
        .waiter(clock::advance)
        .store(store)
        .listener(events::add)
        .metrics(metrics)
        .build();
  }

  /**
   * The actions of the HTTP requests that reached the cloud: none unless the backend speaks HTTP.
   */
  List<String> wireRequests() {
    return wireRequests.get();
  }

  @Override
  public void close() throws Exception {
    backendResources.close();
  }

  void restart() {
    allocator = newAllocator();
    allocator.recover();
  }

  static Node node(String name, String instanceId, String zone, String trunk) {
    return ImmutableNode.builder()
        .metadata(
            ObjectMeta.builder()
                .name(name)
                .putLabels(Labels.ZONE, zone)
                .putLabels(Labels.INSTANCE_TYPE, INSTANCE_TYPE)
                .putAnnotations(Annotations.TRUNK_ON, trunk)
                .build())
        .spec(
            dev.terway4j.model.ImmutableNodeSpec.builder()
                .providerID("cn-hangzhou." + instanceId)
                .build())
        .build();
  }

  static final Node NODE1 = node("node1", "i-node1", ZONE_H, "eni-trunk1");
  static final Node NODE2 = node("node2", "i-node2", ZONE_H, "eni-trunk2");
  static final Node NODE3 = node("node3", "i-node3", ZONE_I, "eni-trunk3");

  static Namespace namespace(String name, Map<String, String> labels) {
    return Namespace.builder()
        .metadata(ObjectMeta.builder().name(name).putAllLabels(labels).build())
        .build();
  }

  /** A pod of a StatefulSet (fixed-name), with a fresh UID. */
  Pod statefulPod(String namespace, String name, Map<String, String> labels, Node node) {
    return pod(namespace, name, labels, node, List.of(OwnerReference.of("StatefulSet", "sts")));
  }

  /** A pod of a ReplicaSet (not fixed-name), with a fresh UID. */
  Pod deploymentPod(String namespace, String name, Map<String, String> labels, Node node) {
    return pod(namespace, name, labels, node, List.of(OwnerReference.of("ReplicaSet", "rs")));
  }

  Pod pod(
      String namespace,
      String name,
      Map<String, String> labels,
      Node node,
      List<OwnerReference> owners) {
    return Pod.builder()
        .metadata(
            ObjectMeta.builder()
                .namespace(namespace)
                .name(name)
                .uid("uid-" + uids.incrementAndGet())
                .putAllLabels(labels)
                .addAllOwnerReferences(owners)
                .build())
        .spec(ImmutablePodSpec.builder().nodeName(node.metadata().name()).build())
        .build();
  }

  /**
   * The PodNetworking most tests start from: {@code web}, Elastic, pods labelled {@code app=web},
   * vSwitch {@code vsw-h1}, security group {@code sg-web}.
   */
  static PodNetworking elasticWeb() {
    return podNetworking(
        "web",
        AllocationType.elastic(),
        Map.of("app", "web"),
        List.of("vsw-h1"),
        VSwitchSelectionPolicy.ORDERED,
        "sg-web");
  }

  static PodNetworking podNetworking(
      String name,
      AllocationType allocationType,
      Map<String, String> podLabels,
      List<String> vSwitches,
      VSwitchSelectionPolicy policy,
      String... securityGroups) {
    return PodNetworking.builder()
        .metadata(ObjectMeta.named(name))
        .spec(
            ImmutablePodNetworkingSpec.builder()
                .allocationType(allocationType)
                .selector(
                    ImmutablePodNetworkingSelector.builder()
                        .podSelector(LabelSelector.matchLabels(podLabels))
                        .build())
                .securityGroupIDs(List.of(securityGroups))
                .vSwitchOptions(vSwitches)
                .vSwitchSelectOptions(VSwitchSelectOptions.of(policy))
                .build())
        .build();
  }

  /**
   * Reconciles the PodNetworking's status (as the controller would) and puts it in the resolver.
   */
  PodNetworking apply(PodNetworking podNetworking) {
    PodNetworking synced =
        reconciler.reconcile(podNetworking, clock.instant()).orElse(podNetworking);
    resolver.put(synced);
    return synced;
  }

  void advance(Duration d) {
    clock.advance(d);
  }

  /** Ticks until nothing is pending (bounded). */
  void settle() {
    for (int i = 0; i < 5; i++) {
      allocator.tick();
    }
  }

  List<String> ourEniIds() {
    List<String> ids = new ArrayList<>();
    cloud.networkInterfaces().stream()
        .filter(e -> CLUSTER.equals(e.tags().get(AllocatorSettings.CLUSTER_TAG)))
        .forEach(e -> ids.add(e.id()));
    return ids;
  }
}
