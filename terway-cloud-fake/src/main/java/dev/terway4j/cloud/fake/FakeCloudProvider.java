package dev.terway4j.cloud.fake;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSortedMap;
import dev.terway4j.cloud.fake.internal.AddressPool;
import dev.terway4j.cloud.fake.internal.Ipv4AddressPool;
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
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
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
 *   <li>ClientToken idempotency, tags, filters and NextToken paging like ECS. A token is remembered
 *       for {@link Builder#clientTokenTtl} after the create that recorded it (default 24 hours) and
 *       at most {@link Builder#clientTokenLimit} tokens are kept (default 10 000, the oldest
 *       forgotten first). ECS does not document how long it keeps a token; it only has to outlive
 *       the retries of one request, and 24 hours is a common promise elsewhere (many AWS APIs). A
 *       forgotten token is a new token: the create makes a new ENI.
 *   <li>MAC addresses are unique among the ENIs that exist; a deleted ENI's MAC goes back to the
 *       pool, so the fake's memory follows the ENIs that exist, not every ENI ever created.
 *   <li>{@link #releaseInstance}: ENIs with DeleteOnRelease (and the primary) are deleted, the
 *       others detached.
 * </ul>
 *
 * <p>Determinism: ids, MAC addresses, IP addresses and VLAN ids are drawn from a {@link Random}
 * seeded by {@link Builder#seed}; the same seed and the same sequence of calls give the same
 * results. Faults are injected through {@link #faults()}; every call is logged ({@link #calls()})
 * and counted ({@link #callCount}).
 *
 * <p>Cost: a call costs about the same whatever the number of ENIs, except listings without ENI ids
 * and {@link #releaseInstance}, which visit every ENI. Members per instance, VLAN ids per trunk and
 * device indexes per instance are counted as they change; only ENIs with a transition under way are
 * visited when transitions are settled; an ENI's SPI view is built once per change.
 *
 * <p>Thread-safe.
 */
public final class FakeCloudProvider implements CloudProvider {
  // One lock guards all state. This is a test double: contention does not matter, while a single
  // lock makes every call atomic (linearizable, as the contract and model-based tests assume),
  // keeps invariants spanning ENIs, vSwitches and instances trivially consistent, and keeps the
  // seeded Random's draws in call order. Uncontended, it costs a few tens of nanoseconds a call.
  private final ReentrantLock lock = new ReentrantLock();

  private static final CloudOperation[] OPERATIONS = CloudOperation.values();
  private static final char[] ID_CHARS = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final int ID_RANDOM_CHARS = 20;
  private static final int MAX_VLAN_ID = 4094;

  private final String regionId;
  private final String requestIdPrefix;
  private final Clock clock;
  private final Random random;
  private final Duration attachDelay;
  private final Duration detachDelay;
  private final Duration deleteDelay;
  private final int callLogLimit;
  private final Duration clientTokenTtl;
  private final int clientTokenLimit;
  private final Map<String, VSwitchState> vSwitches = new LinkedHashMap<>();
  private final Map<String, String> securityGroupVpcs = new LinkedHashMap<>();
  private final Map<String, InstanceType> instanceTypes = new LinkedHashMap<>();
  private final Map<String, InstanceState> instances = new LinkedHashMap<>();
  // Insertion order is creation order; paging relies on it.
  private final Map<String, EniState> enis = new LinkedHashMap<>();
  // The ENIs with a transition under way, by creation sequence, so that settling visits only them
  // and completes them in creation order, as a walk over every ENI would.
  private final TreeMap<Long, EniState> transitioning = new TreeMap<>();
  // Insertion order is recording order, so the oldest tokens are at the head.
  private final Map<String, TokenRecord> clientTokens = new LinkedHashMap<>();
  private final Set<String> macs = new HashSet<>();
  private final FakeFaults faults;
  private final Deque<FakeCall> calls = new ArrayDeque<>();
  private final long[] callCounts = new long[OPERATIONS.length];
  private long eniSequence;
  private long callSequence;

  private FakeCloudProvider(Builder builder) {
    this.regionId = builder.regionId;
    this.requestIdPrefix = String.format("FAKE-%08X-", regionId.hashCode());
    this.clock = builder.clock;
    this.random = new Random(builder.seed);
    this.attachDelay = builder.attachDelay;
    this.detachDelay = builder.detachDelay;
    this.deleteDelay = builder.deleteDelay;
    this.callLogLimit = builder.callLogLimit;
    this.clientTokenTtl = builder.clientTokenTtl;
    this.clientTokenLimit = builder.clientTokenLimit;
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
    checkNotNull(operation, "operation");
    lock.lock();
    try {
      return callCounts[operation.ordinal()];
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns how many calls of each operation arrived; operations never called are absent.
   *
   * @return a copy of the counters
   */
  public Map<CloudOperation, Long> callCounts() {
    lock.lock();
    try {
      Map<CloudOperation, Long> counts = new EnumMap<>(CloudOperation.class);
      for (CloudOperation operation : OPERATIONS) {
        if (callCounts[operation.ordinal()] > 0) {
          counts.put(operation, callCounts[operation.ordinal()]);
        }
      }
      return ImmutableMap.copyOf(counts);
    } finally {
      lock.unlock();
    }
  }

  /** Clears the call log and the counters. */
  public void resetCalls() {
    lock.lock();
    try {
      calls.clear();
      Arrays.fill(callCounts, 0);
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
          detached(eni);
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
        ids,
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
    return call(CloudOperation.CREATE_NETWORK_INTERFACE, request, () -> create(request));
  }

  @Override
  public void attachNetworkInterface(NetworkInterfaceAttachment attachment) {
    checkNotNull(attachment, "attachment");
    call(
        CloudOperation.ATTACH_NETWORK_INTERFACE,
        attachment,
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
        attachment,
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
    return call(CloudOperation.DESCRIBE_NETWORK_INTERFACES, query, () -> page(query));
  }

  // ---------------------------------------------------------------- call handling

  /**
   * Serves one call. {@code request} is the call's argument; it is turned into the call log's
   * description only when the log keeps calls, so a cloud built with a call-log limit of zero
   * spends nothing on strings.
   */
  private <T> T call(CloudOperation operation, Object request, Supplier<T> action) {
    lock.lock();
    try {
      long sequence = ++callSequence;
      callCounts[operation.ordinal()]++;
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
      Object request,
      FakeCall.Outcome outcome,
      String errorCode,
      Duration latency) {
    if (callLogLimit == 0) {
      return;
    }
    calls.addLast(
        new FakeCall(
            sequence,
            startedAt,
            operation,
            describe(request),
            outcome,
            Optional.ofNullable(errorCode),
            latency));
    while (calls.size() > callLogLimit) {
      calls.removeFirst();
    }
  }

  /** The call log's short description of a call's argument. */
  private static String describe(Object request) {
    if (request instanceof NetworkInterfaceAttachment a) {
      return a.networkInterfaceId()
          + " -> "
          + a.instanceId()
          + a.trunkNetworkInterfaceId().map(t -> " via " + t).orElse("");
    }
    if (request instanceof CreateNetworkInterfaceRequest r) {
      return r.vSwitchId()
          + " "
          + r.type().apiName()
          + r.clientToken().map(t -> " token=" + t).orElse("");
    }
    return String.valueOf(request);
  }

  private CloudServiceException error(String code, int httpStatus, String message) {
    return CloudErrors.fromService(code, httpStatus, requestId(), message, null);
  }

  /** {@code FAKE-<region hash>-<call sequence>}, both as at least 8 upper-case hex digits. */
  private String requestId() {
    String hex = Long.toHexString(callSequence).toUpperCase(Locale.ROOT);
    return requestIdPrefix + "00000000".substring(Math.min(8, hex.length())) + hex;
  }

  /** Completes every transition whose time has come. Caller holds the lock. */
  private void settle() {
    if (transitioning.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    List<EniState> due = new ArrayList<>();
    for (EniState eni : transitioning.values()) {
      if (!eni.dueAt.isAfter(now)) {
        due.add(eni);
      }
    }
    due.forEach(this::complete);
  }

  private void complete(EniState eni) {
    transitioning.remove(eni.sequence);
    eni.dueAt = null;
    switch (eni.status) {
      case ATTACHING -> eni.status(NetworkInterfaceStatus.IN_USE);
      case DETACHING -> detached(eni);
      case DELETING -> remove(eni);
      default -> throw new IllegalStateException("no transition from " + eni.status);
    }
  }

  private void startTransition(EniState eni, NetworkInterfaceStatus status, Duration delay) {
    eni.status(status);
    eni.dueAt = clock.instant().plus(delay);
    if (delay.isZero()) {
      complete(eni);
    } else {
      transitioning.put(eni.sequence, eni);
    }
  }

  /** Records an attachment and counts it on the instance or the trunk. */
  private void attached(EniState eni, InstanceState instance, EniState trunk, int deviceIndex) {
    eni.instanceId = instance.id;
    eni.deviceIndex = deviceIndex;
    if (trunk != null) {
      eni.trunkId = trunk.id;
      instance.members++;
      trunk.memberVlans.add(deviceIndex);
    } else {
      instance.directIndexes.set(deviceIndex);
    }
    eni.view = null;
  }

  /** Forgets an ENI's attachment, if any, and uncounts it. */
  private void clearAttachment(EniState eni) {
    if (eni.instanceId != null) {
      InstanceState instance = instances.get(eni.instanceId);
      if (eni.trunkId != null) {
        if (instance != null) {
          instance.members--;
        }
        EniState trunk = enis.get(eni.trunkId);
        if (trunk != null && trunk.memberVlans != null && eni.deviceIndex != null) {
          trunk.memberVlans.remove(eni.deviceIndex);
        }
      } else if (instance != null && eni.deviceIndex != null) {
        instance.directIndexes.clear(eni.deviceIndex);
      }
    }
    eni.instanceId = null;
    eni.trunkId = null;
    eni.deviceIndex = null;
    eni.view = null;
  }

  private void detached(EniState eni) {
    clearAttachment(eni);
    transitioning.remove(eni.sequence);
    eni.dueAt = null;
    eni.status(NetworkInterfaceStatus.AVAILABLE);
  }

  private void remove(EniState eni) {
    clearAttachment(eni);
    transitioning.remove(eni.sequence);
    enis.remove(eni.id);
    macs.remove(eni.mac);
    VSwitchState vsw = vSwitches.get(eni.vSwitchId);
    vsw.ipv4.releaseOffset(eni.ipv4Offset);
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
    String token = request.clientToken().orElse(null);
    Instant now = null;
    if (token != null) {
      now = clock.instant();
      TokenRecord previous = clientToken(token, now);
      if (previous != null) {
        if (!previous.request.sameParametersAs(request)) {
          throw error(
              CloudErrorCodes.IDEMPOTENT_FAILED,
              400,
              "client token " + token + " was used with other parameters");
        }
        EniState existing = enis.get(previous.created.id());
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
    eni.resourceGroupId = request.resourceGroupId();
    NetworkInterface view = eni.view();
    if (token != null) {
      clientTokens.put(token, new TokenRecord(request, view, now));
      if (clientTokens.size() > clientTokenLimit) {
        Iterator<TokenRecord> oldest = clientTokens.values().iterator();
        oldest.next();
        oldest.remove();
      }
    }
    return view;
  }

  /**
   * Returns the record of a token still remembered, after forgetting those whose time is over.
   * Tokens are kept in recording order, so expired ones are found at the head; a clock that moved
   * backwards can only make a token live longer, never shorter.
   */
  private TokenRecord clientToken(String token, Instant now) {
    Instant cutoff = now.minus(clientTokenTtl);
    Iterator<TokenRecord> oldest = clientTokens.values().iterator();
    while (oldest.hasNext() && !oldest.next().recordedAt.isAfter(cutoff)) {
      oldest.remove();
    }
    TokenRecord found = clientTokens.get(token);
    if (found != null && !found.recordedAt.isAfter(cutoff)) {
      clientTokens.remove(token);
      return null;
    }
    return found;
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
    eni.ipv4Offset = vsw.ipv4.allocateOffset(random);
    checkState(eni.ipv4Offset >= 0, "vSwitch %s is full", vsw.id);
    eni.ipv4 = vsw.ipv4.format(eni.ipv4Offset);
    if (ipv6Count == 0) {
      eni.ipv6 = ImmutableList.of();
    } else {
      ImmutableList.Builder<String> ipv6 = ImmutableList.builder();
      for (int i = 0; i < ipv6Count; i++) {
        ipv6.add(vsw.ipv6.orElseThrow().allocate(random).orElseThrow());
      }
      eni.ipv6 = ipv6.build();
    }
    // Requests hold immutable lists and sorted maps already: these copies are free.
    eni.securityGroupIds = ImmutableList.copyOf(securityGroupIds);
    eni.tags = ImmutableSortedMap.copyOf(tags);
    eni.deleteOnRelease = deleteOnRelease;
    eni.sourceDestCheck = sourceDestCheck;
    eni.description = Optional.ofNullable(description);
    eni.creationTime = clock.instant();
    if (type == NetworkInterfaceType.TRUNK) {
      eni.memberVlans = new VlanIds();
    }
    enis.put(eni.id, eni);
    return eni;
  }

  private String newEniId() {
    String prefix = ResourceIds.NETWORK_INTERFACE_PREFIX;
    char[] id = new char[prefix.length() + ID_RANDOM_CHARS];
    prefix.getChars(0, prefix.length(), id, 0);
    while (true) {
      for (int i = prefix.length(); i < id.length; i++) {
        id[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
      }
      String candidate = new String(id);
      if (!enis.containsKey(candidate)) {
        return candidate;
      }
    }
  }

  private String newMac() {
    // 00:16:3e is Alibaba Cloud's OUI.
    char[] mac = "00:16:3e:00:00:00".toCharArray();
    while (true) {
      for (int octet = 3; octet < 6; octet++) {
        int value = random.nextInt(256);
        mac[octet * 3] = HEX[value >>> 4];
        mac[octet * 3 + 1] = HEX[value & 0xf];
      }
      String candidate = new String(mac);
      if (macs.add(candidate)) {
        return candidate;
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
      long members = instance.members;
      if (members >= instance.type.memberEniLimit()) {
        throw CloudErrors.memberEniLimit(
            CloudErrorCodes.ENI_PER_INSTANCE_LIMIT_EXCEEDED,
            403,
            requestId(),
            instance.type.memberEniLimit() == 0
                ? "instance "
                    + instance.id
                    + " of type "
                    + instance.type.id()
                    + " does not support trunking (it takes no member ENIs)"
                : "instance "
                    + instance.id
                    + " already carries "
                    + members
                    + " member ENIs (limit "
                    + instance.type.memberEniLimit()
                    + ")");
      }
      attached(eni, instance, trunk, newVlanId(trunk));
    } else {
      int used = instance.directIndexes.cardinality();
      if (used >= instance.type.eniQuantity()) {
        throw error(
            CloudErrorCodes.ENI_PER_INSTANCE_LIMIT_EXCEEDED,
            403,
            "instance "
                + instance.id
                + " already has "
                + used
                + " ENIs (EniQuantity "
                + instance.type.eniQuantity()
                + ")");
      }
      attached(eni, instance, null, instance.directIndexes.nextClearBit(1));
    }
    startTransition(eni, NetworkInterfaceStatus.ATTACHING, attachDelay);
  }

  /** A random VLAN id free on the trunk, or the next free one after it (wrapping). */
  private int newVlanId(EniState trunk) {
    // The ENI being attached counts as one of the trunk's 4094 possible members.
    checkState(
        trunk.memberVlans.count() + 1 < MAX_VLAN_ID, "no free VLAN id on trunk %s", trunk.id);
    int vlan = 1 + random.nextInt(MAX_VLAN_ID);
    while (trunk.memberVlans.contains(vlan)) {
      vlan = vlan == MAX_VLAN_ID ? 1 : vlan + 1;
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
    if (eni.createdType == NetworkInterfaceType.TRUNK && eni.memberVlans.count() > 0) {
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
    Collection<EniState> scope;
    if (query.networkInterfaceIds().isEmpty()) {
      scope = enis.values();
    } else {
      // A listing by ids (how pending ENIs are polled) looks them up instead of walking every
      // ENI, then puts them in creation order, as the walk would.
      List<EniState> listed = new ArrayList<>(query.networkInterfaceIds().size());
      for (String id : query.networkInterfaceIds()) {
        EniState eni = enis.get(id);
        if (eni != null) {
          listed.add(eni);
        }
      }
      listed.sort(Comparator.comparingLong(e -> e.sequence));
      scope = listed;
    }
    List<EniState> matching = new ArrayList<>();
    for (EniState eni : scope) {
      if (eni.sequence > after && eni.mayMatch(query) && query.matches(eni.view())) {
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
    ImmutableList.Builder<NetworkInterface> views =
        ImmutableList.builderWithExpectedSize(matching.size());
    matching.forEach(eni -> views.add(eni.view()));
    return new NetworkInterfacePage(views.build(), next);
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
    Ipv4AddressPool ipv4;
    Optional<AddressPool> ipv6;

    VSwitch view() {
      return new VSwitch(
          id, vpcId, zoneId, ipv4.cidr(), ipv6.map(AddressPool::cidr), ipv4.availableCount());
    }
  }

  /** An instance, with what its attachments use up. */
  private static final class InstanceState {
    final String id;
    final InstanceType type;
    final String zoneId;
    final String vpcId;
    // ENIs attached through a trunk on this instance, in any state from Attaching to Detaching.
    int members;
    // Device indexes of the ENIs attached directly (the primary's 0 included).
    final BitSet directIndexes = new BitSet();

    InstanceState(String id, InstanceType type, String zoneId, String vpcId) {
      this.id = id;
      this.type = type;
      this.zoneId = zoneId;
      this.vpcId = vpcId;
    }
  }

  /**
   * The VLAN ids in use on one trunk. A bitmap of its own rather than a {@link BitSet}, whose
   * clear() rescans for the highest word in use: a trunk's few members sit anywhere in 1-4094.
   */
  private static final class VlanIds {
    private final long[] words = new long[(MAX_VLAN_ID >>> 6) + 1];
    private int count;

    boolean contains(int vlan) {
      return (words[vlan >>> 6] & (1L << vlan)) != 0;
    }

    void add(int vlan) {
      if (!contains(vlan)) {
        words[vlan >>> 6] |= 1L << vlan;
        count++;
      }
    }

    void remove(int vlan) {
      if (contains(vlan)) {
        words[vlan >>> 6] &= ~(1L << vlan);
        count--;
      }
    }

    int count() {
      return count;
    }
  }

  /**
   * A remembered ClientToken: the request it came with and the ENI it created, as created (what a
   * replay answers once the ENI is gone).
   */
  private record TokenRecord(
      CreateNetworkInterfaceRequest request, NetworkInterface created, Instant recordedAt) {}

  private static final class EniState {
    String id;
    long sequence;
    NetworkInterfaceType createdType;
    NetworkInterfaceStatus status;
    Instant dueAt;
    String mac;
    String ipv4;
    long ipv4Offset;
    ImmutableList<String> ipv6;
    String vpcId;
    String vSwitchId;
    String zoneId;
    ImmutableList<String> securityGroupIds;
    Map<String, String> tags;
    boolean deleteOnRelease;
    boolean sourceDestCheck;
    Optional<String> description;
    Optional<String> resourceGroupId = Optional.empty();
    Instant creationTime;
    String instanceId;
    String trunkId;
    Integer deviceIndex;
    // A trunk's members' VLAN ids; null for other ENIs.
    VlanIds memberVlans;
    // The SPI view, built on demand and dropped on every change: describes mostly see ENIs that
    // did not change since the last one.
    NetworkInterface view;
    // The view while Available and unattached, kept across changes: an ENI comes back to exactly
    // this view after each detach, as every other field is fixed at creation.
    NetworkInterface availableView;

    void status(NetworkInterfaceStatus status) {
      this.status = status;
      this.view = null;
    }

    /**
     * Whether the ENI may match the query: the query's cheap field filters, judged on the state
     * without building the view. A {@code true} is confirmed by {@link
     * NetworkInterfaceQuery#matches}, so the query's own rule stays the only one.
     */
    boolean mayMatch(NetworkInterfaceQuery query) {
      if (query.status().isPresent() && query.status().get() != status) {
        return false;
      }
      if (query.instanceId().isPresent() && !query.instanceId().get().equals(instanceId)) {
        return false;
      }
      if (query.vSwitchId().isPresent() && !query.vSwitchId().get().equals(vSwitchId)) {
        return false;
      }
      if (query.vpcId().isPresent() && !query.vpcId().get().equals(vpcId)) {
        return false;
      }
      for (Map.Entry<String, String> tag : query.tags().entrySet()) {
        if (!tag.getValue().equals(tags.get(tag.getKey()))) {
          return false;
        }
      }
      return true;
    }

    NetworkInterface view() {
      NetworkInterface v = view;
      if (v == null) {
        boolean available = status == NetworkInterfaceStatus.AVAILABLE && instanceId == null;
        v = available && availableView != null ? availableView : newView();
        if (available) {
          availableView = v;
        }
        view = v;
      }
      return v;
    }

    private NetworkInterface newView() {
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
          description,
          creationTime,
          resourceGroupId);
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
    private Duration clientTokenTtl = Duration.ofHours(24);
    private int clientTokenLimit = 10_000;
    private final Set<String> zones = new LinkedHashSet<>();
    private final Set<String> vpcs = new LinkedHashSet<>();
    private final List<VSwitchSpec> vSwitchSpecs = new ArrayList<>();
    private final Map<String, String> securityGroups = new LinkedHashMap<>();
    private final Map<String, InstanceType> instanceTypes = new LinkedHashMap<>();
    private final List<InstanceSpec> instanceSpecs = new ArrayList<>();
    private final List<TrunkSpec> trunkSpecs = new ArrayList<>();

    // Declarations, checked by build(). ipv6Cidr may be null.
    private record VSwitchSpec(
        String id, String vpcId, String zoneId, String ipv4Cidr, String ipv6Cidr) {}

    private record InstanceSpec(
        String id, String instanceTypeId, String vSwitchId, List<String> securityGroupIds) {}

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
     * Sets how long a ClientToken is remembered after the create that recorded it; a create
     * repeating the token later is a new request and makes a new ENI. ECS does not document how
     * long it keeps tokens; the default is a common promise for idempotency tokens elsewhere.
     *
     * @param ttl default 24 hours; positive
     * @return this builder
     */
    public Builder clientTokenTtl(Duration ttl) {
      checkNotNull(ttl, "ttl");
      checkArgument(!ttl.isNegative() && !ttl.isZero(), "ttl must be positive: %s", ttl);
      this.clientTokenTtl = ttl;
      return this;
    }

    /**
     * Sets how many ClientTokens are remembered at most; past it the oldest is forgotten. This
     * bounds the memory of a long run on a clock that barely moves (a benchmark), where the TTL
     * alone would not. The default still outlasts any retry by far (at Terway's 500 creates a
     * minute it is 20 minutes of creates), while a benchmark's tokens die young instead of being
     * copied from one GC generation to the next.
     *
     * @param limit default 10 000; at least 1
     * @return this builder
     */
    public Builder clientTokenLimit(int limit) {
      checkArgument(limit >= 1, "limit must be at least 1: %s", limit);
      this.clientTokenLimit = limit;
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
      vSwitchSpecs.add(new VSwitchSpec(id, vpcId, zoneId, ipv4Cidr, ipv6Cidr));
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
      instanceSpecs.add(
          new InstanceSpec(id, instanceTypeId, vSwitchId, List.of(securityGroupIds.clone())));
      return this;
    }

    /**
     * Declares a whole topology: its region, zones, VPC, vSwitches, security groups (all in its
     * VPC), instance types, and per node an instance with its primary ENI and, for a trunk node,
     * its trunk ENI, in the node's vSwitch with the node's security groups. Declarations made
     * before or after add to it.
     *
     * @param topology the topology, already checked
     * @return this builder
     */
    public Builder topology(FakeTopology topology) {
      checkNotNull(topology, "topology");
      regionId(topology.regionId());
      topology.zones().forEach(this::zone);
      vpc(topology.vpcId());
      for (FakeTopology.VSwitchSpec v : topology.vSwitches()) {
        vSwitch(v.id(), topology.vpcId(), v.zoneId(), v.ipv4Cidr(), v.ipv6Cidr().orElse(null));
      }
      topology.securityGroupIds().forEach(sg -> securityGroup(sg, topology.vpcId()));
      topology.instanceTypes().forEach(this::instanceType);
      for (FakeTopology.NodeSpec n : topology.nodes()) {
        instanceSpecs.add(
            new InstanceSpec(
                n.instanceId(), n.instanceTypeId(), n.vSwitchId(), n.securityGroupIds()));
        n.trunkEniId()
            .ifPresent(
                eni ->
                    trunkSpecs.add(
                        new TrunkSpec(eni, n.instanceId(), n.vSwitchId(), n.securityGroupIds())));
      }
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
      for (VSwitchSpec s : vSwitchSpecs) {
        VSwitchState vsw = new VSwitchState();
        vsw.id = ResourceIds.checkVSwitchId(s.id());
        checkArgument(vpcs.contains(s.vpcId()), "vSwitch %s: undeclared VPC %s", s.id(), s.vpcId());
        checkArgument(
            zones.contains(s.zoneId()), "vSwitch %s: undeclared zone %s", s.id(), s.zoneId());
        checkArgument(!cloud.vSwitches.containsKey(s.id()), "duplicate vSwitch %s", s.id());
        vsw.vpcId = s.vpcId();
        vsw.zoneId = s.zoneId();
        vsw.ipv4 = AddressPool.ipv4(s.ipv4Cidr());
        vsw.ipv6 = Optional.ofNullable(s.ipv6Cidr()).map(AddressPool::ipv6);
        cloud.vSwitches.put(vsw.id, vsw);
      }
      securityGroups.forEach(
          (id, vpc) -> {
            ResourceIds.checkSecurityGroupId(id);
            checkArgument(vpcs.contains(vpc), "security group %s: undeclared VPC %s", id, vpc);
            cloud.securityGroupVpcs.put(id, vpc);
          });
      cloud.instanceTypes.putAll(instanceTypes);
      for (InstanceSpec s : instanceSpecs) {
        ResourceIds.checkInstanceId(s.id());
        checkArgument(!cloud.instances.containsKey(s.id()), "duplicate instance %s", s.id());
        InstanceType type = instanceTypes.get(s.instanceTypeId());
        checkArgument(
            type != null, "instance %s: undeclared instance type %s", s.id(), s.instanceTypeId());
        checkArgument(
            type.eniQuantity() >= 1, "instance type %s has no ENI slot", s.instanceTypeId());
        VSwitchState vsw = cloud.vSwitches.get(s.vSwitchId());
        checkArgument(vsw != null, "instance %s: undeclared vSwitch %s", s.id(), s.vSwitchId());
        List<String> sgs = s.securityGroupIds();
        sgs.forEach(
            sg ->
                checkArgument(
                    vsw.vpcId.equals(securityGroups.get(sg)),
                    "instance %s: security group %s is not declared in %s",
                    s.id(),
                    sg,
                    vsw.vpcId));
        checkArgument(vsw.ipv4.availableCount() > 0, "vSwitch %s is full", vsw.id);
        cloud.instances.put(s.id(), new InstanceState(s.id(), type, vsw.zoneId, vsw.vpcId));
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
        primary.status(NetworkInterfaceStatus.IN_USE);
        cloud.attached(primary, cloud.instances.get(s.id()), null, 0);
      }
      for (TrunkSpec t : trunkSpecs) {
        ResourceIds.checkNetworkInterfaceId(t.eniId);
        checkArgument(!cloud.enis.containsKey(t.eniId), "duplicate ENI %s", t.eniId);
        InstanceState instance = cloud.instances.get(t.instanceId);
        checkArgument(instance != null, "trunk %s: undeclared instance %s", t.eniId, t.instanceId);
        VSwitchState vsw = cloud.vSwitches.get(t.vSwitchId);
        checkArgument(vsw != null, "trunk %s: undeclared vSwitch %s", t.eniId, t.vSwitchId);
        checkArgument(
            vsw.zoneId.equals(instance.zoneId),
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
