package dev.terway4j.allocator.internal;

import dev.terway4j.allocator.NodeInfo;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.VSwitch;
import dev.terway4j.model.Allocation;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.Annotations;
import dev.terway4j.model.EniBindStatus;
import dev.terway4j.model.EniInfo;
import dev.terway4j.model.EniType;
import dev.terway4j.model.ImmutableAllocation;
import dev.terway4j.model.ImmutableEni;
import dev.terway4j.model.ImmutableEniInfo;
import dev.terway4j.model.ImmutableObjectMeta;
import dev.terway4j.model.ImmutablePodEni;
import dev.terway4j.model.ImmutablePodEniSpec;
import dev.terway4j.model.ImmutablePodEniStatus;
import dev.terway4j.model.IpAllocationType;
import dev.terway4j.model.Labels;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.PodEniStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the PodENI records the allocator writes, field by field as Terway writes them
 * (docs/behaviour.md, "Records produced"). Stateless and thread-safe.
 */
public final class PodEniRecords {

  /** The in-pod interface of the single allocation Terway's PodNetworking path makes. */
  public static final String DEFAULT_INTERFACE = "eth0";

  private PodEniRecords() {}

  /**
   * Returns the record of a freshly created ENI whose attach to the node is under way.
   *
   * @param namespace the pod's namespace
   * @param name the pod's name
   * @param podUid the pod's UID
   * @param node the node
   * @param allocationType the PodNetworking's allocation type
   * @param eni the created ENI
   * @param vSwitch the ENI's vSwitch
   * @return the record, phase Initial
   */
  public static PodEni initial(
      String namespace,
      String name,
      String podUid,
      NodeInfo node,
      AllocationType allocationType,
      NetworkInterface eni,
      VSwitch vSwitch) {
    Allocation allocation =
        ImmutableAllocation.builder()
            .allocationType(allocationType)
            .eni(
                ImmutableEni.builder()
                    .id(eni.id())
                    .vpcID(eni.vpcId())
                    .mac(eni.macAddress())
                    .zone(eni.zoneId())
                    .vSwitchID(eni.vSwitchId())
                    .securityGroupIDs(eni.securityGroupIds())
                    .build())
            .ipv4(eni.privateIpAddress())
            .ipv6(eni.ipv6Addresses().isEmpty() ? "" : eni.ipv6Addresses().get(0))
            .ipv4CIDR(vSwitch.ipv4CidrBlock())
            .ipv6CIDR(vSwitch.ipv6CidrBlock().orElse(""))
            .interfaceName(DEFAULT_INTERFACE)
            .build();
    return ImmutablePodEni.builder()
        .metadata(
            ImmutableObjectMeta.builder()
                .namespace(namespace)
                .name(name)
                .addFinalizers(Annotations.POD_ENI_FINALIZER)
                .putAnnotations(Annotations.POD_UID, podUid)
                .putLabels(Labels.NODE, node.name())
                .build())
        .spec(ImmutablePodEniSpec.builder().addAllocations(allocation).zone(node.zone()).build())
        .status(
            ImmutablePodEniStatus.builder()
                .phase(PodEniPhase.INITIAL)
                .instanceID(node.instanceId())
                .trunkENIID(node.trunkEniId())
                .build())
        .build();
  }

  /**
   * Returns the status of a record, or an empty one.
   *
   * @param record the record
   * @return its status
   */
  public static PodEniStatus status(PodEni record) {
    return record.status().orElseGet(() -> ImmutablePodEniStatus.builder().build());
  }

  /**
   * Returns the phase of a record.
   *
   * @param record the record
   * @return its phase, Initial when it has no status
   */
  public static PodEniPhase phase(PodEni record) {
    return status(record).phase();
  }

  /**
   * Returns the ids of a record's ENIs, in allocation order.
   *
   * @param record the record
   * @return the ids
   */
  public static List<String> eniIds(PodEni record) {
    List<Allocation> allocations = record.spec().allocations();
    if (allocations.size() == 1) {
      // Terway's PodNetworking path makes one allocation: the common case, without a stream.
      return List.of(allocations.get(0).eni().id());
    }
    List<String> ids = new ArrayList<>(allocations.size());
    for (Allocation allocation : allocations) {
      ids.add(allocation.eni().id());
    }
    return Collections.unmodifiableList(ids);
  }

