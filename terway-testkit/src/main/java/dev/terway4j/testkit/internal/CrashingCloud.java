package dev.terway4j.testkit.internal;

import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.CreateNetworkInterfaceRequest;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceAttachment;
import dev.terway4j.cloud.spi.NetworkInterfacePage;
import dev.terway4j.cloud.spi.NetworkInterfaceQuery;
import dev.terway4j.cloud.spi.VSwitch;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A cloud that delegates every call and, when armed, throws a {@link SimulatedCrash} right before
 * or right after a mutating call: the controller's process dies there, with the call applied
 * (after) or not sent (before).
 *
 * <p>Each armed point fires once, on the next call of its operation that succeeds (after) or
 * arrives (before). Thread-safe.
 */
public final class CrashingCloud implements CloudProvider {
  /** Where a crash can happen. */
  public enum Point {
    /** After an ENI was created, before anything else: no record of it exists yet. */
    AFTER_CREATE,
    /** Before an attach is sent: between create and attach, or before a re-attach. */
    BEFORE_ATTACH,
    /** After an attach was accepted. */
    AFTER_ATTACH,
    /** After a detach was accepted. */
    AFTER_DETACH,
    /** After a delete was accepted. */
    AFTER_DELETE
  }

  private final CloudProvider delegate;
  private final Set<Point> armed = EnumSet.noneOf(Point.class);
  private long fired;

  /**
   * Wraps a cloud.
   *
   * @param delegate the cloud that serves the calls
   */
  public CrashingCloud(CloudProvider delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /**
   * Arms a crash point.
   *
   * @param point the point
   */
  public synchronized void arm(Point point) {
    armed.add(point);
  }

  /** Disarms every crash point. */
  public synchronized void disarm() {
    armed.clear();
  }

  /**
   * Returns how many crashes have fired.
   *
   * @return the count
   */
  public synchronized long fired() {
    return fired;
  }

  /**
   * Returns how many crash points are armed.
   *
   * @return the count
   */
  public synchronized int armedCount() {
    return armed.size();
  }

  private synchronized void crashIfArmed(Point point, String where) {
    if (armed.remove(point)) {
      fired++;
      throw new SimulatedCrash(where);
    }
  }

  @Override
  public String regionId() {
    return delegate.regionId();
  }

  @Override
  public List<InstanceType> describeInstanceTypes(Collection<String> instanceTypeIds) {
    return delegate.describeInstanceTypes(instanceTypeIds);
  }

  @Override
  public VSwitch describeVSwitch(String vSwitchId) {
    return delegate.describeVSwitch(vSwitchId);
  }

  @Override
  public NetworkInterface createNetworkInterface(CreateNetworkInterfaceRequest request) {
    NetworkInterface created = delegate.createNetworkInterface(request);
    crashIfArmed(Point.AFTER_CREATE, "after CreateNetworkInterface made " + created.id());
    return created;
  }

  @Override
  public void attachNetworkInterface(NetworkInterfaceAttachment attachment) {
    crashIfArmed(
        Point.BEFORE_ATTACH, "before AttachNetworkInterface of " + attachment.networkInterfaceId());
    delegate.attachNetworkInterface(attachment);
    crashIfArmed(
        Point.AFTER_ATTACH, "after AttachNetworkInterface of " + attachment.networkInterfaceId());
  }

  @Override
  public void detachNetworkInterface(NetworkInterfaceAttachment attachment) {
    delegate.detachNetworkInterface(attachment);
    crashIfArmed(
        Point.AFTER_DETACH, "after DetachNetworkInterface of " + attachment.networkInterfaceId());
  }

  @Override
  public void deleteNetworkInterface(String networkInterfaceId) {
    delegate.deleteNetworkInterface(networkInterfaceId);
    crashIfArmed(Point.AFTER_DELETE, "after DeleteNetworkInterface of " + networkInterfaceId);
  }

  @Override
  public NetworkInterfacePage describeNetworkInterfaces(NetworkInterfaceQuery query) {
    return delegate.describeNetworkInterfaces(query);
  }

  @Override
  public String toString() {
    return "CrashingCloud{" + delegate + "}";
  }
}
