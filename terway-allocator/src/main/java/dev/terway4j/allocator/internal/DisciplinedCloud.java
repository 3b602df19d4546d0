package dev.terway4j.allocator.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.cloud.spi.CloudOperation;
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

/**
 * A {@link CloudProvider} that sends every call of another one through {@link CloudCalls}: rate
 * limits, retries and counting. Thread-safe if the delegate is.
 */
public final class DisciplinedCloud implements CloudProvider {
  private final CloudProvider delegate;
  private final CloudCalls calls;

  /**
   * Wraps a provider.
   *
   * @param delegate the provider that talks to the cloud
   * @param calls the discipline
   */
  public DisciplinedCloud(CloudProvider delegate, CloudCalls calls) {
    this.delegate = checkNotNull(delegate, "delegate");
    this.calls = checkNotNull(calls, "calls");
  }

  /**
   * Returns the discipline.
   *
   * @return the calls
   */
  public CloudCalls calls() {
    return calls;
  }

  @Override
  public String regionId() {
    return delegate.regionId();
  }

  @Override
  public List<InstanceType> describeInstanceTypes(Collection<String> instanceTypeIds) {
    return calls.call(
        CloudOperation.DESCRIBE_INSTANCE_TYPES,
        () -> delegate.describeInstanceTypes(instanceTypeIds));
  }

  @Override
  public VSwitch describeVSwitch(String vSwitchId) {
    return calls.call(CloudOperation.DESCRIBE_VSWITCHES, () -> delegate.describeVSwitch(vSwitchId));
  }

  @Override
  public NetworkInterface createNetworkInterface(CreateNetworkInterfaceRequest request) {
    return calls.call(
        CloudOperation.CREATE_NETWORK_INTERFACE, () -> delegate.createNetworkInterface(request));
  }

  @Override
  public void attachNetworkInterface(NetworkInterfaceAttachment attachment) {
    calls.run(
        CloudOperation.ATTACH_NETWORK_INTERFACE, () -> delegate.attachNetworkInterface(attachment));
  }

  @Override
  public void detachNetworkInterface(NetworkInterfaceAttachment attachment) {
    calls.run(
        CloudOperation.DETACH_NETWORK_INTERFACE, () -> delegate.detachNetworkInterface(attachment));
  }

  @Override
  public void deleteNetworkInterface(String networkInterfaceId) {
    calls.run(
        CloudOperation.DELETE_NETWORK_INTERFACE,
        () -> delegate.deleteNetworkInterface(networkInterfaceId));
  }

  @Override
  public NetworkInterfacePage describeNetworkInterfaces(NetworkInterfaceQuery query) {
    return calls.call(
        CloudOperation.DESCRIBE_NETWORK_INTERFACES,
        () -> delegate.describeNetworkInterfaces(query));
  }
}
