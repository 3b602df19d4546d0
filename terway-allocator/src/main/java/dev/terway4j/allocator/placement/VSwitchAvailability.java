package dev.terway4j.allocator.placement;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import dev.terway4j.allocator.VSwitchPool;
import dev.terway4j.cloud.spi.VSwitch;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a placement check learns a vSwitch's zone and free IPv4 addresses. It must answer from
 * memory: a scheduler filter asks once per node per pod, so a {@code DescribeVSwitches} belongs
 * elsewhere (a refresh loop, the allocator's cache).
 *
 * <p>A vSwitch it does not know counts as possibly available: the check then neither excludes a
 * node for it nor claims it has addresses (the decision shows the count as unknown).
 *
 * <p><b>Thread safety:</b> implementations must be thread-safe.
 */
@FunctionalInterface
public interface VSwitchAvailability {

  /**
   * Returns what is known of a vSwitch.
   *
   * @param vSwitchId the vSwitch
   * @return its facts (zone, free count), or empty if unknown here
   */
  Optional<VSwitch> vSwitch(String vSwitchId);

  /**
   * Returns a snapshot of some described vSwitches (e.g. one {@code DescribeVSwitches} per
   * PodNetworking vSwitch, refreshed on a timer).
   *
   * @param vSwitches the vSwitches; an id listed twice must not be
   * @return the snapshot
   * @throws IllegalArgumentException if an id is listed twice
   */
  static VSwitchAvailability of(Collection<VSwitch> vSwitches) {
    checkNotNull(vSwitches, "vSwitches");
    Map<String, VSwitch> byId = new HashMap<>();
    for (VSwitch v : vSwitches) {
      checkNotNull(v, "vSwitch");
      checkArgument(byId.put(v.id(), v) == null, "vSwitch %s listed twice", v.id());
    }
    ImmutableMap<String, VSwitch> snapshot = ImmutableMap.copyOf(byId);
    return id -> Optional.ofNullable(snapshot.get(checkNotNull(id, "vSwitchId")));
  }

  /**
   * Returns the allocator's vSwitch cache as it stands at each question ({@link
   * VSwitchPool#cached}: counts decremented on allocation, zero while blocked), never describing a
   * vSwitch.
   *
   * @param pool the allocator's pool ({@link dev.terway4j.allocator.TrunkAllocator#vSwitchPool()})
   * @return the view
   */
  static VSwitchAvailability of(VSwitchPool pool) {
    checkNotNull(pool, "pool");
    return pool::cached;
  }

  /**
   * Returns a view that knows no vSwitch: zones then come from the PodNetworking's status only and
   * free addresses are never a reason to exclude a node.
   *
   * @return the view
   */
  static VSwitchAvailability unknown() {
    return id -> Optional.empty();
  }
}
