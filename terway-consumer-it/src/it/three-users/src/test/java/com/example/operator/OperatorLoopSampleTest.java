package com.example.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.allocator.AllocatorSettings;
import dev.terway4j.allocator.PodNetworkingReconciler;
import dev.terway4j.allocator.TrunkAllocator;
import dev.terway4j.allocator.loop.PodCache;
import dev.terway4j.allocator.loop.PodKey;
import dev.terway4j.allocator.loop.PodLoop;
import dev.terway4j.allocator.loop.VirtualLoopClock;
import dev.terway4j.cloud.fake.FakeClock;
import dev.terway4j.cloud.fake.FakeCloudProvider;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.model.Manifests;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.selector.PodNetworkingResolver;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The README's "Embedding the allocator in an operator" sample, built as an operator's project
 * would: only the BOM and public packages. The marked lines are the README's, verbatim.
 */
class OperatorLoopSampleTest {
  private static final Logger log = LoggerFactory.getLogger(OperatorLoopSampleTest.class);

  private static final String PODNETWORKING =
      "apiVersion: network.alibabacloud.com/v1beta1\n"
          + "kind: PodNetworking\n"
          + "metadata: {name: example}\n"
          + "spec:\n"
          + "  allocationType: {type: Fixed, releaseStrategy: TTL, releaseAfter: 1h}\n"
          + "  selector:\n"
          + "    podSelector: {matchLabels: {foo: bar}}\n"
          + "  securityGroupIDs: [sg-bpxxxx]\n"
          + "  vSwitchOptions: [vsw-bpxxxx]\n";

  private static final String OBJECTS =
      "apiVersion: v1\nkind: Namespace\nmetadata: {name: example}\n---\n"
          + "apiVersion: v1\nkind: Node\n"
          + "metadata:\n  name: node1\n  labels:\n"
          + "    topology.kubernetes.io/zone: cn-hangzhou-h\n"
          + "    node.kubernetes.io/instance-type: ecs.g7.large\n"
          + "  annotations: {k8s.aliyun.com/trunk-on: eni-trunk1}\n"
          + "spec: {providerID: cn-hangzhou.i-node1}\n---\n"
          + "apiVersion: v1\nkind: Pod\n"
          + "metadata:\n  name: my-nginx-0\n  namespace: example\n  uid: u1\n"
          + "  labels: {foo: bar}\n"
          + "  ownerReferences: [{apiVersion: apps/v1, kind: StatefulSet, name: my-nginx}]\n"
          + "spec: {nodeName: node1}\n";

  /** What an operator's informers hold; here, the three objects above. */
  static final class Informer {
    final List<?> objects = Manifests.read(OBJECTS);

    Optional<Pod> pod(String namespace, String name) {
      Pod pod = (Pod) objects.get(2);
      return pod.metadata().name().equals(name) ? Optional.of(pod) : Optional.empty();
    }

    Optional<Namespace> namespace(String name) {
      return Optional.of((Namespace) objects.get(0));
    }

    Optional<Node> node(String name) {
      return Optional.of((Node) objects.get(1));
    }
  }

  @Test
  void readmeSample_operatorLoop_bindsAPodWithoutAHandWrittenQueue() throws Exception {
    FakeClock clock = new FakeClock();
    FakeCloudProvider cloud =
        FakeCloudProvider.builder()
            .clock(clock)
            .attachDelay(Duration.ofSeconds(2))
            .zone("cn-hangzhou-h")
            .vpc("vpc-demo")
            .vSwitch("vsw-node", "vpc-demo", "cn-hangzhou-h", "10.0.0.0/24")
            .vSwitch("vsw-bpxxxx", "vpc-demo", "cn-hangzhou-h", "10.0.1.0/24")
            .securityGroup("sg-bpxxxx", "vpc-demo")
            .instanceType(new InstanceType("ecs.g7.large", 3, 10, true, 10, 10))
            .instance("i-node1", "ecs.g7.large", "vsw-node", "sg-bpxxxx")
            .trunkNetworkInterface("eni-trunk1", "i-node1", "vsw-node", "sg-bpxxxx")
            .build();
    PodNetworkingResolver resolver = PodNetworkingResolver.of(List.of());
    TrunkAllocator allocator =
        TrunkAllocator.builder(cloud, resolver, AllocatorSettings.builder("c-demo").build())
            .clock(clock)
            .waiter(clock::advance)
            .build();
    PodNetworking pn = Manifests.readOne(PODNETWORKING, PodNetworking.class);
    resolver.put(
        new PodNetworkingReconciler(allocator.vSwitchPool()).reconcile(pn, clock.instant()).get());
    Informer informer = new Informer();
    boolean bound;

    // README sample begins
    PodCache cache = PodCache.of(informer::pod, informer::namespace, informer::node);
    try (PodLoop loop =
        PodLoop.forAllocator(allocator, cache) // ticks it every second, too
            .workers(10) // Terway's 10 pod reconcilers (the default)
            .maxAttempts(15) // BUSY and other retryable failures back off 5 ms, 10 ms, ...
            .clock(VirtualLoopClock.of(clock, clock::advance)) // tests only: virtual time
            .listener(
                new PodLoop.Listener() {
                  @Override
                  public void gaveUp(PodKey key, int attempts, String reason) {
                    log.warn("giving up on {} after {} attempts: {}", key, attempts, reason);
                  }
                })
            .build()) {
      loop.start();
      loop.enqueue(PodKey.of("example", "my-nginx-0")); // from the informers' event handlers
      bound = loop.awaitBound("example", "my-nginx-0", Duration.ofMinutes(1));
    }
    // README sample ends

    assertTrue(bound);
    assertEquals(
        PodEniPhase.BIND,
        allocator.podEni("example", "my-nginx-0").orElseThrow().status().orElseThrow().phase());
  }
}
