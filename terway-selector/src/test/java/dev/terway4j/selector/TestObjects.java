package dev.terway4j.selector;

import dev.terway4j.model.AllocationType;
import dev.terway4j.model.ImmutablePodNetworkingSelector;
import dev.terway4j.model.ImmutablePodNetworkingSpec;
import dev.terway4j.model.ImmutablePodNetworkingStatus;
import dev.terway4j.model.LabelSelector;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.NetworkingStatus;
import dev.terway4j.model.ObjectMeta;
import dev.terway4j.model.OwnerReference;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.VSwitchZone;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** Builders of the model objects the selector tests need. */
final class TestObjects {

  private TestObjects() {}

  /** A Ready, Elastic PodNetworking; selectors may be null (not set). */
  static PodNetworking pn(String name, LabelSelector podSelector, LabelSelector nsSelector) {
    return pn(name, podSelector, nsSelector, false, true);
  }

  static PodNetworking pn(
      String name,
      LabelSelector podSelector,
      LabelSelector nsSelector,
      boolean fixed,
      boolean ready) {
    ImmutablePodNetworkingSelector.Builder selector = ImmutablePodNetworkingSelector.builder();
    selector.podSelector(Optional.ofNullable(podSelector));
    selector.namespaceSelector(Optional.ofNullable(nsSelector));
    return PodNetworking.builder()
        .metadata(ObjectMeta.named(name))
        .spec(
            ImmutablePodNetworkingSpec.builder()
                .selector(selector.build())
                .allocationType(fixed ? AllocationType.fixedNever() : AllocationType.elastic())
                .addVSwitchOptions("vsw-a", "vsw-b")
                .addSecurityGroupIDs("sg-1")
                .build())
        .status(
            ImmutablePodNetworkingStatus.builder()
                .status(ready ? NetworkingStatus.READY : NetworkingStatus.FAIL)
                .addVSwitches(VSwitchZone.of("vsw-a", "zone-b"), VSwitchZone.of("vsw-b", "zone-a"))
                .build())
        .build();
  }

  static LabelSelector labels(String... keyValues) {
    return LabelSelector.matchLabels(map(keyValues));
  }

  static Map<String, String> map(String... keyValues) {
    java.util.LinkedHashMap<String, String> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      out.put(keyValues[i], keyValues[i + 1]);
    }
    return out;
  }

  /** A pod in namespace {@code ns}; owners are kinds. */
  static Pod pod(Map<String, String> labels, String... ownerKinds) {
    return Pod.builder()
        .metadata(
            ObjectMeta.builder()
                .namespace("ns")
                .name("p")
                .labels(labels)
                .ownerReferences(
                    Arrays.stream(ownerKinds).map(k -> OwnerReference.of(k, "owner")).toList())
                .build())
        .build();
  }

  static Namespace namespace(Map<String, String> labels) {
    return Namespace.builder()
        .metadata(ObjectMeta.builder().name("ns").labels(labels).build())
        .build();
  }
}
