package dev.terway4j.kubernetes;

import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.CreateNetworkInterfaceRequest;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceAttachment;
import dev.terway4j.cloud.spi.NetworkInterfacePage;
import dev.terway4j.cloud.spi.NetworkInterfaceQuery;
import dev.terway4j.cloud.spi.VSwitch;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One process's view of a shared cloud that can die: once armed, the process is killed at its N-th
 * cloud call (half of the kill points after the call took effect, as a crash that loses the reply;
 * the others before it), the kill action runs (closing the process's Kubernetes client), and every
 * later call of the process fails. Thread-safe.
 */
final class KillableCloud implements CloudProvider {

  /** Thrown into the dead process: an Error, so that no catch block of the allocator runs. */
  static final class Killed extends Error {
    private static final long serialVersionUID = 1L;

    Killed(String message) {
      super(message, null, false, false);
    }
  }

  private final CloudProvider delegate;
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicInteger total = new AtomicInteger();
  private volatile int killAt = Integer.MAX_VALUE;
  private volatile boolean afterTheCall;
  private volatile Runnable onKill = () -> {};
  private volatile boolean dead;
  private volatile String killedAt = "";

  KillableCloud(CloudProvider delegate) {
    this.delegate = delegate;
  }

  /** Kills the process at its {@code n}-th call from now (counting from 1). */
  void arm(int n, boolean afterTheCall, Runnable onKill) {
    this.onKill = onKill;
    this.afterTheCall = afterTheCall;
    calls.set(0);
    this.killAt = n;
  }

  /** Returns how many calls this process made (or tried). */
  int totalCalls() {
    return total.get();
  }

  boolean dead() {
    return dead;
  }

  String killedAt() {
    return killedAt;
  }

  private <T> T call(String what, Supplier<T> call) {
    if (dead) {
      throw new Killed("dead");
    }
    total.incrementAndGet();
    if (calls.incrementAndGet() != killAt) {
      return call.get();
    }
    killedAt = what + (afterTheCall ? " (after it took effect)" : " (before it was sent)");
    if (afterTheCall) {
      call.get();
    }
    dead = true;
    onKill.run();
    throw new Killed("killed at " + killedAt);
  }

  private void run(String what, Runnable call) {
    call(
        what,
        () -> {
          call.run();
          return null;
        });
  }

  @Override
  public String regionId() {
    return delegate.regionId();
  }

  @Override
  public List<InstanceType> describeInstanceTypes(Collection<String> instanceTypeIds) {
    return call("DescribeInstanceTypes", () -> delegate.describeInstanceTypes(instanceTypeIds));
  }

  @Override
  public VSwitch describeVSwitch(String vSwitchId) {
    return call("DescribeVSwitches", () -> delegate.describeVSwitch(vSwitchId));
  }

  @Override
  public NetworkInterface createNetworkInterface(CreateNetworkInterfaceRequest request) {
    return call("CreateNetworkInterface", () -> delegate.createNetworkInterface(request));
  }

  @Override
  public void attachNetworkInterface(NetworkInterfaceAttachment attachment) {
    run("AttachNetworkInterface", () -> delegate.attachNetworkInterface(attachment));
  }

  @Override
  public void detachNetworkInterface(NetworkInterfaceAttachment attachment) {
    run("DetachNetworkInterface", () -> delegate.detachNetworkInterface(attachment));
  }

  @Override
  public void deleteNetworkInterface(String networkInterfaceId) {
    run("DeleteNetworkInterface", () -> delegate.deleteNetworkInterface(networkInterfaceId));
  }

  @Override
  public NetworkInterfacePage describeNetworkInterfaces(NetworkInterfaceQuery query) {
    return call("DescribeNetworkInterfaces", () -> delegate.describeNetworkInterfaces(query));
  }
}
