package dev.terway4j.testkit;

import dev.terway4j.model.Allocation;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.AttachmentOptions;
import dev.terway4j.model.Eni;
import dev.terway4j.model.EniAttachType;
import dev.terway4j.model.EniBindStatus;
import dev.terway4j.model.EniInfo;
import dev.terway4j.model.EniOptions;
import dev.terway4j.model.EniType;
import dev.terway4j.model.GoDurations;
import dev.terway4j.model.ImmutableAllocation;
import dev.terway4j.model.ImmutableAllocationType;
import dev.terway4j.model.ImmutableAttachmentOptions;
import dev.terway4j.model.ImmutableEni;
import dev.terway4j.model.ImmutableEniInfo;
import dev.terway4j.model.ImmutableNodeSpec;
import dev.terway4j.model.ImmutableObjectMeta;
import dev.terway4j.model.ImmutablePodEniSpec;
import dev.terway4j.model.ImmutablePodEniStatus;
import dev.terway4j.model.ImmutablePodNetworkingSelector;
import dev.terway4j.model.ImmutablePodNetworkingSpec;
import dev.terway4j.model.ImmutablePodNetworkingStatus;
import dev.terway4j.model.ImmutablePodSpec;
import dev.terway4j.model.ImmutablePodStatus;
import dev.terway4j.model.IpAllocationType;
import dev.terway4j.model.KubernetesObject;
import dev.terway4j.model.LabelSelector;
import dev.terway4j.model.LabelSelectorOperator;
import dev.terway4j.model.LabelSelectorRequirement;
import dev.terway4j.model.Labels;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.NetworkingStatus;
import dev.terway4j.model.Node;
import dev.terway4j.model.ObjectMeta;
import dev.terway4j.model.OwnerReference;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.PodNetworkingSelector;
import dev.terway4j.model.PodNetworkingStatus;
import dev.terway4j.model.PodPhase;
import dev.terway4j.model.ReleaseStrategy;
import dev.terway4j.model.Route;
import dev.terway4j.model.VSwitchSelectOptions;
import dev.terway4j.model.VSwitchSelectionPolicy;
import dev.terway4j.model.VSwitchZone;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Generators for every model type, valid by construction: what they produce reads back from its own
 * YAML and passes {@code ManifestValidator.defaults()} (PodNetworkings and PodENIs) without errors.
 *
 * <p>{@link #withEdgeCases()} returns generators that also produce the boundary values a careful
 * implementation must survive: 63-character label names and values, 253-character prefixes, empty
 * label values, empty ({@code {}}) and absent selectors, Fixed without a release strategy, VLAN ids
 * 0 and 4094, the largest Go durations. Both kinds shrink toward small, plain values.
 *
 * <p>Instances are immutable and thread-safe; generators may be kept in static fields.
 */
public final class ModelGenerators {

  private static final ModelGenerators PLAIN = new ModelGenerators(false);
  private static final ModelGenerators EDGES = new ModelGenerators(true);

  private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
  private static final String LOWER_DIGITS = LOWER + "0123456789";
  private static final String NAME_CHARS = LOWER_DIGITS + "ABCXYZ";
  private static final String NAME_INNER = NAME_CHARS + "-_.";

  private final boolean edges;

  private ModelGenerators(boolean edges) {
    this.edges = edges;
  }

  /** Returns generators of everyday values. */
  public static ModelGenerators plain() {
    return PLAIN;
  }

  /** Returns generators that also produce boundary values (see the class description). */
  public static ModelGenerators withEdgeCases() {
    return EDGES;
  }

  // ---- names, labels and selectors ----

  /** Returns DNS-1123 labels (lower-case, 1 to 12 characters; 63 with edge cases). */
  public Gen<String> dnsLabels() {
    int max = edges ? 63 : 12;
    return Gens.combine(
        Gens.strings(LOWER, 1, 1),
        Gens.strings(LOWER_DIGITS + "-", 0, max - 2),
        Gens.strings(LOWER_DIGITS, 0, 1),
        (head, middle, tail) -> {
          String s = head + middle;
          if (s.endsWith("-")) {
            s = s + (tail.isEmpty() ? "x" : tail);
          } else {
            s = s + tail;
          }
          return s.length() > 63 ? s.substring(0, 62) + "z" : s;
        });
  }

  /** Returns DNS-1123 subdomains: one to three {@link #dnsLabels()} joined by dots. */
  public Gen<String> dnsSubdomains() {
    Gen<String> joined = dnsLabels().listOf(1, 3).map(parts -> String.join(".", parts));
    if (!edges) {
      return joined;
    }
    // A 253-character subdomain: four 63-character labels minus the overflow.
    String longest =
        String.join(".", List.of("a".repeat(63), "b".repeat(63), "c".repeat(63), "d".repeat(61)));
    return Gens.frequency(9, joined, 1, Gens.constant(longest));
  }

  /** Returns object names (DNS-1123 subdomains, kept short). */
  public Gen<String> names() {
    return dnsLabels();
  }

  /** Returns the name part of label keys: 1 to 63 characters, alphanumeric at both ends. */
  public Gen<String> labelNames() {
    Gen<String> plain =
        Gens.combine(
            Gens.strings(NAME_CHARS, 1, 1),
            Gens.strings(NAME_INNER, 0, 8),
            Gens.strings(NAME_CHARS, 1, 1),
            Gens.booleans(),
            (a, b, c, single) -> single ? a : a + b + c);
    if (!edges) {
      return plain;
    }
    return Gens.frequency(8, plain, 1, Gens.constant("k".repeat(63)), 1, Gens.constant("a.b_c-d"));
  }

  /** Returns label keys: a name, with an optional DNS subdomain prefix and {@code /}. */
  public Gen<String> labelKeys() {
    return Gens.combine(
        Gens.optionals(dnsSubdomains()),
        labelNames(),
        (prefix, name) -> prefix.map(p -> p + "/" + name).orElse(name));
  }

  /** Returns label values: empty, or 1 to 63 characters, alphanumeric at both ends. */
  public Gen<String> labelValues() {
    Gen<String> value = labelNames();
    if (!edges) {
      return value;
    }
    return Gens.frequency(6, value, 2, Gens.constant(""), 1, Gens.constant("v".repeat(63)));
  }

  /** Returns label sets of 0 to 4 labels (0 to 8 with edge cases). */
  public Gen<Map<String, String>> labels() {
    return Gens.mapOf(labelKeys(), labelValues(), 0, edges ? 8 : 4);
  }

  /** Returns valid selector requirements with any of the four operators. */
  public Gen<LabelSelectorRequirement> requirements() {
    return Gens.combine(
        labelKeys(),
        Gens.enums(LabelSelectorOperator.class),
        labelValues().listOf(1, 3),
        (key, op, values) ->
            LabelSelectorRequirement.of(
                key,
                op,
                op == LabelSelectorOperator.IN || op == LabelSelectorOperator.NOT_IN
                    ? values.toArray(String[]::new)
                    : new String[0]));
  }

  /** Returns valid label selectors; {@code {}} (everything) among them. */
  public Gen<LabelSelector> labelSelectors() {
    return Gens.combine(
        Gens.mapOf(labelKeys(), labelValues(), 0, 3),
        requirements().listOf(0, 3),
        (labels, expressions) ->
            LabelSelector.builder().matchLabels(labels).matchExpressions(expressions).build());
  }

  /** Returns PodNetworking selectors; with edge cases, both selectors may be absent. */
  public Gen<PodNetworkingSelector> podNetworkingSelectors() {
    Gen<PodNetworkingSelector> selectors =
        Gens.combine(
            Gens.optionals(labelSelectors()),
            Gens.optionals(labelSelectors()),
            (pod, ns) ->
                ImmutablePodNetworkingSelector.builder()
                    .podSelector(pod)
                    .namespaceSelector(ns)
                    .build());
    if (edges) {
      return selectors;
    }
    // Everyday PodNetworkings have at least one selector.
    return selectors.filter(s -> s.podSelector().isPresent() || s.namespaceSelector().isPresent());
  }

  // ---- ids, addresses, durations and times ----

  /** Returns ids with the given prefix ({@code vsw-}, {@code sg-}, ...), like {@code vsw-bp1a2}. */
  public Gen<String> ids(String prefix) {
    return Gens.strings(LOWER_DIGITS, 1, edges ? 64 : 10).map(body -> prefix + body);
  }

  /** Returns private IPv4 addresses in 10.0.0.0/8 or 192.168.0.0/16. */
  public Gen<String> ipv4s() {
    return Gens.combine(
        Gens.booleans(),
        Gens.integers(0, 255),
        Gens.integers(0, 255),
        Gens.integers(1, 254),
        (ten, b, c, d) -> ten ? "10." + b + "." + c + "." + d : "192.168." + c + "." + d);
  }

  /** Returns IPv6 addresses in {@code 2408:4005::/32}, in canonical compressed form. */
  public Gen<String> ipv6s() {
    return Gens.combine(
        Gens.integers(0, 0xffff),
        Gens.integers(0, 0xffff),
        Gens.integers(1, 0xffff),
        (a, b, c) -> String.format("2408:4005:%x:%x::%x", a, b, c));
  }

  /** Returns Go durations between 5 minutes and 1000 hours, as Go prints them. */
  public Gen<String> releaseAfters() {
    Gen<String> ordinary =
        Gens.longs(300, 3_600_000).map(seconds -> GoDurations.format(Duration.ofSeconds(seconds)));
    if (!edges) {
      return ordinary;
    }
    return Gens.frequency(
        8,
        ordinary,
        1,
        Gens.constant("5m"),
        1,
        Gens.constant(GoDurations.format(Duration.ofNanos(Long.MAX_VALUE))));
  }

  /** Returns instants with whole seconds between 2020 and 2030 (Kubernetes' precision). */
  public Gen<Instant> instants() {
    return Gens.longs(1_577_836_800L, 1_893_456_000L).map(Instant::ofEpochSecond);
  }

  // ---- PodNetworking ----

  /** Returns allocation types that validate: Elastic, Fixed TTL (>= 5m), Fixed Never. */
  public Gen<AllocationType> allocationTypes() {
    Gen<AllocationType> ttl =
        releaseAfters()
            .map(
                after ->
                    ImmutableAllocationType.builder()
                        .type(IpAllocationType.FIXED)
                        .releaseStrategy(ReleaseStrategy.TTL)
                        .releaseAfter(after)
                        .build());
    if (!edges) {
      return Gens.oneOf(
          Gens.constant(AllocationType.elastic()), ttl, Gens.constant(AllocationType.fixedNever()));
    }
    AllocationType fixedUnset =
        ImmutableAllocationType.builder().type(IpAllocationType.FIXED).build();
    return Gens.oneOf(
        Gens.constant(AllocationType.elastic()),
        ttl,
        Gens.constant(AllocationType.fixedNever()),
        Gens.constant(fixedUnset));
  }

  /** Returns PodNetworking specs that validate. */
  public Gen<ImmutablePodNetworkingSpec> podNetworkingSpecs() {
    Gen<List<String>> groups = ids("sg-").setOf(1, 5).map(List::copyOf);
    Gen<List<String>> vSwitches = ids("vsw-").setOf(1, 4).map(List::copyOf);
    Gen<VSwitchSelectOptions> policies =
        Gens.enums(VSwitchSelectionPolicy.class).map(VSwitchSelectOptions::of);
    Gen<EniOptions> eniOptions = Gens.enums(EniAttachType.class).map(EniOptions::of);
    return Gens.combine(
        Gens.combine(allocationTypes(), podNetworkingSelectors(), (a, s) -> Map.entry(a, s)),
        groups,
        vSwitches,
        Gens.combine(policies, eniOptions, (p, e) -> Map.entry(p, e)),
        (as, sg, vsw, pe) ->
            ImmutablePodNetworkingSpec.builder()
                .allocationType(as.getKey())
                .selector(as.getValue())
                .securityGroupIDs(sg)
                .vSwitchOptions(vsw)
                .vSwitchSelectOptions(pe.getKey())
                .eniOptions(pe.getValue())
                .build());
  }

  /** Returns PodNetworking statuses whose vSwitches are the given ones, in order. */
  public Gen<PodNetworkingStatus> podNetworkingStatuses(List<String> vSwitches) {
    return Gens.combine(
        Gens.enums(NetworkingStatus.class),
        Gens.elements("cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j")
            .listOf(vSwitches.size(), vSwitches.size()),
        Gens.optionals(instants()),
        (status, zones, updateAt) -> {
          ImmutablePodNetworkingStatus.Builder b =
              ImmutablePodNetworkingStatus.builder().status(status).updateAt(updateAt);
          for (int i = 0; i < vSwitches.size(); i++) {
            b.addVSwitches(VSwitchZone.of(vSwitches.get(i), zones.get(i)));
          }
          if (status == NetworkingStatus.FAIL) {
            b.message("vSwitch " + vSwitches.get(0) + " not found");
          }
          return b.build();
        });
  }

  /** Returns PodNetworkings that validate, with or without a status. */
  public Gen<PodNetworking> podNetworkings() {
    return Gens.combine(
            names(),
            labels(),
            podNetworkingSpecs(),
            (name, labels, spec) ->
                Map.entry(ObjectMeta.builder().name(name).labels(labels).build(), spec))
        .flatMap(
            e ->
                Gens.optionals(podNetworkingStatuses(e.getValue().vSwitchOptions()))
                    .map(
                        status ->
                            (PodNetworking)
                                PodNetworking.builder()
                                    .metadata(e.getKey())
                                    .spec(e.getValue())
                                    .status(status)
                                    .build()));
  }

  // ---- PodENI ----

  /** Returns the ENI of an allocation. */
  public Gen<Eni> enis() {
    Gen<Optional<AttachmentOptions>> options =
        Gens.optionals(
            Gens.optionals(Gens.booleans())
                .map(t -> ImmutableAttachmentOptions.builder().trunk(t).build()));
    return Gens.combine(
        Gens.combine(ids("eni-"), ids("vpc-"), ids("vsw-"), (e, v, s) -> List.of(e, v, s)),
        Gens.integers(0, 0xffffff)
            .map(n -> String.format("00:16:3e:%02x:%02x:%02x", n >> 16, (n >> 8) & 0xff, n & 0xff)),
        ids("sg-").setOf(1, 3).map(List::copyOf),
        options,
        (evs, mac, groups, attach) ->
            ImmutableEni.builder()
                .id(evs.get(0))
                .vpcID(evs.get(1))
                .vSwitchID(evs.get(2))
                .mac(mac)
                .zone("cn-hangzhou-h")
                .securityGroupIDs(groups)
                .attachmentOptions(attach)
                .build());
  }

  /** Returns allocations with the given interface name. */
  public Gen<Allocation> allocations(String interfaceName) {
    return Gens.combine(
        Gens.combine(allocationTypes(), enis(), (a, e) -> Map.entry(a, e)),
        Gens.combine(ipv4s(), Gens.optionals(ipv6s()), (v4, v6) -> Map.entry(v4, v6)),
        Gens.combine(
            Gens.booleans(),
            Gens.elements("10.0.0.0/8", "172.16.0.0/12", "100.64.0.0/10").setOf(0, 2),
            Gens.mapOf(Gens.alphanumeric(1, 6), Gens.alphanumeric(0, 6), 0, 2),
            (dr, routes, extra) -> List.of(dr, routes, extra)),
        Gens.constant(interfaceName),
        (ae, ips, misc, name) -> {
          @SuppressWarnings("unchecked")
          java.util.Set<String> routes = (java.util.Set<String>) misc.get(1);
          @SuppressWarnings("unchecked")
          Map<String, String> extra = (Map<String, String>) misc.get(2);
          ImmutableAllocation.Builder b =
              ImmutableAllocation.builder()
                  .allocationType(ae.getKey())
                  .eni(ae.getValue())
                  .ipv4(ips.getKey())
                  .ipv4CIDR(ips.getKey().startsWith("10.") ? "10.0.0.0/8" : "192.168.0.0/16")
                  .interfaceName(name)
                  .defaultRoute((Boolean) misc.get(0))
                  .extraConfig(extra);
          ips.getValue().ifPresent(v6 -> b.ipv6(v6).ipv6CIDR("2408:4005::/32"));
          routes.stream().sorted().forEach(dst -> b.addExtraRoutes(Route.to(dst)));
          return b.build();
        });
  }

  /** Returns ENI bindings; VLAN ids 0..4094, 0 and 4094 among the edge cases. */
  public Gen<EniInfo> eniInfos(String eniId) {
    Gen<Integer> vids =
        edges
            ? Gens.frequency(6, Gens.integers(1, 4094), 1, Gens.constant(0), 1, Gens.constant(4094))
            : Gens.integers(1, 4094);
    return Gens.combine(
        Gens.optionals(Gens.enums(EniType.class)),
        vids,
        Gens.optionals(Gens.enums(EniBindStatus.class)),
        Gens.optionals(Gens.integers(0, 7)),
        (type, vid, status, card) ->
            ImmutableEniInfo.builder()
                .id(eniId)
                .type(type)
                .vid(vid)
                .status(status)
                .networkCardIndex(card)
                .build());
  }

  /** Returns PodENIs that validate: one to three allocations on {@code eth0}, {@code eth1}, .... */
  public Gen<PodEni> podEnis() {
    Gen<List<Allocation>> allocations =
        Gens.integers(1, 3)
            .flatMap(
                n -> {
                  Gen<List<Allocation>> acc = Gens.constant(List.of());
                  for (int i = 0; i < n; i++) {
                    Gen<Allocation> next = allocations("eth" + i);
                    acc =
                        Gens.combine(
                            acc,
                            next,
                            (list, a) -> {
                              java.util.ArrayList<Allocation> copy =
                                  new java.util.ArrayList<>(list);
                              copy.add(a);
                              return List.copyOf(copy);
                            });
                  }
                  return acc;
                });
    return Gens.combine(
            Gens.combine(names(), names(), (ns, n) -> ObjectMeta.named(ns, n)),
            allocations,
            Gens.enums(PodEniPhase.class),
            Gens.combine(
                ids("i-"),
                ids("eni-"),
                Gens.optionals(instants()),
                (i, t, seen) -> List.of(i, t, seen)),
            (meta, allocs, phase, its) -> Map.entry(meta, Map.entry(allocs, Map.entry(phase, its))))
        .flatMap(
            e -> {
              List<Allocation> allocs = e.getValue().getKey();
              PodEniPhase phase = e.getValue().getValue().getKey();
              List<?> its = e.getValue().getValue().getValue();
              Gen<EniInfo> info = eniInfos(allocs.get(0).eni().id());
              return info.map(
                  i -> {
                    ImmutablePodEniStatus.Builder status =
                        ImmutablePodEniStatus.builder()
                            .phase(phase)
                            .instanceID((String) its.get(0))
                            .trunkENIID((String) its.get(1))
                            .putEniInfos(i.id(), i);
                    @SuppressWarnings("unchecked")
                    Optional<Instant> seen = (Optional<Instant>) its.get(2);
                    status.podLastSeen(seen);
                    return (PodEni)
                        PodEni.builder()
                            .metadata(
                                ObjectMeta.builder()
                                    .from(e.getKey())
                                    .addFinalizers("network.alibabacloud.com/pod-eni")
                                    .build())
                            .spec(
                                ImmutablePodEniSpec.builder()
                                    .allocations(allocs)
                                    .zone("cn-hangzhou-h")
                                    .build())
                            .status(status.build())
                            .build();
                  });
            });
  }

  // ---- core views ----

  /**
   * Returns owner kinds: none (bare pod), StatefulSet, ReplicaSet, DaemonSet, Job or a custom kind.
   */
  public Gen<List<String>> ownerKinds() {
    return Gens.frequency(
        2,
        Gens.constant(List.of()),
        3,
        Gens.elements("StatefulSet", "ReplicaSet", "DaemonSet", "Job", "CloneSet").map(List::of));
  }

  /** Returns pods in the given namespace with labels, owners, node and phase. */
  public Gen<Pod> pods(String namespace) {
    return Gens.combine(
        Gens.combine(names(), labels(), (n, l) -> Map.entry(n, l)),
        ownerKinds(),
        Gens.optionals(names()),
        Gens.optionals(Gens.enums(PodPhase.class)),
        (nl, owners, node, phase) -> {
          ImmutableObjectMeta.Builder meta =
              ObjectMeta.builder().namespace(namespace).name(nl.getKey()).labels(nl.getValue());
          for (String kind : owners) {
            meta.addOwnerReferences(OwnerReference.of(kind, nl.getKey() + "-owner"));
          }
          return (Pod)
              Pod.builder()
                  .metadata(meta.build())
                  .spec(ImmutablePodSpec.builder().nodeName(node.orElse("")).build())
                  .status(ImmutablePodStatus.builder().phase(phase).build())
                  .build();
        });
  }

  /** Returns pods in generated namespaces. */
  public Gen<Pod> pods() {
    return names().flatMap(this::pods);
  }

  /** Returns namespaces with labels (and the {@code kubernetes.io/metadata.name} label). */
  public Gen<Namespace> namespaces() {
    return Gens.combine(
        names(),
        labels(),
        (name, labels) -> {
          java.util.Map<String, String> all = new java.util.LinkedHashMap<>(labels);
          all.put("kubernetes.io/metadata.name", name);
          return (Namespace)
              Namespace.builder()
                  .metadata(ObjectMeta.builder().name(name).labels(all).build())
                  .build();
        });
  }

  /** Returns nodes with zone and instance-type labels, a provider id and often a trunk ENI. */
  public Gen<Node> nodes() {
    return Gens.combine(
        names(),
        Gens.elements("cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j"),
        Gens.combine(
            Gens.elements("ecs.g7.large", "ecs.g7.xlarge", "ecs.c6.2xlarge"),
            ids("i-"),
            Gens.optionals(ids("eni-")),
            (type, instance, trunk) -> List.of(type, instance, trunk)),
        Gens.constant(""),
        (name, zone, tit, unused) -> {
          ImmutableObjectMeta.Builder meta =
              ObjectMeta.builder()
                  .name(name)
                  .putLabels(Labels.ZONE, zone)
                  .putLabels(Labels.INSTANCE_TYPE, (String) tit.get(0));
          @SuppressWarnings("unchecked")
          Optional<String> trunk = (Optional<String>) tit.get(2);
          trunk.ifPresent(t -> meta.putAnnotations("k8s.aliyun.com/trunk-on", t));
          return (Node)
              Node.builder()
                  .metadata(meta.build())
                  .spec(ImmutableNodeSpec.builder().providerID("cn-hangzhou." + tit.get(1)).build())
                  .build();
        });
  }

  /** Returns any model object: PodNetworking, PodENI, Pod, Namespace or Node. */
  public Gen<KubernetesObject> objects() {
    return Gens.oneOf(
        podNetworkings().map(o -> (KubernetesObject) o),
        podEnis().map(o -> (KubernetesObject) o),
        pods().map(o -> (KubernetesObject) o),
        namespaces().map(o -> (KubernetesObject) o),
        nodes().map(o -> (KubernetesObject) o));
  }
}
