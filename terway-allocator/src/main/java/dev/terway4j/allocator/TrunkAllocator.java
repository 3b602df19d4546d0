package dev.terway4j.allocator;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static dev.terway4j.model.ControlCharacters.escaped;

import com.google.common.collect.Lists;
import com.google.common.hash.Hashing;
import com.google.common.util.concurrent.Striped;
import dev.terway4j.allocator.internal.CloudCalls;
import dev.terway4j.allocator.internal.DisciplinedCloud;
import dev.terway4j.allocator.internal.Instants;
import dev.terway4j.allocator.internal.PodEniRecords;
import dev.terway4j.allocator.internal.PodKey;
import dev.terway4j.allocator.internal.Schedule;
import dev.terway4j.cloud.spi.CloudException;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.CreateNetworkInterfaceRequest;
import dev.terway4j.cloud.spi.InsufficientResourcesException;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceAttachment;
import dev.terway4j.cloud.spi.NetworkInterfaceQuery;
import dev.terway4j.cloud.spi.NetworkInterfaceStatus;
import dev.terway4j.cloud.spi.NetworkInterfaceType;
import dev.terway4j.cloud.spi.NotFoundException;
import dev.terway4j.cloud.spi.VSwitch;
import dev.terway4j.model.Allocation;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.Annotations;
import dev.terway4j.model.DurationFormatException;
import dev.terway4j.model.IpAllocationType;
import dev.terway4j.model.Labels;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.ReleaseStrategy;
import dev.terway4j.selector.PodNetworkingResolver;
import dev.terway4j.selector.Resolution;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trunk member-ENI allocator: gives each pod matched by a PodNetworking its own ENI on the
 * node's trunk ENI, and drives the PodENI lifecycle (docs/behaviour.md, "PodENI lifecycle").
 *
 * <p>It is driven by the events a controller already has:
 *
 * <ul>
 *   <li>{@link #podScheduled}: resolves the pod's PodNetworking, reserves a member slot on the
 *       node, picks a vSwitch, creates the ENI (tags {@code ack.aliyun.com=<cluster>} and {@code
 *       creator=terway-controller}, {@code DeleteOnRelease} unless Fixed, a ClientToken), writes
 *       the PodENI (phase Initial) and asks the cloud to attach the ENI to the trunk. A returning
 *       Fixed pod (same namespace and name) in the same zone gets its kept ENI attached again
 *       (phase Binding).
 *   <li>{@link #podDeleted}: Elastic ENIs are detached and deleted and the PodENI removed (phase
 *       Deleting); Fixed ENIs are detached and kept (Detaching, then Unbind).
 *   <li>{@link #tick}: finishes what is under way by describing the pending ENIs, up to 100 per
 *       call (Bind with the VLAN id once InUse; Unbind once Available; deleting once detached),
 *       releases Fixed ENIs whose TTL is over, and sweeps for leaked ENIs.
 *   <li>{@link #release}: the PodENI is deleted by its owner (how a {@code Never} ENI goes).
 *   <li>{@link #recover}: a new instance rebuilds its state from the store and one cloud listing.
 * </ul>
 *
 * <p>Failures: a failure part-way rolls back what it created (the ENI is deleted, the slot given
 * back); a create whose outcome is unknown (timeout after sending) is retried with the same
 * ClientToken, also by a later call for the same pod, so no second ENI appears; whatever still
 * escapes (a crash between create and record) is deleted by the leak sweep after the guard age.
 *
 * <p>Liveness and the TTL: a Fixed TTL ENI is released only while its pod is absent, {@code
 * releaseAfter} past {@code podLastSeen} (docs/behaviour.md, "PodENI lifecycle"); while the pod
 * lives, every TTL check refreshes {@code podLastSeen}, whatever the record's phase (a pod whose
 * re-attach waits for a member slot stays Unbind and keeps its IP). The allocator learns liveness
 * from the events: a Fixed pod is live from {@link #podScheduled} to {@link #podDeleted} (or {@link
 * #release}), and known gone after {@link #podDeleted}. A new instance knows neither, so a pod it
 * has heard nothing of counts as absent only when two consecutive TTL checks ({@link
 * AllocatorSettings#releaseCheckInterval()} apart) found it unheard of: <b>the controller must
 * deliver every live pod (an informer's initial list does) within one release-check interval of
 * start</b>, and a pod delivered in time is never released by a restart. The same two checks catch
 * a deletion this instance never heard (it was heard by an instance that stopped before the store
 * accepted it), as Terway's PodENI GC does: an Elastic record whose pod is unheard of is released,
 * a bound Fixed one detached and kept. A deletion the store refuses while this instance runs is
 * retried on every tick.
 *
 * <p>Pod identity: a pod is its namespace and name, kept apart (never one joined string), and both
 * are checked as Kubernetes checks them at every method that takes them, so two pods never share a
 * record, a lock, a ClientToken or an ENI.
 *
 * <p>Member slots: a pod holds a slot on a node exactly while its PodENI record names the node's
 * instance; {@link MemberEniCapacity} follows every write, deletion and read of a record, and a
 * slot reserved before a create is given back on every path that does not end in such a record.
 *
 * <p>Clock jumps: the TTL check, the leak sweep, the vSwitch cache and the rate limits recover when
 * the clock jumps forward and comes back (or goes back): each is due again within its interval of
 * the clock's return, a {@code podLastSeen} from the future counts from the return, and no time
 * arithmetic throws near {@link Instant#MAX}.
 *
 * <p>Thread safety: every method may be called from any number of threads. Work on one pod is
 * serialized by a lock striped on its namespace and name; different pods proceed in parallel.
 * {@link #tick} and {@link #recover} run one at a time; they take a pod's lock only to update that
 * pod, and no thread ever holds two pod locks, so there is no lock-order deadlock.
 */
public final class TrunkAllocator {
  private static final Logger log = LoggerFactory.getLogger(TrunkAllocator.class);
  private static final int MAX_ATTACH_REISSUES = 3;
  private static final int MAX_CACHED_REQUESTS = 1024;
  // Tokens of given-up ENIs one create call skips at most (a restarted instance meets them all).
  private static final int MAX_STALE_TOKENS = 16;

  private final DisciplinedCloud cloud;
  private final PodEniStore store;
  private final PodNetworkingResolver resolver;
  private final Clock clock;
  private final AllocatorSettings settings;
  private final AllocatorListener listener;
  private final AllocatorMetrics metrics;
  private final VSwitchPool vSwitches;
  private final MemberEniCapacity capacity;
  private final Striped<Lock> podLocks = Striped.lock(1024);
  private final ReentrantLock tickLock = new ReentrantLock();
  // The pods a tick must look at, by key, with their namespace and name at hand. Guarded by itself,
  // a leaf lock (nothing else is taken while it is held). Linked, not concurrent: every tick walks
  // it, and a linked map's walk costs what it holds where a hash table's costs the most it ever
  // held; it also settles pods oldest first.
  private final Set<PodKey> attention = new LinkedHashSet<>();
  private final Map<PodKey, Rebind> rebinds = new ConcurrentHashMap<>();
  private final Map<PodKey, Integer> attachReissues = new ConcurrentHashMap<>();
  // Bumped whenever a pod's ENI is given up, so that its next create gets a new ClientToken.
  private final Map<PodKey, Integer> createGenerations = new ConcurrentHashMap<>();
  private final Set<String> inFlightEnis = ConcurrentHashMap.newKeySet();
  // Fixed pods this instance saw scheduled and not yet deleted: their podLastSeen is refreshed and
  // their records kept whatever the TTL, as Terway does while the pod exists.
  private final Set<PodKey> liveFixedPods = ConcurrentHashMap.newKeySet();
  // Elastic pods with a record that this instance saw scheduled and not yet deleted.
  private final Set<PodKey> liveElasticPods = ConcurrentHashMap.newKeySet();
  // Fixed pods this instance saw deleted (and not scheduled since): known absent.
  private final Set<PodKey> goneFixedPods = ConcurrentHashMap.newKeySet();
  // Pods whose deletion the store refused to record: retried on every tick.
  private final Set<PodKey> deletionsToRetry = ConcurrentHashMap.newKeySet();
  private final Map<RequestShape, UntokenedRequest> untokenedRequests = new ConcurrentHashMap<>();
  // Guarded by tickLock.
  private Set<String> previousLeakCandidates = new HashSet<>();
  // Expired Unbind records whose pod this instance had heard nothing of at the last TTL check.
  private Set<PodKey> unheardOfAtLastCheck = new HashSet<>();
  // ENIs listed with a creation time after the allocator's now (its clock went back), and when a
  // sweep first saw each: their guard age counts from then. Guarded by tickLock.
  private Map<String, Instant> createdInTheFuture = new HashMap<>();
  private final Schedule leakSweeps;
  private final Schedule releaseChecks;

  private record Rebind(String podUid, NodeInfo node) {}

  /** A pod's key ({@code namespace/name}) and its parts. */
  /** What a create request depends on besides the settings. */
  private record RequestShape(String vSwitchId, List<String> securityGroupIds, boolean fixed) {
    RequestShape {
      securityGroupIds = List.copyOf(securityGroupIds);
    }
  }

  /** A create request without its token, and its text (part of the token's seed). */
  private record UntokenedRequest(CreateNetworkInterfaceRequest request, String text) {}

  private TrunkAllocator(Builder b) {
    this.clock = b.clock;
    this.settings = b.settings;
    this.metrics = b.metrics;
    this.listener = b.listener;
    this.store = b.store;
    this.resolver = b.resolver;
    CloudCalls calls =
        new CloudCalls(
            clock,
            b.waiter,
            settings.rateLimits(),
            settings.retryPolicy(),
            metrics,
            settings.seed());
    this.cloud = new DisciplinedCloud(b.cloud, calls);
    this.vSwitches =
        VSwitchPool.create(cloud, clock, settings.vSwitchCacheTtl(), settings.seed() + 1);
    this.capacity = new MemberEniCapacity(cloud);
    Instant now = clock.instant();
    this.leakSweeps = new Schedule(settings.leakSweepInterval(), now);
    this.releaseChecks = new Schedule(settings.releaseCheckInterval(), now);
  }

  /**
   * Returns a builder.
   *
   * @param cloud the cloud; the allocator adds rate limits and retries around it
   * @param resolver the PodNetworkings (only Ready ones are used) and the fixed-name policy
   * @param settings the settings
   * @return the builder
   */
  public static Builder builder(
      CloudProvider cloud, PodNetworkingResolver resolver, AllocatorSettings settings) {
    return new Builder(cloud, resolver, settings);
  }

  // ------------------------------------------------------------------ events

  /**
   * Handles a pod scheduled to a node (or any later update of it): allocates its member ENI if it
   * has none, attaches a kept Fixed ENI again, or returns the record it already has. A pod that has
   * terminated ({@code Succeeded}/{@code Failed}) is handled as deleted.
   *
   * <p>The attach completes asynchronously: the returned record is in phase Initial or Binding
   * until a {@link #tick} observes the ENI {@code InUse}, then Bind with its VLAN id.
   *
   * @param pod the pod, with {@code spec.nodeName} set
   * @param namespace its namespace (labels matter for {@code namespaceSelector})
   * @param node the node it is scheduled to
   * @return the pod's PodENI, or empty if no Ready PodNetworking matches it (it then uses the
   *     node's shared ENIs, not ours), and for a host-network pod, a pod or node labelled {@code
   *     k8s.aliyun.com/ignore-by-terway=true} and a virtual-kubelet node ({@link
   *     Node#ignoredByTerway()}), as Terway's pod controller
   * @throws AllocationException if the ENI cannot be had now; see its reason
   * @throws IllegalArgumentException naming the field and value, if the pod's namespace or name is
   *     not valid in Kubernetes, the pod's namespace is not {@code namespace}, the pod has no UID,
   *     the node's name is empty or invalid, or the pod's {@code spec.nodeName} is not the node's
   *     name; nothing is done then
   */
  public Optional<PodEni> podScheduled(Pod pod, Namespace namespace, Node node) {
    checkNotNull(pod, "pod");
    checkNotNull(namespace, "namespace");
    checkNotNull(node, "node");
    PodKey key = checkScheduled(pod, namespace, node);
    if (pod.terminated()) {
      podDeleted(key.namespace(), key.name());
      return Optional.empty();
    }
    if (pod.spec().hostNetwork()
        || "true".equals(pod.metadata().labels().get(Labels.IGNORE_BY_TERWAY))
        || node.ignoredByTerway()) {
      // Terway's pod controller skips these pods, and virtual-kubelet and ignored nodes
      // (issue 16 item 5).
      return Optional.empty();
    }
    Lock lock = podLocks.get(key);
    lock.lock();
    try {
      deletionsToRetry.remove(key);
      Optional<PodEni> existing = read(key);
      if (existing.isPresent()) {
        if (PodEniRecords.fixedIp(existing.get())) {
          liveFixedPods.add(key);
          goneFixedPods.remove(key);
        } else {
          liveElasticPods.add(key);
        }
        return Optional.of(scheduledAgain(key, existing.get(), pod, node));
      }
      Optional<PodNetworking> podNetworking = resolve(pod, namespace);
      if (podNetworking.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(allocate(key, pod.metadata().uid(), podNetworking.get(), node, false));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Checks what {@link #podScheduled} is given and returns the pod's key: valid namespace and name,
   * the namespace object being the pod's, a UID, and the pod bound to the node passed in.
   */
  private static PodKey checkScheduled(Pod pod, Namespace namespace, Node node) {
    String namespaceName = namespace.metadata().name();
    String podNamespace = pod.metadata().namespace();
    String ns = podNamespace.isEmpty() ? namespaceName : podNamespace;
    PodKey key = PodKey.of(ns, pod.metadata().name());
    checkArgument(
        namespaceName.equals(ns),
        "pod %s: metadata.namespace differs from the namespace passed in (%s)",
        key,
        PodKey.quote(namespaceName));
    checkArgument(!pod.metadata().uid().isEmpty(), "pod %s: metadata.uid is empty", key);
    String nodeName = node.metadata().name();
    PodKey.checkNodeName("node metadata.name", nodeName);
    checkArgument(
        pod.spec().nodeName().equals(nodeName),
        "pod %s: spec.nodeName %s differs from the node passed in (%s)",
        key,
        PodKey.quote(pod.spec().nodeName()),
        nodeName);
    return key;
  }

  /**
   * Handles a pod that is gone (deleted, or terminated): an Elastic ENI is detached and deleted and
   * the PodENI removed; a Fixed ENI is detached and kept (phase Detaching, then Unbind). The detach
   * is sent now; the rest happens on later ticks.
   *
   * @param namespace the pod's namespace
   * @param name the pod's name
   * @throws IllegalArgumentException if the namespace or name is not valid in Kubernetes
   */
  public void podDeleted(String namespace, String name) {
    deleted(PodKey.of(namespace, name));
  }

  /**
   * Handles a pod that is gone. If the store refuses the write, the deletion is remembered and
   * retried on every tick until it is written or the pod is scheduled again: a deletion is heard
   * once, and must not be lost to one refused write.
   */
  private void deleted(PodKey key) {
    Lock lock = podLocks.get(key);
    lock.lock();
    try {
      deletionsToRetry.remove(key);
      rebinds.remove(key);
      // The pod object is gone; a pod under the same name is a new UID, hence new tokens.
      createGenerations.remove(key);
      liveFixedPods.remove(key);
      liveElasticPods.remove(key);
      Optional<PodEni> found = read(key);
      if (found.isEmpty()) {
        goneFixedPods.remove(key);
        return;
      }
      PodEni record = found.get();
      if (PodEniRecords.fixedIp(record)) {
        goneFixedPods.add(key);
      }
      PodEniPhase phase = PodEniRecords.phase(record);
      if (phase == PodEniPhase.DELETING) {
        return;
      }
      Instant now = clock.instant();
      if (PodEniRecords.fixedIp(record)) {
        if (phase == PodEniPhase.DETACHING || phase == PodEniPhase.UNBIND) {
          return;
        }
        PodEni detaching =
            write(
                key,
                PodEniRecords.seen(PodEniRecords.withPhase(record, PodEniPhase.DETACHING), now));
        attend(key);
        if (phase == PodEniPhase.BIND) {
          detachQuietly(key, detaching);
        }
      } else {
        PodEni deleting = write(key, PodEniRecords.withPhase(record, PodEniPhase.DELETING));
        attend(key);
        if (phase == PodEniPhase.BIND) {
          detachQuietly(key, deleting);
        }
      }
    } catch (RuntimeException e) {
      deletionsToRetry.add(key);
      throw e;
    } finally {
      lock.unlock();
    }
  }

  /** Retries the deletions whose write was refused (see {@link #deleted}). */
  private void retryDeletions() {
    for (PodKey key : List.copyOf(deletionsToRetry)) {
      try {
        deleted(key);
      } catch (RuntimeException e) {
        log.warn(
            "handling the deletion of {} failed again, next tick retries: {}", key, e.toString());
      }
    }
  }

  /**
   * Releases a pod's PodENI as if its owner deleted the object: the ENIs are detached and deleted
   * whatever their allocation type (this is how a {@code Never} ENI is given up), then the record
   * is removed on later ticks.
   *
   * @param namespace the pod's namespace
   * @param name the pod's name
   * @return {@code true} if there was a record
   * @throws IllegalArgumentException if the namespace or name is not valid in Kubernetes
   */
  public boolean release(String namespace, String name) {
    PodKey key = PodKey.of(namespace, name);
    Lock lock = podLocks.get(key);
    lock.lock();
    try {
      rebinds.remove(key);
      Optional<PodEni> found = read(key);
      if (found.isEmpty()) {
        return false;
      }
      nextGeneration(key);
      liveFixedPods.remove(key);
      liveElasticPods.remove(key);
      goneFixedPods.remove(key);
      PodEniPhase phase = PodEniRecords.phase(found.get());
      if (phase != PodEniPhase.DELETING) {
        PodEni deleting = write(key, PodEniRecords.withPhase(found.get(), PodEniPhase.DELETING));
        if (phase == PodEniPhase.BIND) {
          detachQuietly(key, deleting);
        }
      }
      attend(key);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Lets time pass: {@link #tick(Instant)} at the clock's current time. */
  public void tick() {
    tick(clock.instant());
  }

  /**
   * Lets time pass: finishes pending attaches, detaches and deletes (describing up to 100 pending
   * ENIs per cloud call); when due, checks Fixed TTLs and refreshes {@code podLastSeen} (every
   * {@link AllocatorSettings#releaseCheckInterval()}) and sweeps for leaked ENIs (every {@link
   * AllocatorSettings#leakSweepInterval()}). Call it every second or two.
   *
   * @param now the current time, for the TTL and sweep decisions
   */
  public void tick(Instant now) {
    checkNotNull(now, "now");
    tickLock.lock();
    try {
      retryDeletions();
      settlePending(now);
      if (releaseChecks.due(now)) {
        try {
          checkReleases(now);
        } catch (RuntimeException e) {
          log.warn("TTL check failed, next check retries: {}", escaped(e.toString()));
        }
      }
      if (leakSweeps.due(now)) {
        try {
          sweepLeaks(now);
        } catch (RuntimeException e) {
          log.warn("leak sweep failed, next sweep retries: {}", escaped(e.toString()));
        }
      }
    } finally {
      tickLock.unlock();
    }
  }

  /**
   * Rebuilds this (new) allocator's state from the store and one cloud listing of the cluster's
   * ENIs: member slots in use, pending attaches, detaches and deletes (finished right away where
   * the listing shows they are done), and the first observation of the leak sweep. Call it before
   * the first event. It is idempotent: the member slots in use are set to what the records name,
   * whatever was counted before, so calling it again (or after events) never counts a slot twice.
   */
  public void recover() {
    tickLock.lock();
    try {
      Instant now = clock.instant();
      List<NetworkInterface> listing = cloud.describeAllNetworkInterfaces(ourEnis());
      Map<String, NetworkInterface> byId = new HashMap<>();
      listing.forEach(eni -> byId.put(eni.id(), eni));
      List<PodEni> records = store.list();
      Set<String> referenced = new HashSet<>();
      List<PodKey> pending = new ArrayList<>();
      Map<PodKey, Optional<PodEni>> described = new HashMap<>();
      // Slots are what the records name, not what was counted before: recovering twice (or on an
      // allocator that already holds slots) counts each record once.
      Map<PodKey, String> slots = new HashMap<>();
      for (PodEni record : records) {
        referenced.addAll(PodEniRecords.eniIds(record));
        PodKey key = keyOf(record);
        String instanceId = PodEniRecords.status(record).instanceID();
        if (!instanceId.isEmpty()) {
          slots.put(key, instanceId);
        }
        PodEniPhase phase = PodEniRecords.phase(record);
        if (phase != PodEniPhase.BIND && phase != PodEniPhase.UNBIND) {
          attend(key);
          pending.add(key);
          described.put(key, Optional.of(record));
        }
      }
      capacity.reconcile(slots);
      settle(pending, described, byId, now);
      previousLeakCandidates = leakCandidates(listing, referenced, now);
      log.info(
          "recovered {} PodENIs ({} pending) and {} cluster ENIs",
          records.size(),
          pending.size(),
          listing.size());
    } finally {
      tickLock.unlock();
    }
  }

  /**
   * Sweeps for leaked ENIs now, whatever the interval: lists the ENIs tagged as ours and, for each
   * one no PodENI references, older than the guard age and already seen leaked by the previous
   * sweep, detaches it if attached, else deletes it.
   */
  public void sweepLeaks() {
    tickLock.lock();
    try {
      sweepLeaks(clock.instant());
    } finally {
      tickLock.unlock();
    }
  }

  // ------------------------------------------------------------------ views

  /**
   * Returns a pod's PodENI record.
   *
   * @param namespace the pod's namespace
   * @param name the pod's name
   * @return the record, if any
   * @throws IllegalArgumentException if the namespace or name is not valid in Kubernetes
   */
  public Optional<PodEni> podEni(String namespace, String name) {
    PodKey key = PodKey.of(namespace, name);
    return store.get(key.namespace(), key.name());
  }

  /**
   * Returns the zone a Fixed pod must be scheduled in to get its kept ENI back (the selector's
   * admission hints turn this into a required node affinity before scheduling).
   *
   * @param namespace the pod's namespace
   * @param name the pod's name
   * @return the zone of its PodENI, if it has one with a Fixed allocation
   * @throws IllegalArgumentException if the namespace or name is not valid in Kubernetes
   */
  public Optional<String> previousZone(String namespace, String name) {
    PodKey key = PodKey.of(namespace, name);
    return store
        .get(key.namespace(), key.name())
        .filter(PodEni::fixedIp)
        .filter(r -> !r.spec().allocations().isEmpty())
        .map(r -> r.spec().zone())
        .filter(z -> !z.isEmpty());
  }

  /**
   * Returns what the allocator's cloud calls add up to.
   *
   * @return a snapshot
   */
  public CloudCallStats callStats() {
    return cloud.calls().stats();
  }

  /**
   * Returns the member-slot accounting.
   *
   * @return the capacity
   */
  public MemberEniCapacity capacity() {
    return capacity;
  }

  /**
   * Returns the vSwitch cache.
   *
   * @return the pool
   */
  public VSwitchPool vSwitchPool() {
    return vSwitches;
  }

  /**
   * Returns the store.
   *
   * @return the store
   */
  public PodEniStore store() {
    return store;
  }

  /**
   * Returns the cloud as the allocator sees it: with its rate limits, retries and counting.
   *
   * @return the cloud
   */
  public CloudProvider cloud() {
    return cloud;
  }

  /**
   * Returns the settings.
   *
   * @return the settings
   */
  public AllocatorSettings settings() {
    return settings;
  }

  /**
   * Returns the PodNetworkings the allocator resolves pods against (the resolver it was built
   * with), so that a placement check resolves exactly as {@link #podScheduled} does.
   *
   * @return the resolver
   */
  public PodNetworkingResolver resolver() {
    return resolver;
  }

  // ------------------------------------------------------------------ allocation

  private Optional<PodNetworking> resolve(Pod pod, Namespace namespace) {
    String named = pod.metadata().annotations().get(Annotations.POD_NETWORKING);
    if (named != null && !named.isEmpty()) {
      Optional<PodNetworking> byName = resolver.get(named).filter(PodNetworking::ready);
      if (byName.isPresent()
          && (byName.get().spec().allocationType().type() != IpAllocationType.FIXED
              || resolver.fixedNamePolicy().isFixedName(pod))) {
        return byName;
      }
    }
    Resolution resolution = resolver.resolve(pod, namespace);
    if (resolution.isAmbiguous()) {
      log.warn(
          "pod {}/{} matches several PodNetworkings {}; using {}",
          escaped(pod.metadata().namespace()),
          escaped(pod.metadata().name()),
          escaped(resolution.candidateNames()),
          escaped(resolution.winner().get().metadata().name()));
    }
    return resolution.winner();
  }

  private PodEni scheduledAgain(PodKey key, PodEni record, Pod pod, Node node) {
    PodEniPhase phase = PodEniRecords.phase(record);
    boolean samePod = PodEniRecords.podUid(record).equals(pod.metadata().uid());
    boolean attached =
        phase == PodEniPhase.BIND || phase == PodEniPhase.INITIAL || phase == PodEniPhase.BINDING;
    if (samePod && attached) {
      return record;
    }
    if (phase == PodEniPhase.DELETING) {
      throw busy(key, "its previous PodENI is being released");
    }
    if (!PodEniRecords.fixedIp(record)) {
      if (phase == PodEniPhase.BIND || phase == PodEniPhase.UNBIND) {
        // A new pod object under the old name: the old ENI goes first (Terway deletes the PodENI).
        PodEni deleting = write(key, PodEniRecords.withPhase(record, PodEniPhase.DELETING));
        attend(key);
        if (phase == PodEniPhase.BIND) {
          detachQuietly(key, deleting);
        }
      }
      throw busy(key, "its previous Elastic PodENI is being released");
    }
    NodeInfo nodeInfo = nodeInfo(node);
    checkZone(key, record, nodeInfo);
    switch (phase) {
      case UNBIND:
        return rebind(key, record, pod.metadata().uid(), nodeInfo);
      case DETACHING:
        rebinds.put(key, new Rebind(pod.metadata().uid(), nodeInfo));
        return record;
      case BIND:
        {
          PodEni detaching =
              write(
                  key,
                  PodEniRecords.seen(
                      PodEniRecords.withPhase(record, PodEniPhase.DETACHING), clock.instant()));
          attend(key);
          rebinds.put(key, new Rebind(pod.metadata().uid(), nodeInfo));
          detachQuietly(key, detaching);
          return detaching;
        }
      default:
        throw busy(key, "its previous pod's attach is still under way");
    }
  }

  private static void checkZone(PodKey key, PodEni record, NodeInfo node) {
    String zone = record.spec().zone();
    if (!zone.isEmpty() && !zone.equals(node.zone())) {
      throw new AllocationException(
          AllocationException.Reason.ZONE_MISMATCH,
          "pod "
              + key
              + " has a Fixed IP in zone "
              + zone
              + " but was scheduled to node "
              + node.name()
              + " in zone "
              + node.zone(),
          null);
    }
  }

  private static AllocationException busy(PodKey key, String why) {
    return new AllocationException(
        AllocationException.Reason.BUSY, "pod " + key + ": " + why + "; retry after a tick", null);
  }

  /**
   * Reads a node's facts, and its instance type's limits from its {@code
   * alibabacloud.com/instance-type-info} annotation when it has one (issue 16 item 5).
   */
  private NodeInfo nodeInfo(Node node) {
    NodeInfo info = NodeInfo.of(node);
    // Terway applies the annotation's limits to the node whatever InstanceTypeId it names.
    InstanceTypeInfo.of(node).ifPresent(type -> capacity.learn(info.instanceType(), type));
    return info;
  }

  private PodEni allocate(
      PodKey key, String podUid, PodNetworking pn, Node node, boolean staleTokenRetried) {
    String ns = key.namespace();
    String name = key.name();
    NodeInfo nodeInfo = nodeInfo(node);
    AllocationType allocationType = pn.spec().allocationType();
    // The reservation is given back on every path out of here unless the pod's record, written
    // meanwhile, names the node (then the record holds the slot).
    try (MemberEniCapacity.Reservation reservation = capacity.tryReserve(nodeInfo, key)) {
      if (reservation == null) {
        AllocationException e =
            new AllocationException(
                AllocationException.Reason.NODE_CAPACITY_FULL,
                capacity.limit(nodeInfo.instanceType()) == 0
                    // issue 13 item 15: not "already carries 0 of 0 member ENIs"
                    ? "node "
                        + nodeInfo.name()
                        + ": instance type "
                        + nodeInfo.instanceType()
                        + " does not support trunking (it takes no member ENIs)"
                    : "node "
                        + nodeInfo.name()
                        + " ("
                        + nodeInfo.instanceType()
                        + ") already carries "
                        + capacity.used(nodeInfo.instanceId())
                        + " of "
                        + capacity.limit(nodeInfo.instanceType())
                        + " member ENIs",
                null);
        emit(AllocatorEvent.Type.CREATE_ENI_FAILED, ns, name, null, e.getMessage());
        throw e;
      }
      return allocateReserved(key, podUid, pn, nodeInfo, allocationType, node, staleTokenRetried);
    }
  }

  private PodEni allocateReserved(
      PodKey key,
      String podUid,
      PodNetworking pn,
      NodeInfo nodeInfo,
      AllocationType allocationType,
      Node node,
      boolean staleTokenRetried) {
    String ns = key.namespace();
    String name = key.name();
    NetworkInterface eni;
    VSwitch vSwitch;
    try {
      Map.Entry<NetworkInterface, VSwitch> created = create(key, podUid, pn, nodeInfo);
      eni = created.getKey();
      vSwitch = created.getValue();
    } catch (RuntimeException e) {
      AllocationException failure = asAllocationFailure(key, "create eni", e);
      emit(AllocatorEvent.Type.CREATE_ENI_FAILED, ns, name, null, failure.getMessage());
      throw failure;
    }
    PodEni record;
    try {
      record =
          write(
              key, PodEniRecords.initial(ns, name, podUid, nodeInfo, allocationType, eni, vSwitch));
    } catch (RuntimeException e) {
      // The store refused the record (a conflict, a rejecting webhook, an outage): nothing refers
      // to the ENI, so it goes now rather than wait for the leak sweep, and the pod's next try
      // gets a new token.
      nextGeneration(key);
      try {
        deleteEni(eni.id(), eni.vSwitchId());
      } catch (RuntimeException deleteFailed) {
        e.addSuppressed(deleteFailed);
        log.warn(
            "writing the PodENI of {} failed and deleting its eni {} failed too; the leak sweep"
                + " deletes it: {}",
            key,
            escaped(eni.id()),
            escaped(deleteFailed.toString()));
      }
      emit(AllocatorEvent.Type.CREATE_ENI_FAILED, ns, name, eni.id(), "writing the PodENI failed");
      throw e;
    } finally {
      inFlightEnis.remove(eni.id());
    }
    // Pending from now on: whatever fails below, the ticks settle what the store holds.
    attend(key);
    if (PodEniRecords.fixedIp(record)) {
      liveFixedPods.add(key);
      goneFixedPods.remove(key);
    } else {
      liveElasticPods.add(key);
    }
    emit(AllocatorEvent.Type.CREATE_ENI_SUCCEED, ns, name, eni.id(), "create enis " + eni.id());
    try {
      attach(eni.id(), nodeInfo);
    } catch (CloudException e) {
      rollbackCreated(key, record, eni);
      if (e instanceof NotFoundException) {
        // What the create answered was no live ENI (a replayed token of a deleted one, seen too
        // late for create() to tell): its address was never taken, so it is not counted.
        vSwitches.released(vSwitch.id());
      }
      if (e instanceof NotFoundException && !staleTokenRetried) {
        // The token named an ENI deleted since (a pod retried after a restart): a new token.
        nextGeneration(key);
        return allocate(key, podUid, pn, node, true);
      }
      AllocationException failure = asAllocationFailure(key, "attach eni " + eni.id(), e);
      emit(AllocatorEvent.Type.ATTACH_ENI_FAILED, ns, name, eni.id(), failure.getMessage());
      throw failure;
    }
    return record;
  }

  private Map.Entry<NetworkInterface, VSwitch> create(
      PodKey key, String podUid, PodNetworking pn, NodeInfo node) {
    VSwitchPool.Selection selection =
        vSwitches.select(
            node.zone(),
            pn.spec().vSwitchOptions(),
            pn.spec().vSwitchSelectOptions().vSwitchSelectionPolicy());
    Map<String, String> reasons = new LinkedHashMap<>(selection.rejected());
    boolean fixed = pn.spec().allocationType().type() == IpAllocationType.FIXED;
    // ECS reports creation times in whole seconds: anything created before this second is a replay.
    Instant started = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    for (VSwitch candidate : selection.candidates()) {
      try {
        for (int stale = 0; ; stale++) {
          CreateNetworkInterfaceRequest request =
              request(key, podUid, candidate.id(), pn.spec().securityGroupIDs(), fixed);
          NetworkInterface eni = cloud.createNetworkInterface(request);
          if (replayedButGone(eni, started)) {
            // The cloud remembered the token of an ENI given up before (this pod's earlier try,
            // perhaps by an instance that has since restarted): nothing was created, nothing is
            // counted, and the next generation's token is tried.
            nextGeneration(key);
            if (stale >= MAX_STALE_TOKENS) {
              throw new AllocationException(
                  AllocationException.Reason.CLOUD_ERROR,
                  "pod " + key + ": " + (stale + 1) + " ClientTokens in a row named deleted ENIs",
                  null);
            }
            continue;
          }
          inFlightEnis.add(eni.id());
          vSwitches.allocated(candidate.id());
          return Map.entry(eni, candidate);
        }
      } catch (InsufficientResourcesException e) {
        if (e.reason() != InsufficientResourcesException.Reason.VSWITCH_IP_EXHAUSTED) {
          throw e;
        }
        vSwitches.block(candidate.id());
        reasons.put(candidate.id(), "no IP left (" + e.errorCode() + "), blocked until refresh");
      }
    }
    throw new NoAvailableVSwitchException(node.zone(), reasons);
  }

  /**
   * Returns whether a create answered with an ENI that no longer lives: one created before this
   * create started (so the cloud replayed a ClientToken) that is Deleting, or that a describe no
   * longer finds. Only replays cost a describe.
   */
  private boolean replayedButGone(NetworkInterface eni, Instant started) {
    if (eni.status() == NetworkInterfaceStatus.DELETING) {
      return true;
    }
    if (!eni.creationTime().isBefore(started)) {
      return false;
    }
    Optional<NetworkInterface> now = cloud.describeNetworkInterface(eni.id());
    return now.isEmpty() || now.get().status() == NetworkInterfaceStatus.DELETING;
  }

  /**
   * Builds the create request. Its ClientToken is derived from the pod (namespace, name, UID), the
   * parameters and the pod's create generation: a retry after a lost reply, by this instance or by
   * a restarted one, sends the same token and gets the same ENI back, while two pods, or one pod
   * after its ENI was given up, never share a token. Generations are counted in memory (a given-up
   * ENI leaves no record to keep one in); a restarted instance starts again at 0, and {@link
   * #create} skips, without counting an address, every token the cloud answers with an ENI that is
   * gone.
   *
   * <p>The pod enters the seed as {@code namespace/name}, the format of earlier versions, so that a
   * restarted instance replays the tokens of creates sent before the upgrade. That text names one
   * pod only: {@link PodKey#of} admitted the namespace and name, neither of which may hold a {@code
   * /} (nor a newline, which separates the seed's fields).
   */
  private CreateNetworkInterfaceRequest request(
      PodKey key, String podUid, String vSwitchId, List<String> securityGroupIds, boolean fixed) {
    UntokenedRequest untokened =
        untokenedRequest(new RequestShape(vSwitchId, securityGroupIds, fixed));
    String seed =
        settings.clusterId()
            + '\n'
            + key
            + '\n'
            + podUid
            + '\n'
            + createGenerations.getOrDefault(key, 0)
            + '\n'
            + untokened.text();
    String hash = Hashing.sha256().hashString(seed, StandardCharsets.UTF_8).toString();
    return untokened.request().withClientToken("t4j-" + hash.substring(0, 40));
  }

  /**
   * Returns the request without its token for a vSwitch, security groups and Fixed or not, built
   * once: the pods of a PodNetworking ask for the same few over and over, and building and printing
   * a request was most of what deriving a token cost. The text is part of the token's seed, so it
   * must stay the request's {@code toString()}.
   */
  private UntokenedRequest untokenedRequest(RequestShape shape) {
    UntokenedRequest cached = untokenedRequests.get(shape);
    if (cached != null) {
      return cached;
    }
    if (untokenedRequests.size() >= MAX_CACHED_REQUESTS) {
      // PodNetworkings were edited many times over; start again rather than grow without bound.
      untokenedRequests.clear();
    }
    CreateNetworkInterfaceRequest.Builder builder =
        CreateNetworkInterfaceRequest.builder()
            .vSwitchId(shape.vSwitchId())
            .securityGroupIds(shape.securityGroupIds())
            .type(NetworkInterfaceType.SECONDARY)
            .ipv6AddressCount(settings.ipv6AddressCount())
            .tag(AllocatorSettings.CLUSTER_TAG, settings.clusterId())
            .tag(AllocatorSettings.CREATOR_TAG, AllocatorSettings.CREATOR)
            .deleteOnRelease(!shape.fixed())
            .sourceDestCheck(false)
            .description(AllocatorSettings.DESCRIPTION);
    settings.resourceGroupId().ifPresent(builder::resourceGroupId);
    CreateNetworkInterfaceRequest request = builder.build();
    UntokenedRequest built = new UntokenedRequest(request, request.toString());
    untokenedRequests.put(shape, built);
    return built;
  }

  private void nextGeneration(PodKey key) {
    createGenerations.merge(key, 1, Integer::sum);
  }

  private AllocationException asAllocationFailure(PodKey key, String what, RuntimeException e) {
    if (e instanceof AllocationException allocation) {
      return allocation;
    }
    return new AllocationException(
        AllocationException.Reason.CLOUD_ERROR,
        "pod " + key + ": " + what + " failed: " + e.getMessage(),
        e);
  }

  /**
   * Asks the cloud to attach an ENI to the node's trunk. A failure is looked at before it counts:
   * if the ENI turns out attached (or attaching) to the node, the attach worked; if the describe
   * that should tell fails too, the outcome is unknown and this returns as well, so that the
   * caller's record stays Initial or Binding and later ticks settle it from what they describe
   * (attached: Bind; Available: attach again or give up). It throws only when the ENI is seen not
   * attached, or gone.
   */
  private void attach(String eniId, NodeInfo node) {
    NetworkInterfaceAttachment attachment =
        NetworkInterfaceAttachment.member(eniId, node.instanceId(), node.trunkEniId());
    try {
      cloud.attachNetworkInterface(attachment);
    } catch (CloudException e) {
      // A lost reply retried into InvalidEniState, for one: look before giving up.
      Optional<NetworkInterface> now;
      try {
        now = cloud.describeNetworkInterface(eniId);
      } catch (CloudException describeFailed) {
        log.warn(
            "attaching {} failed ({}) and describing it failed too; the ticks settle it",
            escaped(eniId),
            escaped(e.getMessage()));
        return;
      }
      if (now.isPresent() && attachedTo(now.get(), node.instanceId())) {
        return;
      }
      throw e;
    }
  }

  private static boolean attachedTo(NetworkInterface eni, String instanceId) {
    return (eni.status() == NetworkInterfaceStatus.IN_USE
            || eni.status() == NetworkInterfaceStatus.ATTACHING)
        && eni.instanceId().equals(Optional.of(instanceId));
  }

  private Optional<NetworkInterface> describeQuietly(String eniId) {
    try {
      return cloud.describeNetworkInterface(eniId);
    } catch (CloudException e) {
      log.debug("describing {} failed: {}", escaped(eniId), escaped(e.getMessage()));
      return Optional.empty();
    }
  }

  /** Undoes a create whose attach failed: deletes the ENI now, or leaves it to the ticks. */
  private void rollbackCreated(PodKey key, PodEni record, NetworkInterface eni) {
    write(
        key, PodEniRecords.withoutInstance(PodEniRecords.withPhase(record, PodEniPhase.DELETING)));
    // Whatever happens to this ENI, the pod's next create must not replay its token.
    nextGeneration(key);
    try {
      deleteEni(eni.id(), eni.vSwitchId());
      emit(
          AllocatorEvent.Type.DELETE_ENI_SUCCEED,
          record.metadata().namespace(),
          record.metadata().name(),
          eni.id(),
          "deleted eni " + eni.id());
      remove(key);
    } catch (CloudException e) {
      log.warn(
          "rolling back {} of {} failed, retrying on ticks: {}",
          escaped(eni.id()),
          escaped(key),
          escaped(e.getMessage()));
      attend(key);
    }
  }

  private PodEni rebind(PodKey key, PodEni record, String podUid, NodeInfo node) {
    try (MemberEniCapacity.Reservation reservation = capacity.tryReserve(node, key)) {
      if (reservation == null) {
        throw new AllocationException(
            AllocationException.Reason.NODE_CAPACITY_FULL,
            "node " + node.name() + " has no free member slot for the Fixed ENI of pod " + key,
            null);
      }
      PodEni binding = write(key, PodEniRecords.binding(record, podUid, node));
      // Pending from now on: whatever fails below, the ticks settle what the store holds.
      attend(key);
      String ns = record.metadata().namespace();
      String name = record.metadata().name();
      try {
        for (String eniId : PodEniRecords.eniIds(record)) {
          attach(eniId, node);
        }
      } catch (CloudException e) {
        // Continue from what the store holds (never write the older Unbind copy back).
        write(key, PodEniRecords.unbound(binding, clock.instant()));
        AllocationException failure = asAllocationFailure(key, "attach kept eni", e);
        emit(AllocatorEvent.Type.ATTACH_ENI_FAILED, ns, name, null, failure.getMessage());
        throw failure;
      }
      return binding;
    }
  }

  private void detachQuietly(PodKey key, PodEni record) {
    String instanceId = PodEniRecords.status(record).instanceID();
    String trunk = PodEniRecords.status(record).trunkENIID();
    if (instanceId.isEmpty() || trunk.isEmpty()) {
      return;
    }
    for (String eniId : PodEniRecords.eniIds(record)) {
      try {
        cloud.detachNetworkInterface(NetworkInterfaceAttachment.member(eniId, instanceId, trunk));
      } catch (NotFoundException e) {
        // Gone already: the tick sees it missing.
      } catch (CloudException e) {
        // The tick sees it still InUse and sends the detach again.
        log.debug(
            "detaching {} of {} failed: {}", escaped(eniId), escaped(key), escaped(e.getMessage()));
        emit(
            AllocatorEvent.Type.DETACH_ENI_FAILED,
            record.metadata().namespace(),
            record.metadata().name(),
            eniId,
            e.getMessage());
      }
    }
  }

  /** Deletes an ENI; not found counts as deleted. */
  private void deleteEni(String eniId, String vSwitchId) {
    try {
      cloud.deleteNetworkInterface(eniId);
    } catch (NotFoundException e) {
      return;
    } catch (CloudException e) {
      // A lost reply retried into InvalidEniState: look before giving up.
      Optional<NetworkInterface> now = describeQuietly(eniId);
      if (now.isPresent() && now.get().status() != NetworkInterfaceStatus.DELETING) {
        throw e;
      }
    }
    vSwitches.released(vSwitchId);
  }

  // ------------------------------------------------------------------ ticks

  private NetworkInterfaceQuery ourEnis() {
    NetworkInterfaceQuery.Builder query =
        NetworkInterfaceQuery.builder()
            .tag(AllocatorSettings.CLUSTER_TAG, settings.clusterId())
            .tag(AllocatorSettings.CREATOR_TAG, AllocatorSettings.CREATOR);
    settings.vpcId().ifPresent(query::vpcId);
    return query.build();
  }

  private void settlePending(Instant now) {
    List<PodKey> pods;
    synchronized (attention) {
      if (attention.isEmpty()) {
        return;
      }
      pods = new ArrayList<>(attention);
    }
    Set<String> ids = new LinkedHashSet<>();
    List<PodKey> readable = new ArrayList<>(pods.size());
    Map<PodKey, Optional<PodEni>> described = new HashMap<>();
    for (PodKey pod : pods) {
      try {
        Optional<PodEni> record = store.get(pod.namespace(), pod.name());
        record.ifPresent(r -> ids.addAll(PodEniRecords.eniIds(r)));
        described.put(pod, record);
        readable.add(pod);
      } catch (RuntimeException e) {
        // Its ENIs go undescribed, so it must not be settled (they would look gone): it stays
        // pending and the next tick tries again.
        log.warn(
            "reading the PodENI of {} failed, trying next tick: {}",
            escaped(pod),
            escaped(e.toString()));
      }
    }
    Map<String, NetworkInterface> observed = new HashMap<>();
    try {
      for (List<String> batch :
          Lists.partition(new ArrayList<>(ids), NetworkInterfaceQuery.MAX_IDS)) {
        cloud
            .describeAllNetworkInterfaces(
                NetworkInterfaceQuery.builder().networkInterfaceIds(batch).build())
            .forEach(eni -> observed.put(eni.id(), eni));
      }
    } catch (CloudException e) {
      log.warn(
          "describing {} pending ENIs failed, trying next tick: {}",
          ids.size(),
          escaped(e.getMessage()));
      return;
    }
    settle(readable, described, observed, now);
  }

  /**
   * Moves each pending record towards its phase's goal, given the ENIs as observed.
   *
   * <p>The ENIs were described before each pod's lock was taken. A record that changed since (a
   * deletion or an attach under way on another thread) is left for the next tick: judged against
   * the older observation, a Detaching record whose ENI was still Available before its attach was
   * sent would be kept Unbind while the ENI goes InUse (the concurrency suite found this).
   */
  private void settle(
      List<PodKey> pods,
      Map<PodKey, Optional<PodEni>> described,
      Map<String, NetworkInterface> observed,
      Instant now) {
    for (PodKey key : pods) {
      Lock lock = podLocks.get(key);
      lock.lock();
      try {
        Optional<PodEni> found = read(key);
        if (found.isEmpty()) {
          unattend(key);
          continue;
        }
        if (!found.equals(described.get(key))) {
          continue; // changed since its ENIs were described: settled by the next tick
        }
        if (settleOne(key, found.get(), observed, now)) {
          unattend(key);
        }
      } catch (CloudException e) {
        log.debug(
            "settling {} failed, trying next tick: {}", escaped(key), escaped(e.getMessage()));
      } catch (RuntimeException e) {
        // A store (or listener) failure on one pod must not stop the others, the TTL check or the
        // sweep: the pod stays pending and the next tick tries again.
        log.warn("settling {} failed, trying next tick: {}", escaped(key), escaped(e.toString()));
      } finally {
        lock.unlock();
      }
    }
  }

  /** Marks a pod for the next tick. */
  private void attend(PodKey key) {
    synchronized (attention) {
      attention.add(key);
    }
  }

  private void unattend(PodKey key) {
    synchronized (attention) {
      attention.remove(key);
    }
  }

  /**
   * Writes a pod's record and returns it as stored; the pod then holds a member slot where the
   * stored record names an instance, and nowhere else. A failed write changes nothing.
   */
  private PodEni write(PodKey key, PodEni record) {
    PodEni stored = store.put(record);
    capacity.track(key, PodEniRecords.status(stored).instanceID());
    return stored;
  }

  /** Deletes a pod's record; the pod then holds no member slot. */
  private void remove(PodKey key) {
    store.delete(key.namespace(), key.name());
    capacity.track(key, "");
  }

  /** Returns a pod's record, read from the store, and syncs its member slot with it. */
  private Optional<PodEni> read(PodKey key) {
    Optional<PodEni> found = store.get(key.namespace(), key.name());
    capacity.track(key, found.map(r -> PodEniRecords.status(r).instanceID()).orElse(""));
    return found;
  }

  /** Returns the key of a record read from the store (not validated: it is keyed as stored). */
  private static PodKey keyOf(PodEni record) {
    return new PodKey(record.metadata().namespace(), record.metadata().name());
  }

  /** Returns whether the record reached a resting phase (Bind, Unbind, or removed). */
  private boolean settleOne(
      PodKey key, PodEni record, Map<String, NetworkInterface> observed, Instant now) {
    String ns = record.metadata().namespace();
    String name = record.metadata().name();
    List<String> ids = PodEniRecords.eniIds(record);
    String instanceId = PodEniRecords.status(record).instanceID();
    String trunk = PodEniRecords.status(record).trunkENIID();
    switch (PodEniRecords.phase(record)) {
      case INITIAL:
      case BINDING:
        {
          if (instanceId.isEmpty()) {
            return notAttached(key, record);
          }
          boolean allInUse = true;
          for (String id : ids) {
            NetworkInterface eni = observed.get(id);
            if (eni == null) {
              return vanished(key, record, id);
            }
            if (eni.status() == NetworkInterfaceStatus.IN_USE
                && eni.instanceId().equals(Optional.of(instanceId))) {
              continue;
            }
            allInUse = false;
            if (eni.status() == NetworkInterfaceStatus.AVAILABLE) {
              int reissued = attachReissues.merge(key, 1, Integer::sum);
              if (reissued > MAX_ATTACH_REISSUES) {
                return giveUpAttach(key, record);
              }
              cloud.attachNetworkInterface(
                  NetworkInterfaceAttachment.member(id, instanceId, trunk));
            }
          }
          if (!allInUse) {
            return false;
          }
          attachReissues.remove(key);
          write(key, PodEniRecords.bound(record, observed, now));
          for (String id : ids) {
            emit(
                AllocatorEvent.Type.ATTACH_ENI_SUCCEED,
                ns,
                name,
                id,
                "attached eni " + id + " vid " + observed.get(id).deviceIndex().orElse(0));
          }
          return true;
        }
      case DETACHING:
        {
          for (String id : ids) {
            if (!observed.containsKey(id)) {
              // Kept Unbind it would name an ENI that does not exist, for good (Unbind is at rest).
              return vanished(key, record, id);
            }
          }
          if (!allDetached(record, ids, observed, instanceId, trunk)) {
            return false;
          }
          PodEni unbound = write(key, PodEniRecords.unbound(record, now));
          ids.forEach(
              id ->
                  emit(AllocatorEvent.Type.DETACH_ENI_SUCCEED, ns, name, id, "detached eni " + id));
          Rebind rebind = rebinds.remove(key);
          if (rebind != null) {
            try {
              rebind(key, unbound, rebind.podUid(), rebind.node());
              return false;
            } catch (AllocationException e) {
              log.warn(
                  "re-attaching the Fixed ENI of {} failed: {}",
                  escaped(key),
                  escaped(e.getMessage()));
            }
          }
          return true;
        }
      case DELETING:
        {
          if (!allDetached(record, ids, observed, instanceId, trunk)) {
            return false;
          }
          if (!instanceId.isEmpty()) {
            record = write(key, PodEniRecords.withoutInstance(record));
          }
          for (Allocation allocation : record.spec().allocations()) {
            String id = allocation.eni().id();
            if (observed.containsKey(id)
                && observed.get(id).status() != NetworkInterfaceStatus.DELETING) {
              try {
                deleteEni(id, allocation.eni().vSwitchID());
              } catch (CloudException e) {
                emit(AllocatorEvent.Type.DELETE_ENI_FAILED, ns, name, id, e.getMessage());
                throw e;
              }
              emit(AllocatorEvent.Type.DELETE_ENI_SUCCEED, ns, name, id, "deleted eni " + id);
            }
          }
          remove(key);
          attachReissues.remove(key);
          return true;
        }
      default:
        return true;
    }
  }

  /** Sends detaches where needed; returns whether every ENI is detached (or gone). */
  private boolean allDetached(
      PodEni record,
      List<String> ids,
      Map<String, NetworkInterface> observed,
      String instanceId,
      String trunk) {
    boolean all = true;
    for (String id : ids) {
      NetworkInterface eni = observed.get(id);
      if (eni == null || eni.status() == NetworkInterfaceStatus.AVAILABLE) {
        continue;
      }
      all = false;
      if (eni.status() == NetworkInterfaceStatus.IN_USE) {
        String on = eni.instanceId().orElse(instanceId);
        String via = eni.trunkNetworkInterfaceId().orElse(trunk);
        NetworkInterfaceAttachment attachment =
            via.isEmpty()
                ? NetworkInterfaceAttachment.direct(id, on)
                : NetworkInterfaceAttachment.member(id, on, via);
        try {
          cloud.detachNetworkInterface(attachment);
        } catch (NotFoundException e) {
          // gone: seen as missing next time
        }
      }
    }
    return all;
  }

  private boolean vanished(PodKey key, PodEni record, String eniId) {
    log.warn("ENI {} of {} no longer exists; dropping its PodENI", escaped(eniId), escaped(key));
    remove(key);
    nextGeneration(key);
    attachReissues.remove(key);
    emit(
        AllocatorEvent.Type.ATTACH_ENI_FAILED,
        record.metadata().namespace(),
        record.metadata().name(),
        eniId,
        "eni " + eniId + " no longer exists");
    return true;
  }

  /**
   * Handles an Initial or Binding record without {@code status.instanceID} (a foreign store may
   * write one): it names no node to attach to, so it is treated as not attached. A Fixed record is
   * detached (whatever the cloud says is attached) and kept as Unbind, and the pod's next {@link
   * #podScheduled} attaches it again where the pod is; any other record is released through the
   * normal Deleting path, and the pod's next event allocates afresh.
   */
  private boolean notAttached(PodKey key, PodEni record) {
    attachReissues.remove(key);
    String ns = record.metadata().namespace();
    String name = record.metadata().name();
    boolean fixed = PodEniRecords.fixedIp(record);
    log.warn(
        "PodENI of {} is {} without an instance; treating it as not attached",
        escaped(key),
        PodEniRecords.phase(record));
    write(
        key, PodEniRecords.withPhase(record, fixed ? PodEniPhase.DETACHING : PodEniPhase.DELETING));
    emit(
        AllocatorEvent.Type.ATTACH_ENI_FAILED,
        ns,
        name,
        null,
        "PodENI names no instance to attach to; " + (fixed ? "kept unbound" : "released"));
    return false;
  }

  private boolean giveUpAttach(PodKey key, PodEni record) {
    attachReissues.remove(key);
    nextGeneration(key);
    String ns = record.metadata().namespace();
    String name = record.metadata().name();
    emit(
        AllocatorEvent.Type.ATTACH_ENI_FAILED,
        ns,
        name,
        null,
        "attach did not complete after " + MAX_ATTACH_REISSUES + " tries");
    if (PodEniRecords.fixedIp(record) && PodEniRecords.phase(record) == PodEniPhase.BINDING) {
      write(key, PodEniRecords.unbound(record, clock.instant()));
      return true;
    }
    write(key, PodEniRecords.withPhase(record, PodEniPhase.DELETING));
    return false;
  }

  /**
   * Terway's PodENI GC (§7.5, §9.3): refreshes {@code podLastSeen} of every Fixed record whose pod
   * is live, and releases a TTL record only while its pod is absent: Unbind, no rebind waiting, TTL
   * over since {@code podLastSeen}, and the pod known to be gone (deleted through this instance) or
   * unheard of at this check and at the previous one (see the class Javadoc on liveness).
   */
  private void checkReleases(Instant now) {
    Map<PodEniPhase, Long> counts = new EnumMap<>(PodEniPhase.class);
    for (PodEniPhase phase : PodEniPhase.values()) {
      counts.put(phase, 0L);
    }
    Set<PodKey> unheardOf = new HashSet<>();
    for (PodEni listed : store.list()) {
      counts.merge(PodEniRecords.phase(listed), 1L, Long::sum);
      if (!PodEniRecords.fixedIp(listed)) {
        checkOrphan(keyOf(listed), unheardOf);
        continue;
      }
      PodKey key = keyOf(listed);
      Lock lock = podLocks.get(key);
      lock.lock();
      try {
        Optional<PodEni> found = read(key);
        if (found.isEmpty()) {
          continue;
        }
        PodEni record = found.get();
        PodEniPhase phase = PodEniRecords.phase(record);
        boolean live = liveFixedPods.contains(key);
        if (phase == PodEniPhase.DELETING) {
          continue;
        }
        if (lastSeen(record).isAfter(now)) {
          // Seen in the future: the clock jumped forward and came back. The TTL counts from now,
          // never from the future (which would keep the address until the clock caught up) and
          // never from an older time (which could release it early).
          record = write(key, PodEniRecords.seenExactly(record, now));
        }
        if (live || phase == PodEniPhase.BIND) {
          // Terway refreshes podLastSeen while the pod exists, whatever the phase: a pod waiting
          // for a member slot (Unbind) or being re-attached (Binding) is as live as a bound one.
          PodEni seen = write(key, PodEniRecords.seen(record, now));
          if (!live) {
            boundButUnheardOf(key, seen, unheardOf);
          }
          continue;
        }
        if (phase != PodEniPhase.UNBIND || rebinds.containsKey(key) || !expired(record, now)) {
          continue;
        }
        if (!goneFixedPods.contains(key) && !unheardOfAtLastCheck.contains(key)) {
          // Nothing heard of the pod yet (this instance may have just started): absent only if
          // the next check still has not heard of it.
          unheardOf.add(key);
          continue;
        }
        log.info("Fixed IP of {} released: TTL over since {}", escaped(key), lastSeen(record));
        write(key, PodEniRecords.withPhase(record, PodEniPhase.DELETING));
        goneFixedPods.remove(key);
        attend(key);
      } catch (RuntimeException e) {
        log.warn(
            "TTL check of {} failed, next check retries: {}", escaped(key), escaped(e.toString()));
      } finally {
        lock.unlock();
      }
    }
    unheardOfAtLastCheck = unheardOf;
    metrics.podEnisByPhase(counts);
  }

  /**
   * Terway's PodENI GC for an Elastic record: released once its pod was heard of neither at this
   * check nor at the previous one (a restarted instance missed the pod's deletion, or a deletion it
   * heard could not be written before it stopped). Within contract, every live pod is delivered
   * within one check interval of start (see the class Javadoc).
   */
  private void checkOrphan(PodKey key, Set<PodKey> unheardOf) {
    if (liveElasticPods.contains(key)) {
      return;
    }
    Lock lock = podLocks.get(key);
    lock.lock();
    try {
      Optional<PodEni> found = read(key);
      if (found.isEmpty() || PodEniRecords.fixedIp(found.get()) || liveElasticPods.contains(key)) {
        return;
      }
      PodEni record = found.get();
      PodEniPhase phase = PodEniRecords.phase(record);
      if (phase != PodEniPhase.BIND && phase != PodEniPhase.UNBIND) {
        return;
      }
      if (!unheardOfAtLastCheck.contains(key)) {
        unheardOf.add(key);
        return;
      }
      log.info("PodENI of {} released: its pod was not heard of at two checks", key);
      PodEni deleting = write(key, PodEniRecords.withPhase(record, PodEniPhase.DELETING));
      attend(key);
      if (phase == PodEniPhase.BIND) {
        detachQuietly(key, deleting);
      }
    } catch (RuntimeException e) {
      log.warn("GC check of {} failed, next check retries: {}", key, e.toString());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Handles a bound Fixed record whose pod this instance has not heard of: after two checks it is
   * handled as deleted (detached and kept), as the deletion this instance never heard of would have
   * (a deletion heard by an instance that stopped before writing it).
   */
  private void boundButUnheardOf(PodKey key, PodEni record, Set<PodKey> unheardOf) {
    if (!unheardOfAtLastCheck.contains(key)) {
      unheardOf.add(key);
      return;
    }
    log.info("Fixed PodENI of {} detached: its pod was not heard of at two checks", key);
    goneFixedPods.add(key);
    PodEni detaching = write(key, PodEniRecords.withPhase(record, PodEniPhase.DETACHING));
    attend(key);
    detachQuietly(key, detaching);
  }

  private static Instant lastSeen(PodEni record) {
    return PodEniRecords.status(record).podLastSeen().orElse(Instant.EPOCH);
  }

  /** Terway's keep rule (§7.5): any Fixed allocation that wants to stay keeps the record. */
  private static boolean expired(PodEni record, Instant now) {
    for (Allocation allocation : record.spec().allocations()) {
      AllocationType type = allocation.allocationType();
      if (type.type() != IpAllocationType.FIXED) {
        continue;
      }
      if (type.releaseStrategy().orElse(null) != ReleaseStrategy.TTL) {
        return false;
      }
      Duration ttl;
      try {
        ttl = type.releaseAfterDuration().orElse(null);
      } catch (DurationFormatException e) {
        return false;
      }
      if (ttl == null || ttl.isNegative()) {
        return false;
      }
      if (Instants.plusSaturating(lastSeen(record), ttl).isAfter(now)) {
        return false;
      }
    }
    return true;
  }

  private void sweepLeaks(Instant now) {
    List<NetworkInterface> listing;
    try {
      listing = cloud.describeAllNetworkInterfaces(ourEnis());
    } catch (CloudException e) {
      log.warn("leak sweep: listing failed, next sweep retries: {}", escaped(e.getMessage()));
      return;
    }
    // Read in-flight creates before the records: an ENI moves from the first to the second.
    Set<String> referenced = new HashSet<>(inFlightEnis);
    for (PodEni record : store.list()) {
      referenced.addAll(PodEniRecords.eniIds(record));
    }
    Set<String> candidates = leakCandidates(listing, referenced, now);
    for (NetworkInterface eni : listing) {
      if (!candidates.contains(eni.id()) || !previousLeakCandidates.contains(eni.id())) {
        continue;
      }
      try {
        if (eni.status() == NetworkInterfaceStatus.IN_USE && eni.instanceId().isPresent()) {
          cloud.detachNetworkInterface(
              new NetworkInterfaceAttachment(
                  eni.id(), eni.instanceId().get(), eni.trunkNetworkInterfaceId()));
          emit(AllocatorEvent.Type.LEAKED_ENI_RELEASED, "", "", eni.id(), "detached leaked eni");
        } else if (eni.status() == NetworkInterfaceStatus.AVAILABLE) {
          deleteEni(eni.id(), eni.vSwitchId());
          emit(AllocatorEvent.Type.LEAKED_ENI_RELEASED, "", "", eni.id(), "deleted leaked eni");
        }
      } catch (CloudException e) {
        log.warn("leak sweep: releasing {} failed: {}", escaped(eni.id()), escaped(e.getMessage()));
      }
    }
    previousLeakCandidates = candidates;
  }

  private Set<String> leakCandidates(
      List<NetworkInterface> listing, Set<String> referenced, Instant now) {
    Set<String> candidates = new HashSet<>();
    Map<String, Instant> future = new HashMap<>();
    for (NetworkInterface eni : listing) {
      boolean perPod =
          eni.type() == NetworkInterfaceType.SECONDARY || eni.type() == NetworkInterfaceType.MEMBER;
      if (!perPod || referenced.contains(eni.id())) {
        continue;
      }
      Instant born = eni.creationTime();
      if (born.isAfter(now)) {
        // Created "after now": this clock is behind the cloud's, or went back after a jump. Its
        // age counts from the first sweep that saw it, so the sweep neither waits for the clock
        // to catch up nor skips the guard age.
        born = createdInTheFuture.getOrDefault(eni.id(), now);
        future.put(eni.id(), born);
      }
      if (!Instants.plusSaturating(born, settings.leakGuardAge()).isAfter(now)) {
        candidates.add(eni.id());
      }
    }
    createdInTheFuture = future;
    return candidates;
  }

  // ------------------------------------------------------------------ helpers

  private void emit(
      AllocatorEvent.Type type, String namespace, String name, String eniId, String message) {
    try {
      listener.onEvent(
          new AllocatorEvent(
              type, clock.instant(), namespace, name, Optional.ofNullable(eniId), message));
    } catch (RuntimeException e) {
      log.warn("allocator listener failed on {}: {}", type, escaped(e.toString()));
    }
  }

  @Override
  public String toString() {
    return "TrunkAllocator{cluster=" + settings.clusterId() + ", " + store + "}";
  }

  /** Builds a {@link TrunkAllocator}; not thread-safe. */
  public static final class Builder {
    private final CloudProvider cloud;
    private final PodNetworkingResolver resolver;
    private final AllocatorSettings settings;
    private Clock clock = Clock.systemUTC();
    private Waiter waiter = Waiter.sleeping();
    private PodEniStore store;
    private AllocatorListener listener = AllocatorListener.none();
    private AllocatorMetrics metrics = AllocatorMetrics.none();

    private Builder(
        CloudProvider cloud, PodNetworkingResolver resolver, AllocatorSettings settings) {
      this.cloud = checkNotNull(cloud, "cloud");
      this.resolver = checkNotNull(resolver, "resolver");
      this.settings = checkNotNull(settings, "settings");
    }

    /**
     * Sets the clock every time decision reads.
     *
     * @param clock default the system UTC clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = checkNotNull(clock, "clock");
      return this;
    }

    /**
     * Sets how rate-limit and backoff waits are spent.
     *
     * @param waiter default {@link Waiter#sleeping()}
     * @return this builder
     */
    public Builder waiter(Waiter waiter) {
      this.waiter = checkNotNull(waiter, "waiter");
      return this;
    }

    /**
     * Sets where PodENI records live.
     *
     * @param store default a new {@link InMemoryPodEniStore}
     * @return this builder
     */
    public Builder store(PodEniStore store) {
      this.store = checkNotNull(store, "store");
      return this;
    }

    /**
     * Sets who hears lifecycle events.
     *
     * @param listener default none
     * @return this builder
     */
    public Builder listener(AllocatorListener listener) {
      this.listener = checkNotNull(listener, "listener");
      return this;
    }

    /**
     * Sets where measurements go.
     *
     * @param metrics default none
     * @return this builder
     */
    public Builder metrics(AllocatorMetrics metrics) {
      this.metrics = checkNotNull(metrics, "metrics");
      return this;
    }

    /**
     * Builds the allocator. It makes no cloud call until the first event; call {@link
     * TrunkAllocator#recover()} first when the store already holds records.
     *
     * @return the allocator
     */
    public TrunkAllocator build() {
      if (store == null) {
        store = new InMemoryPodEniStore();
      }
      return new TrunkAllocator(this);
    }
  }
}
