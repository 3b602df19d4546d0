package dev.terway4j.cloud.fake;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.terway4j.cloud.fake.internal.AddressPool;
import dev.terway4j.cloud.spi.CloudClientException;
import dev.terway4j.cloud.spi.CloudErrorCodes;
import dev.terway4j.cloud.spi.CloudErrors;
import dev.terway4j.cloud.spi.CloudException;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.CloudServiceException;
import dev.terway4j.cloud.spi.CreateNetworkInterfaceRequest;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.cloud.spi.InvalidArgumentException;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceAttachment;
import dev.terway4j.cloud.spi.NetworkInterfacePage;
import dev.terway4j.cloud.spi.NetworkInterfaceQuery;
import dev.terway4j.cloud.spi.NetworkInterfaceStatus;
import dev.terway4j.cloud.spi.NetworkInterfaceType;
import dev.terway4j.cloud.spi.ResourceIds;
import dev.terway4j.cloud.spi.VSwitch;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A stateful in-memory cloud that behaves like ECS/VPC as far as the {@link CloudProvider} SPI can
 * see. Build one with {@link #builder()}, or load it as {@code fake} through {@link
 * dev.terway4j.cloud.spi.CloudProviders}.
 *
 * <p>What it models:
 *
 * <ul>
 *   <li>vSwitch addresses come from the vSwitch's CIDR blocks; the first and the last three
 *       addresses of an IPv4 block (a /24 offers 252) and the first and the last nine of an IPv6
 *       block are never handed out; the free count is derived.
 *   <li>The ENI state machine: {@code Available} → {@code Attaching} → {@code InUse} → {@code
 *       Detaching} → {@code Available} → {@code Deleting} → gone. Each transition completes after a
 *       configurable delay measured on the injected clock (zero by default: at once). Transitions
 *       are applied lazily at the next call; there are no background threads and nothing sleeps.
 *   <li>Limits: at most {@code EniQuantity} ENIs attached directly to an instance (its primary and
 *       trunk ENIs included), at most {@link InstanceType#memberEniLimit()} members through its
 *       trunk; each member gets a device index (VLAN id, 1-4094) unique on its trunk.
 *   <li>ClientToken idempotency, tags, filters and NextToken paging like ECS.
 *   <li>{@link #releaseInstance}: ENIs with DeleteOnRelease (and the primary) are deleted, the
 *       others detached.
 * </ul>
 *
 * <p>Determinism: ids, MAC addresses, IP addresses and VLAN ids are drawn from a {@link Random}
 * seeded by {@link Builder#seed}; the same seed and the same sequence of calls give the same
 * results. Faults are injected through {@link #faults()}; every call is logged ({@link #calls()})
 * and counted ({@link #callCount}).
 *
 * <p>Thread-safe.
 */
public final class FakeCloudProvider implements CloudProvider {
  // One lock guards all state. This is a test double: contention does not matter, while a single
  // lock makes every call atomic (linearizable, as the contract and model-based tests assume),
  // keeps invariants spanning ENIs, vSwitches and instances trivially consistent, and keeps the
  // seeded Random's draws in call order.
  private final ReentrantLock lock = new ReentrantLock();

  private final String regionId;
  private final Clock clock;
  private final Random random;
  private final Duration attachDelay;
  private final Duration detachDelay;
  private final Duration deleteDelay;
  private final int callLogLimit;
  private final Map<String, VSwitchState> vSwitches = new LinkedHashMap<>();
  private final Map<String, String> securityGroupVpcs = new LinkedHashMap<>();
  private final Map<String, InstanceType> instanceTypes = new LinkedHashMap<>();
  private final Map<String, InstanceState> instances = new LinkedHashMap<>();
  // Insertion order is creation order; paging relies on it.
  private final Map<String, EniState> enis = new LinkedHashMap<>();
  private final Map<String, TokenRecord> clientTokens = new LinkedHashMap<>();
  private final Set<String> macs = new HashSet<>();
  private final FakeFaults faults;
  private final Deque<FakeCall> calls = new ArrayDeque<>();
  private final Map<CloudOperation, Long> callCounts = new EnumMap<>(CloudOperation.class);
  private long eniSequence;
  private long callSequence;

  private FakeCloudProvider(Builder builder) {
    this.regionId = builder.regionId;
    this.clock = builder.clock;
    this.random = new Random(builder.seed);
    this.attachDelay = builder.attachDelay;
    this.detachDelay = builder.detachDelay;
    this.deleteDelay = builder.deleteDelay;
    this.callLogLimit = builder.callLogLimit;
    this.faults = new FakeFaults(lock, clock);
  }

  /**
   * Returns a builder for an empty cloud in {@code cn-hangzhou}, seed 0, a fresh {@link FakeClock}
   * and immediate transitions.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public String regionId() {
    return regionId;
  }

  /**
   * Returns the clock this cloud measures time on.
   *
   * @return the clock
   */
  public Clock clock() {
    return clock;
  }

  /**
   * Returns the fault-injection knobs.
   *
   * @return the faults of this provider
   */
  public FakeFaults faults() {
    return faults;
  }

  /**
   * Returns the call log, oldest first (at most the builder's call-log limit, newest kept).
   *
   * @return a copy of the log
   */
  public List<FakeCall> calls() {
    lock.lock();
    try {
      return ImmutableList.copyOf(calls);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns how many calls of an operation arrived, failed ones included.
   *
   * @param operation the operation
   * @return the count
   */
  public long callCount(CloudOperation operation) {
    lock.lock();
    try {
      return callCounts.getOrDefault(operation, 0L);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns how many calls of each operation arrived.
   *
   * @return a copy of the counters
   */
  public Map<CloudOperation, Long> callCounts() {
    lock.lock();
    try {
      return ImmutableMap.copyOf(callCounts);
    } finally {
      lock.unlock();
    }
  }

  /** Clears the call log and the counters. */
  public void resetCalls() {
    lock.lock();
    try {
      calls.clear();
      callCounts.clear();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns every ENI as it is now, in creation order, without going through the API (not logged,
   * no faults). For assertions and reference models in tests.
   *
   * @return the ENIs
   */
  public List<NetworkInterface> networkInterfaces() {
    lock.lock();
    try {
      settle();
      return enis.values().stream().map(EniState::view).collect(ImmutableList.toImmutableList());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Releases an instance as the console would: its primary ENI and every attached ENI with
   * DeleteOnRelease are deleted (their addresses return to the vSwitch); the other attached ENIs,
   * members included, become {@code Available}. Not an SPI call: not logged, no faults.
   *
   * @param instanceId the instance
   * @throws IllegalArgumentException if no such instance exists
   */
  public void releaseInstance(String instanceId) {
    lock.lock();
    try {
      settle();
      checkArgument(instances.containsKey(instanceId), "no such instance: %s", instanceId);
      List<EniState> attached =
          enis.values().stream().filter(e -> instanceId.equals(e.instanceId)).toList();
      for (EniState eni : attached) {
        if (eni.createdType == NetworkInterfaceType.PRIMARY || eni.deleteOnRelease) {
          remove(eni);
        } else {
          eni.detached();
        }
      }
      instances.remove(instanceId);
    } finally {
      lock.unlock();
    }
  }

  // ---------------------------------------------------------------- the SPI

  @Override
  public List<InstanceType> describeInstanceTypes(Collection<String> instanceTypeIds) {
    checkNotNull(instanceTypeIds, "instanceTypeIds");
    if (instanceTypeIds.isEmpty()) {
      throw InvalidArgumentException.local("instanceTypeIds is empty");
    }
    List<String> ids = ImmutableList.copyOf(instanceTypeIds);
    return call(
        CloudOperation.DESCRIBE_INSTANCE_TYPES,
        ids.toString(),
        () ->
            new LinkedHashSet<>(ids)
                .stream()
                    .map(instanceTypes::get)
                    .filter(t -> t != null)
                    .collect(ImmutableList.toImmutableList()));
  }

  @Override
  public VSwitch describeVSwitch(String vSwitchId) {
    ResourceIds.checkVSwitchId(vSwitchId);
    return call(CloudOperation.DESCRIBE_VSWITCHES, vSwitchId, () -> vSwitch(vSwitchId).view());
  }

  @Override
  public NetworkInterface createNetworkInterface(CreateNetworkInterfaceRequest request) {
    checkNotNull(request, "request");
    return call(
        CloudOperation.CREATE_NETWORK_INTERFACE,
        request.vSwitchId()
            + " "
            + request.type().apiName()
            + request.clientToken().map(t -> " token=" + t).orElse(""),
        () -> create(request));
  }

  @Override
  public void attachNetworkInterface(NetworkInterfaceAttachment attachment) {
    checkNotNull(attachment, "attachment");
    call(
        CloudOperation.ATTACH_NETWORK_INTERFACE,
        describe(attachment),
        () -> {
          attach(attachment);
          return null;
        });
  }

  @Override
  public void detachNetworkInterface(NetworkInterfaceAttachment attachment) {
    checkNotNull(attachment, "attachment");
    call(
        CloudOperation.DETACH_NETWORK_INTERFACE,
        describe(attachment),
        () -> {
          detach(attachment);
          return null;
        });
  }

  @Override
  public void deleteNetworkInterface(String networkInterfaceId) {
    ResourceIds.checkNetworkInterfaceId(networkInterfaceId);
    call(
        CloudOperation.DELETE_NETWORK_INTERFACE,
        networkInterfaceId,
        () -> {
          delete(networkInterfaceId);
          return null;
        });
  }

  @Override
  public NetworkInterfacePage describeNetworkInterfaces(NetworkInterfaceQuery query) {
    checkNotNull(query, "query");
    return call(CloudOperation.DESCRIBE_NETWORK_INTERFACES, query.toString(), () -> page(query));
  }

  // ---------------------------------------------------------------- call handling

  private <T> T call(CloudOperation operation, String request, Supplier<T> action) {
    lock.lock();
    try {
      long sequence = ++callSequence;
      callCounts.merge(operation, 1L, Long::sum);
      Instant startedAt = clock.instant();
      Duration latency = Duration.ZERO;
      FakeFaults.Fault fault = null;
      try {
        if (!faults.admit(operation, startedAt)) {
          throw error(
              CloudErrorCodes.THROTTLING,
              400,
              "Request was denied due to request throttling (" + operation.apiName() + ").");
        }
        latency = faults.applyLatency(operation);
        fault = faults.next(operation);
        if (fault != null && fault.kind() == FakeFaults.Kind.FAIL) {
          throw error(fault.errorCode(), fault.httpStatus(), "injected fault");
        }
        settle();
        T result = action.get();
        if (fault != null && fault.kind() == FakeFaults.Kind.APPLY_THEN_FAIL) {
          log(
              sequence,
              startedAt,
              operation,
              request,
              FakeCall.Outcome.APPLIED_THEN_FAILED,
              null,
              latency);
          throw new CloudClientException(
              operation.apiName() + " timed out after the request was sent (injected)", null, true);
        }
        log(sequence, startedAt, operation, request, FakeCall.Outcome.SUCCEEDED, null, latency);
        return result;
      } catch (CloudServiceException e) {
        log(
            sequence,
            startedAt,
            operation,
            request,
            FakeCall.Outcome.FAILED,
            e.errorCode(),
            latency);
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  private void log(
      long sequence,
      Instant startedAt,
      CloudOperation operation,
      String request,
      FakeCall.Outcome outcome,
      String errorCode,
      Duration latency) {
    calls.addLast(
        new FakeCall(
            sequence,
            startedAt,
            operation,
            request,
            outcome,
            Optional.ofNullable(errorCode),
            latency));
    while (calls.size() > callLogLimit) {
      calls.removeFirst();
    }
  }

  private CloudServiceException error(String code, int httpStatus, String message) {
    return CloudErrors.fromService(code, httpStatus, requestId(), message, null);
  }

  private String requestId() {
    return String.format("FAKE-%08X-%08X", regionId.hashCode(), callSequence);
  }

  private static String describe(NetworkInterfaceAttachment a) {
    return a.networkInterfaceId()
        + " -> "
        + a.instanceId()
        + a.trunkNetworkInterfaceId().map(t -> " via " + t).orElse("");
  }

  /** Completes every transition whose time has come. Caller holds the lock. */
  private void settle() {
    Instant now = clock.instant();
    for (EniState eni : List.copyOf(enis.values())) {
      if (eni.dueAt != null && !eni.dueAt.isAfter(now)) {
        complete(eni);
      }
    }
  }

  private void complete(EniState eni) {
    eni.dueAt = null;
    switch (eni.status) {
      case ATTACHING -> eni.status = NetworkInterfaceStatus.IN_USE;
      case DETACHING -> eni.detached();
      case DELETING -> remove(eni);
      default -> throw new IllegalStateException("no transition from " + eni.status);
    }
  }

  private void startTransition(EniState eni, NetworkInterfaceStatus status, Duration delay) {
    eni.status = status;
    eni.dueAt = clock.instant().plus(delay);
    if (delay.isZero()) {
      complete(eni);
    }
  }

  private void remove(EniState eni) {
    enis.remove(eni.id);
    VSwitchState vsw = vSwitches.get(eni.vSwitchId);
    vsw.ipv4.release(eni.ipv4);
    vsw.ipv6.ifPresent(pool -> eni.ipv6.forEach(pool::release));
  }

  // ---------------------------------------------------------------- operations (lock held)

  private VSwitchState vSwitch(String vSwitchId) {
    VSwitchState vsw = vSwitches.get(vSwitchId);
    if (vsw == null) {
      throw error(
          CloudErrorCodes.VSWITCH_NOT_FOUND,
          404,
          "The specified vSwitch does not exist: " + vSwitchId);
    }
    return vsw;
  }

  private EniState eni(String eniId) {
    EniState eni = enis.get(eniId);
    if (eni == null) {
      throw error(CloudErrorCodes.ENI_NOT_FOUND, 404, "The specified ENI does not exist: " + eniId);
    }
    return eni;
  }

  private InstanceState instance(String instanceId, String notFoundCode) {
    InstanceState instance = instances.get(instanceId);
    if (instance == null) {
      throw error(notFoundCode, 404, "The specified instance does not exist: " + instanceId);
    }
    return instance;
  }

  private NetworkInterface create(CreateNetworkInterfaceRequest request) {
    VSwitchState vsw = vSwitch(request.vSwitchId());
    for (String sg : request.securityGroupIds()) {
      String vpc = securityGroupVpcs.get(sg);
      if (vpc == null) {
        throw error(
            CloudErrorCodes.SECURITY_GROUP_NOT_FOUND,
            404,
            "The specified security group does not exist: " + sg);
      }
      if (!vpc.equals(vsw.vpcId)) {
        throw error(
            CloudErrorCodes.VPC_MISMATCH,
            403,
            "security group " + sg + " is in " + vpc + ", vSwitch " + vsw.id + " in " + vsw.vpcId);
      }
    }
    if (request.clientToken().isPresent()) {
      TokenRecord previous = clientTokens.get(request.clientToken().get());
      if (previous != null) {
        if (!previous.request.sameParametersAs(request)) {
          throw error(
              CloudErrorCodes.IDEMPOTENT_FAILED,
              400,
              "client token " + request.clientToken().get() + " was used with other parameters");
        }
        EniState existing = enis.get(previous.eniId);
        return existing != null ? existing.view() : previous.created;
      }
    }
    if (request.ipv6AddressCount() > 0 && vsw.ipv6.isEmpty()) {
      throw error(
          CloudErrorCodes.INVALID_PARAMETER,
          400,
          "vSwitch " + vsw.id + " has no IPv6 block; cannot assign IPv6 addresses");
    }
    if (vsw.ipv4.availableCount() < 1
        || vsw.ipv6.map(p -> p.availableCount() < request.ipv6AddressCount()).orElse(false)) {
      throw error(
          CloudErrorCodes.VSWITCH_IP_NOT_ENOUGH,
          403,
          "The specified vSwitch has not enough IP: " + vsw.id);
    }
    EniState eni =
        newEni(
            newEniId(),
            request.type(),
            vsw,
            request.securityGroupIds(),
            request.ipv6AddressCount(),
            request.tags(),
            request.deleteOnRelease(),
            request.sourceDestCheck(),
            request.description().orElse(null));
    NetworkInterface view = eni.view();
    request
        .clientToken()
        .ifPresent(token -> clientTokens.put(token, new TokenRecord(request, eni.id, view)));
    return view;
  }

  private EniState newEni(
      String id,
      NetworkInterfaceType type,
      VSwitchState vsw,
      List<String> securityGroupIds,
      int ipv6Count,
      Map<String, String> tags,
      boolean deleteOnRelease,
      boolean sourceDestCheck,
      String description) {
    EniState eni = new EniState();
    eni.id = id;
    eni.sequence = ++eniSequence;
    eni.createdType = type;
    eni.status = NetworkInterfaceStatus.AVAILABLE;
    eni.mac = newMac();
    eni.vSwitchId = vsw.id;
    eni.vpcId = vsw.vpcId;
    eni.zoneId = vsw.zoneId;
    eni.ipv4 = vsw.ipv4.allocate(random).orElseThrow();
    List<String> ipv6 = new ArrayList<>();
    for (int i = 0; i < ipv6Count; i++) {
      ipv6.add(vsw.ipv6.orElseThrow().allocate(random).orElseThrow());
    }
    eni.ipv6 = List.copyOf(ipv6);
    eni.securityGroupIds = List.copyOf(securityGroupIds);
    eni.tags = Map.copyOf(tags);
    eni.deleteOnRelease = deleteOnRelease;
    eni.sourceDestCheck = sourceDestCheck;
    eni.description = description;
    eni.creationTime = clock.instant();
    enis.put(eni.id, eni);
    return eni;
  }

  private String newEniId() {
    String alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
    while (true) {
      StringBuilder id = new StringBuilder(ResourceIds.NETWORK_INTERFACE_PREFIX);
      for (int i = 0; i < 20; i++) {
        id.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      if (!enis.containsKey(id.toString())) {
        return id.toString();
      }
    }
  }

  private String newMac() {
    while (true) {
      // 00:16:3e is Alibaba Cloud's OUI.
      String mac =
          String.format(
              "00:16:3e:%02x:%02x:%02x",
              random.nextInt(256), random.nextInt(256), random.nextInt(256));
      if (macs.add(mac)) {
        return mac;
      }
    }
  }

  private void attach(NetworkInterfaceAttachment attachment) {
    EniState eni = eni(attachment.networkInterfaceId());
    InstanceState instance = instance(attachment.instanceId(), CloudErrorCodes.INSTANCE_NOT_FOUND);
    if (eni.createdType == NetworkInterfaceType.PRIMARY) {
      throw error(
          CloudErrorCodes.INVALID_ENI_TYPE, 403, "a primary ENI cannot be attached: " + eni.id);
    }
    if (eni.status != NetworkInterfaceStatus.AVAILABLE) {
      throw error(
          CloudErrorCodes.INVALID_ENI_STATE,
          400,
          "ENI " + eni.id + " is " + eni.status.apiName() + ", not Available");
    }
    if (!eni.zoneId.equals(instance.zoneId)) {
      throw error(
          CloudErrorCodes.AVAILABILITY_ZONE_MISMATCH,
          403,
          "ENI "
              + eni.id
              + " is in "
              + eni.zoneId
              + ", instance "
              + instance.id
              + " in "
              + instance.zoneId);
    }
    if (!eni.vpcId.equals(instance.vpcId)) {
      throw error(
          CloudErrorCodes.VPC_MISMATCH,
          403,
          "ENI "
              + eni.id
              + " is in "
              + eni.vpcId
              + ", instance "
              + instance.id
              + " in "
              + instance.vpcId);
    }
    if (attachment.trunkNetworkInterfaceId().isPresent()) {
      EniState trunk = eni(attachment.trunkNetworkInterfaceId().get());
      if (trunk.createdType != NetworkInterfaceType.TRUNK) {
        throw error(
            CloudErrorCodes.INVALID_ENI_TYPE, 403, "ENI " + trunk.id + " is not a trunk ENI");
      }
      if (eni.createdType != NetworkInterfaceType.SECONDARY) {
        throw error(
            CloudErrorCodes.INVALID_ENI_TYPE,
            403,
            "only a Secondary ENI can be a member, not " + eni.createdType.apiName());
      }
      if (trunk.status != NetworkInterfaceStatus.IN_USE || !instance.id.equals(trunk.instanceId)) {
        throw error(
            CloudErrorCodes.INVALID_ENI_STATE,
            400,
            "trunk ENI " + trunk.id + " is not InUse on instance " + instance.id);
      }
      long members =
          enis.values().stream()
              .filter(e -> instance.id.equals(e.instanceId) && e.trunkId != null)
              .count();
      if (members >= instance.type.memberEniLimit()) {
        throw CloudErrors.memberEniLimit(
            CloudErrorCodes.ENI_PER_INSTANCE_LIMIT_EXCEEDED,
            403,
            requestId(),
            "instance "
                + instance.id
                + " already carries "
                + members
                + " member ENIs (limit "
                + instance.type.memberEniLimit()
                + ")");
      }
      eni.trunkId = trunk.id;
      eni.deviceIndex = newVlanId(trunk.id);
    } else {
      List<Integer> used =
          enis.values().stream()
              .filter(e -> instance.id.equals(e.instanceId) && e.trunkId == null)
              .map(e -> e.deviceIndex)
              .toList();
      if (used.size() >= instance.type.eniQuantity()) {
        throw error(
            CloudErrorCodes.ENI_PER_INSTANCE_LIMIT_EXCEEDED,
            403,
            "instance "
                + instance.id
                + " already has "
                + used.size()
                + " ENIs (EniQuantity "
                + instance.type.eniQuantity()
                + ")");
      }
      int index = 1;
      while (used.contains(index)) {
        index++;
      }
      eni.deviceIndex = index;
    }
    eni.instanceId = instance.id;
    startTransition(eni, NetworkInterfaceStatus.ATTACHING, attachDelay);
  }

  private int newVlanId(String trunkId) {
    Set<Integer> used = new HashSet<>();
    for (EniState e : enis.values()) {
      if (trunkId.equals(e.trunkId)) {
        used.add(e.deviceIndex);
      }
    }
    checkState(used.size() < 4094, "no free VLAN id on trunk %s", trunkId);
    int vlan = 1 + random.nextInt(4094);
    while (used.contains(vlan)) {
      vlan = vlan == 4094 ? 1 : vlan + 1;
    }
    return vlan;
  }

  private void detach(NetworkInterfaceAttachment attachment) {
    EniState eni = eni(attachment.networkInterfaceId());
    InstanceState instance = instance(attachment.instanceId(), CloudErrorCodes.ECS_NOT_FOUND);
    if (eni.createdType == NetworkInterfaceType.PRIMARY) {
      throw error(
          CloudErrorCodes.INVALID_ENI_TYPE, 403, "a primary ENI cannot be detached: " + eni.id);
    }
    if (eni.instanceId == null) {
      throw error(
          CloudErrorCodes.INVALID_ENI_STATE,
          400,
          "ENI " + eni.id + " is " + eni.status.apiName() + ", not attached");
    }
    if (!eni.instanceId.equals(instance.id)) {
      throw error(
          CloudErrorCodes.INVALID_PARAMETER,
          400,
          "ENI " + eni.id + " is attached to " + eni.instanceId + ", not " + instance.id);
    }
    if (attachment.trunkNetworkInterfaceId().isPresent()
        && !attachment.trunkNetworkInterfaceId().get().equals(eni.trunkId)) {
      throw error(
          CloudErrorCodes.INVALID_PARAMETER,
          400,
          "ENI "
              + eni.id
              + " is not a member of trunk "
              + attachment.trunkNetworkInterfaceId().get());
    }
    if (eni.status != NetworkInterfaceStatus.IN_USE) {
      throw error(
          CloudErrorCodes.INVALID_ENI_STATE,
          400,
          "ENI " + eni.id + " is " + eni.status.apiName() + ", not InUse");
    }
    if (eni.createdType == NetworkInterfaceType.TRUNK
        && enis.values().stream().anyMatch(e -> eni.id.equals(e.trunkId))) {
      throw error(
          CloudErrorCodes.INVALID_ENI_STATE,
          400,
          "trunk ENI " + eni.id + " still carries member ENIs");
    }
    startTransition(eni, NetworkInterfaceStatus.DETACHING, detachDelay);
  }

  private void delete(String eniId) {
    EniState eni = eni(eniId);
    if (eni.createdType == NetworkInterfaceType.PRIMARY) {
      throw error(
          CloudErrorCodes.INVALID_ENI_TYPE, 403, "a primary ENI cannot be deleted: " + eni.id);
    }
    if (eni.status == NetworkInterfaceStatus.DELETING) {
      return;
    }
    if (eni.status != NetworkInterfaceStatus.AVAILABLE) {
      throw error(
          CloudErrorCodes.INVALID_ENI_STATE,
          400,
          "ENI " + eni.id + " is " + eni.status.apiName() + ", not Available");
    }
    startTransition(eni, NetworkInterfaceStatus.DELETING, deleteDelay);
  }

  private NetworkInterfacePage page(NetworkInterfaceQuery query) {
    long after = query.nextToken().map(this::decodeToken).orElse(0L);
    List<EniState> matching = new ArrayList<>();
    for (EniState eni : enis.values()) {
      if (eni.sequence > after && query.matches(eni.view())) {
        matching.add(eni);
        if (matching.size() > query.maxResults()) {
          break;
        }
      }
    }
    Optional<String> next = Optional.empty();
    if (matching.size() > query.maxResults()) {
      matching = matching.subList(0, query.maxResults());
      next = Optional.of(encodeToken(matching.get(matching.size() - 1).sequence));
    }
    return new NetworkInterfacePage(
        matching.stream().map(EniState::view).collect(ImmutableList.toImmutableList()), next);
  }

  private static String encodeToken(long sequence) {
    return "fake-after-" + Long.toString(sequence, 36);
  }

  private long decodeToken(String token) {
    if (token.startsWith("fake-after-")) {
      try {
        long sequence = Long.parseLong(token.substring("fake-after-".length()), 36);
        if (sequence > 0) {
          return sequence;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    throw error(
        CloudErrorCodes.INVALID_PARAMETER,
        400,
        "nextToken was not issued by this provider: '" + token + "'");
  }

  // ---------------------------------------------------------------- state

  private static final class VSwitchState {
    String id;
    String vpcId;
    String zoneId;
    AddressPool ipv4;
    Optional<AddressPool> ipv6;

    VSwitch view() {
      return new VSwitch(
          id, vpcId, zoneId, ipv4.cidr(), ipv6.map(AddressPool::cidr), ipv4.availableCount());
    }
  }

  private record InstanceState(String id, InstanceType type, String zoneId, String vpcId) {}

  private record TokenRecord(
      CreateNetworkInterfaceRequest request, String eniId, NetworkInterface created) {}

  private static final class EniState {
    String id;
    long sequence;
    NetworkInterfaceType createdType;
    NetworkInterfaceStatus status;
    Instant dueAt;
    String mac;
    String ipv4;
    List<String> ipv6;
    String vpcId;
    String vSwitchId;
    String zoneId;
    List<String> securityGroupIds;
    Map<String, String> tags;
    boolean deleteOnRelease;
    boolean sourceDestCheck;
    String description;
    Instant creationTime;
    String instanceId;
    String trunkId;
    Integer deviceIndex;

    void detached() {
      status = NetworkInterfaceStatus.AVAILABLE;
      dueAt = null;
      instanceId = null;
      trunkId = null;
      deviceIndex = null;
    }

    NetworkInterface view() {
      return new NetworkInterface(
          id,
          status,
          trunkId != null ? NetworkInterfaceType.MEMBER : createdType,
          mac,
          ipv4,
          ipv6,
          vpcId,
          vSwitchId,
          zoneId,
          securityGroupIds,
          Optional.ofNullable(instanceId),
          Optional.ofNullable(trunkId),
          deviceIndex == null ? OptionalInt.empty() : OptionalInt.of(deviceIndex),
          tags,
          deleteOnRelease,
          sourceDestCheck,
          Optional.ofNullable(description),
          creationTime);
    }
  }

  // ---------------------------------------------------------------- builder

  /**
   * Builds a {@link FakeCloudProvider} from a described topology. Not thread-safe. Inconsistent
   * topologies (a vSwitch in an undeclared zone, an instance of an unknown type, ...) are rejected
   * by {@link #build()} with an {@link IllegalArgumentException}.
   */
  public static final class Builder {
    private String regionId = "cn-hangzhou";
    private long seed;
    private Clock clock;
    private Duration attachDelay = Duration.ZERO;
    private Duration detachDelay = Duration.ZERO;
    private Duration deleteDelay = Duration.ZERO;
    private int callLogLimit = 100_000;
    private final Set<String> zones = new LinkedHashSet<>();
    private final Set<String> vpcs = new LinkedHashSet<>();
    private final List<String[]> vSwitchSpecs = new ArrayList<>();
    private final Map<String, String> securityGroups = new LinkedHashMap<>();
    private final Map<String, InstanceType> instanceTypes = new LinkedHashMap<>();
    private final List<String[]> instanceSpecs = new ArrayList<>();
    private final List<TrunkSpec> trunkSpecs = new ArrayList<>();

    private record TrunkSpec(
        String eniId, String instanceId, String vSwitchId, List<String> securityGroupIds) {}

    private Builder() {}

    /**
     * Sets the region.
     *
     * @param regionId default {@code cn-hangzhou}
     * @return this builder
     */
    public Builder regionId(String regionId) {
      this.regionId = checkNotNull(regionId, "regionId");
      return this;
    }

    /**
     * Sets the seed of the randomness (ids, MACs, addresses, VLAN ids).
     *
     * @param seed default 0
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * Sets the clock. With a {@link FakeClock}, injected latency advances it.
     *
     * @param clock default a new {@link FakeClock}
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = checkNotNull(clock, "clock");
      return this;
    }

    /**
     * Sets how long {@code Attaching} lasts.
     *
     * @param delay default zero (the ENI is {@code InUse} when attach returns)
     * @return this builder
     */
    public Builder attachDelay(Duration delay) {
      this.attachDelay = checkDelay(delay);
      return this;
    }

    /**
     * Sets how long {@code Detaching} lasts.
     *
     * @param delay default zero
     * @return this builder
     */
    public Builder detachDelay(Duration delay) {
      this.detachDelay = checkDelay(delay);
      return this;
    }

    /**
     * Sets how long {@code Deleting} lasts.
     *
     * @param delay default zero
     * @return this builder
     */
    public Builder deleteDelay(Duration delay) {
      this.deleteDelay = checkDelay(delay);
      return this;
    }

    /**
     * Sets the attach, detach and delete delays at once.
     *
     * @param delay the delay
     * @return this builder
     */
    public Builder transitionDelay(Duration delay) {
      return attachDelay(delay).detachDelay(delay).deleteDelay(delay);
    }

    /**
     * Sets how many calls the call log keeps (the newest).
     *
     * @param limit default 100 000
     * @return this builder
     */
    public Builder callLogLimit(int limit) {
      checkArgument(limit >= 0, "limit is negative: %s", limit);
      this.callLogLimit = limit;
      return this;
    }

    /**
     * Declares a zone.
     *
     * @param zoneId e.g. {@code cn-hangzhou-h}
     * @return this builder
     */
    public Builder zone(String zoneId) {
      zones.add(checkNotNull(zoneId, "zoneId"));
      return this;
    }

    /**
     * Declares a VPC.
     *
     * @param vpcId the id
     * @return this builder
     */
    public Builder vpc(String vpcId) {
      vpcs.add(checkNotNull(vpcId, "vpcId"));
      return this;
    }

    /**
     * Declares an IPv4-only vSwitch.
     *
     * @param id the id
     * @param vpcId its VPC, declared
     * @param zoneId its zone, declared
     * @param ipv4Cidr its IPv4 block, e.g. {@code 10.0.0.0/24}
     * @return this builder
     */
    public Builder vSwitch(String id, String vpcId, String zoneId, String ipv4Cidr) {
      return vSwitch(id, vpcId, zoneId, ipv4Cidr, null);
    }

    /**
     * Declares a dual-stack vSwitch.
     *
     * @param id the id
     * @param vpcId its VPC, declared
     * @param zoneId its zone, declared
     * @param ipv4Cidr its IPv4 block
     * @param ipv6Cidr its IPv6 block, or {@code null}
     * @return this builder
     */
    public Builder vSwitch(
        String id, String vpcId, String zoneId, String ipv4Cidr, String ipv6Cidr) {
      vSwitchSpecs.add(new String[] {id, vpcId, zoneId, ipv4Cidr, ipv6Cidr});
      return this;
    }

    /**
     * Declares a security group.
     *
     * @param id the id
     * @param vpcId its VPC, declared
     * @return this builder
     */
    public Builder securityGroup(String id, String vpcId) {
      securityGroups.put(id, vpcId);
      return this;
    }

    /**
     * Declares an instance type.
     *
     * @param type the type and its limits
     * @return this builder
     */
    public Builder instanceType(InstanceType type) {
      instanceTypes.put(type.id(), type);
      return this;
    }

    /**
     * Declares a running instance, with a primary ENI ({@code InUse}, device index 0) in the given
     * vSwitch; the instance's zone and VPC are the vSwitch's.
     *
     * @param id the id
     * @param instanceTypeId its type, declared
     * @param vSwitchId the vSwitch of its primary ENI, declared
     * @param securityGroupIds the primary ENI's security groups
     * @return this builder
     */
    public Builder instance(
        String id, String instanceTypeId, String vSwitchId, String... securityGroupIds) {
      String[] spec = new String[3 + securityGroupIds.length];
      spec[0] = id;
      spec[1] = instanceTypeId;
      spec[2] = vSwitchId;
      System.arraycopy(securityGroupIds, 0, spec, 3, securityGroupIds.length);
      instanceSpecs.add(spec);
      return this;
    }

    /**
     * Declares a trunk ENI, {@code InUse} on an instance (attached directly, as Terway does).
     *
     * @param eniId its id
     * @param instanceId the instance, declared
     * @param vSwitchId its vSwitch, declared, in the instance's zone
     * @param securityGroupIds its security groups, declared
     * @return this builder
     */
    public Builder trunkNetworkInterface(
        String eniId, String instanceId, String vSwitchId, String... securityGroupIds) {
      trunkSpecs.add(new TrunkSpec(eniId, instanceId, vSwitchId, List.of(securityGroupIds)));
      return this;
    }

    private static Duration checkDelay(Duration delay) {
      checkArgument(!delay.isNegative(), "delay is negative: %s", delay);
      return delay;
    }

    /**
     * Builds the cloud.
     *
     * @return the cloud
     * @throws IllegalArgumentException if the topology is inconsistent
     */
    public FakeCloudProvider build() {
      if (clock == null) {
        clock = new FakeClock();
      }
      FakeCloudProvider cloud = new FakeCloudProvider(this);
      vpcs.forEach(ResourceIds::checkVpcId);
      for (String[] s : vSwitchSpecs) {
        VSwitchState vsw = new VSwitchState();
        vsw.id = ResourceIds.checkVSwitchId(s[0]);
        checkArgument(vpcs.contains(s[1]), "vSwitch %s: undeclared VPC %s", s[0], s[1]);
        checkArgument(zones.contains(s[2]), "vSwitch %s: undeclared zone %s", s[0], s[2]);
        checkArgument(!cloud.vSwitches.containsKey(s[0]), "duplicate vSwitch %s", s[0]);
        vsw.vpcId = s[1];
        vsw.zoneId = s[2];
        vsw.ipv4 = AddressPool.ipv4(s[3]);
        vsw.ipv6 = Optional.ofNullable(s[4]).map(AddressPool::ipv6);
        cloud.vSwitches.put(vsw.id, vsw);
      }
      securityGroups.forEach(
          (id, vpc) -> {
            ResourceIds.checkSecurityGroupId(id);
            checkArgument(vpcs.contains(vpc), "security group %s: undeclared VPC %s", id, vpc);
            cloud.securityGroupVpcs.put(id, vpc);
          });
      cloud.instanceTypes.putAll(instanceTypes);
      for (String[] s : instanceSpecs) {
        ResourceIds.checkInstanceId(s[0]);
        checkArgument(!cloud.instances.containsKey(s[0]), "duplicate instance %s", s[0]);
        InstanceType type = instanceTypes.get(s[1]);
        checkArgument(type != null, "instance %s: undeclared instance type %s", s[0], s[1]);
        checkArgument(type.eniQuantity() >= 1, "instance type %s has no ENI slot", s[1]);
        VSwitchState vsw = cloud.vSwitches.get(s[2]);
        checkArgument(vsw != null, "instance %s: undeclared vSwitch %s", s[0], s[2]);
        List<String> sgs = List.of(s).subList(3, s.length);
        sgs.forEach(
            sg ->
                checkArgument(
                    vsw.vpcId.equals(securityGroups.get(sg)),
                    "instance %s: security group %s is not declared in %s",
                    s[0],
                    sg,
                    vsw.vpcId));
        checkArgument(vsw.ipv4.availableCount() > 0, "vSwitch %s is full", vsw.id);
        cloud.instances.put(s[0], new InstanceState(s[0], type, vsw.zoneId, vsw.vpcId));
        EniState primary =
            cloud.newEni(
                cloud.newEniId(),
                NetworkInterfaceType.PRIMARY,
                vsw,
                sgs,
                0,
                Map.of(),
                true,
                true,
                null);
        primary.status = NetworkInterfaceStatus.IN_USE;
        primary.instanceId = s[0];
        primary.deviceIndex = 0;
      }
      for (TrunkSpec t : trunkSpecs) {
        ResourceIds.checkNetworkInterfaceId(t.eniId);
        checkArgument(!cloud.enis.containsKey(t.eniId), "duplicate ENI %s", t.eniId);
        InstanceState instance = cloud.instances.get(t.instanceId);
        checkArgument(instance != null, "trunk %s: undeclared instance %s", t.eniId, t.instanceId);
        VSwitchState vsw = cloud.vSwitches.get(t.vSwitchId);
        checkArgument(vsw != null, "trunk %s: undeclared vSwitch %s", t.eniId, t.vSwitchId);
        checkArgument(
            vsw.zoneId.equals(instance.zoneId()),
            "trunk %s: vSwitch %s is not in the zone of %s",
            t.eniId,
            t.vSwitchId,
            t.instanceId);
        checkArgument(!t.securityGroupIds.isEmpty(), "trunk %s has no security group", t.eniId);
        t.securityGroupIds.forEach(
            sg ->
                checkArgument(
                    vsw.vpcId.equals(securityGroups.get(sg)),
                    "trunk %s: security group %s is not declared in %s",
                    t.eniId,
                    sg,
                    vsw.vpcId));
        checkArgument(vsw.ipv4.availableCount() > 0, "vSwitch %s is full", vsw.id);
        cloud.attach(
            NetworkInterfaceAttachment.direct(
                cloud.newEni(
                        t.eniId,
                        NetworkInterfaceType.TRUNK,
                        vsw,
                        t.securityGroupIds,
                        0,
                        Map.of(),
                        false,
                        false,
                        null)
                    .id,
                t.instanceId),
            true);
      }
      return cloud;
    }
  }

  /** Attaches at once during build; limits are enforced as for the API. */
  private void attach(NetworkInterfaceAttachment attachment, boolean immediately) {
    try {
      attach(attachment);
    } catch (CloudException e) {
      throw new IllegalArgumentException(
          "cannot attach " + describe(attachment) + ": " + e.getMessage(), e);
    }
    if (immediately) {
      EniState eni = enis.get(attachment.networkInterfaceId());
      if (eni.status == NetworkInterfaceStatus.ATTACHING) {
        complete(eni);
      }
    }
  }
}
