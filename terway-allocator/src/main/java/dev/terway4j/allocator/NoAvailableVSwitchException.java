package dev.terway4j.allocator;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import java.util.Map;

/**
 * No vSwitch of a pod's PodNetworking can give it an address on its node: the message, and {@link
 * #reasons()}, say per vSwitch why it was not used (another zone, no free IP, blocked after {@code
 * InvalidVSwitchId.IpNotEnough}, not found, ...).
 *
 * <p>Immutable and thread-safe.
 */
public final class NoAvailableVSwitchException extends AllocationException {
  private static final long serialVersionUID = 1L;

  private final String zone;
  private final ImmutableMap<String, String> reasons;

  /**
   * Creates the exception.
   *
   * @param zone the node's zone
   * @param reasons why each vSwitch was not used, in the order they were considered
   */
  public NoAvailableVSwitchException(String zone, Map<String, String> reasons) {
    super(
        Reason.NO_AVAILABLE_VSWITCH,
        "no available vSwitch for zone " + zone + ": " + format(reasons),
        null);
    this.zone = checkNotNull(zone, "zone");
    this.reasons = ImmutableMap.copyOf(reasons);
  }

  private static String format(Map<String, String> reasons) {
    StringBuilder text = new StringBuilder();
    reasons.forEach(
        (id, why) -> {
          if (text.length() > 0) {
            text.append("; ");
          }
          text.append(id).append(": ").append(why);
        });
    return text.length() == 0 ? "no vSwitch listed" : text.toString();
  }

  /**
   * Returns the node's zone.
   *
   * @return the zone
   */
  public String zone() {
    return zone;
  }

  /**
   * Returns why each vSwitch was not used, in the order they were considered.
   *
   * @return vSwitch id to reason
   */
  public Map<String, String> reasons() {
    return reasons;
  }
}
