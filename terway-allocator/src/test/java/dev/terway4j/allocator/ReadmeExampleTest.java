package dev.terway4j.allocator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.fake.FakeClock;
import dev.terway4j.cloud.fake.FakeCloudProvider;
import dev.terway4j.cloud.fake.FakeTopology;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.model.Manifests;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.selector.PodNetworkingResolver;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's allocator sample, kept compiling and true: the product guide's story in brief. */
class ReadmeExampleTest {

  private static final String GUIDE_PODNETWORKING =
      "apiVersion: network.alibabacloud.com/v1beta1\n"
          + "kind: PodNetworking\n"
          + "metadata: {name: example}\n"
          + "spec:\n"
          + "  allocationType: {type: Fixed, releaseStrategy: TTL, releaseAfter: 1h}\n"
          + "  selector:\n"
          + "    podSelector: {matchLabels: {foo: bar}}\n"
          + "    namespaceSelector: {matchLabels: {foo: bar}}\n"
          + "  securityGroupIDs: [sg-bpxxxx]\n"
          + "  vSwitchOptions: [vsw-bpxxxx]\n";

  private static final String OBJECTS =
      "apiVersion: v1\nkind: Namespace\nmetadata: {name: example, labels: {foo: bar}}\n---\n"
          + "apiVersion: v1\nkind: Pod\n"
          + "metadata:\n  name: my-nginx-0\n  namespace: example\n  uid: u1\n"
          + "  labels: {app: nginx, foo: bar}\n"
          + "  ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: my-nginx}]\n"
          + "spec: {nodeName: node1}\n";

  @Test
  void readmeSample_guideStory_onTheFakeCloud() {
    // README sample starts here.
    FakeClock clock = new FakeClock();
    FakeTopology topology = // the cloud and its Kubernetes Nodes, from one description
        FakeTopology.builder()
            .zone("cn-hangzhou-h")
            .vSwitch("vsw-node", "cn-hangzhou-h", "10.0.0.0/24")
            .vSwitch("vsw-bpxxxx", "cn-hangzhou-h", "10.0.1.0/24")
            .securityGroup("sg-bpxxxx")
            .instanceType(InstanceType.trunk("ecs.g7.large", 3, 7))
            .node("node1", "cn-hangzhou-h", "ecs.g7.large") // i-node1, trunk ENI eni-trunk-node1
            .build();
    FakeCloudProvider cloud = topology.newCloud(clock);
    Node node = topology.kubernetesNodes().get(0); // providerID, zone label, trunk-on annotation
    PodNetworkingResolver resolver = PodNetworkingResolver.of(List.of());
    TrunkAllocator allocator =
        TrunkAllocator.builder(cloud, resolver, AllocatorSettings.builder("c-demo").build())
            .clock(clock)
            .waiter(clock::advance)
            .build();
    PodNetworking pn = Manifests.readOne(GUIDE_PODNETWORKING, PodNetworking.class);
    resolver.put( // the pod-networking controller's job: Ready, with vSwitch zones
        new PodNetworkingReconciler(allocator.vSwitchPool()).reconcile(pn, clock.instant()).get());

    List<?> objects = Manifests.read(OBJECTS); // a Namespace and a StatefulSet pod
    Namespace ns = (Namespace) objects.get(0);
    Pod pod = (Pod) objects.get(1);
    allocator.podScheduled(pod, ns, node); // creates the member ENI and attaches it
    allocator.tick(); // observes InUse and the VLAN id
    PodEni bound = allocator.podEni("example", "my-nginx-0").orElseThrow();
    String ip = bound.spec().allocations().get(0).ipv4(); // e.g. 10.0.1.x from vsw-bpxxxx

    allocator.podDeleted("example", "my-nginx-0"); // Fixed: detached and kept (Unbind)
    allocator.tick();
    allocator.podScheduled(pod, ns, node); // the same pod returns: same ENI, same IP
    allocator.tick();
    // README sample ends here.

    assertEquals(PodEniPhase.BIND, bound.status().orElseThrow().phase());
    assertTrue(ip.startsWith("10.0.1."), ip);
    PodEni again = allocator.podEni("example", "my-nginx-0").orElseThrow();
    assertEquals(ip, again.spec().allocations().get(0).ipv4());
    assertEquals(PodEniPhase.BIND, again.status().orElseThrow().phase());
  }
}
