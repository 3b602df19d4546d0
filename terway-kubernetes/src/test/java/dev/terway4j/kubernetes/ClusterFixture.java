package dev.terway4j.kubernetes;

import dev.terway4j.allocator.AllocatorSettings;
import dev.terway4j.cloud.fake.FakeClock;
import dev.terway4j.cloud.fake.FakeCloudProvider;
import dev.terway4j.cloud.fake.FakeTopology;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.kubernetes.internal.TerwayResources;
import dev.terway4j.model.Annotations;
import dev.terway4j.model.Labels;
import dev.terway4j.model.NetworkingStatus;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.PodNetworking;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.http.Interceptor.RequestTags;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A small cluster for controller tests: the fake cloud (two zones, three trunk nodes, pod vSwitches
 * and security groups, in virtual time) and the matching Kubernetes objects on fabric8's mock API
 * server (namespace {@code apps}, nodes with zone and instance-type labels, provider ids and {@code
 * trunk-on} annotations, the CRDs). Not thread-safe to configure.
 */
final class ClusterFixture implements AutoCloseable {
  static final String ZONE_H = "cn-hangzhou-h";
  static final String ZONE_I = "cn-hangzhou-i";
  static final String VPC = "vpc-t4jk8s";
  static final String CLUSTER = "c-t4jk8s";
  static final String INSTANCE_TYPE = "ecs.g7.xlarge";

  final FakeClock clock = new FakeClock();
  final FakeCloudProvider cloud;
  final AllocatorSettings settings;
  final KubernetesMockServer server;
  final KubernetesClient client;
  private final List<TerwayController> controllers = new ArrayList<>();
  private final List<KubernetesClient> clients = new ArrayList<>();

