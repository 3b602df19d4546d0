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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A cloud whose {@code CreateNetworkInterface} calls, once armed, wait at a gate: each call counts
 * down {@link #arrived} and then waits until the test {@linkplain #release() releases} the gate (or
 * a failure timeout passes, after which the call fails). Everything else goes straight to the
 * delegate. Thread-safe.
 */
final class BlockingCloud implements CloudProvider {
  private final CloudProvider delegate;
  private final long timeoutMillis;
  private volatile CountDownLatch arrived = new CountDownLatch(0);
  private final CountDownLatch gate = new CountDownLatch(1);
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger mostInFlight = new AtomicInteger();

  BlockingCloud(CloudProvider delegate, long timeoutMillis) {
    this.delegate = delegate;
    this.timeoutMillis = timeoutMillis;
  }

  /** Makes the next creates wait at the gate; the latch counts {@code calls} of them arriving. */
  CountDownLatch arm(int calls) {
    CountDownLatch latch = new CountDownLatch(calls);
    arrived = latch;
    return latch;
  }

  /** Opens the gate for every waiting and later create. */
  void release() {
    gate.countDown();
  }

  /** The most creates that were ever in the cloud at once. */
  int mostInFlight() {
    return mostInFlight.get();
  }

  @Override
  public NetworkInterface createNetworkInterface(CreateNetworkInterfaceRequest request) {
    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    try {
      CountDownLatch latch = arrived;
      if (latch.getCount() > 0) {
        latch.countDown();
        if (!gate.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
          throw new IllegalStateException("the gate was not released in time");
        }
      }
      return delegate.createNetworkInterface(request);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted at the gate", e);
    } finally {
      inFlight.decrementAndGet();
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
  public void attachNetworkInterface(NetworkInterfaceAttachment attachment) {
    delegate.attachNetworkInterface(attachment);
  }

  @Override
  public void detachNetworkInterface(NetworkInterfaceAttachment attachment) {
    delegate.detachNetworkInterface(attachment);
  }

  @Override
  public void deleteNetworkInterface(String networkInterfaceId) {
    delegate.deleteNetworkInterface(networkInterfaceId);
  }

  @Override
  public NetworkInterfacePage describeNetworkInterfaces(NetworkInterfaceQuery query) {
    return delegate.describeNetworkInterfaces(query);
  }
}
