package dev.terway4j.testkit.cloud;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.fake.FakeCall;
import dev.terway4j.cloud.fake.FakeClock;
import dev.terway4j.cloud.fake.FakeCloudProvider;
import dev.terway4j.cloud.spi.CloudClientException;
import dev.terway4j.cloud.spi.CloudErrorCodes;
import dev.terway4j.cloud.spi.CloudException;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.CloudServiceException;
import dev.terway4j.cloud.spi.CreateNetworkInterfaceRequest;
import dev.terway4j.cloud.spi.IdempotencyMismatchException;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.cloud.spi.InsufficientResourcesException;
import dev.terway4j.cloud.spi.InsufficientResourcesException.Reason;
import dev.terway4j.cloud.spi.InvalidArgumentException;
import dev.terway4j.cloud.spi.InvalidStateException;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceAttachment;
import dev.terway4j.cloud.spi.NetworkInterfacePage;
import dev.terway4j.cloud.spi.NetworkInterfaceQuery;
import dev.terway4j.cloud.spi.NetworkInterfaceStatus;
import dev.terway4j.cloud.spi.NetworkInterfaceType;
import dev.terway4j.cloud.spi.NotFoundException;
import dev.terway4j.cloud.spi.RateLimitedException;
import dev.terway4j.cloud.spi.ServiceUnavailableException;
import dev.terway4j.cloud.spi.UnauthorizedException;
import dev.terway4j.cloud.spi.VSwitch;
import dev.terway4j.testkit.Action;
import dev.terway4j.testkit.ActionSequences;
import dev.terway4j.testkit.Gen;
import dev.terway4j.testkit.Gens;
import dev.terway4j.testkit.PropertyChecks;
import dev.terway4j.testkit.PropertyFailure;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Model-based properties of the in-memory cloud: random sequences of SPI calls, instance releases,
 * clock moves and injected faults run against {@link FakeCloudProvider}, each step checked against
 * a small reference model that knows only what the calls said; plus determinism under a seed.
 *
 * <p>Why: the contract suite pins down single behaviours, but bookkeeping bugs live in states only
 * long random sequences reach: a full /29, a trunk at its member limit, an address freed and handed
 * out again, a reply lost after the call took effect, a transition still pending when the next call
 * arrives. The vSwitches are tiny on purpose so that exhaustion is common.
 *
 * <p>What the model predicts exactly: which ENIs exist and their status, type, instance, trunk,
 * addresses and MACs (learned once, at creation, then never allowed to change), the error type of
 * every refused call, and each vSwitch's free-address count. What it only constrains, because the
 * fake chooses at random: new addresses (a usable, currently free address of the block), device
 * indexes and VLAN ids (unique per instance or trunk). When several errors apply to one call, any
 * of them is accepted, since the SPI does not fix the order of its checks; the one exception is a
 * reused client token, which must be judged before capacity. Every call must also be counted once
 * and logged with its real outcome, and predicted errors must not claim to be retryable.
 *
 * <p>Tries are bounded so the class runs in seconds; {@code -Dterway.tries=N} deepens every
 * property and {@code -Dterway.seed=S} replays a failure.
 */
class FakeCloudProperties {

  // ---------------------------------------------------------------- the topology

  /** The fake's seed; fixed so that a shrunk sequence replays against the same cloud. */
  private static final long FAKE_SEED = 20250101L;

  private static final String VPC = "vpc-prop";
  private static final String ZONE = "cn-hangzhou-h";
  private static final String OTHER_ZONE = "cn-hangzhou-i";
  private static final String SG_1 = "sg-prop-1";
  private static final String SG_2 = "sg-prop-2";
  private static final String MISSING_SG = "sg-missing";
  private static final String MISSING_VSWITCH = "vsw-missing";
  private static final String MISSING_INSTANCE = "i-missing";
  private static final String MISSING_ENI = "eni-missing00000000000";
  private static final String NODE_VSWITCH = "vsw-node";

  /** A vSwitch of the topology; {@code ipv6Cidr} is null for an IPv4-only one. */
  record VSwitchSpec(String id, String zone, String ipv4Cidr, String ipv6Cidr) {
    Block ipv4() {
      return Block.of(ipv4Cidr);
    }

    Optional<Block> ipv6() {
      return Optional.ofNullable(ipv6Cidr).map(Block::of);
    }
  }

  // Smallest first: shrinking picks the first alternative, and a /29 (4 usable) shows exhaustion
  // in a handful of steps. vsw-far is in another zone, so attaching its ENIs must fail.
  private static final List<VSwitchSpec> VSWITCHES =
      List.of(
          new VSwitchSpec("vsw-tiny", ZONE, "10.0.0.0/29", null),
          new VSwitchSpec("vsw-dual", ZONE, "10.0.1.0/28", "2408:4005:1::/124"),
          new VSwitchSpec("vsw-far", OTHER_ZONE, "10.0.2.0/29", null),
          new VSwitchSpec(NODE_VSWITCH, ZONE, "10.0.3.0/27", null));

  /** EniQuantity 3 (primary, trunk, one more), 6 in all: 3 members. */
  private static final InstanceType TRUNK_TYPE =
      new InstanceType("ecs.g7.large", 3, 6, true, 10, 10);

  /** No trunking: a trunk attached here carries no member. */
  private static final InstanceType PLAIN_TYPE =
      new InstanceType("ecs.t5.small", 2, 2, false, 2, 0);

  /** An instance of the topology; {@code trunkId} is null when it starts without a trunk. */
  record InstanceSpec(String id, InstanceType type, String trunkId) {}

  private static final List<InstanceSpec> INSTANCES =
      List.of(
          new InstanceSpec("i-trunk1", TRUNK_TYPE, "eni-trunk1"),
          new InstanceSpec("i-trunk2", TRUNK_TYPE, "eni-trunk2"),
          new InstanceSpec("i-bare", TRUNK_TYPE, null),
          new InstanceSpec("i-plain", PLAIN_TYPE, null));

  /** How long the asynchronous transitions take. */
  enum Mode {
    /** Every transition completes before the call returns (the fake's default). */
    IMMEDIATE(Duration.ZERO, Duration.ZERO, Duration.ZERO),
    /** Different delays, so that transitions overlap and complete in varying orders. */
    DELAYED(Duration.ofSeconds(3), Duration.ofSeconds(5), Duration.ofSeconds(2));

    final Duration attach;
    final Duration detach;
    final Duration delete;

    Mode(Duration attach, Duration detach, Duration delete) {
      this.attach = attach;
      this.detach = detach;
      this.delete = delete;
    }
  }

  static FakeCloudProvider.Builder topology(FakeClock clock, long seed, Mode mode) {
    FakeCloudProvider.Builder builder =
        FakeCloudProvider.builder()
            .clock(clock)
            .seed(seed)
            .attachDelay(mode.attach)
            .detachDelay(mode.detach)
            .deleteDelay(mode.delete)
            .callLogLimit(64)
            .zone(ZONE)
            .zone(OTHER_ZONE)
            .vpc(VPC)
            .securityGroup(SG_1, VPC)
            .securityGroup(SG_2, VPC)
            .instanceType(TRUNK_TYPE)
            .instanceType(PLAIN_TYPE);
    VSWITCHES.forEach(v -> builder.vSwitch(v.id(), VPC, v.zone(), v.ipv4Cidr(), v.ipv6Cidr()));
    INSTANCES.forEach(i -> builder.instance(i.id(), i.type().id(), NODE_VSWITCH, SG_1));
    INSTANCES.stream()
        .filter(i -> i.trunkId() != null)
        .forEach(i -> builder.trunkNetworkInterface(i.trunkId(), i.id(), NODE_VSWITCH, SG_1));
    return builder;
  }

  /**
   * The topology's own ENIs (primaries and trunks), read once from a cloud built the same way. The
   * model starts from them because their ids and addresses are drawn at random by the builder; were
   * the builder not deterministic, the very first invariant check would fail.
   */
  private static final List<NetworkInterface> BUILT_IN =
      topology(new FakeClock(), FAKE_SEED, Mode.IMMEDIATE).build().networkInterfaces();

  /** The system under test: the cloud as callers see it, its test-only handle, and its clock. */
  record World(CloudProvider api, FakeCloudProvider fake, FakeClock clock)
      implements AutoCloseable {
    static World create(Mode mode) {
      FakeClock clock = new FakeClock();
      FakeCloudProvider fake = topology(clock, FAKE_SEED, mode).build();
      return new World(fake, fake, clock);
    }

    NetworkInterface view(String eniId) {
      return fake.networkInterfaces().stream()
          .filter(e -> e.id().equals(eniId))
          .findFirst()
          .orElseThrow(() -> new AssertionError("ENI " + eniId + " vanished"));
    }

    @Override
    public void close() {
      api.close();
    }
  }

  // ---------------------------------------------------------------- the properties

  @ParameterizedTest(name = "{0} transitions")
  @EnumSource(Mode.class)
  void randomOperations_neverDoubleAssignAddressesOrVlansAndAgreeWithTheModel(Mode mode) {
    sequences(mode, false).withTries(150).check();
  }