  ClusterFixture(KubernetesMockServer server, KubernetesClient client, int memberLimit) {
    this.server = server;
    this.client = client;
    FakeTopology topology =
        FakeTopology.builder()
            .zone(ZONE_H)
            .zone(ZONE_I)
            .vpcId(VPC)
            .vSwitch("vsw-nodeh", ZONE_H, "10.0.0.0/24")
            .vSwitch("vsw-nodei", ZONE_I, "10.0.4.0/24")
            .vSwitch("vsw-h1", ZONE_H, "10.0.1.0/24")
            .vSwitch("vsw-i1", ZONE_I, "10.0.3.0/24")
            .securityGroup("sg-node")
            .securityGroup("sg-web")
            .securityGroup("sg-db")
            .instanceType(InstanceType.trunk(INSTANCE_TYPE, 3, memberLimit))
            .node(
                "node1",
                n ->
                    n.instanceId("i-node1")
                        .zone(ZONE_H)
                        .instanceType(INSTANCE_TYPE)
                        .trunkEniId("eni-trunk1"))
            .node(
                "node2",
                n ->
                    n.instanceId("i-node2")
                        .zone(ZONE_H)
                        .instanceType(INSTANCE_TYPE)
                        .trunkEniId("eni-trunk2"))
            .node(
                "node3",
                n ->
                    n.instanceId("i-node3")
                        .zone(ZONE_I)
                        .instanceType(INSTANCE_TYPE)
                        .trunkEniId("eni-trunk3"))
            .build();
    cloud = topology.cloudBuilder().clock(clock).build();
    settings = AllocatorSettings.builder(CLUSTER).vpcId(VPC).build();
    KubernetesCrds.install(client);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("apps")
                .addToLabels("team", "shop")
                .endMetadata()
                .build())
        .create();
    for (FakeTopology.NodeSpec n : topology.nodes()) {
      node(n.name(), n.instanceId(), n.zoneId(), n.trunkEniId());
    }
  }

  void node(String name, String instanceId, String zone, Optional<String> trunk) {
    NodeBuilder node =
        new NodeBuilder()
            .withNewMetadata()
            .withName(name)
            .addToLabels(Labels.ZONE, zone)
            .addToLabels(Labels.INSTANCE_TYPE, INSTANCE_TYPE)
            .endMetadata()
            .withNewSpec()
            .withProviderID("cn-hangzhou." + instanceId)
            .endSpec();
    trunk.ifPresent(
        t -> node.editMetadata().addToAnnotations(Annotations.TRUNK_ON, t).endMetadata());
    client.nodes().resource(node.build()).createOr(n -> n.update());
  }

  /** A controller on its own client (as a separate process would have) and the given cloud. */
  TerwayController controller(String identity, CloudProvider cloud) {
    KubernetesClient own = server.createClient();
    clients.add(own);
    return controller(identity, cloud, own);
  }

  /**
   * A client whose every request fails once {@code dead} is set, as a process that died would send
   * nothing; its open watches are left alone (closing the client under them instead can block the
   * mock server's event loop for tens of seconds).
   */
  KubernetesClient killableClient(AtomicBoolean dead) {
    Interceptor refuse =
        new Interceptor() {
          @Override
          public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            if (dead.get()) {
              throw new IllegalStateException("killed: " + request.method() + " " + request.uri());
            }
          }
        };
    KubernetesClient own =
        server.createClient(
            b -> b.withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("kill", refuse)));
    clients.add(own);
    return own;
  }

  TerwayController controller(String identity, CloudProvider cloud, KubernetesClient own) {
    return controller(identity, cloud, own, b -> b);
  }

  /** A controller with options of a test's own on top of the fixture's. */
  TerwayController controller(
      String identity,
      CloudProvider cloud,
      KubernetesClient own,
      java.util.function.UnaryOperator<TerwayController.Builder> options) {
    TerwayController.Builder builder =
        TerwayController.builder(own, cloud, settings)
            .identity(identity)
            .lease("kube-system", "terway4j-test")
            .leaderElection(Duration.ofMillis(1200), Duration.ofMillis(800), Duration.ofMillis(150))
            .tickInterval(Duration.ofMillis(50))
            .retryDelay(Duration.ofMillis(50), Duration.ofMillis(400))
            .syncTimeout(Duration.ofSeconds(20))
            .clock(clock)
            .waiter(clock::advance);
    TerwayController controller = options.apply(builder).build();
    controllers.add(controller);
    return controller;
  }

  /** Creates the PodNetworkings {@code web} (Elastic) and {@code db} (Fixed, TTL 10m). */
  void podNetworkings() {
    podNetworking("web", "{type: Elastic}", "web", "[vsw-h1, vsw-i1]", "[sg-web]");
    podNetworking(
        "db",
        "{type: Fixed, releaseStrategy: TTL, releaseAfter: 10m}",
        "db",
        "[vsw-h1, vsw-i1]",
        "[sg-db]");
  }

  void podNetworking(
      String name, String allocationType, String app, String vSwitches, String groups) {
    String yaml =
        String.join(
            "\n",
            "apiVersion: network.alibabacloud.com/v1beta1",
            "kind: PodNetworking",
            "metadata: {name: " + name + "}",
            "spec:",
            "  allocationType: " + allocationType,
            "  selector: {podSelector: {matchLabels: {app: " + app + "}}}",
            "  securityGroupIDs: " + groups,
            "  vSwitchOptions: " + vSwitches);
    GenericKubernetesResource resource =
        client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
    client.genericKubernetesResources(TerwayResources.POD_NETWORKINGS).resource(resource).create();
  }

  Optional<PodNetworking> podNetworking(String name) {
    GenericKubernetesResource found =
        client.genericKubernetesResources(TerwayResources.POD_NETWORKINGS).withName(name).get();
    return Optional.ofNullable(found)
        .map(
            f ->
                dev.terway4j.kubernetes.internal.ModelConversions.model(
                    client, f, PodNetworking.class));
  }

  boolean ready(String podNetworking) {
    return podNetworking(podNetworking)
        .flatMap(PodNetworking::status)
        .flatMap(s -> s.status())
        .filter(s -> s == NetworkingStatus.READY)
        .isPresent();
  }

  /** Creates a pod of a StatefulSet (fixed-name) already scheduled to a node. */
  Pod statefulPod(String name, String app, String node) {
    return pod(name, app, node, "StatefulSet");
  }

  /** Creates a pod of a ReplicaSet already scheduled to a node. */
  Pod deploymentPod(String name, String app, String node) {
    return pod(name, app, node, "ReplicaSet");
  }

  Pod pod(String name, String app, String node, String ownerKind) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("apps")
            .withUid(UUID.randomUUID().toString())
            .addToLabels("app", app)
            .addNewOwnerReference()
            .withApiVersion("apps/v1")
            .withKind(ownerKind)
            .withName(app)
            .withUid("owner-" + app)
            .endOwnerReference()
            .endMetadata()
            .withNewSpec()
            .withNodeName(node)
            .addNewContainer()
            .withName("app")
            .withImage("nginx")
            .endContainer()
            .endSpec()
            .build();
    return client.pods().inNamespace("apps").resource(pod).create();
  }

  void deletePod(String name) {
    client.pods().inNamespace("apps").withName(name).delete();
  }

  /** Reads a PodENI straight from the API server. */
  Optional<PodEni> podEni(String name) {
    return KubernetesPodEniStore.create(client).get("apps", name);
  }

  Optional<PodEniPhase> phase(String name) {
    return podEni(name).flatMap(PodEni::status).map(s -> s.phase());
  }

  List<PodEni> podEnis() {
    return KubernetesPodEniStore.create(client).list();
  }

  /** The cluster's ENIs in the cloud (tagged with its id). */
  Map<String, NetworkInterface> ourEnis() {
    return cloud.networkInterfaces().stream()
        .filter(e -> CLUSTER.equals(e.tags().get(AllocatorSettings.CLUSTER_TAG)))
        .collect(Collectors.toMap(NetworkInterface::id, e -> e));
  }

  @Override
  public void close() {
    controllers.forEach(TerwayController::close);
    clients.forEach(KubernetesClient::close);
  }
}
