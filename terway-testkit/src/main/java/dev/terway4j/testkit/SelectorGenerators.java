package dev.terway4j.testkit;

import dev.terway4j.model.AllocationType;
import dev.terway4j.model.ImmutablePodNetworkingSelector;
import dev.terway4j.model.ImmutablePodNetworkingSpec;
import dev.terway4j.model.ImmutablePodNetworkingStatus;
import dev.terway4j.model.LabelSelector;
import dev.terway4j.model.LabelSelectorOperator;
import dev.terway4j.model.LabelSelectorRequirement;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.NetworkingStatus;
import dev.terway4j.model.ObjectMeta;
import dev.terway4j.model.OwnerReference;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.VSwitchZone;
import dev.terway4j.selector.FixedNamePolicy;
import dev.terway4j.selector.Operator;
import dev.terway4j.selector.Requirement;
import dev.terway4j.selector.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Generators for the selector module: label sets, requirements, selectors, PodNetworkings, pods and
 * namespaces, all drawn from small key and value alphabets so that selectors and labels collide
 * often (a random pod then matches some PodNetworkings, and pairs overlap or not for interesting
 * reasons). Everything generated is valid under the Kubernetes label rules. Shrinks toward fewer
 * labels and requirements, the first keys and values, Ready and Elastic.
 *
 * <p>Stateless and thread-safe; generators may be kept in static fields.
 */
public final class SelectorGenerators {

  /** The label keys drawn from; the last one has a DNS prefix. */
  public static final List<String> KEYS = List.of("app", "env", "tier", "zone", "example.com/role");

  /** The label values drawn from, including the empty value. */
  public static final List<String> VALUES = List.of("a", "b", "c", "", "web-1");

  /** The owner kinds drawn from for pods; {@code CloneSet} is a custom stateful kind. */
  public static final List<String> OWNER_KINDS =
      List.of("ReplicaSet", "StatefulSet", "DaemonSet", "CloneSet", "Job");

  /** The fixed-name policy that matches {@link #OWNER_KINDS}: {@code CloneSet} is stateful. */
  public static final FixedNamePolicy POLICY = FixedNamePolicy.withCustomKinds(List.of("CloneSet"));

  private SelectorGenerators() {}

  /** Returns label keys from {@link #KEYS}. */
  public static Gen<String> keys() {
    return Gens.elements(KEYS);
  }

  /** Returns label values from {@link #VALUES}. */
  public static Gen<String> values() {
    return Gens.elements(VALUES);
  }

  /** Returns label sets of up to four entries. */
  public static Gen<Map<String, String>> labelSets() {
    return Gens.mapOf(keys(), values(), 0, 4);
  }

  /** Returns model {@code matchExpressions} entries with each of the four operators. */
  public static Gen<LabelSelectorRequirement> labelSelectorRequirements() {
    return Gens.combine(
        keys(),
        Gens.enums(LabelSelectorOperator.class),
        Gens.setOf(values(), 1, 3),
        (key, op, values) -> {
          boolean unary =
              op == LabelSelectorOperator.EXISTS || op == LabelSelectorOperator.DOES_NOT_EXIST;
          return LabelSelectorRequirement.of(
              key, op, unary ? new String[0] : values.toArray(new String[0]));
        });
  }

  /** Returns model selectors: up to two {@code matchLabels} and three expressions; may be {}. */
  public static Gen<LabelSelector> labelSelectors() {
    return Gens.combine(
        Gens.mapOf(keys(), values(), 0, 2),
        Gens.listOf(labelSelectorRequirements(), 0, 3),
        (labels, expressions) ->
            LabelSelector.builder().matchLabels(labels).matchExpressions(expressions).build());
  }

  /** Returns requirements with every operator, including the equality and integer forms. */
  public static Gen<Requirement> requirements() {
    return Gens.combine(
        keys(),
        Gens.enums(Operator.class),
        Gens.setOf(values(), 1, 3),
        Gens.integers(0, 20),
        (key, op, values, number) -> {
          switch (op) {
            case EXISTS:
            case DOES_NOT_EXIST:
              return Requirement.of(key, op);
            case EQUALS:
            case DOUBLE_EQUALS:
            case NOT_EQUALS:
              return Requirement.of(key, op, values.iterator().next());
            case GREATER_THAN:
            case LESS_THAN:
              return Requirement.of(key, op, Integer.toString(number));
            default:
              return Requirement.of(key, op, values);
          }
        });
  }

