package dev.terway4j.cloud.spi;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;

/**
 * The parameters of {@link CloudProvider#attachNetworkInterface} and {@link
 * CloudProvider#detachNetworkInterface}: which ENI, which instance, and for a member ENI the trunk
 * ENI it goes through.
 *
 * <p>Immutable and thread-safe.
 *
 * @param networkInterfaceId the ENI to attach or detach
 * @param instanceId the instance
 * @param trunkNetworkInterfaceId the instance's trunk ENI, for a member attachment
 */
public record NetworkInterfaceAttachment(
    String networkInterfaceId, String instanceId, Optional<String> trunkNetworkInterfaceId) {

  /**
   * Checks the ids.
   *
   * @throws InvalidArgumentException if an id is malformed, or the trunk is the ENI itself
   */
  public NetworkInterfaceAttachment {
    ResourceIds.checkNetworkInterfaceId(networkInterfaceId);
    ResourceIds.checkInstanceId(instanceId);
    checkNotNull(trunkNetworkInterfaceId, "trunkNetworkInterfaceId");
    trunkNetworkInterfaceId.ifPresent(ResourceIds::checkNetworkInterfaceId);
    if (trunkNetworkInterfaceId.isPresent()
        && trunkNetworkInterfaceId.get().equals(networkInterfaceId)) {
      throw InvalidArgumentException.local(
          "an ENI cannot be its own trunk: %s", networkInterfaceId);
    }
  }

  /**
   * Returns an attachment of an ENI directly to an instance.
   *
   * @param networkInterfaceId the ENI
   * @param instanceId the instance
   * @return the attachment
   */
  public static NetworkInterfaceAttachment direct(String networkInterfaceId, String instanceId) {
    return new NetworkInterfaceAttachment(networkInterfaceId, instanceId, Optional.empty());
  }

  /**
   * Returns an attachment of a member ENI through the instance's trunk ENI.
   *
   * @param networkInterfaceId the member ENI
   * @param instanceId the instance
   * @param trunkNetworkInterfaceId the instance's trunk ENI
   * @return the attachment
   */
  public static NetworkInterfaceAttachment member(
      String networkInterfaceId, String instanceId, String trunkNetworkInterfaceId) {
    return new NetworkInterfaceAttachment(
        networkInterfaceId, instanceId, Optional.of(trunkNetworkInterfaceId));
  }
}