  @ParameterizedTest(name = "{0} transitions")
  @EnumSource(Mode.class)
  void randomOperationsWithInjectedFaults_applyEveryEffectExactlyOnce(Mode mode) {
    sequences(mode, true).withTries(150).check();
  }

  @ParameterizedTest(name = "{0} transitions")
  @EnumSource(Mode.class)
  void sameSeedAndSameCalls_giveSameIdsAddressesMacsAndVlans(Mode mode) {
    PropertyChecks.forAll(Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE), Determinism.CALLS)
        .withTries(100)
        .checkThat(
            (seed, calls) -> {
              List<String> first = Determinism.transcript(seed, mode, calls);
              List<String> second = Determinism.transcript(seed, mode, calls);
              assertEquals(first, second, "two clouds with seed " + seed + " and the same calls");
              // Otherwise the check above would also pass for a cloud that ignored its seed.
              assertNotEquals(
                  Determinism.transcript(seed, mode, List.of()),
                  Determinism.transcript(seed + 1, mode, List.of()),
                  "seeds " + seed + " and " + (seed + 1) + " gave the same ids");
            });
  }

  /**
   * The property is not vacuous: a cloud that forgets, in DescribeVSwitches, the addresses deletes
   * return is caught, and the failure shrinks to the two calls that show it.
   */
  @Test
  void aCloudThatMiscountsFreedAddresses_failsAndShrinksToAtMostTwoStepsEndingInADelete() {
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () ->
                ActionSequences.<Model, World>of(
                        () -> new Model(Mode.IMMEDIATE, false),
                        () -> {
                          World world = World.create(Mode.IMMEDIATE);
                          return new World(
                              new ForgetsFreedAddresses(world.fake()), world.fake(), world.clock());
                        },
                        FakeCloudProperties::actions)
                    .invariant(FakeCloudProperties::checkAgainstModel)
                    .withSeed(1)
                    .check());
    // Any delete frees an address, so the minimal sequence is one delete, preceded at most by the
    // step that makes the ENI deletable (a create, or a detach of a pre-existing one).
    List<?> steps = (List<?>) failure.shrunkCounterexample();
    assertTrue(steps.size() <= 2, failure.getMessage());
    assertTrue(steps.get(steps.size() - 1).toString().startsWith("delete("), failure.getMessage());
    assertTrue(failure.getCause().getMessage().contains("free addresses"), failure.getMessage());
  }

  private static ActionSequences<Model, World> sequences(Mode mode, boolean faults) {
    return ActionSequences.<Model, World>of(
            () -> new Model(mode, faults), () -> World.create(mode), FakeCloudProperties::actions)
        .maxLength(60)
        .invariant(FakeCloudProperties::checkAgainstModel);
  }

  // ---------------------------------------------------------------- the reference model

  /** What the cloud should hold, derived only from the calls made and their replies. */
  static final class Model {
    final Mode mode;
    final boolean faults;
    Instant now = FakeClock.DEFAULT_START;

    /** Every ENI ever known, in creation order; actions refer to them by index ("#3"). */
    final List<ModelEni> enis = new ArrayList<>();

    final Set<String> liveInstances = new LinkedHashSet<>();
    final List<TokenUse> tokens = new ArrayList<>();
    int freshTokens;
    final Map<CloudOperation, Deque<Fault>> pendingFaults = new EnumMap<>(CloudOperation.class);

    Model(Mode mode, boolean faults) {
      this.mode = mode;
      this.faults = faults;
      INSTANCES.forEach(i -> liveInstances.add(i.id()));
      for (NetworkInterface eni : BUILT_IN) {
        ModelEni e =
            new ModelEni(
                eni.id(),
                eni.type(),
                eni.vSwitchId(),
                eni.privateIpAddress(),
                eni.ipv6Addresses(),
                eni.macAddress(),
                eni.securityGroupIds(),
                eni.deleteOnRelease());
        e.status = eni.status();
        e.instanceId = eni.instanceId().orElse(null);
        e.deviceIndex = eni.deviceIndex().isPresent() ? eni.deviceIndex().getAsInt() : null;
        enis.add(e);
      }
    }

    List<ModelEni> live() {
      return enis.stream().filter(e -> !e.gone).toList();
    }

    List<ModelEni> directOn(String instanceId) {
      return live().stream()
          .filter(e -> instanceId.equals(e.instanceId) && e.trunkId == null)
          .toList();
    }

    List<ModelEni> membersOn(String instanceId) {
      return live().stream()
          .filter(e -> instanceId.equals(e.instanceId) && e.trunkId != null)
          .toList();
    }

    ModelEni trunkOf(String instanceId) {
      return live().stream()
          .filter(
              e -> e.createdType == NetworkInterfaceType.TRUNK && instanceId.equals(e.instanceId))
          .findFirst()
          .orElse(null);
    }

    Optional<TokenUse> tokenUse(String token) {
      return tokens.stream().filter(t -> t.token().equals(token)).findFirst();
    }

    Fault takeFault(CloudOperation operation) {
      Deque<Fault> queue = pendingFaults.get(operation);
      return queue == null ? null : queue.poll();
    }

    Set<BigInteger> free(VSwitchSpec vSwitch, boolean ipv6) {
      Block block = ipv6 ? vSwitch.ipv6().orElseThrow() : vSwitch.ipv4();
      Set<BigInteger> free = block.usableAddresses();
      for (ModelEni e : live()) {
        if (e.vSwitchId.equals(vSwitch.id())) {
          if (ipv6) {
            e.ipv6.forEach(a -> free.remove(address(a)));
          } else {
            free.remove(address(e.ip));
          }
        }
      }
      return free;
    }

    /** Starts a transition; a zero delay completes it at once, as the fake does. */
    void start(ModelEni eni, NetworkInterfaceStatus status, Duration delay) {
      eni.status = status;
      eni.dueAt = now.plus(delay);
      if (delay.isZero()) {
        complete(eni);
      }
    }

    /** Completes every transition whose time has come. */
    void settle() {
      for (ModelEni e : live()) {
        if (e.dueAt != null && !e.dueAt.isAfter(now)) {
          complete(e);
        }
      }
    }

    private void complete(ModelEni eni) {
      eni.dueAt = null;
      switch (eni.status) {
        case ATTACHING -> eni.status = NetworkInterfaceStatus.IN_USE;
        case DETACHING -> eni.detached();
        case DELETING -> eni.gone = true;
        default -> throw new IllegalStateException("no transition from " + eni.status);
      }
    }

    /** Releasing an instance deletes its primary and DeleteOnRelease ENIs, detaches the rest. */
    void release(String instanceId) {
      for (ModelEni e : live()) {
        if (instanceId.equals(e.instanceId)) {
          if (e.createdType == NetworkInterfaceType.PRIMARY || e.deleteOnRelease) {
            e.gone = true;
          } else {
            e.detached();
          }
        }
      }
      liveInstances.remove(instanceId);
    }

    /** The errors a create may fail with; empty if it must succeed. */
    List<Expected> createErrors(CreateNetworkInterfaceRequest request, boolean tokenMismatch) {
      List<Expected> errors = new ArrayList<>();
      VSwitchSpec vSwitch = vSwitchSpec(request.vSwitchId());
      if (vSwitch == null) {
        errors.add(Expected.notFound("vSwitch " + request.vSwitchId() + " does not exist"));
      }
      if (request.securityGroupIds().contains(MISSING_SG)) {
        errors.add(Expected.notFound("security group " + MISSING_SG + " does not exist"));
      }
      if (tokenMismatch) {
        // Strict: a replay must be answered from the token's record whatever the capacity, so the
        // token is looked up before any address is allocated.
        errors.add(
            new Expected(
                IdempotencyMismatchException.class, null, "client token reused, other parameters"));
        return errors;
      }
      if (vSwitch != null) {
        if (request.ipv6AddressCount() > 0 && vSwitch.ipv6().isEmpty()) {
          errors.add(Expected.argument("IPv6 asked for on IPv4-only " + vSwitch.id()));
        }
        boolean v4Full = free(vSwitch, false).isEmpty();
        boolean v6Short =
            vSwitch.ipv6().isPresent() && free(vSwitch, true).size() < request.ipv6AddressCount();
        if (v4Full || v6Short) {
          errors.add(
              new Expected(
                  InsufficientResourcesException.class,
                  Reason.VSWITCH_IP_EXHAUSTED,
                  vSwitch.id() + " has too few free addresses"));
        }
      }
      return errors;
    }

    /** Takes in a new ENI, checking what the model can know about it. */
    void adoptCreated(NetworkInterface created, CreateNetworkInterfaceRequest request) {
      String id = created.id();
      check(enis.stream().noneMatch(e -> e.id.equals(id)), "new ENI " + id + " reuses an id");
      check(
          created.status() == NetworkInterfaceStatus.AVAILABLE,
          "new ENI " + id + " is " + created.status());
      check(created.type() == request.type(), "new ENI " + id + " has type " + created.type());
      check(
          created.vSwitchId().equals(request.vSwitchId()),
          "new ENI " + id + " is in " + created.vSwitchId());
      check(
          created.securityGroupIds().equals(request.securityGroupIds())
              && created.deleteOnRelease() == request.deleteOnRelease()
              && created.tags().equals(request.tags()),
          "new ENI " + id + " does not carry the requested parameters: " + created);
      check(
          created.instanceId().isEmpty()
              && created.trunkNetworkInterfaceId().isEmpty()
              && created.deviceIndex().isEmpty(),
          "new ENI " + id + " is attached: " + created);
      VSwitchSpec vSwitch = vSwitchSpec(request.vSwitchId());
      // "Free" means usable (inside the block, not reserved) and held by no live ENI: this is
      // what proves that deletes return addresses and that none is handed out twice.
      check(
          free(vSwitch, false).contains(address(created.privateIpAddress())),
          "new ENI "
              + id
              + " got "
              + created.privateIpAddress()
              + ", not one of the free addresses of "
              + vSwitch.ipv4Cidr());
      check(
          created.ipv6Addresses().size() == request.ipv6AddressCount()
              && Set.copyOf(created.ipv6Addresses()).size() == request.ipv6AddressCount(),
          "new ENI " + id + " got IPv6 " + created.ipv6Addresses());
      if (request.ipv6AddressCount() > 0) {
        Set<BigInteger> free = free(vSwitch, true);
        for (String a : created.ipv6Addresses()) {
          check(
              free.contains(address(a)),
              "new ENI " + id + " got " + a + ", not a free address of " + vSwitch.ipv6Cidr());
        }
      }
      check(
          created.macAddress().matches("([0-9a-f]{2}:){5}[0-9a-f]{2}")
              && live().stream().noneMatch(e -> e.mac.equals(created.macAddress())),
          "new ENI " + id + " got MAC " + created.macAddress() + ", malformed or in use");
      enis.add(
          new ModelEni(
              id,
              request.type(),
              request.vSwitchId(),
              created.privateIpAddress(),
              created.ipv6Addresses(),
              created.macAddress(),
              request.securityGroupIds(),
              request.deleteOnRelease()));
    }
  }

  /** One ENI as the model knows it. */
  static final class ModelEni {
    final String id;
    final NetworkInterfaceType createdType;
    final String vSwitchId;
    final String ip;
    final List<String> ipv6;
    final String mac;
    final List<String> securityGroupIds;
    final boolean deleteOnRelease;
    NetworkInterfaceStatus status = NetworkInterfaceStatus.AVAILABLE;
    Instant dueAt;
    String instanceId;
    String trunkId;
    Integer deviceIndex;
    boolean gone;

    ModelEni(
        String id,
        NetworkInterfaceType createdType,
        String vSwitchId,
        String ip,
        List<String> ipv6,
        String mac,
        List<String> securityGroupIds,
        boolean deleteOnRelease) {
      this.id = id;
      this.createdType = createdType;
      this.vSwitchId = vSwitchId;
      this.ip = ip;
      this.ipv6 = List.copyOf(ipv6);
      this.mac = mac;
      this.securityGroupIds = List.copyOf(securityGroupIds);
      this.deleteOnRelease = deleteOnRelease;
    }

    NetworkInterfaceType type() {
      return trunkId != null ? NetworkInterfaceType.MEMBER : createdType;
    }

    String zone() {
      return vSwitchSpec(vSwitchId).zone();
    }

    void detached() {
      status = NetworkInterfaceStatus.AVAILABLE;
      dueAt = null;
      instanceId = null;
      trunkId = null;
      deviceIndex = null;
    }
  }

  /** A client token the cloud has recorded, with the request and the ENI it created. */
  record TokenUse(String token, CreateNetworkInterfaceRequest request, String eniId) {}

  /** An error the model accepts; {@code reason} narrows an insufficient-resources error. */
  record Expected(Class<? extends CloudException> type, Reason reason, String why) {
    static Expected notFound(String why) {
      return new Expected(NotFoundException.class, null, why);
    }

    static Expected state(String why) {
      return new Expected(InvalidStateException.class, null, why);
    }

    static Expected argument(String why) {
      return new Expected(InvalidArgumentException.class, null, why);
    }

    static Expected full(Reason reason, String why) {
      return new Expected(InsufficientResourcesException.class, reason, why);
    }

    boolean matches(CloudException e) {
      return type.isInstance(e)
          && (reason == null || ((InsufficientResourcesException) e).reason() == reason);
    }

    @Override
    public String toString() {
      return type.getSimpleName() + (reason == null ? "" : "(" + reason + ")") + " [" + why + "]";
    }
  }

  /** What a one-shot injected fault does. */
  enum FaultKind {
    THROTTLE,
    FAIL,
    APPLY_THEN_FAIL
  }

  /** A one-shot fault, the portable type the caller must see, and whether it may retry. */
  record Fault(
      FaultKind kind, String code, Class<? extends CloudException> expected, boolean retryable) {
    @Override
    public String toString() {
      return kind == FaultKind.FAIL ? "fail(" + code + ")" : kind.name().toLowerCase();
    }
  }

  private static final Fault LOST_REPLY =
      new Fault(FaultKind.APPLY_THEN_FAIL, null, CloudClientException.class, true);

  private static final List<Fault> FAULTS =
      List.of(
          new Fault(
              FaultKind.THROTTLE, CloudErrorCodes.THROTTLING, RateLimitedException.class, true),
          LOST_REPLY,
          new Fault(
              FaultKind.FAIL,
              CloudErrorCodes.INTERNAL_ERROR,
              ServiceUnavailableException.class,
              true),
          new Fault(
              FaultKind.FAIL,
              CloudErrorCodes.SERVICE_UNAVAILABLE,
              ServiceUnavailableException.class,
              true),
          new Fault(
              FaultKind.FAIL,
              CloudErrorCodes.OPERATION_CONFLICT,
              InvalidStateException.class,
              true),
          new Fault(FaultKind.FAIL, CloudErrorCodes.ENI_NOT_FOUND, NotFoundException.class, false),
          new Fault(
              FaultKind.FAIL,
              CloudErrorCodes.VSWITCH_IP_NOT_ENOUGH,
              InsufficientResourcesException.class,
              false),
          new Fault(
              FaultKind.FAIL, CloudErrorCodes.FORBIDDEN_RAM, UnauthorizedException.class, false));

  /** The operations that change state; faults are injected only here (the checks describe). */
  private static final List<CloudOperation> MUTATIONS =
      List.of(
          CloudOperation.CREATE_NETWORK_INTERFACE,
          CloudOperation.ATTACH_NETWORK_INTERFACE,
          CloudOperation.DETACH_NETWORK_INTERFACE,
          CloudOperation.DELETE_NETWORK_INTERFACE);

  /** How a call ended: refused, applied with a reply, or applied with the reply lost. */
  record Result<T>(boolean applied, boolean replied, T value) {}

  /**
   * Sends one call, consuming the next injected fault as the fake does, and checks the outcome: a
   * throttle or injected failure refuses the call whatever it was; otherwise the model's errors, if
   * any, must be what the call fails with; otherwise it must succeed, except that an
   * apply-then-fail fault makes it take effect and then lose the reply.
   */
  private static <T> Result<T> send(
      Model m, World w, CloudOperation op, List<Expected> errors, Callable<T> call)
      throws Exception {
    long calls = w.fake().callCount(op);
    Result<T> result = sendOnce(m, op, errors, call);
    // The call log and counters are what tests and benchmarks read: one entry per call, saying
    // how it ended, whatever faults were injected.
    check(
        w.fake().callCount(op) == calls + 1,
        op.apiName() + " was counted " + (w.fake().callCount(op) - calls) + " times");
    List<FakeCall> log = w.fake().calls();
    FakeCall last = log.get(log.size() - 1);
    FakeCall.Outcome outcome =
        !result.applied()
            ? FakeCall.Outcome.FAILED
            : result.replied() ? FakeCall.Outcome.SUCCEEDED : FakeCall.Outcome.APPLIED_THEN_FAILED;
    check(
        last.operation() == op && last.outcome() == outcome,
        "the call log ends with " + last + ", expected " + op.apiName() + " " + outcome);
    return result;
  }

  private static <T> Result<T> sendOnce(
      Model m, CloudOperation op, List<Expected> errors, Callable<T> call) throws Exception {
    Fault fault = m.takeFault(op);
    if (fault != null && fault.kind() != FaultKind.APPLY_THEN_FAIL) {
      CloudException e =
          expectFailure(op, List.of(new Expected(fault.expected(), null, "injected")), call);
      String code = ((CloudServiceException) e).errorCode();
      check(code.equals(fault.code()), op.apiName() + " failed with " + code + ", not " + fault);
      check(e.retryable() == fault.retryable(), "retryable() is wrong for " + e);
      return new Result<>(false, false, null);
    }
    if (!errors.isEmpty()) {
      // Every error the model predicts is the caller's to fix: retrying the same call cannot help.
      CloudException e = expectFailure(op, errors, call);
      check(!e.retryable(), "retryable() is true for " + e);
      return new Result<>(false, false, null);
    }
    if (fault != null) {
      CloudException e =
          expectFailure(
              op,
              List.of(new Expected(CloudClientException.class, null, "injected apply-then-fail")),
              call);
      check(
          ((CloudClientException) e).outcomeUnknown() && e.retryable(),
          "a lost reply must say the outcome is unknown and be retryable: " + e);
      return new Result<>(true, false, null);
    }
    try {
      return new Result<>(true, true, call.call());
    } catch (CloudException e) {
      throw new AssertionError(op.apiName() + " should have succeeded but failed: " + e, e);
    }
  }

  private static CloudException expectFailure(
      CloudOperation op, List<Expected> allowed, Callable<?> call) throws Exception {
    Object result;
    try {
      result = call.call();
    } catch (CloudException e) {
      for (Expected x : allowed) {
        if (x.matches(e)) {
          return e;
        }
      }
      throw new AssertionError(
          op.apiName() + " failed with " + e + ", but the model expected one of " + allowed, e);
    }
    throw new AssertionError(
        op.apiName() + " succeeded (" + result + "), but the model expected one of " + allowed);
  }

  // ---------------------------------------------------------------- the actions

  private static final int NO_TOKEN = -2;
  private static final int FRESH_TOKEN = -1;
  private static final int OWN = -1;

  /** The next action, chosen with weights; the list's shape never changes, for stable shrinks. */
  static Gen<Action<Model, World>> actions(Model m) {
    int enis = m.enis.size();
    Gen<Integer> anyEni = Gens.integers(0, enis - 1);
    Gen<Integer> available =
        prefer(m, e -> e.status == NetworkInterfaceStatus.AVAILABLE && !e.gone, anyEni);
    Gen<Integer> attached =
        prefer(
            m,
            e -> e.instanceId != null && !e.gone && e.createdType != NetworkInterfaceType.PRIMARY,
            anyEni);
    Gen<Integer> instance =
        Gens.frequency(12, Gens.integers(0, INSTANCES.size() - 1), 1, Gens.constant(-1));
    Gen<Integer> trunk = Gens.frequency(6, Gens.constant(OWN), 1, anyEni);
    List<Map.Entry<Integer, Gen<Action<Model, World>>>> choices = new ArrayList<>();
    choices.add(Map.entry(8, createSpecs(m).map(FakeCloudProperties::create)));
    choices.add(
        Map.entry(5, Gens.combine(available, instance, trunk, FakeCloudProperties::attachMember)));
    choices.add(Map.entry(2, Gens.combine(available, instance, FakeCloudProperties::attachDirect)));
    choices.add(
        Map.entry(
            4,
            Gens.combine(
                attached,
                Gens.frequency(5, Gens.constant(OWN), 1, instance),
                Gens.booleans(),
                FakeCloudProperties::detach)));
    choices.add(
        Map.entry(
            3,
            Gens.frequency(12, available, 1, Gens.constant(-1)).map(FakeCloudProperties::delete)));
    choices.add(
        Map.entry(
            1, Gens.integers(0, INSTANCES.size() - 1).map(FakeCloudProperties::releaseInstance)));
    choices.add(
        Map.entry(
            1,
            Gens.combine(Gens.integers(0, 6), Gens.integers(0, 9), FakeCloudProperties::describe)));
    choices.add(
        Map.entry(
            m.tokens.isEmpty() ? 0 : 2,
            Gens.combine(
                Gens.integers(0, Math.max(0, m.tokens.size() - 1)),
                Gens.booleans(),
                FakeCloudProperties::replayToken)));
    choices.add(
        Map.entry(
            m.mode == Mode.IMMEDIATE ? 0 : 4,
            Gens.integers(1, 6).map(FakeCloudProperties::advanceClock)));
    choices.add(
        Map.entry(
            m.faults ? 3 : 0,
            Gens.combine(
                Gens.frequency(
                    2, Gens.constant(CloudOperation.CREATE_NETWORK_INTERFACE),
                    3, Gens.elements(MUTATIONS)),
                // Lost replies are the subtle case: make them common.
                Gens.frequency(2, Gens.constant(LOST_REPLY), 3, Gens.elements(FAULTS)),
                FakeCloudProperties::inject)));
    return Gens.frequency(choices);
  }

  /** Mostly an ENI the predicate likes (so calls often succeed), sometimes any ENI. */
  private static Gen<Integer> prefer(Model m, Predicate<ModelEni> liked, Gen<Integer> any) {
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < m.enis.size(); i++) {
      if (liked.test(m.enis.get(i))) {
        indexes.add(i);
      }
    }
    return indexes.isEmpty() ? any : Gens.frequency(3, Gens.elements(indexes), 1, any);
  }

  /** The parameters of a create; {@code token} is NO_TOKEN, FRESH_TOKEN or a recorded token. */
  record CreateSpec(
      String vSwitchId,
      NetworkInterfaceType type,
      int ipv6,
      List<String> securityGroups,
      boolean deleteOnRelease,
      int token) {
    CreateNetworkInterfaceRequest request(String clientToken) {
      CreateNetworkInterfaceRequest.Builder b =
          CreateNetworkInterfaceRequest.builder()
              .vSwitchId(vSwitchId)
              .type(type)
              .ipv6AddressCount(ipv6)
              .securityGroupIds(securityGroups)
              .deleteOnRelease(deleteOnRelease)
              .tag("terway", "prop");
      return clientToken == null ? b.build() : b.clientToken(clientToken).build();
    }

    @Override
    public String toString() {
      return vSwitchId
          + ", "
          + type.apiName()
          + (ipv6 > 0 ? ", ipv6=" + ipv6 : "")
          + ", "
          + securityGroups
          + (deleteOnRelease ? ", deleteOnRelease" : "")
          + (token == NO_TOKEN ? "" : token == FRESH_TOKEN ? ", new token" : ", token #" + token);
    }
  }

  private static Gen<CreateSpec> createSpecs(Model m) {
    // Mostly the /29, so that it runs out of addresses in a handful of steps.
    Gen<String> vSwitch =
        Gens.frequency(
            List.of(
                Map.entry(5, Gens.constant(VSWITCHES.get(0).id())),
                Map.entry(3, Gens.constant(VSWITCHES.get(1).id())),
                Map.entry(2, Gens.constant(VSWITCHES.get(2).id())),
                Map.entry(1, Gens.constant(VSWITCHES.get(3).id())),
                Map.entry(1, Gens.constant(MISSING_VSWITCH))));
    Gen<NetworkInterfaceType> type =
        Gens.frequency(
            9,
            Gens.constant(NetworkInterfaceType.SECONDARY),
            1,
            Gens.constant(NetworkInterfaceType.TRUNK));
    Gen<Integer> ipv6 = Gens.frequency(5, Gens.constant(0), 1, Gens.integers(1, 3));
    Gen<List<String>> groups =
        Gens.frequency(
            List.of(
                Map.entry(8, Gens.constant(List.of(SG_1))),
                Map.entry(2, Gens.constant(List.of(SG_1, SG_2))),
                Map.entry(1, Gens.constant(List.of(MISSING_SG)))));
    Gen<Integer> token =
        Gens.frequency(
            List.of(
                Map.entry(8, Gens.constant(NO_TOKEN)),
                Map.entry(6, Gens.constant(FRESH_TOKEN)),
                Map.entry(
                    m.tokens.isEmpty() ? 0 : 1,
                    Gens.integers(0, Math.max(0, m.tokens.size() - 1)))));
    record Head(String vSwitch, NetworkInterfaceType type, int ipv6) {}
    record Tail(List<String> groups, boolean deleteOnRelease, int token) {}
    return Gens.combine(
        Gens.combine(vSwitch, type, ipv6, Head::new),
        Gens.combine(groups, Gens.booleans(), token, Tail::new),
        (h, t) ->
            new CreateSpec(
                h.vSwitch(), h.type(), h.ipv6(), t.groups(), t.deleteOnRelease(), t.token()));
  }

  static Action<Model, World> create(CreateSpec spec) {
    return step(
        "create(" + spec + ")",
        m -> spec.token() < 0 || spec.token() < m.tokens.size(),
        (m, w) -> {
          String token =
              switch (spec.token()) {
                case NO_TOKEN -> null;
                case FRESH_TOKEN -> "tok-" + m.freshTokens++;
                default -> m.tokens.get(spec.token()).token();
              };
          createAndCheck(m, w, spec.request(token));
        });
  }

  /** Re-sends a recorded request, or the same token with one parameter changed. */
  static Action<Model, World> replayToken(int tokenRef, boolean otherParameters) {
    return step(
        "replayToken(#" + tokenRef + (otherParameters ? ", other parameters" : "") + ")",
        m -> tokenRef < m.tokens.size(),
        (m, w) -> {
          CreateNetworkInterfaceRequest recorded = m.tokens.get(tokenRef).request();
          CreateNetworkInterfaceRequest request =
              otherParameters
                  ? new CreateNetworkInterfaceRequest(
                      recorded.vSwitchId(),
                      recorded.securityGroupIds(),
                      recorded.type(),
                      recorded.ipv6AddressCount(),
                      recorded.tags(),
                      !recorded.deleteOnRelease(),
                      recorded.sourceDestCheck(),
                      recorded.description(),
                      recorded.clientToken())
                  : recorded;
          createAndCheck(m, w, request);
        });
  }

  private static void createAndCheck(Model m, World w, CreateNetworkInterfaceRequest request)
      throws Exception {
    m.settle();
    Optional<TokenUse> previous = request.clientToken().flatMap(m::tokenUse);
    boolean replay = previous.isPresent() && previous.get().request().sameParametersAs(request);
    List<Expected> errors = replay ? List.of() : m.createErrors(request, previous.isPresent());
    Set<String> before = m.live().stream().map(e -> e.id).collect(Collectors.toSet());
    Result<NetworkInterface> result =
        send(
            m,
            w,
            CloudOperation.CREATE_NETWORK_INTERFACE,
            errors,
            () -> w.api().createNetworkInterface(request));
    if (!result.applied()) {
      return;
    }
    if (replay) {
      // Nothing new may exist now; the invariant proves no address was taken twice.
      if (result.replied()) {
        check(
            result.value().id().equals(previous.get().eniId()),
            "token "
                + previous.get().token()
                + " with the same parameters returned "
                + result.value().id()
                + ", not "
                + previous.get().eniId());
      }
      return;
    }
    NetworkInterface created;
    if (result.replied()) {
      created = result.value();
    } else {
      // The reply was lost: the caller can only find the ENI by describing.
      List<NetworkInterface> fresh =
          w.fake().networkInterfaces().stream().filter(e -> !before.contains(e.id())).toList();
      check(
          fresh.size() == 1,
          "after a create whose reply was lost, exactly one new ENI should exist: " + fresh);
      created = fresh.get(0);
    }
    m.adoptCreated(created, request);
    request.clientToken().ifPresent(t -> m.tokens.add(new TokenUse(t, request, created.id())));
    if (!result.replied() && request.clientToken().isPresent()) {
      // What a careful caller does next: retry with the same token, which must name the same ENI.
      createAndCheck(m, w, request);
    }
  }

  static Action<Model, World> attachDirect(int eniRef, int instanceIndex) {
    String instance = instanceId(instanceIndex);
    return step(
        "attachDirect(#" + eniRef + " -> " + instance + ")",
        // Two trunks on one instance is outside what the SPI specifies; never ask for it.
        m ->
            eniRef < m.enis.size()
                && !(m.enis.get(eniRef).createdType == NetworkInterfaceType.TRUNK
                    && m.trunkOf(instance) != null),
        (m, w) -> {
          m.settle();
          ModelEni eni = m.enis.get(eniRef);
          List<Expected> errors = new ArrayList<>();
          if (eni.gone) {
            errors.add(Expected.notFound("ENI " + eni.id + " was deleted"));
          } else {
            if (eni.createdType == NetworkInterfaceType.PRIMARY) {
              errors.add(Expected.argument(eni.id + " is a primary ENI"));
            }
            if (eni.status != NetworkInterfaceStatus.AVAILABLE) {
              errors.add(Expected.state(eni.id + " is " + eni.status.apiName()));
            }
          }
          if (!m.liveInstances.contains(instance)) {
            errors.add(Expected.notFound("instance " + instance + " does not exist"));
          } else {
            if (!eni.zone().equals(ZONE)) {
              errors.add(Expected.argument(eni.id + " is in zone " + eni.zone()));
            }
            int quota = instanceSpec(instance).type().eniQuantity();
            if (m.directOn(instance).size() >= quota) {
              errors.add(
                  Expected.full(Reason.INSTANCE_ENI_QUOTA, instance + " has " + quota + " ENIs"));
            }
          }
          Result<Void> result =
              send(
                  m,
                  w,
                  CloudOperation.ATTACH_NETWORK_INTERFACE,
                  errors,
                  () -> {
                    w.api()
                        .attachNetworkInterface(
                            NetworkInterfaceAttachment.direct(eni.id, instance));
                    return null;
                  });
          if (result.applied()) {
            int index = deviceIndexOf(w.view(eni.id));
            check(
                index >= 1 && m.directOn(instance).stream().noneMatch(o -> index == o.deviceIndex),
                eni.id + " got device index " + index + ", not a free one on " + instance);
            eni.instanceId = instance;
            eni.deviceIndex = index;
            m.start(eni, NetworkInterfaceStatus.ATTACHING, m.mode.attach);
          }
        });
  }

  static Action<Model, World> attachMember(int eniRef, int instanceIndex, int trunkRef) {
    String instance = instanceId(instanceIndex);
    return step(
        "attachMember(#"
            + eniRef
            + " -> "
            + instance
            + " via "
            + (trunkRef == OWN ? "its trunk" : "#" + trunkRef)
            + ")",
        m -> {
          if (eniRef >= m.enis.size()) {
            return false;
          }
          ModelEni trunk = resolveTrunk(m, instance, trunkRef);
          return trunk != null && trunk != m.enis.get(eniRef);
        },
        (m, w) -> {
          m.settle();
          ModelEni eni = m.enis.get(eniRef);
          ModelEni trunk = resolveTrunk(m, instance, trunkRef);
          List<Expected> errors = new ArrayList<>();
          if (eni.gone) {
            errors.add(Expected.notFound("ENI " + eni.id + " was deleted"));
          } else {
            if (eni.createdType != NetworkInterfaceType.SECONDARY) {
              errors.add(Expected.argument(eni.id + " is " + eni.createdType.apiName()));
            }
            if (eni.status != NetworkInterfaceStatus.AVAILABLE) {
              errors.add(Expected.state(eni.id + " is " + eni.status.apiName()));
            }
          }
          if (trunk.gone) {
            errors.add(Expected.notFound("trunk " + trunk.id + " was deleted"));
          } else {
            if (trunk.createdType != NetworkInterfaceType.TRUNK) {
              errors.add(Expected.argument(trunk.id + " is not a trunk"));
            }
            if (trunk.status != NetworkInterfaceStatus.IN_USE
                || !instance.equals(trunk.instanceId)) {
              errors.add(Expected.state(trunk.id + " is not InUse on " + instance));
            }
          }
          if (!m.liveInstances.contains(instance)) {
            errors.add(Expected.notFound("instance " + instance + " does not exist"));
          } else {
            if (!eni.zone().equals(ZONE)) {
              errors.add(Expected.argument(eni.id + " is in zone " + eni.zone()));
            }
            int limit = instanceSpec(instance).type().memberEniLimit();
            if (m.membersOn(instance).size() >= limit) {
              errors.add(
                  Expected.full(
                      Reason.MEMBER_ENI_LIMIT, instance + " carries " + limit + " members"));
            }
          }
          Result<Void> result =
              send(
                  m,
                  w,
                  CloudOperation.ATTACH_NETWORK_INTERFACE,
                  errors,
                  () -> {
                    w.api()
                        .attachNetworkInterface(
                            NetworkInterfaceAttachment.member(eni.id, instance, trunk.id));
                    return null;
                  });
          if (result.applied()) {
            int vlan = deviceIndexOf(w.view(eni.id));
            check(
                vlan >= 1
                    && vlan <= 4094
                    && m.live().stream()
                        .noneMatch(o -> trunk.id.equals(o.trunkId) && vlan == o.deviceIndex),
                eni.id + " got VLAN " + vlan + ", not a free one on " + trunk.id);
            eni.instanceId = instance;
            eni.trunkId = trunk.id;
            eni.deviceIndex = vlan;
            m.start(eni, NetworkInterfaceStatus.ATTACHING, m.mode.attach);
          }
        });
  }

  private static ModelEni resolveTrunk(Model m, String instance, int trunkRef) {
    if (trunkRef == OWN) {
      return m.trunkOf(instance);
    }
    return trunkRef < m.enis.size() ? m.enis.get(trunkRef) : null;
  }

  static Action<Model, World> detach(int eniRef, int instanceIndex, boolean viaTrunk) {
    return step(
        "detach(#"
            + eniRef
            + " from "
            + (instanceIndex == OWN ? "its instance" : instanceId(instanceIndex))
            + (viaTrunk ? " via trunk" : "")
            + ")",
        m -> eniRef < m.enis.size() && (!viaTrunk || detachTrunk(m, eniRef, instanceIndex) != null),
        (m, w) -> {
          m.settle();
          ModelEni eni = m.enis.get(eniRef);
          String instance = detachInstance(m, eniRef, instanceIndex);
          String trunkId = viaTrunk ? detachTrunk(m, eniRef, instanceIndex) : null;
          List<Expected> errors = new ArrayList<>();
          if (eni.gone) {
            errors.add(Expected.notFound("ENI " + eni.id + " was deleted"));
          }
          if (!m.liveInstances.contains(instance)) {
            errors.add(Expected.notFound("instance " + instance + " does not exist"));
          }
          if (!eni.gone) {
            if (eni.createdType == NetworkInterfaceType.PRIMARY) {
              errors.add(Expected.argument(eni.id + " is a primary ENI"));
            }
            if (eni.instanceId == null) {
              errors.add(Expected.state(eni.id + " is not attached"));
            } else if (!eni.instanceId.equals(instance)) {
              errors.add(Expected.argument(eni.id + " is attached to " + eni.instanceId));
            }
            if (trunkId != null && !trunkId.equals(eni.trunkId)) {
              errors.add(Expected.argument(eni.id + " is not a member of " + trunkId));
            }
            if (eni.status != NetworkInterfaceStatus.IN_USE) {
              errors.add(Expected.state(eni.id + " is " + eni.status.apiName()));
            }
            if (m.live().stream().anyMatch(o -> eni.id.equals(o.trunkId))) {
              errors.add(Expected.state("trunk " + eni.id + " still carries members"));
            }
          }
          NetworkInterfaceAttachment attachment =
              trunkId == null
                  ? NetworkInterfaceAttachment.direct(eni.id, instance)
                  : NetworkInterfaceAttachment.member(eni.id, instance, trunkId);
          Result<Void> result =
              send(
                  m,
                  w,
                  CloudOperation.DETACH_NETWORK_INTERFACE,
                  errors,
                  () -> {
                    w.api().detachNetworkInterface(attachment);
                    return null;
                  });
          if (result.applied()) {
            m.start(eni, NetworkInterfaceStatus.DETACHING, m.mode.detach);
          }
        });
  }

  private static String detachInstance(Model m, int eniRef, int instanceIndex) {
    ModelEni eni = m.enis.get(eniRef);
    if (instanceIndex == OWN) {
      return eni.instanceId != null ? eni.instanceId : INSTANCES.get(0).id();
    }
    return instanceId(instanceIndex);
  }

  /** The trunk named in a detach "via trunk": the ENI's own, else the instance's; or null. */
  private static String detachTrunk(Model m, int eniRef, int instanceIndex) {
    ModelEni eni = m.enis.get(eniRef);
    String trunkId = eni.trunkId;
    if (trunkId == null) {
      ModelEni trunk = m.trunkOf(detachInstance(m, eniRef, instanceIndex));
      trunkId = trunk == null ? null : trunk.id;
    }
    return trunkId == null || trunkId.equals(eni.id) ? null : trunkId;
  }

  static Action<Model, World> delete(int eniRef) {
    return step(
        "delete(" + (eniRef < 0 ? MISSING_ENI : "#" + eniRef) + ")",
        m -> eniRef < m.enis.size(),
        (m, w) -> {
          m.settle();
          ModelEni eni = eniRef < 0 ? null : m.enis.get(eniRef);
          String id = eni == null ? MISSING_ENI : eni.id;
          List<Expected> errors = new ArrayList<>();
          if (eni == null || eni.gone) {
            errors.add(Expected.notFound("ENI " + id + " does not exist"));
          } else {
            if (eni.createdType == NetworkInterfaceType.PRIMARY) {
              errors.add(Expected.argument(id + " is a primary ENI"));
            }
            // Deleting again while Deleting is accepted: the ENI still exists, on its way out.
            if (eni.status != NetworkInterfaceStatus.AVAILABLE
                && eni.status != NetworkInterfaceStatus.DELETING) {
              errors.add(Expected.state(id + " is " + eni.status.apiName()));
            }
          }
          Result<Void> result =
              send(
                  m,
                  w,
                  CloudOperation.DELETE_NETWORK_INTERFACE,
                  errors,
                  () -> {
                    w.api().deleteNetworkInterface(id);
                    return null;
                  });
          if (result.applied() && eni.status == NetworkInterfaceStatus.AVAILABLE) {
            m.start(eni, NetworkInterfaceStatus.DELETING, m.mode.delete);
          }
        });
  }

  static Action<Model, World> releaseInstance(int instanceIndex) {
    String instance = instanceId(instanceIndex);
    return step(
        "releaseInstance(" + instance + ")",
        m -> m.liveInstances.contains(instance),
        true,
        (m, w) -> {
          m.settle();
          m.release(instance);
          w.fake().releaseInstance(instance);
        });
  }

  static Action<Model, World> advanceClock(int seconds) {
    return step(
        "advanceClock(" + seconds + "s)",
        m -> true,
        (m, w) -> {
          m.now = m.now.plusSeconds(seconds);
          w.clock().advance(Duration.ofSeconds(seconds));
          m.settle();
        });
  }

  static Action<Model, World> inject(CloudOperation op, Fault fault) {
    return Action.of(
        "inject(" + op.apiName() + ": " + fault + ")",
        (m, w) -> {
          m.pendingFaults.computeIfAbsent(op, o -> new ArrayDeque<>()).add(fault);
          switch (fault.kind()) {
            case THROTTLE -> w.fake().faults().throttle(op, 1);
            case FAIL -> w.fake().faults().failWith(op, fault.code(), 1);
            case APPLY_THEN_FAIL -> w.fake().faults().applyThenFail(op, 1);
            default -> throw new IllegalStateException(fault.toString());
          }
          check(
              w.fake().faults().pendingCount(op) == m.pendingFaults.get(op).size(),
              "the fake's fault queue for " + op + " disagrees with the model's");
        });
  }

  /** Describes with a filter and small pages, or asks for something that does not exist. */
  static Action<Model, World> describe(int kind, int pick) {
    return step(
        "describe(" + describeLabel(kind, pick) + ")",
        m -> true,
        (m, w) -> {
          m.settle();
          if (kind == 5) {
            expectFailure(
                CloudOperation.DESCRIBE_VSWITCHES,
                List.of(Expected.notFound(MISSING_VSWITCH)),
                () -> w.api().describeVSwitch(MISSING_VSWITCH));
            return;
          }
          if (kind == 6) {
            List<ModelEni> gone = m.enis.stream().filter(e -> e.gone).toList();
            String id = gone.isEmpty() ? MISSING_ENI : gone.get(pick % gone.size()).id;
            check(
                w.api().describeNetworkInterface(id).isEmpty(),
                "describing " + id + ", which does not exist, found it");
            return;
          }
          NetworkInterfaceQuery.Builder query = NetworkInterfaceQuery.builder().maxResults(10);
          Predicate<ModelEni> wanted = e -> true;
          switch (kind) {
            case 1 -> {
              String vSwitch = VSWITCHES.get(pick % VSWITCHES.size()).id();
              query.vSwitchId(vSwitch);
              wanted = e -> e.vSwitchId.equals(vSwitch);
            }
            case 2 -> {
              String instance = INSTANCES.get(pick % INSTANCES.size()).id();
              query.instanceId(instance);
              wanted = e -> instance.equals(e.instanceId);
            }
            case 3 -> {
              NetworkInterfaceStatus status =
                  NetworkInterfaceStatus.values()[pick % NetworkInterfaceStatus.values().length];
              query.status(status);
              wanted = e -> e.status == status;
            }
            case 4 -> {
              NetworkInterfaceType type =
                  NetworkInterfaceType.values()[pick % NetworkInterfaceType.values().length];
              query.type(type);
              wanted = e -> e.type() == type;
            }
            default -> {}
          }
          List<String> got =
              w.api().describeAllNetworkInterfaces(query.build()).stream()
                  .map(NetworkInterface::id)
                  .toList();
          Set<String> expected =
              m.live().stream().filter(wanted).map(e -> e.id).collect(Collectors.toSet());
          check(
              got.size() == Set.copyOf(got).size() && Set.copyOf(got).equals(expected),
              "paged describe returned " + got + ", the model expects " + expected);
        });
  }

  private static String describeLabel(int kind, int pick) {
    return switch (kind) {
      case 1 -> "vSwitch " + VSWITCHES.get(pick % VSWITCHES.size()).id() + ", pages of 10";
      case 2 -> "instance " + INSTANCES.get(pick % INSTANCES.size()).id() + ", pages of 10";
      case 3 ->
          "status "
              + NetworkInterfaceStatus.values()[pick % NetworkInterfaceStatus.values().length]
                  .apiName()
              + ", pages of 10";
      case 4 ->
          "type "
              + NetworkInterfaceType.values()[pick % NetworkInterfaceType.values().length].apiName()
              + ", pages of 10";
      case 5 -> MISSING_VSWITCH;
      case 6 -> "a deleted ENI";
      default -> "all, pages of 10";
    };
  }

  private static String instanceId(int index) {
    return index < 0 ? MISSING_INSTANCE : INSTANCES.get(index).id();
  }

  private static InstanceSpec instanceSpec(String id) {
    return INSTANCES.stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
  }

  private static VSwitchSpec vSwitchSpec(String id) {
    return VSWITCHES.stream().filter(v -> v.id().equals(id)).findFirst().orElse(null);
  }

  private static int deviceIndexOf(NetworkInterface eni) {
    check(eni.deviceIndex().isPresent(), eni.id() + " was attached but has no device index");
    return eni.deviceIndex().getAsInt();
  }

  // ---------------------------------------------------------------- checks after every step

  private static Action<Model, World> step(
      String description, Predicate<Model> precondition, Action.Body<Model, World> body) {
    return step(description, precondition, false, body);
  }

  /**
   * Wraps an action so that every status change it causes is checked against the ENI state machine,
   * independently of what the model predicted.
   */
  private static Action<Model, World> step(
      String description,
      Predicate<Model> precondition,
      boolean releasesAnInstance,
      Action.Body<Model, World> body) {
    return Action.of(
        description,
        precondition,
        (m, w) -> {
          Map<String, NetworkInterface> before = byId(w.fake().networkInterfaces());
          body.run(m, w);
          checkTransitions(before, byId(w.fake().networkInterfaces()), releasesAnInstance);
        });
  }

  /** The SPI's edges: Available → Attaching → InUse → Detaching → Available → Deleting → gone. */
  private static final Map<NetworkInterfaceStatus, Set<NetworkInterfaceStatus>> NEXT =
      Map.of(
          NetworkInterfaceStatus.AVAILABLE,
              EnumSet.of(
                  NetworkInterfaceStatus.ATTACHING,
                  NetworkInterfaceStatus.IN_USE,
                  NetworkInterfaceStatus.DELETING),
          NetworkInterfaceStatus.ATTACHING, EnumSet.of(NetworkInterfaceStatus.IN_USE),
          NetworkInterfaceStatus.IN_USE,
              EnumSet.of(NetworkInterfaceStatus.DETACHING, NetworkInterfaceStatus.AVAILABLE),
          NetworkInterfaceStatus.DETACHING, EnumSet.of(NetworkInterfaceStatus.AVAILABLE),
          NetworkInterfaceStatus.DELETING, EnumSet.noneOf(NetworkInterfaceStatus.class));

  private static void checkTransitions(
      Map<String, NetworkInterface> before,
      Map<String, NetworkInterface> after,
      boolean releasesAnInstance) {
    for (NetworkInterface old : before.values()) {
      NetworkInterface now = after.get(old.id());
      NetworkInterfaceStatus from = old.status();
      boolean attached = old.instanceId().isPresent();
      if (now == null) {
        // Gone: by a delete (at once, or when Deleting ends), or with a released instance.
        check(
            from == NetworkInterfaceStatus.AVAILABLE
                || from == NetworkInterfaceStatus.DELETING
                || (releasesAnInstance && attached),
            old.id() + " vanished while " + from.apiName());
        continue;
      }
      NetworkInterfaceStatus to = now.status();
      check(
          from == to
              || NEXT.get(from).contains(to)
              || (releasesAnInstance && attached && to == NetworkInterfaceStatus.AVAILABLE),
          old.id() + " went from " + from.apiName() + " to " + to.apiName());
    }
    for (NetworkInterface fresh : after.values()) {
      if (!before.containsKey(fresh.id())) {
        check(
            fresh.status() == NetworkInterfaceStatus.AVAILABLE,
            "new ENI " + fresh.id() + " starts " + fresh.status().apiName());
      }
    }
  }

  /** The invariant: the cloud holds what the model says, and no limit or address rule is broken. */
  static void checkAgainstModel(Model m, World w) {
    List<NetworkInterface> actual = w.fake().networkInterfaces();
    List<ModelEni> expected = m.live();
    List<String> actualIds = actual.stream().map(NetworkInterface::id).toList();
    List<String> expectedIds = expected.stream().map(e -> e.id).toList();
    check(
        actualIds.equals(expectedIds),
        "the cloud holds " + actualIds + ", the model expects " + expectedIds);
    for (int i = 0; i < actual.size(); i++) {
      compare(expected.get(i), actual.get(i));
    }

    Set<String> macs = new HashSet<>();
    for (NetworkInterface e : actual) {
      check(macs.add(e.macAddress()), "MAC " + e.macAddress() + " handed out twice");
    }
    for (VSwitchSpec v : VSWITCHES) {
      List<NetworkInterface> in =
          actual.stream().filter(e -> e.vSwitchId().equals(v.id())).toList();
      checkAddresses(
          v.id(), v.ipv4(), in.stream().map(NetworkInterface::privateIpAddress).toList());
      List<String> ipv6 = in.stream().flatMap(e -> e.ipv6Addresses().stream()).toList();
      if (v.ipv6().isPresent()) {
        checkAddresses(v.id(), v.ipv6().get(), ipv6);
      } else {
        check(ipv6.isEmpty(), v.id() + " has no IPv6 block, yet ENIs hold " + ipv6);
      }
      long free = v.ipv4().usableCount() - in.size();
      long reported = w.api().describeVSwitch(v.id()).availableIpAddressCount();
      check(
          reported == free,
          v.id()
              + " reports "
              + reported
              + " free addresses; "
              + v.ipv4().usableCount()
              + " usable - "
              + in.size()
              + " held = "
              + free);
    }

    for (InstanceSpec i : INSTANCES) {
      List<NetworkInterface> direct =
          actual.stream()
              .filter(e -> e.instanceId().equals(Optional.of(i.id())) && !e.isMember())
              .toList();
      List<NetworkInterface> members =
          actual.stream()
              .filter(e -> e.instanceId().equals(Optional.of(i.id())) && e.isMember())
              .toList();
      check(
          direct.size() <= i.type().eniQuantity(),
          i.id() + " has " + direct.size() + " ENIs, EniQuantity " + i.type().eniQuantity());
      check(
          members.size() <= i.type().memberEniLimit(),
          i.id() + " carries " + members.size() + " members, limit " + i.type().memberEniLimit());
      checkDistinct(i.id() + " device indexes", direct);
    }
    Map<String, List<NetworkInterface>> byTrunk = new LinkedHashMap<>();
    for (NetworkInterface e : actual) {
      e.trunkNetworkInterfaceId()
          .ifPresent(t -> byTrunk.computeIfAbsent(t, k -> new ArrayList<>()).add(e));
    }
    Map<String, NetworkInterface> byId = byId(actual);
    byTrunk.forEach(
        (trunkId, members) -> {
          NetworkInterface trunk = byId.get(trunkId);
          check(
              trunk != null
                  && trunk.type() == NetworkInterfaceType.TRUNK
                  && members.stream().allMatch(e -> e.instanceId().equals(trunk.instanceId())),
              "members " + members + " hang off " + trunkId + ", not a trunk on their instance");
          checkDistinct("VLAN ids on " + trunkId, members);
          members.forEach(
              e -> {
                int vlan = e.deviceIndex().orElse(0);
                check(vlan >= 1 && vlan <= 4094, e.id() + " has VLAN id " + vlan);
              });
        });
  }

  private static void compare(ModelEni want, NetworkInterface got) {
    String id = want.id;
    checkField(id, "status", want.status, got.status());
    checkField(id, "type", want.type(), got.type());
    checkField(id, "vSwitch", want.vSwitchId, got.vSwitchId());
    checkField(id, "private IP", want.ip, got.privateIpAddress());
    checkField(id, "IPv6 addresses", want.ipv6, got.ipv6Addresses());
    checkField(id, "MAC", want.mac, got.macAddress());
    checkField(id, "security groups", want.securityGroupIds, got.securityGroupIds());
    checkField(id, "DeleteOnRelease", want.deleteOnRelease, got.deleteOnRelease());
    checkField(id, "instance", Optional.ofNullable(want.instanceId), got.instanceId());
    checkField(id, "trunk", Optional.ofNullable(want.trunkId), got.trunkNetworkInterfaceId());
    checkField(
        id,
        "device index",
        Optional.ofNullable(want.deviceIndex),
        got.deviceIndex().isPresent()
            ? Optional.of(got.deviceIndex().getAsInt())
            : Optional.empty());
  }

  private static void checkField(String id, String field, Object want, Object got) {
    check(
        Objects.equals(want, got),
        "ENI " + id + ": " + field + " is " + got + ", the model expects " + want);
  }

  private static void checkAddresses(String vSwitchId, Block block, List<String> addresses) {
    Set<BigInteger> seen = new HashSet<>();
    for (String a : addresses) {
      BigInteger n = address(a);
      check(block.contains(n), a + " is outside " + vSwitchId + "'s block " + block.cidr());
      check(!block.reserved(n), a + " is a reserved address of " + block.cidr());
      check(seen.add(n), a + " handed out twice in " + vSwitchId);
    }
  }

  private static void checkDistinct(String what, Collection<NetworkInterface> enis) {
    Map<Integer, String> seen = new HashMap<>();
    for (NetworkInterface e : enis) {
      check(e.deviceIndex().isPresent(), e.id() + " is attached without a device index");
      String other = seen.put(e.deviceIndex().getAsInt(), e.id());
      check(other == null, what + ": " + other + " and " + e.id() + " share " + e.deviceIndex());
    }
  }

  private static Map<String, NetworkInterface> byId(List<NetworkInterface> enis) {
    Map<String, NetworkInterface> map = new LinkedHashMap<>();
    enis.forEach(e -> map.put(e.id(), e));
    return map;
  }

  private static void check(boolean condition, String message) {
    if (!condition) {
      throw new AssertionError(message);
    }
  }

  // ---------------------------------------------------------------- addresses

  /**
   * A CIDR block and the platform's reserved addresses, computed here rather than taken from the
   * fake: the first address and the last three of an IPv4 block, the first and the last nine of an
   * IPv6 block.
   */
  record Block(String cidr, BigInteger network, BigInteger size, int head, int tail) {
    static Block of(String cidr) {
      int slash = cidr.indexOf('/');
      byte[] bytes = parse(cidr.substring(0, slash));
      int bits = bytes.length * 8;
      int prefix = Integer.parseInt(cidr.substring(slash + 1));
      boolean v4 = bytes.length == 4;
      return new Block(
          cidr, new BigInteger(1, bytes), BigInteger.ONE.shiftLeft(bits - prefix), 1, v4 ? 3 : 9);
    }

    boolean contains(BigInteger address) {
      BigInteger offset = address.subtract(network);
      return offset.signum() >= 0 && offset.compareTo(size) < 0;
    }

    boolean reserved(BigInteger address) {
      BigInteger offset = address.subtract(network);
      return offset.compareTo(BigInteger.valueOf(head)) < 0
          || offset.compareTo(size.subtract(BigInteger.valueOf(tail))) >= 0;
    }

    long usableCount() {
      return size.longValueExact() - head - tail;
    }

    /** Every usable address; the blocks here are small. */
    Set<BigInteger> usableAddresses() {
      Set<BigInteger> all = new LinkedHashSet<>();
      for (long i = head; i < size.longValueExact() - tail; i++) {
        all.add(network.add(BigInteger.valueOf(i)));
      }
      return all;
    }
  }

  static BigInteger address(String literal) {
    return new BigInteger(1, parse(literal));
  }

  private static byte[] parse(String literal) {
    // Only literals: InetAddress would otherwise try DNS on a malformed value.
    check(
        literal != null && !literal.isEmpty() && literal.matches("[0-9a-fA-F:.]+"),
        "not an IP address: " + literal);
    try {
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      throw new AssertionError("not an IP address: " + literal, e);
    }
  }

  // ---------------------------------------------------------------- determinism

  /** Replays a fixed call sequence on a fresh cloud and writes down everything it saw. */
  static final class Determinism {
    enum Kind {
      CREATE,
      ATTACH_MEMBER,
      ATTACH_DIRECT,
      DETACH,
      DELETE,
      RELEASE,
      ADVANCE,
      FAULT
    }

    /** One call; {@code a} and {@code b} pick its arguments from what exists when it runs. */
    record Call(Kind kind, int a, int b) {
      @Override
      public String toString() {
        return kind + "(" + a + ", " + b + ")";
      }
    }

    static final Gen<List<Call>> CALLS =
        Gens.combine(
                Gens.frequency(
                    List.of(
                        Map.entry(5, Gens.constant(Kind.CREATE)),
                        Map.entry(4, Gens.constant(Kind.ATTACH_MEMBER)),
                        Map.entry(1, Gens.constant(Kind.ATTACH_DIRECT)),
                        Map.entry(3, Gens.constant(Kind.DETACH)),
                        Map.entry(3, Gens.constant(Kind.DELETE)),
                        Map.entry(1, Gens.constant(Kind.RELEASE)),
                        Map.entry(2, Gens.constant(Kind.ADVANCE)),
                        Map.entry(1, Gens.constant(Kind.FAULT)))),
                Gens.integers(0, 99),
                Gens.integers(0, 99),
                Call::new)
            .listOf(0, 40);

    static List<String> transcript(long seed, Mode mode, List<Call> calls) {
      FakeClock clock = new FakeClock();
      try (FakeCloudProvider cloud = topology(clock, seed, mode).build()) {
        List<String> lines = new ArrayList<>();
        lines.add("start: " + compact(cloud.networkInterfaces()));
        for (Call call : calls) {
          lines.add(call + " -> " + outcome(() -> run(cloud, clock, call)));
          lines.add("  now: " + compact(cloud.networkInterfaces()));
        }
        cloud.networkInterfaces().forEach(e -> lines.add(e.toString()));
        for (VSwitchSpec v : VSWITCHES) {
          lines.add(cloud.describeVSwitch(v.id()).toString());
        }
        NetworkInterfacePage page =
            cloud.describeNetworkInterfaces(NetworkInterfaceQuery.builder().maxResults(10).build());
        lines.add(page.toString());
        return lines;
      }
    }

    private static String compact(List<NetworkInterface> enis) {
      return enis.stream()
          .map(
              e ->
                  e.id()
                      + "/"
                      + e.status().apiName()
                      + "/"
                      + e.macAddress()
                      + "/"
                      + e.privateIpAddress()
                      + e.ipv6Addresses()
                      + "/"
                      + e.deviceIndex())
          .collect(Collectors.joining(", "));
    }

    private static String outcome(Callable<Object> call) {
      try {
        return "ok " + call.call();
      } catch (RuntimeException e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }

    private static Object run(FakeCloudProvider cloud, FakeClock clock, Call call) {
      List<NetworkInterface> enis = cloud.networkInterfaces();
      InstanceSpec instance = INSTANCES.get(call.b() % INSTANCES.size());
      List<Kind> needAnEni =
          List.of(Kind.ATTACH_MEMBER, Kind.ATTACH_DIRECT, Kind.DETACH, Kind.DELETE);
      if (enis.isEmpty() && needAnEni.contains(call.kind())) {
        return "no ENI left";
      }
      NetworkInterface eni = enis.isEmpty() ? null : enis.get(call.a() % enis.size());
      switch (call.kind()) {
        case CREATE -> {
          VSwitchSpec v = VSWITCHES.get(call.a() % VSWITCHES.size());
          CreateNetworkInterfaceRequest.Builder request =
              CreateNetworkInterfaceRequest.builder()
                  .vSwitchId(v.id())
                  .securityGroupIds(SG_1)
                  .ipv6AddressCount(v.ipv6Cidr() != null && call.b() % 3 == 0 ? 1 : 0)
                  .deleteOnRelease(call.b() % 2 == 0);
          if (call.b() % 4 == 0) {
            request.clientToken("tok-" + call.b() % 7);
          }
          return cloud.createNetworkInterface(request.build());
        }
        case ATTACH_MEMBER -> {
          String trunk = instance.trunkId() != null ? instance.trunkId() : "eni-trunk1";
          cloud.attachNetworkInterface(
              NetworkInterfaceAttachment.member(eni.id(), instance.id(), trunk));
          return cloud.networkInterfaces();
        }
        case ATTACH_DIRECT -> {
          cloud.attachNetworkInterface(NetworkInterfaceAttachment.direct(eni.id(), instance.id()));
          return cloud.networkInterfaces();
        }
        case DETACH -> {
          String on = eni.instanceId().orElse(instance.id());
          cloud.detachNetworkInterface(
              new NetworkInterfaceAttachment(eni.id(), on, eni.trunkNetworkInterfaceId()));
          return cloud.networkInterfaces();
        }
        case DELETE -> {
          cloud.deleteNetworkInterface(eni.id());
          return cloud.networkInterfaces();
        }
        case RELEASE -> {
          cloud.releaseInstance(instance.id());
          return cloud.networkInterfaces();
        }
        case ADVANCE -> {
          return clock.advance(Duration.ofSeconds(1 + call.a() % 6));
        }
        case FAULT -> {
          CloudOperation op = MUTATIONS.get(call.a() % MUTATIONS.size());
          Fault fault = FAULTS.get(call.b() % FAULTS.size());
          switch (fault.kind()) {
            case THROTTLE -> cloud.faults().throttle(op, 1);
            case FAIL -> cloud.faults().failWith(op, fault.code(), 1);
            default -> cloud.faults().applyThenFail(op, 1);
          }
          return op + ": " + fault;
        }
        default -> throw new IllegalStateException(call.toString());
      }
    }
  }

  // ---------------------------------------------------------------- a broken cloud

  /** Forgets, in DescribeVSwitches, every address a delete gave back. */
  static final class ForgetsFreedAddresses implements CloudProvider {
    private final CloudProvider delegate;
    private int deletes;

    ForgetsFreedAddresses(CloudProvider delegate) {
      this.delegate = delegate;
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
      VSwitch v = delegate.describeVSwitch(vSwitchId);
      return new VSwitch(
          v.id(),
          v.vpcId(),
          v.zoneId(),
          v.ipv4CidrBlock(),
          v.ipv6CidrBlock(),
          Math.max(0, v.availableIpAddressCount() - deletes));
    }

    @Override
    public NetworkInterface createNetworkInterface(CreateNetworkInterfaceRequest request) {
      return delegate.createNetworkInterface(request);
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
      deletes++;
    }

    @Override
    public NetworkInterfacePage describeNetworkInterfaces(NetworkInterfaceQuery query) {
      return delegate.describeNetworkInterfaces(query);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
