package dev.terway4j.allocator.placement;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.allocator.MemberEniCapacity;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Where a placement check learns a node's member-ENI slots: used and limit. It must answer from
 * memory, never from the cloud or the API server: a scheduler filter asks once per node per pod.
 *
 * <p>Two come with the library:
 *
 * <ul>
 *   <li>{@link #of(MemberEniCapacity)}: the local allocator's own accounting (records it wrote or
 *       read, and reservations open right now), for a scheduler extension in the allocator's
 *       process;
 *   <li>{@link #of(PodEniLedger, MemberEniLimits)}: computed from PodENI records alone and a table
 *       of instance-type limits, for a scheduler in another process (or a second controller, or one
 *       just restarted), fed by an informer or a listing.
 * </ul>
 *
 * <p><b>Thread safety:</b> implementations must be thread-safe.
 */
@FunctionalInterface
public interface NodeCapacityView {

  /**
   * Returns the member slots of a node.
   *
   * @param instanceId the node's ECS instance
   * @param instanceType the node's instance type
   * @return the slots, or empty if the instance type's limit is not known here
   */
  Optional<MemberSlots> memberSlots(String instanceId, String instanceType);

  /**
   * Returns the local allocator's accounting: slots in use are {@link MemberEniCapacity#used}
   * (records and open reservations), limits are the types it has described already ({@link
   * MemberEniCapacity#cachedLimit}); a type it has never described is unknown, never described
   * here. Call {@link MemberEniCapacity#limit} once per instance type off the hot path (when a node
   * joins) to know every type.
   *
   * @param capacity the allocator's accounting ({@link
   *     dev.terway4j.allocator.TrunkAllocator#capacity()})
   * @return the view
   */
  static NodeCapacityView of(MemberEniCapacity capacity) {
    checkNotNull(capacity, "capacity");
    return (instanceId, instanceType) -> {
      OptionalInt limit = capacity.cachedLimit(instanceType);
      return limit.isPresent()
          ? Optional.of(new MemberSlots(capacity.used(instanceId), limit.getAsInt()))
          : Optional.empty();
    };
  }

  /**
   * Returns the slots computed from PodENI records: used is how many records name the instance
   * ({@link PodEniLedger}'s slot rule), the limit comes from the table.
   *
   * @param records the PodENI records of the cluster
   * @param limits the member-ENI limit of each instance type
   * @return the view
   */
  static NodeCapacityView of(PodEniLedger records, MemberEniLimits limits) {
    checkNotNull(records, "records");
    checkNotNull(limits, "limits");
    return (instanceId, instanceType) -> {
      OptionalInt limit = limits.limit(instanceType);
      return limit.isPresent()
          ? Optional.of(new MemberSlots(records.slotsUsed(instanceId), limit.getAsInt()))
          : Optional.empty();
    };
  }
}