  /** Returns selectors of up to four requirements (several may share a key). */
  public static Gen<Selector> selectors() {
    return Gens.listOf(requirements(), 0, 4).map(Selector::of);
  }

  /** Returns PodNetworkings named {@code name}: selectors absent about a quarter of the time. */
  public static Gen<PodNetworking> podNetworkings(String name) {
    Gen<Optional<LabelSelector>> selector =
        Gens.frequency(1, Gens.constant(Optional.empty()), 3, labelSelectors().map(Optional::of));
    return Gens.combine(
        selector,
        selector,
        Gens.frequency(3, Gens.constant(false), 1, Gens.constant(true)),
        Gens.frequency(5, Gens.constant(true), 1, Gens.constant(false)),
        (pod, ns, fixed, ready) -> podNetworking(name, pod, ns, fixed, ready));
  }

  /** Returns lists of up to {@code max} PodNetworkings named {@code pn-0}, {@code pn-1}... */
  public static Gen<List<PodNetworking>> podNetworkingSets(int max) {
    return Gens.integers(0, max)
        .flatMap(
            size -> {
              List<Gen<PodNetworking>> gens = new ArrayList<>();
              for (int i = 0; i < size; i++) {
                gens.add(podNetworkings("pn-" + i));
              }
              return sequence(gens);
            });
  }

  private static <T> Gen<List<T>> sequence(List<Gen<T>> gens) {
    Gen<List<T>> acc = Gens.constant(List.of());
    for (Gen<T> gen : gens) {
      acc =
          Gens.combine(
              acc,
              gen,
              (list, item) -> {
                List<T> next = new ArrayList<>(list);
                next.add(item);
                return List.copyOf(next);
              });
    }
    return acc;
  }

  /** Returns pods in namespace {@code ns} with labels and zero to two owners. */
  public static Gen<Pod> pods() {
    return Gens.combine(
        labelSets(),
        Gens.listOf(Gens.elements(OWNER_KINDS), 0, 2),
        (labels, owners) ->
            Pod.builder()
                .metadata(
                    ObjectMeta.builder()
                        .namespace("ns")
                        .name("pod")
                        .labels(labels)
                        .ownerReferences(
                            owners.stream()
                                .map(k -> OwnerReference.of(k, "owner"))
                                .collect(Collectors.toList()))
                        .build())
                .build());
  }

  /** Returns namespaces named {@code ns} with labels. */
  public static Gen<Namespace> namespaces() {
    return labelSets()
        .map(
            labels ->
                Namespace.builder()
                    .metadata(ObjectMeta.builder().name("ns").labels(labels).build())
                    .build());
  }

  /** Builds a PodNetworking with vSwitches in two zones. */
  public static PodNetworking podNetworking(
      String name,
      Optional<LabelSelector> podSelector,
      Optional<LabelSelector> namespaceSelector,
      boolean fixed,
      boolean ready) {
    return PodNetworking.builder()
        .metadata(ObjectMeta.named(name))
        .spec(
            ImmutablePodNetworkingSpec.builder()
                .selector(
                    ImmutablePodNetworkingSelector.builder()
                        .podSelector(podSelector)
                        .namespaceSelector(namespaceSelector)
                        .build())
                .allocationType(fixed ? AllocationType.fixedNever() : AllocationType.elastic())
                .addVSwitchOptions("vsw-1", "vsw-2")
                .addSecurityGroupIDs("sg-1")
                .build())
        .status(
            ImmutablePodNetworkingStatus.builder()
                .status(ready ? NetworkingStatus.READY : NetworkingStatus.FAIL)
                .addVSwitches(VSwitchZone.of("vsw-1", "zone-a"), VSwitchZone.of("vsw-2", "zone-b"))
                .build())
        .build();
  }
}
