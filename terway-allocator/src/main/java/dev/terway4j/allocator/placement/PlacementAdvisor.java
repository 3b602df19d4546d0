package dev.terway4j.allocator.placement;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.allocator.AllocationException;
import dev.terway4j.allocator.NodeInfo;
import dev.terway4j.allocator.TrunkAllocator;
import dev.terway4j.allocator.internal.PodEniRecords;
import dev.terway4j.cloud.spi.InvalidArgumentException;
import dev.terway4j.cloud.spi.VSwitch;
import dev.terway4j.model.Annotations;
import dev.terway4j.model.ControlCharacters;
import dev.terway4j.model.IpAllocationType;
import dev.terway4j.model.Labels;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.selector.PodNetworkingResolver;
import dev.terway4j.selector.Resolution;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Says whether a pod may run on a node as far as its trunk member ENI goes, and if not why: the
 * call a scheduler plugin's filter makes once per node per pod (docs/behaviour.md, "Placement").
 *
 * <p>It decides as {@link TrunkAllocator#podScheduled} would on that node, without doing anything:
 *
 * <ol>
 *   <li>a pod Terway skips (host network, {@code k8s.aliyun.com/ignore-by-terway=true}, terminated)
 *       or that no Ready PodNetworking matches is {@linkplain PlacementDecision.Outcome#NOT_MANAGED
 *       not managed}: it fits anywhere;
 *   <li>a pod with a kept Fixed ENI (a PodENI with a Fixed allocation, not being deleted), or whose
 *       PodENI is already attached for it, keeps that ENI: it must come back to the ENI's zone
 *       ({@link PlacementReason.Code#ZONE_OF_KEPT_ENI}) and needs no vSwitch address;
 *   <li>any other pod gets a new ENI from the PodNetworking the allocator resolves (the one its
 *       {@code k8s.aliyun.com/pod-networking} annotation names if Ready and allowed, else the
 *       resolver's winner; {@link PlacementReason.Code#AMBIGUOUS_POD_NETWORKING} only if built with
 *       {@link Builder#rejectAmbiguous}): one of its vSwitches must be in the node's zone ({@link
 *       PlacementReason.Code#ZONE_NOT_ALLOWED}) with a free address ({@link
 *       PlacementReason.Code#NO_VSWITCH_WITH_FREE_IPS});
 *   <li>the node must be ready for trunking ({@link PlacementReason.Code#NODE_NOT_READY}), its
 *       instance type must take member ENIs ({@link PlacementReason.Code#TRUNK_NOT_SUPPORTED}), and
 *       a slot must be free unless the pod's PodENI already holds one on it ({@link
 *       PlacementReason.Code#MEMBER_SLOTS_FULL}).
 * </ol>
 *
 * <p>Every reason that holds is reported, in {@link PlacementReason.Code} order. What it knows of
 * capacity, vSwitches and PodENIs comes from the sources it was built with ({@link
 * NodeCapacityView}, {@link VSwitchAvailability}, {@link PodEniLookup}), which answer from memory:
 * a check never calls the cloud or the API server. What a source does not know (an instance type's
 * limit, a vSwitch's free count) is never a reason to exclude a node.
 *
 * <p>Admission's zone affinity is already in the pod's spec when a scheduler sees it; this check
 * repeats the zone rules so that a pod admitted before a PodNetworking changed, or a scheduler
 * without the webhook, still gets the allocator's answer.
 *
 * <p>Thread-safe and side-effect free: immutable, and its sources are thread-safe.
 */
public final class PlacementAdvisor {

  private final PodNetworkingResolver resolver;
  private final NodeCapacityView capacity;
  private final VSwitchAvailability vSwitches;
  private final PodEniLookup podEnis;
  private final boolean rejectAmbiguous;

  private PlacementAdvisor(Builder b) {
    this.resolver = b.resolver;
    this.capacity = b.capacity;
    this.vSwitches = b.vSwitches;
    this.podEnis = b.podEnis;
    this.rejectAmbiguous = b.rejectAmbiguous;
  }

  /**
   * Returns a builder. Without further settings it knows no PodENI, no slot and no vSwitch: set the
   * sources that apply.
   *
   * @param resolver the PodNetworkings and the fixed-name policy
   * @return the builder
   */
  public static Builder builder(PodNetworkingResolver resolver) {
    return new Builder(resolver);
  }

  /**
   * Returns an advisor over a local allocator's state: its resolver, its member-slot accounting,
   * its vSwitch cache and its store ({@code store::get}; the store's reads must be local).
   *
   * @param allocator the allocator
   * @return the advisor
   */
  public static PlacementAdvisor forAllocator(TrunkAllocator allocator) {
    checkNotNull(allocator, "allocator");
    return builder(allocator.resolver())
        .capacity(NodeCapacityView.of(allocator.capacity()))
        .vSwitches(VSwitchAvailability.of(allocator.vSwitchPool()))
        .podEnis(allocator.store()::get)
        .build();
  }

  /**
   * Says whether a pod may run on a node.
   *
   * @param pod the pod (its {@code spec.nodeName} is not looked at)
   * @param namespace its namespace (labels matter for {@code namespaceSelector})
   * @param node the candidate node
   * @return the decision
   * @throws IllegalArgumentException if the pod names a namespace other than {@code namespace}
   */
  public PlacementDecision check(Pod pod, Namespace namespace, Node node) {
    checkNotNull(node, "node");
    return decide(plan(pod, namespace), node);
  }

  /**
   * Says whether a pod may run on each of some nodes, resolving the pod once.
   *
   * @param pod the pod
   * @param namespace its namespace
   * @param nodes the candidate nodes
   * @return one decision per node, in the nodes' order
   * @throws IllegalArgumentException if the pod names a namespace other than {@code namespace}
   */
  public List<PlacementDecision> filter(Pod pod, Namespace namespace, Collection<Node> nodes) {
    checkNotNull(nodes, "nodes");
    Plan plan = plan(pod, namespace);
    List<PlacementDecision> out = new ArrayList<>(nodes.size());
    for (Node node : nodes) {
      out.add(decide(plan, checkNotNull(node, "node")));
    }
    return out;
  }

  // ------------------------------------------------------------------ the pod's side

  private enum Kind {
    NOT_MANAGED,
    REJECTED,
    KEPT,
    NEW
  }

  /** What a pod needs, the same on every node. */
  private record Plan(
      Kind kind,
      String why,
      Resolution resolution,
      Optional<PodNetworking> podNetworking,
      Optional<String> keptZone,
      Optional<String> heldOn) {}

  private Plan plan(Pod pod, Namespace namespace) {
    checkNotNull(pod, "pod");
    checkNotNull(namespace, "namespace");
    String podNamespace = pod.metadata().namespace();
    String namespaceName = namespace.metadata().name();
    checkArgument(
        podNamespace.isEmpty() || namespaceName.isEmpty() || podNamespace.equals(namespaceName),
        "pod %s is in namespace %s, not %s",
        ControlCharacters.escape(pod.metadata().name()),
        ControlCharacters.escape(podNamespace),
        ControlCharacters.escape(namespaceName));
    if (pod.terminated()) {
      return notManaged("the pod has terminated");
    }
    if (pod.spec().hostNetwork()) {
      return notManaged("host-network pod");
    }
    if ("true".equals(pod.metadata().labels().get(Labels.IGNORE_BY_TERWAY))) {
      return notManaged("pod labelled " + Labels.IGNORE_BY_TERWAY + "=true");
    }
    String ns = podNamespace.isEmpty() ? namespaceName : podNamespace;
    Optional<PodEni> record = podEnis.get(ns, pod.metadata().name());
    if (record.isPresent() && !releasing(record.get())) {
      PodEni r = record.get();
      PodEniPhase phase = PodEniRecords.phase(r);
      boolean attachedForThisPod =
          PodEniRecords.podUid(r).equals(pod.metadata().uid())
              && !pod.metadata().uid().isEmpty()
              && (phase == PodEniPhase.BIND
                  || phase == PodEniPhase.INITIAL
                  || phase == PodEniPhase.BINDING);
      if (attachedForThisPod || PodEniRecords.fixedIp(r)) {
        String zone = r.spec().zone();
        return new Plan(
            Kind.KEPT,
            "",
            Resolution.none(),
            Optional.empty(),
            zone.isEmpty() ? Optional.empty() : Optional.of(zone),
            PodEniLedger.slotInstance(r));
      }
    }
    // As TrunkAllocator.resolve: the admitted PodNetworking first, then the resolver.
    String named = pod.metadata().annotations().get(Annotations.POD_NETWORKING);
    Resolution resolution = null;
    if (named != null && !named.isEmpty()) {
      Optional<PodNetworking> byName = resolver.get(named).filter(PodNetworking::ready);
      if (byName.isPresent()
          && (byName.get().spec().allocationType().type() != IpAllocationType.FIXED
              || resolver.fixedNamePolicy().isFixedName(pod))) {
        resolution = Resolution.of(List.of(byName.get()));
      }
    }
    if (resolution == null) {
      resolution = resolver.resolve(pod, namespace);
    }
    if (resolution.isNone()) {
      return notManaged("no Ready PodNetworking matches the pod");
    }
    if (resolution.isAmbiguous() && rejectAmbiguous) {
      return new Plan(
          Kind.REJECTED,
          "several PodNetworkings match the pod: "
              + ControlCharacters.escape(String.valueOf(resolution.candidateNames())),
          resolution,
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }
    return new Plan(
        Kind.NEW, "", resolution, resolution.winner(), Optional.empty(), Optional.empty());
  }

  private static Plan notManaged(String why) {
    return new Plan(
        Kind.NOT_MANAGED,
        why,
        Resolution.none(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** A record on its way out: the pod's next ENI does not depend on it. */
  private static boolean releasing(PodEni record) {
    return PodEniRecords.phase(record) == PodEniPhase.DELETING
        || record.metadata().deletionTimestamp().isPresent();
  }

  // ------------------------------------------------------------------ the node's side

  private PlacementDecision decide(Plan plan, Node node) {
    String nodeName = node.metadata().name();
    Optional<String> nodeZone = node.zone();
    if (plan.kind() == Kind.NOT_MANAGED || node.ignoredByTerway()) {
      // The allocator leaves every pod of a virtual-kubelet or ignored node alone.
      return new PlacementDecision(
          PlacementDecision.Outcome.NOT_MANAGED,
          nodeName,
          List.of(),
          plan.resolution(),
          Optional.empty(),
          nodeZone,
          Optional.empty(),
          List.of(),
          List.of(),
          Optional.empty(),
          false);
    }
    if (plan.kind() == Kind.REJECTED) {
      return new PlacementDecision(
          PlacementDecision.Outcome.DOES_NOT_FIT,
          nodeName,
          List.of(new PlacementReason(PlacementReason.Code.AMBIGUOUS_POD_NETWORKING, plan.why())),
          plan.resolution(),
          Optional.empty(),
          nodeZone,
          Optional.empty(),
          List.of(),
          List.of(),
          Optional.empty(),
          false);
    }
    List<PlacementReason> reasons = new ArrayList<>(2);
    String quotedNode = ControlCharacters.escape(nodeName);

    // The node's facts, as NodeInfo.of reads them for the allocator.
    try {
      NodeInfo.of(node);
    } catch (AllocationException | InvalidArgumentException e) {
      reasons.add(
          new PlacementReason(
              PlacementReason.Code.NODE_NOT_READY, ControlCharacters.escape(e.getMessage())));
    }
    Optional<String> instanceId = node.instanceId();
    Optional<String> instanceType = node.instanceType();
    Optional<MemberSlots> slots =
        instanceId.isPresent() && instanceType.isPresent()
            ? capacity.memberSlots(instanceId.get(), instanceType.get())
            : Optional.empty();
    if (slots.isPresent() && slots.get().limit() == 0) {
      reasons.add(
          new PlacementReason(
              PlacementReason.Code.TRUNK_NOT_SUPPORTED,
              "node "
                  + quotedNode
                  + ": instance type "
                  + ControlCharacters.escape(instanceType.get())
                  + " does not support trunking (it takes no member ENIs)"));
    }

    // Zones and vSwitches.
    List<String> allowedZones = List.of();
    List<PlacementDecision.VSwitchOption> inZone = List.of();
    if (plan.kind() == Kind.KEPT) {
      if (plan.keptZone().isPresent()
          && nodeZone.isPresent()
          && !plan.keptZone().get().equals(nodeZone.get())) {
        reasons.add(
            new PlacementReason(
                PlacementReason.Code.ZONE_OF_KEPT_ENI,
                "the pod's Fixed ENI is kept in zone "
                    + ControlCharacters.escape(plan.keptZone().get())
                    + "; node "
                    + quotedNode
                    + " is in zone "
                    + ControlCharacters.escape(nodeZone.get())));
      }
    } else if (nodeZone.isPresent()) {
      PodNetworking pn = plan.podNetworking().get();
      Map<String, String> statusZones = new HashMap<>();
      pn.status().ifPresent(s -> s.vSwitches().forEach(v -> statusZones.put(v.id(), v.zone())));
      TreeSet<String> zones = new TreeSet<>();
      List<PlacementDecision.VSwitchOption> options = new ArrayList<>();
      for (String id : new LinkedHashSet<>(pn.spec().vSwitchOptions())) {
        Optional<VSwitch> known = vSwitches.vSwitch(id);
        String zone = known.map(VSwitch::zoneId).orElseGet(() -> statusZones.getOrDefault(id, ""));
        if (!zone.isEmpty()) {
          zones.add(zone);
        }
        if (zone.isEmpty() || zone.equals(nodeZone.get())) {
          options.add(
              new PlacementDecision.VSwitchOption(
                  id,
                  zone,
                  known.isPresent()
                      ? OptionalLong.of(known.get().availableIpAddressCount())
                      : OptionalLong.empty()));
        }
      }
      allowedZones = List.copyOf(zones);
      inZone = options;
      String pnName = ControlCharacters.escape(pn.metadata().name());
      if (options.isEmpty()) {
        reasons.add(
            new PlacementReason(
                PlacementReason.Code.ZONE_NOT_ALLOWED,
                "PodNetworking "
                    + pnName
                    + " has vSwitches in zones "
                    + ControlCharacters.escape(allowedZones.toString())
                    + "; node "
                    + quotedNode
                    + " is in zone "
                    + ControlCharacters.escape(nodeZone.get())));
      } else if (options.stream().noneMatch(PlacementDecision.VSwitchOption::mayGiveAddress)) {
        List<String> ids = new ArrayList<>();
        options.forEach(o -> ids.add(o.id()));
        reasons.add(
            new PlacementReason(
                PlacementReason.Code.NO_VSWITCH_WITH_FREE_IPS,
                "no vSwitch of PodNetworking "
                    + pnName
                    + " in zone "
                    + ControlCharacters.escape(nodeZone.get())
                    + " has a free IP: "
                    + ControlCharacters.escape(ids.toString())));
      }
    }

    // Member slots: a pod whose PodENI names this node's instance holds its slot already.
    boolean needsSlot = instanceId.isEmpty() || !plan.heldOn().equals(instanceId);
    if (needsSlot && slots.isPresent() && slots.get().limit() > 0 && slots.get().full()) {
      reasons.add(
          new PlacementReason(
              PlacementReason.Code.MEMBER_SLOTS_FULL,
              "node "
                  + quotedNode
                  + " ("
                  + ControlCharacters.escape(instanceType.get())
                  + ") already carries "
                  + slots.get().used()
                  + " of "
                  + slots.get().limit()
                  + " member ENIs"));
    }
    return new PlacementDecision(
        reasons.isEmpty() ? PlacementDecision.Outcome.FITS : PlacementDecision.Outcome.DOES_NOT_FIT,
        nodeName,
        reasons,
        plan.resolution(),
        plan.podNetworking().map(pn -> pn.metadata().name()),
        nodeZone,
        plan.keptZone(),
        allowedZones,
        inZone,
        slots,
        needsSlot);
  }

  @Override
  public String toString() {
    return "PlacementAdvisor{" + resolver + ", rejectAmbiguous=" + rejectAmbiguous + "}";
  }

  /** Builds a {@link PlacementAdvisor}. Not thread-safe; one builder per thread. */
  public static final class Builder {
    private final PodNetworkingResolver resolver;
    private NodeCapacityView capacity = (instanceId, instanceType) -> Optional.empty();
    private VSwitchAvailability vSwitches = VSwitchAvailability.unknown();
    private PodEniLookup podEnis = PodEniLookup.none();
    private boolean rejectAmbiguous;

    private Builder(PodNetworkingResolver resolver) {
      this.resolver = checkNotNull(resolver, "resolver");
    }

    /**
     * Sets where member slots come from (default: nowhere, so slots are never a reason).
     *
     * @param capacity the view
     * @return this builder
     */
    public Builder capacity(NodeCapacityView capacity) {
      this.capacity = checkNotNull(capacity, "capacity");
      return this;
    }

    /**
     * Sets where vSwitch zones and free counts come from (default: {@link
     * VSwitchAvailability#unknown()}, zones from the PodNetworking's status).
     *
     * @param vSwitches the view
     * @return this builder
     */
    public Builder vSwitches(VSwitchAvailability vSwitches) {
      this.vSwitches = checkNotNull(vSwitches, "vSwitches");
      return this;
    }

    /**
     * Sets where the pods' PodENI records come from (default: none, so no pod keeps an ENI).
     *
     * @param podEnis the lookup, e.g. a {@link PodEniLedger}
     * @return this builder
     */
    public Builder podEnis(PodEniLookup podEnis) {
      this.podEnis = checkNotNull(podEnis, "podEnis");
      return this;
    }

    /**
     * Sets whether a pod several PodNetworkings match fits nowhere (default {@code false}: the
     * lowest name is used, as the allocator and {@code AdmissionSettings.defaults()} do).
     *
     * @param reject whether to reject
     * @return this builder
     */
    public Builder rejectAmbiguous(boolean reject) {
      this.rejectAmbiguous = reject;
      return this;
    }

    /**
     * Builds the advisor.
     *
     * @return the advisor
     */
    public PlacementAdvisor build() {
      return new PlacementAdvisor(this);
    }
  }
}
