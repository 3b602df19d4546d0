package dev.terway4j.cloud.spi;

import com.google.common.collect.ImmutableList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The cloud operations the Trunk ENI control plane needs: instance-type limits, vSwitches, and the
 * network-interface (ENI) lifecycle.
 *
 * <p><b>Thread safety:</b> every implementation must be thread-safe; one provider is shared by all
 * the control plane's threads. Each call is a single request to the cloud: implementations do not
 * retry on their own (callers own retries and rate limits), except where a method says so.
 *
 * <p><b>Errors:</b> every failure is a {@link CloudException}. Ids are checked against their
 * prefixes before anything is sent, and a malformed id is an {@link InvalidArgumentException}.
 * Error codes reported by {@link CloudServiceException#errorCode()} are Alibaba Cloud's, see {@link
 * CloudErrorCodes}.
 *
 * <p><b>Asynchrony:</b> attach, detach and delete return once the cloud has accepted the request;
 * the ENI then moves through {@code Attaching}, {@code Detaching} or {@code Deleting}, which
 * callers observe by describing it. Implementations may complete the transition before returning.
 *
 * <p>The contract is stated, executably, by the suite in {@code terway-cloud-tck}.
 */
public interface CloudProvider extends AutoCloseable {

  /**
   * Returns the region this provider works in, e.g. {@code cn-hangzhou}.
   *
   * @return the region id
   */
  String regionId();

  /**
   * Describes instance types ({@code DescribeInstanceTypes}). Unknown types are left out of the
   * result rather than reported as errors, as ECS does.
   *
   * @param instanceTypeIds the types, e.g. {@code ecs.g7.large}; not empty
   * @return the known types among them, in no particular order
   * @throws InvalidArgumentException if the collection is empty
   */
  List<InstanceType> describeInstanceTypes(Collection<String> instanceTypeIds);

  /**
   * Describes one instance type.
   *
   * @param instanceTypeId the type, e.g. {@code ecs.g7.large}
   * @return the type, or empty if unknown
   */
  default Optional<InstanceType> describeInstanceType(String instanceTypeId) {
    return describeInstanceTypes(List.of(instanceTypeId)).stream()
        .filter(t -> t.id().equals(instanceTypeId))
        .findFirst();
  }

  /**
   * Describes a vSwitch ({@code DescribeVSwitches} by id), with its current free-address count.
   *
   * @param vSwitchId the vSwitch id
   * @return the vSwitch
   * @throws NotFoundException if it does not exist ({@code InvalidVSwitchId.NotFound})
   */
  VSwitch describeVSwitch(String vSwitchId);

  /**
   * Creates an ENI ({@code CreateNetworkInterface}) with one private IPv4 address from the vSwitch
   * and the requested IPv6 addresses. The new ENI is {@code Available}.
   *
   * <p>With a client token: the same token and the same parameters return the same ENI again and
   * create nothing; the same token with other parameters is an {@link
   * IdempotencyMismatchException}.
   *
   * @param request what to create
   * @return the new ENI
   * @throws NotFoundException if the vSwitch or a security group does not exist
   * @throws InsufficientResourcesException with {@link
   *     InsufficientResourcesException.Reason#VSWITCH_IP_EXHAUSTED} if the vSwitch is full
   * @throws InvalidArgumentException if, e.g., a security group is in another VPC or IPv6 is asked
   *     for on a vSwitch without an IPv6 block
   * @throws IdempotencyMismatchException if the token was used with other parameters
   */
  NetworkInterface createNetworkInterface(CreateNetworkInterfaceRequest request);

