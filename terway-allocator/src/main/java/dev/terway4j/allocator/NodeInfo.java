package dev.terway4j.allocator;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.cloud.spi.ResourceIds;
import dev.terway4j.model.Annotations;
import dev.terway4j.model.Labels;
import dev.terway4j.model.Node;

/**
 * What the allocator needs to know about a node: its name, ECS instance, instance type, zone and
 * trunk ENI (annotation {@code k8s.aliyun.com/trunk-on}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param name the Kubernetes node name
 * @param instanceId the ECS instance id ({@code i-...})
 * @param instanceType the instance type, e.g. {@code ecs.g7.large}
 * @param zone the zone, e.g. {@code cn-hangzhou-h}
 * @param trunkEniId the trunk ENI id ({@code eni-...})
 */
public record NodeInfo(
    String name, String instanceId, String instanceType, String zone, String trunkEniId) {

  /** Checks the values. */
  public NodeInfo {
    checkNotNull(name, "name");
    ResourceIds.checkInstanceId(instanceId);
    checkNotNull(instanceType, "instanceType");
    checkNotNull(zone, "zone");
    ResourceIds.checkNetworkInterfaceId(trunkEniId);
  }

  /**
   * Reads the facts of a Kubernetes node, as Terway's {@code NodeInfo}: instance id from {@code
   * spec.providerID}, type and zone from the well-known labels, trunk from {@code
   * k8s.aliyun.com/trunk-on}.
   *
   * @param node the node
   * @return the facts
   * @throws AllocationException with {@link AllocationException.Reason#NODE_NOT_READY} naming what
   *     is missing
   */
  public static NodeInfo of(Node node) {
    checkNotNull(node, "node");
    String name = node.metadata().name();
    String instanceId =
        node.instanceId().orElseThrow(() -> notReady(name, "spec.providerID has no instance id"));
    String type =
        node.instanceType().orElseThrow(() -> notReady(name, "no " + Labels.INSTANCE_TYPE));
    String zone = node.zone().orElseThrow(() -> notReady(name, "no " + Labels.ZONE));
    String trunk =
        node.trunkEniId()
            .orElseThrow(
                () ->
                    notReady(
                        name,
                        "trunk eni id not found (annotation "
                            + Annotations.TRUNK_ON
                            + "), the terway agent may not be started"));
    return new NodeInfo(name, instanceId, type, zone, trunk);
  }

  private static AllocationException notReady(String node, String what) {
    return new AllocationException(
        AllocationException.Reason.NODE_NOT_READY, "node " + node + ": " + what, null);
  }
}