  /**
   * Returns whether any allocation of a record is Fixed, as {@link PodEni#fixedIp()} does, without
   * a stream: the allocator asks on every event.
   *
   * @param record the record
   * @return {@code true} if the record holds a Fixed IP
   */
  public static boolean fixedIp(PodEni record) {
    for (Allocation allocation : record.spec().allocations()) {
      if (allocation.allocationType().type() == IpAllocationType.FIXED) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the pod UID a record belongs to.
   *
   * @param record the record
   * @return the UID, {@code ""} if not recorded
   */
  public static String podUid(PodEni record) {
    return record.metadata().annotations().getOrDefault(Annotations.POD_UID, "");
  }

  /**
   * Returns a record with another phase.
   *
   * @param record the record
   * @param phase the phase
   * @return the new record
   */
  public static PodEni withPhase(PodEni record, PodEniPhase phase) {
    return ImmutablePodEni.copyOf(record)
        .withStatus(ImmutablePodEniStatus.copyOf(status(record)).withPhase(phase));
  }

  /**
   * Returns a record with {@code podLastSeen} set to {@code now}, unless it already holds a later
   * time: a clock that went back must not move the TTL's start into the past (which would release
   * an address early). {@link #seenExactly} undoes a time from the future.
   *
   * @param record the record
   * @param now the time
   * @return the new record
   */
  public static PodEni seen(PodEni record, Instant now) {
    return ImmutablePodEni.copyOf(record)
        .withStatus(
            ImmutablePodEniStatus.copyOf(status(record)).withPodLastSeen(lastSeen(record, now)));
  }

  /**
   * Returns a record with {@code podLastSeen} set to exactly {@code at}, earlier or not (for a time
   * written while the clock was ahead, once it has come back).
   *
   * @param record the record
   * @param at the time
   * @return the new record
   */
  public static PodEni seenExactly(PodEni record, Instant at) {
    return ImmutablePodEni.copyOf(record)
        .withStatus(ImmutablePodEniStatus.copyOf(status(record)).withPodLastSeen(at));
  }

  /** Returns the later of the record's {@code podLastSeen} and {@code now}. */
  private static Instant lastSeen(PodEni record, Instant now) {
    return status(record).podLastSeen().filter(seen -> seen.isAfter(now)).orElse(now);
  }

  /**
   * Returns a record whose ENIs are attached, as the pod-eni controller writes it (§7.2): phase
   * Bind, one {@code eniInfos} entry per ENI with its VLAN id, {@code podLastSeen} for a Fixed IP.
   *
   * @param record the record
   * @param observed the ENIs as described, by id
   * @param now the time
   * @return the new record
   */
  public static PodEni bound(PodEni record, Map<String, NetworkInterface> observed, Instant now) {
    Map<String, EniInfo> infos = new LinkedHashMap<>();
    for (String id : eniIds(record)) {
      NetworkInterface eni = observed.get(id);
      infos.put(
          id,
          ImmutableEniInfo.builder()
              .id(id)
              .type(EniType.MEMBER)
              .vid(eni.deviceIndex().orElse(0))
              .status(EniBindStatus.BIND)
              .build());
    }
    ImmutablePodEniStatus status =
        ImmutablePodEniStatus.copyOf(status(record))
            .withPhase(PodEniPhase.BIND)
            .withEniInfos(infos);
    if (fixedIp(record)) {
      status = status.withPodLastSeen(lastSeen(record, now));
    }
    return ImmutablePodEni.copyOf(record).withStatus(status);
  }

  /**
   * Returns a record whose ENIs are detached and kept (§7.3): phase Unbind, no instance or trunk,
   * every ENI info Unbind with VLAN id 0, no node label.
   *
   * @param record the record
   * @param now the time, written as {@code podLastSeen}
   * @return the new record
   */
  public static PodEni unbound(PodEni record, Instant now) {
    Map<String, EniInfo> infos = new LinkedHashMap<>();
    status(record)
        .eniInfos()
        .forEach(
            (id, info) ->
                infos.put(
                    id, ImmutableEniInfo.copyOf(info).withStatus(EniBindStatus.UNBIND).withVid(0)));
    Map<String, String> labels = new LinkedHashMap<>(record.metadata().labels());
    labels.remove(Labels.NODE);
    return ImmutablePodEni.copyOf(record)
        .withMetadata(ImmutableObjectMeta.copyOf(record.metadata()).withLabels(labels))
        .withStatus(
            ImmutablePodEniStatus.copyOf(status(record))
                .withPhase(PodEniPhase.UNBIND)
                .withInstanceID("")
                .withTrunkENIID("")
                .withEniInfos(infos)
                .withPodLastSeen(lastSeen(record, now)));
  }

  /**
   * Returns a record without instance and trunk (its ENIs are no longer attached), phase kept.
   *
   * @param record the record
   * @return the new record
   */
  public static PodEni withoutInstance(PodEni record) {
    return ImmutablePodEni.copyOf(record)
        .withStatus(
            ImmutablePodEniStatus.copyOf(status(record)).withInstanceID("").withTrunkENIID(""));
  }

  /**
   * Returns a kept record being attached again for a returning pod (§6.1 reConfig then Binding):
   * node label and pod UID refreshed, instance and trunk of the new node, ENI infos reset.
   *
   * @param record the record, phase Unbind
   * @param podUid the new pod's UID
   * @param node the new node
   * @return the new record, phase Binding
   */
  public static PodEni binding(PodEni record, String podUid, NodeInfo node) {
    Map<String, String> labels = new LinkedHashMap<>(record.metadata().labels());
    labels.put(Labels.NODE, node.name());
    Map<String, String> annotations = new LinkedHashMap<>(record.metadata().annotations());
    annotations.put(Annotations.POD_UID, podUid);
    return ImmutablePodEni.copyOf(record)
        .withMetadata(
            ImmutableObjectMeta.copyOf(record.metadata())
                .withLabels(labels)
                .withAnnotations(annotations))
        .withStatus(
            ImmutablePodEniStatus.copyOf(status(record))
                .withPhase(PodEniPhase.BINDING)
                .withInstanceID(node.instanceId())
                .withTrunkENIID(node.trunkEniId())
                .withEniInfos(Map.of()));
  }
}