  /**
   * Starts attaching an {@code Available} ENI to an instance ({@code AttachNetworkInterface}),
   * directly or, with a trunk ENI, as a member. The ENI then goes {@code Attaching} → {@code
   * InUse}. A member receives a device index (its VLAN id, 1-4094) unique among the trunk's
   * members.
   *
   * @param attachment the ENI, the instance, and the trunk ENI for a member
   * @throws NotFoundException if the ENI, the instance or the trunk ENI does not exist
   * @throws InvalidStateException if the ENI is not {@code Available}, or the trunk ENI is not
   *     {@code InUse} on that instance
   * @throws InvalidArgumentException if the ENI is in another zone, the trunk ENI is not a trunk,
   *     or a trunk ENI is to become a member
   * @throws InsufficientResourcesException with {@link
   *     InsufficientResourcesException.Reason#INSTANCE_ENI_QUOTA} if the instance already has
   *     {@code EniQuantity} directly attached ENIs, or {@link
   *     InsufficientResourcesException.Reason#MEMBER_ENI_LIMIT} if it already carries {@link
   *     InstanceType#memberEniLimit()} members
   */
  void attachNetworkInterface(NetworkInterfaceAttachment attachment);

  /**
   * Starts detaching an {@code InUse} ENI from its instance ({@code DetachNetworkInterface}). The
   * ENI then goes {@code Detaching} → {@code Available}, losing its instance, trunk and device
   * index.
   *
   * @param attachment the ENI and the instance it is attached to (and its trunk, for a member)
   * @throws NotFoundException if the ENI or the instance does not exist
   * @throws InvalidStateException if the ENI is not {@code InUse}, or it is a trunk that still
   *     carries members
   * @throws InvalidArgumentException if the ENI is attached to another instance or is a primary ENI
   */
  void detachNetworkInterface(NetworkInterfaceAttachment attachment);

  /**
   * Starts deleting an {@code Available} ENI ({@code DeleteNetworkInterface}). It may show as
   * {@code Deleting} for a while, then no longer exists; its addresses return to the vSwitch.
   *
   * @param networkInterfaceId the ENI
   * @throws NotFoundException if it does not exist ({@code InvalidEniId.NotFound}); callers that
   *     delete to clean up usually treat this as success
   * @throws InvalidStateException if it is attached, attaching or detaching
   */
  void deleteNetworkInterface(String networkInterfaceId);

  /**
   * Describes one page of ENIs ({@code DescribeNetworkInterfaces}). Pages come in a stable order;
   * following {@link NetworkInterfacePage#nextToken()} until it is empty returns every matching ENI
   * exactly once, provided none is created or deleted meanwhile.
   *
   * @param query the filters, page size and token
   * @return one page
   * @throws InvalidArgumentException if the token was not issued by this provider
   */
  NetworkInterfacePage describeNetworkInterfaces(NetworkInterfaceQuery query);

  /**
   * Describes one ENI.
   *
   * @param networkInterfaceId the ENI
   * @return the ENI, or empty if it does not exist
   * @throws InvalidArgumentException if the id is malformed
   */
  default Optional<NetworkInterface> describeNetworkInterface(String networkInterfaceId) {
    ResourceIds.checkNetworkInterfaceId(networkInterfaceId);
    return describeNetworkInterfaces(
            NetworkInterfaceQuery.builder().networkInterfaceIds(networkInterfaceId).build())
        .networkInterfaces()
        .stream()
        .filter(eni -> eni.id().equals(networkInterfaceId))
        .findFirst();
  }

  /**
   * Describes every ENI that matches, following next tokens (one request per page).
   *
   * @param query the filters and page size; its token, if any, is where to start
   * @return every matching ENI from that page on
   */
  default List<NetworkInterface> describeAllNetworkInterfaces(NetworkInterfaceQuery query) {
    ImmutableList.Builder<NetworkInterface> all = ImmutableList.builder();
    NetworkInterfacePage page = describeNetworkInterfaces(query);
    all.addAll(page.networkInterfaces());
    while (page.nextToken().isPresent()) {
      page = describeNetworkInterfaces(query.withNextToken(page.nextToken().get()));
      all.addAll(page.networkInterfaces());
    }
    return all.build();
  }

  /** Releases what the provider holds (connections, threads); the default holds nothing. */
  @Override
  default void close() {}
}
