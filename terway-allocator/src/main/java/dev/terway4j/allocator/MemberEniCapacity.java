package dev.terway4j.allocator;

import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.InstanceType;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Member-ENI slots per node: the limit from the node's instance type ({@link
 * InstanceType#memberEniLimit()}, {@code EniTotalQuantity - EniQuantity}, 0 without trunk support;
 * described once per type and cached), and the count in use, which a reservation raises before an
 * ENI is created or attached and never past the limit.
 *
 * <p>Thread-safe: each instance's count changes under its own lock; limits are cached in a
 * concurrent map (a type described twice by racing threads gives the same answer).
 */
public final class MemberEniCapacity {

  private final CloudProvider cloud;
  private final Map<String, Integer> limitsByType = new ConcurrentHashMap<>();
  private final Map<String, Slots> slotsByInstance = new ConcurrentHashMap<>();

  private static final class Slots {
    int used;
  }

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
   * Takes one slot on a node if one is free.
   *
   * @param node the node
   * @return {@code true} if a slot was taken
   */
  public boolean tryReserve(NodeInfo node) {
    int limit = limit(node.instanceType());
    Slots slots = slotsByInstance.computeIfAbsent(node.instanceId(), id -> new Slots());
    synchronized (slots) {
      if (slots.used >= limit) {
        return false;
      }
      slots.used++;
      return true;
    }
  }

  /**
   * Counts a slot as taken without checking the limit (recovery of what is already attached).
   *
   * @param instanceId the node's instance
   */
  public void restore(String instanceId) {
    Slots slots =
        slotsByInstance.computeIfAbsent(checkNotNull(instanceId, "instanceId"), id -> new Slots());
    synchronized (slots) {
      slots.used++;
    }
  }

  /**
   * Gives one slot back.
   *
   * @param instanceId the node's instance
   * @throws IllegalStateException if no slot of that instance is taken
   */
  public void release(String instanceId) {
    Slots slots = slotsByInstance.get(checkNotNull(instanceId, "instanceId"));
    checkState(slots != null, "no member slot taken on %s", instanceId);
    synchronized (slots) {
      checkState(slots.used > 0, "no member slot taken on %s", instanceId);
      slots.used--;
    }
  }

  /**
   * Returns how many slots of an instance are taken.
   *
   * @param instanceId the instance
   * @return the count
   */
  public int used(String instanceId) {
    Slots slots = slotsByInstance.get(checkNotNull(instanceId, "instanceId"));
    if (slots == null) {
      return 0;
    }
    synchronized (slots) {
      return slots.used;
    }
  }
}
