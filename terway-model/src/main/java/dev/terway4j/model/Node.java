package dev.terway4j.model;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A read view of a Kubernetes {@code Node}: metadata and {@code spec.providerID}, with the derived
 * facts the allocator needs (zone, instance type, instance id, trunk ENI). Immutable and
 * thread-safe.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableNode.class)
@JsonDeserialize(as = ImmutableNode.class)
public interface Node extends KubernetesObject {

  /** The kind. */
  String KIND = "Node";

  @Override
  @Value.Default
  default String apiVersion() {
    return "v1";
  }

  @Override
  @Value.Default
  default String kind() {
    return KIND;
  }

  @Override
  @Value.Default
  default ObjectMeta metadata() {
    return ImmutableObjectMeta.builder().build();
  }

  /** Returns {@code spec}. */
  @Value.Default
  default NodeSpec spec() {
    return ImmutableNodeSpec.builder().build();
  }

  /**
   * Returns the zone: label {@code topology.kubernetes.io/zone}, else the deprecated {@code
   * failure-domain.beta.kubernetes.io/zone}.
   */
  default Optional<String> zone() {
    return firstLabel(Labels.ZONE, Labels.ZONE_DEPRECATED);
  }

  /**
   * Returns the instance type: label {@code node.kubernetes.io/instance-type}, else the deprecated
   * {@code beta.kubernetes.io/instance-type}.
   */
  default Optional<String> instanceType() {
    return firstLabel(Labels.INSTANCE_TYPE, Labels.INSTANCE_TYPE_DEPRECATED);
  }

  /**
   * Returns the ECS instance id: the part of {@code spec.providerID} after its first {@code .}
   * ({@code cn-hangzhou.i-xxx} gives {@code i-xxx}), empty when there is no such part.
   */
  default Optional<String> instanceId() {
    String providerId = spec().providerID();
    int dot = providerId.indexOf('.');
    if (dot < 0 || dot == providerId.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(providerId.substring(dot + 1));
  }

  /** Returns the trunk ENI id from annotation {@code k8s.aliyun.com/trunk-on}, if any. */
  default Optional<String> trunkEniId() {
    return Optional.ofNullable(metadata().annotations().get(Annotations.TRUNK_ON))
        .filter(s -> !s.isEmpty());
  }

  /**
   * Returns whether Terway's pod controller leaves the pods of this node alone, as it does for a
   * virtual-kubelet node (label {@code type=virtual-kubelet}) and a node labelled {@code
   * k8s.aliyun.com/ignore-by-terway=true}: such pods get no PodENI, whatever PodNetworking matches
   * them.
   *
   * @return whether the node is not Terway's
   */
  default boolean ignoredByTerway() {
    Map<String, String> labels = metadata().labels();
    return Labels.VIRTUAL_KUBELET.equals(labels.get(Labels.NODE_TYPE))
        || "true".equals(labels.get(Labels.IGNORE_BY_TERWAY));
  }

  private Optional<String> firstLabel(String key, String fallback) {
    String value = metadata().labels().get(key);
    if (value == null || value.isEmpty()) {
      value = metadata().labels().get(fallback);
    }
    return Optional.ofNullable(value).filter(s -> !s.isEmpty());
  }

  /** Returns a new builder. */
  static ImmutableNode.Builder builder() {
    return ImmutableNode.builder();
  }
}
