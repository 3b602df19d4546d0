package dev.terway4j.allocator;

import static dev.terway4j.allocator.AllocatorFixture.NODE1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.model.Namespace;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Member slots per node. */
class CapacityTest {

  @Test
  void allocate_whenNodeIsFull_failsWithCapacityFull_andCreatesNothing() {
    AllocatorFixture f = new AllocatorFixture(2, "10.0.1.0/24", 0);
    Namespace ns = AllocatorFixture.namespace("apps", Map.of());
    f.apply(AllocatorFixture.elasticWeb());
    for (int i = 0; i < 2; i++) {
      f.allocator.podScheduled(
          f.deploymentPod("apps", "p" + i, Map.of("app", "web"), NODE1), ns, NODE1);
    }

    AllocationException e =
        assertThrows(
            AllocationException.class,
            () ->
                f.allocator.podScheduled(
                    f.deploymentPod("apps", "p2", Map.of("app", "web"), NODE1), ns, NODE1));

    assertEquals(AllocationException.Reason.NODE_CAPACITY_FULL, e.reason());
    assertEquals(2, f.cloud.callCount(CloudOperation.CREATE_NETWORK_INTERFACE));
    assertEquals(2, f.allocator.capacity().used("i-node1"));

    // A pod gone frees its slot once its ENI is detached.
    f.allocator.tick();
    f.allocator.podDeleted("apps", "p0");
    f.allocator.tick();
    f.allocator.podScheduled(f.deploymentPod("apps", "p2", Map.of("app", "web"), NODE1), ns, NODE1);
    assertEquals(2, f.allocator.capacity().used("i-node1"));
  }

  @Test
  void limit_isDescribedOncePerInstanceType() {
    AllocatorFixture f = new AllocatorFixture(7, "10.0.1.0/24", 0);
    MemberEniCapacity capacity = f.allocator.capacity();

    assertEquals(7, capacity.limit(AllocatorFixture.INSTANCE_TYPE));
    assertEquals(7, capacity.limit(AllocatorFixture.INSTANCE_TYPE));
    assertEquals(0, capacity.limit("ecs.unknown"));
    assertEquals(2, f.cloud.callCount(CloudOperation.DESCRIBE_INSTANCE_TYPES));
  }
}
