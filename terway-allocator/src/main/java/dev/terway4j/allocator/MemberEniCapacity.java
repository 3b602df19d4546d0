package dev.terway4j.allocator;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.allocator.internal.PodKey;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.InstanceType;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Member-ENI slots per node: the limit from the node's instance type ({@link
 * InstanceType#memberEniLimit()}, {@code EniTotalQuantity - EniQuantity}, 0 without trunk support;
 * described once per type and cached), and the slots in use.
 *
 * <p>A slot in use is owned by a pod, never a bare count: a pod holds a slot on the instance its
 * PodENI record names ({@code status.instanceID}), as the allocator last wrote or read that record,
 * or while a scoped reservation of it is open (between the check of the limit and the write of the
 * record). So a failure anywhere after a reservation cannot leak a slot (closing the reservation
 * gives it back unless the record now names the instance), giving a slot back twice is harmless,
 * and recovering from the same records twice counts them once.
 *
 * <p>Thread-safe: the slots change under one lock (each change is a few map operations); limits are
 * cached in a concurrent map (a type described twice by racing threads gives the same answer).
 */
public final class MemberEniCapacity {

  private final CloudProvider cloud;
  private final Map<String, Integer> limitsByType = new ConcurrentHashMap<>();
  // Guarded by this. The instance each pod's record names, and the pods per instance.
  private final Map<PodKey, String> heldBy = new HashMap<>();
  private final Map<String, Set<PodKey>> holders = new HashMap<>();
  // Guarded by this. Open reservations: pods whose record is being written.
  private final Map<String, Set<PodKey>> reservers = new HashMap<>();

  /**
   * Creates the accounting.
   *
   * @param cloud where instance types are described; pass one with rate limits and retries
   */
  public MemberEniCapacity(CloudProvider cloud) {
    this.cloud = checkNotNull(cloud, "cloud");
  }

  /**
   * Returns how many member ENIs a node's instance type allows, describing it on first use.
   *
   * @param instanceType the type
   * @return the limit; 0 for an unknown type or one without trunk support
   */
  public int limit(String instanceType) {
    checkNotNull(instanceType, "instanceType");
    Integer cached = limitsByType.get(instanceType);
    if (cached != null) {
      return cached;
    }
    int limit =
        cloud.describeInstanceType(instanceType).map(InstanceType::memberEniLimit).orElse(0);
    limitsByType.put(instanceType, limit);
    return limit;
  }

  /**
   * Takes an instance type's limit from what a node says of it (its {@code
   * alibabacloud.com/instance-type-info} annotation, {@link InstanceTypeInfo}) instead of
   * describing it, as Terway prefers the annotation to DescribeInstanceTypes. The latest word wins.
   *
   * @param instanceType the node's instance type (its label), under which the limit is kept
   * @param described what the node says of that type
   */
  public void learn(String instanceType, InstanceType described) {
    checkNotNull(instanceType, "instanceType");
    checkNotNull(described, "described");
    limitsByType.put(instanceType, described.memberEniLimit());
  }

  /**
   * Returns the member-ENI limit of an instance type if it was described already, without
   * describing it: for callers that must not reach the cloud (a scheduler's filter). {@link #limit}
   * fills the cache.
   *
   * @param instanceType the type
   * @return the cached limit, or empty if the type was never described
   */
  public OptionalInt cachedLimit(String instanceType) {
    checkNotNull(instanceType, "instanceType");
    Integer cached = limitsByType.get(instanceType);
    return cached == null ? OptionalInt.empty() : OptionalInt.of(cached);
  }

  /**
   * Returns how many slots of an instance are in use: pods whose record names it, and open
   * reservations.
   *
   * @param instanceId the instance
   * @return the count
   */
  public synchronized int used(String instanceId) {
    checkNotNull(instanceId, "instanceId");
    Set<PodKey> held = holders.getOrDefault(instanceId, Set.of());
    int used = held.size();
    for (PodKey pod : reservers.getOrDefault(instanceId, Set.of())) {
      if (!held.contains(pod)) {
        used++;
      }
    }
    return used;
  }

  /**
   * Reserves a slot on a node for a pod, if one is free (or the pod already holds one there). Close
   * the reservation on every path, in a try-with-resources: closing gives the slot back unless the
   * pod's record, written meanwhile through {@link #track}, names the node.
   *
   * @param node the node
   * @param pod the pod
   * @return the open reservation, or {@code null} if the node is full
   */
  Reservation tryReserve(NodeInfo node, PodKey pod) {
    checkNotNull(pod, "pod");
    int limit = limit(node.instanceType());
    String instanceId = node.instanceId();
    synchronized (this) {
      boolean already =
          instanceId.equals(heldBy.get(pod))
              || reservers.getOrDefault(instanceId, Set.of()).contains(pod);
      if (!already && used(instanceId) >= limit) {
        return null;
      }
      reservers.computeIfAbsent(instanceId, id -> new HashSet<>()).add(pod);
      return new Reservation(instanceId, pod);
    }
  }

  /**
   * Records the instance a pod's record names, as just written to or read from the store: the pod
   * then holds a slot there and nowhere else ({@code ""}: nowhere). Idempotent.
   *
   * @param pod the pod
   * @param instanceId the record's {@code status.instanceID}, {@code ""} if none or no record
   */
  synchronized void track(PodKey pod, String instanceId) {
    checkNotNull(pod, "pod");
    checkNotNull(instanceId, "instanceId");
    String before = instanceId.isEmpty() ? heldBy.remove(pod) : heldBy.put(pod, instanceId);
    if (before != null && !before.equals(instanceId)) {
      Set<PodKey> set = holders.get(before);
      set.remove(pod);
      if (set.isEmpty()) {
        holders.remove(before);
      }
    }
    if (!instanceId.isEmpty()) {
      holders.computeIfAbsent(instanceId, id -> new HashSet<>()).add(pod);
    }
  }

  /**
   * Replaces what pods hold by what a full listing of the records names (recovery): the result
   * depends on the records only, so recovering twice counts each record once. Open reservations are
   * kept.
   *
   * @param recorded each pod with a record naming an instance, and that instance
   */
  synchronized void reconcile(Map<PodKey, String> recorded) {
    heldBy.clear();
    holders.clear();
    recorded.forEach(this::track);
  }

  private synchronized void close(Reservation reservation) {
    Set<PodKey> set = reservers.get(reservation.instanceId);
    if (set != null && set.remove(reservation.pod) && set.isEmpty()) {
      reservers.remove(reservation.instanceId);
    }
  }

  /**
   * An open reservation of one slot; closing it is idempotent. Not thread-safe: one thread opens
   * and closes it.
   */
  final class Reservation implements AutoCloseable {
    private final String instanceId;
    private final PodKey pod;
    private boolean closed;

    private Reservation(String instanceId, PodKey pod) {
      this.instanceId = instanceId;
      this.pod = pod;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        MemberEniCapacity.this.close(this);
      }
    }
  }

  @Override
  public synchronized String toString() {
    return "MemberEniCapacity{"
        + heldBy.size()
        + " slots held, "
        + reservers.size()
        + " nodes with reservations}";
  }
}
