package dev.terway4j.kubernetes;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;
import static dev.terway4j.model.ControlCharacters.escaped;

import dev.terway4j.allocator.AllocationException;
import dev.terway4j.allocator.AllocatorListener;
import dev.terway4j.allocator.AllocatorMetrics;
import dev.terway4j.allocator.AllocatorSettings;
import dev.terway4j.allocator.PodNetworkingReconciler;
import dev.terway4j.allocator.TrunkAllocator;
import dev.terway4j.allocator.Waiter;
import dev.terway4j.allocator.loop.PodKey;
import dev.terway4j.allocator.loop.RateLimiters;
import dev.terway4j.allocator.loop.WorkQueue;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.kubernetes.internal.ModelConversions;
import dev.terway4j.kubernetes.internal.RenewalTrackingLock;
import dev.terway4j.kubernetes.internal.StatusPatches;
import dev.terway4j.kubernetes.internal.TerwayResources;
import dev.terway4j.model.Annotations;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.PodNetworkingStatus;
import dev.terway4j.selector.FixedNamePolicy;
import dev.terway4j.selector.PodNetworkingResolver;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane in a cluster: watches Pods, Nodes, Namespaces, PodNetworkings and PodENIs
 * through a {@link ClusterView}, and, while it holds the leader {@code Lease}, drives a {@link
 * TrunkAllocator} that keeps its records as PodENI resources ({@link KubernetesPodEniStore}) and
 * writes each PodNetworking's status through its status subresource.
 *
 * <p><b>What it watches and writes.</b> It reads pods (scheduled node, phase, UID, labels,
 * annotations, owners), nodes (zone and instance-type labels, {@code spec.providerID}, annotation
 * {@code k8s.aliyun.com/trunk-on}), namespaces (labels), PodNetworkings and PodENIs. It writes
 * PodENIs (create, update, status, delete, finalizer), PodNetworking status, the {@code Lease}
 * {@code <leaseNamespace>/<leaseName>} ({@code coordination.k8s.io}), core/v1 Events on pods (as
 * Terway's {@code CreateENISucceed}, {@code AttachENIFailed}, ...; see {@link PodEventRecorder} and
 * {@link Builder#podEvents}) and, if asked to, the two CRDs.
 *
 * <p><b>Leadership.</b> Every instance runs the informers; only the one holding the lease
 * (fabric8's {@code LeaderElector}) allocates. On winning the lease an instance builds a new
 * allocator, {@linkplain TrunkAllocator#recover() recovers} it from the PodENI resources and one
 * cloud listing, then reconciles every pod it sees (pods gone meanwhile are handled as deleted):
 * what the previous leader left in flight is finished, and a create whose reply was lost is
 * answered by the cloud from its ClientToken rather than made twice. On losing the lease it stops
 * allocating at once (the store's fence refuses further writes) and campaigns again. A process that
 * dies simply stops renewing; a standby takes over once the lease expires.
 *
 * <p><b>Work.</b> Pods are reconciled by a pool of {@link Builder#workers} threads (10 by default,
 * as Terway runs 10 pod reconcilers) fed by a {@link WorkQueue} of {@link PodKey}s with client-go's
 * semantics: a pod queued twice is there once, no pod is reconciled by two workers at once (an
 * event arriving meanwhile reconciles it again afterwards), and a pod that could not be served yet
 * (node not ready, no free address, a conflict) is retried after its own exponential backoff
 * ({@link Builder#retryDelay}). Pod, node and namespace events feed the queue: a namespace whose
 * labels change has its pods queued at once, since the labels decide which PodNetworking selects
 * them. A tick every {@link Builder#tickInterval}, recovery on winning the lease and the full
 * resync every {@link Builder#resyncInterval} run on a control thread of their own. A PodENI
 * deleted by someone else (its deletion timestamp set while Terway's finalizer holds it) has its
 * ENIs released, as Terway's finalizer does. A new leadership term waits until the workers have
 * finished the pods they held in the previous one, and each term's PodENI writes are fenced to that
 * term.
 *
 * <p><b>Thread safety:</b> thread-safe. {@link #start} and {@link #close} may be called from any
 * thread, once each; the views ({@link #isLeader}, {@link #allocator}, {@link #failedAttempts},
 * {@link #queueStats}) at any time. The {@link Builder#listener} is called from the worker threads
 * concurrently, so it must be thread-safe.
 */
public final class TerwayController implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TerwayController.class);

  /** The pod workers unless {@link Builder#workers} says otherwise: Terway's 10 pod reconcilers. */
  public static final int DEFAULT_WORKERS = 10;

  /** The most pod workers a controller may have. */
  public static final int MAX_WORKERS = 256;

  private final KubernetesClient client;
  private final CloudProvider cloud;
  private final AllocatorSettings settings;
  private final PodNetworkingResolver resolver;
  private final String identity;
  private final String leaseNamespace;
  private final String leaseName;
  private final Duration leaseDuration;
  private final Duration renewDeadline;
  private final Duration retryPeriod;
  private final Duration tickInterval;
  private final Duration resyncInterval;
  private final Duration retryDelay;
  private final Duration maxRetryDelay;
  private final Duration syncTimeout;
  private final int workers;
  private final boolean installCrds;
  private final Clock clock;
  private final Waiter waiter;
  private final AllocatorListener listener;
  private final AllocatorMetrics metrics;
  private final boolean podEvents;
  private volatile PodEventRecorder recorder; // set by start() when podEvents

  private final ScheduledExecutorService worker; // the control thread: ticks, terms, resyncs
  private final ScheduledExecutorService electorExecutor;
  private final WorkQueue<PodKey> queue;
  private final List<Thread> podWorkers = new ArrayList<>();
  // Pod workers hold it shared while they reconcile; a new term takes it exclusively, so that no
  // pod of the previous term is still in hand while the new allocator recovers.
  private final ReentrantReadWriteLock termLock = new ReentrantReadWriteLock();
  private final AtomicInteger term = new AtomicInteger();
  private volatile boolean leading;
  private volatile long leaseValidUntilNanos = System.nanoTime();
  private volatile boolean started;
  private volatile boolean closed;
  private volatile ClusterView view;
  private volatile CompletableFuture<?> election = CompletableFuture.completedFuture(null);
  private volatile TrunkAllocator allocator; // written by the control thread only

  // Confined to the control thread.
  private volatile PodNetworkingReconciler reconciler;
  private final AtomicLong ticks = new AtomicLong();
  private Instant nextResync = Instant.MIN;

  private TerwayController(Builder b) {
    this.client = b.client;
    this.cloud = b.cloud;
    this.settings = b.settings;
    this.resolver = b.resolver != null ? b.resolver : PodNetworkingResolver.create(b.fixedNames);
    this.identity = b.identity;
    this.leaseNamespace = b.leaseNamespace;
    this.leaseName = b.leaseName;
    this.leaseDuration = b.leaseDuration;
    this.renewDeadline = b.renewDeadline;
    this.retryPeriod = b.retryPeriod;
    this.tickInterval = b.tickInterval;
    this.resyncInterval = b.resyncInterval;
    this.retryDelay = b.retryDelay;
    this.maxRetryDelay = b.maxRetryDelay;
    this.syncTimeout = b.syncTimeout;
    this.workers = b.workers;
    this.installCrds = b.installCrds;
    this.clock = b.clock;
    this.waiter = b.waiter;
    this.listener = b.listener;
    this.metrics = b.metrics;
    this.podEvents = b.podEvents;
    this.worker =
        Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "terway-controller-" + identity + "-control"));
    // Per-pod backoff only: the allocator already holds Terway's client-side cloud rate limits,
    // so an overall retry bucket (client-go's default adds one) would only slow a burst down.
    this.queue =
        WorkQueue.<PodKey>builder()
            .rateLimiter(RateLimiters.exponential(retryDelay, maxRetryDelay))
            .name("pods-" + (identity.length() > 90 ? identity.substring(0, 90) : identity))
            .build();
    this.electorExecutor =
        Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "terway-controller-" + identity + "-elector"));
  }

  private static Thread daemon(Runnable runnable, String name) {
    Thread thread = new Thread(runnable, name);
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Returns a builder.
   *
   * @param client the client; the controller does not close it
   * @param cloud the cloud; the allocator adds its rate limits and retries around it
   * @param settings the allocator's settings (cluster id, VPC, ...)
   * @return the builder
   */
  public static Builder builder(
      KubernetesClient client, CloudProvider cloud, AllocatorSettings settings) {
    return new Builder(client, cloud, settings);
  }

  /**
   * Starts: installs the CRDs (unless told not to), starts the informers and waits for their first
   * lists, starts the control thread and the pod workers and campaigns for the lease. Returns
   * without waiting for leadership.
   *
   * @throws IllegalStateException if already started, or if the informers do not start
   * @throws KubernetesClientException if installing the CRDs fails
   */
  public synchronized void start() {
    checkState(!started, "controller %s already started", identity);
    checkState(!closed, "controller %s is closed", identity);
    started = true;
    if (installCrds) {
      KubernetesCrds.install(client);
    }
    if (podEvents) {
      recorder = PodEventRecorder.builder(client).host(identity).podUid(this::podUid).build();
    }
    view = ClusterView.start(client, resolver, new Events(), resyncInterval, syncTimeout);
    for (int i = 0; i < workers; i++) {
      Thread thread =
          daemon(this::workPods, "terway-controller-" + identity + "-worker-" + (i + 1));
      podWorkers.add(thread);
      thread.start();
    }
    worker.scheduleWithFixedDelay(
        () -> safely("tick", this::tick),
        tickInterval.toMillis(),
        tickInterval.toMillis(),
        TimeUnit.MILLISECONDS);
    campaign();
    electorExecutor.scheduleWithFixedDelay(
        () -> safely("lease watch", this::watchLease),
        retryPeriod.toMillis(),
        retryPeriod.toMillis(),
        TimeUnit.MILLISECONDS);
    log.info(
        "controller {} started; campaigning for lease {}/{}",
        escaped(identity),
        escaped(leaseNamespace),
        escaped(leaseName));
  }

  /**
   * Returns how many allocator ticks this instance has completed while leading (settling attaches,
   * detaches and deletes, TTL releases, leak sweeps, PodNetworking status). Monotonic; a tick reads
   * the clock when it starts, so two more completed ticks guarantee one that started after the
   * moment you read this count. For tests and monitoring.
   *
   * @return the completed ticks
   */
  public long completedTicks() {
    return ticks.get();
  }

  /**
   * Returns how many times in a row reconciling a pod has failed (the work queue's {@link
   * WorkQueue#numRequeues}); it is being retried with a growing delay while this is above zero (for
   * example while its node has no trunk ENI yet).
   *
   * @param namespace the pod's namespace
   * @param name the pod's name
   * @return the consecutive failures, zero when the last attempt succeeded or none was made
   * @throws IllegalArgumentException if the namespace or name is not a valid pod's (see {@link
   *     PodKey#of})
   */
  public int failedAttempts(String namespace, String name) {
    return queue.numRequeues(PodKey.of(namespace, name));
  }

  /**
   * Returns a snapshot of the pod work queue's state and counters (depth, pods waiting for a
   * backoff, pods in the workers' hands, adds, ...), for metrics and tests.
   *
   * @return the stats
   */
  public WorkQueue.Stats queueStats() {
    return queue.stats();
  }

  /**
   * Returns the size of the pod worker pool.
   *
   * @return the workers, as {@link Builder#workers} set them
   */
  public int workers() {
    return workers;
  }

  /**
   * Returns whether this instance holds the lease now: it acquired it, and renewed it less than the
   * renew deadline ago (so no other instance can have it yet).
   *
   * @return {@code true} while leading
   */
  public boolean isLeader() {
    return leading && System.nanoTime() - leaseValidUntilNanos < 0;
  }

  /**
   * Returns this instance's identity in the lease.
   *
   * @return the identity
   */
  public String identity() {
    return identity;
  }

  /**
   * Returns the allocator of the current leadership term, for observation (records, cloud call
   * statistics); empty while standing by.
   *
   * @return the allocator, if leading and recovered
   */
  public Optional<TrunkAllocator> allocator() {
    return Optional.ofNullable(allocator);
  }

  /**
   * Returns the view of the cluster.
   *
   * @return the view
   * @throws IllegalStateException if not started
   */
  public ClusterView view() {
    checkState(view != null, "controller %s is not started", identity);
    return view;
  }

  /**
   * Returns the resolver the view keeps in step with the cluster's PodNetworkings.
   *
   * @return the resolver
   */
  public PodNetworkingResolver resolver() {
    return resolver;
  }

  /**
   * Stops: gives up the lease if held (so a standby takes over at once), stops the work queue, the
   * pod workers, the control thread, the elector and the informers. Work under way on the workers
   * is interrupted. Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    leading = false;
    election.cancel(true);
    queue.shutDown();
    podWorkers.forEach(Thread::interrupt);
    worker.shutdownNow();
    electorExecutor.shutdownNow();
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      for (Thread thread : podWorkers) {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
      }
      worker.awaitTermination(10, TimeUnit.SECONDS);
      electorExecutor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    allocator = null;
    PodEventRecorder events = recorder;
    if (events != null) {
      events.close();
    }
    if (view != null) {
      view.close();
    }
    log.info("controller {} closed", escaped(identity));
  }

  @Override
  public String toString() {
    return "TerwayController{" + identity + (leading ? ", leading" : ", standing by") + "}";
  }

  // ------------------------------------------------------------------ leadership

  private void campaign() {
    if (closed) {
      return;
    }
    var config =
        new LeaderElectionConfigBuilder()
            .withName("terway4j")
            .withLock(
                new RenewalTrackingLock(
                    new LeaseLock(leaseNamespace, leaseName, identity), this::renewed))
            .withLeaseDuration(leaseDuration)
            .withRenewDeadline(renewDeadline)
            .withRetryPeriod(retryPeriod)
            .withReleaseOnCancel(true)
            .withLeaderCallbacks(
                new LeaderCallbacks(this::startedLeading, this::stoppedLeading, this::newLeader))
            .build();
    CompletableFuture<?> run;
    try {
      run = client.leaderElector().withConfig(config).build().start();
    } catch (RuntimeException e) {
      log.warn(
          "controller {}: leader election did not start, again soon: {}",
          escaped(identity),
          escaped(e.toString()));
      scheduleCampaign();
      return;
    }
    election = run;
    // The elector is single-use: when it ends (lease lost, or its loop failed) this instance no
    // longer leads, whether or not the elector said so, and campaigns again with a new one.
    run.whenComplete(
        (ignored, failure) -> {
          if (failure != null && !(failure instanceof java.util.concurrent.CancellationException)) {
            log.warn(
                "controller {}: leader election ended: {}",
                escaped(identity),
                escaped(failure.toString()));
          }
          if (leading) {
            stoppedLeading();
          }
          scheduleCampaign();
        });
  }

  private void scheduleCampaign() {
    if (closed) {
      return;
    }
    try {
      electorExecutor.schedule(this::campaign, retryPeriod.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing
    }
  }

  private void renewed(long sentAtNanos) {
    leaseValidUntilNanos = sentAtNanos + renewDeadline.toNanos();
  }

  /**
   * Stops leading when the lease was not renewed within the renew deadline, whatever the elector
   * says: another instance may take the lease once its duration has passed, which is later.
   */
  private void watchLease() {
    if (leading && System.nanoTime() - leaseValidUntilNanos >= 0) {
      log.warn(
          "controller {}: lease not renewed for {}; no longer leading",
          escaped(identity),
          renewDeadline);
      stoppedLeading();
      election.cancel(true); // campaigns again with a new elector
    }
  }

  private void startedLeading() {
    log.info("controller {} leads", escaped(identity));
    int myTerm = term.incrementAndGet();
    leading = true;
    submit(() -> becomeLeader(myTerm));
  }

  private void stoppedLeading() {
    boolean was = leading;
    leading = false;
    term.incrementAndGet();
    if (was) {
      log.info("controller {} stopped leading", escaped(identity));
    }
    submit(this::stepDown);
  }

  private void newLeader(String id) {
    log.debug("controller {}: the leader is now {}", escaped(identity), escaped(id));
  }

  /**
   * On the control thread: a new allocator, recovered from the store and the cloud, then every pod.
   * It waits until the pod workers hold no pod of an earlier term (they are then fenced off by that
   * term's end anyway), so that recovery reads settled records.
   */
  private void becomeLeader(int myTerm) {
    if (!leading || term.get() != myTerm || closed) {
      return;
    }
    termLock.writeLock().lock();
    try {
      becomeLeaderExclusively(myTerm);
    } finally {
      termLock.writeLock().unlock();
    }
  }

  private void becomeLeaderExclusively(int myTerm) {
    if (!leading || term.get() != myTerm || closed) {
      return;
    }
    // The fence names the term: a pod worker still holding this term's allocator after a later
    // term began cannot write through it.
    KubernetesPodEniStore store =
        KubernetesPodEniStore.builder(client)
            .fence(() -> isLeader() && term.get() == myTerm && !closed)
            .build();
    TrunkAllocator fresh =
        TrunkAllocator.builder(cloud, resolver, settings)
            .clock(clock)
            .waiter(waiter)
            .store(store)
            .listener(allocatorListener())
            .metrics(metrics)
            .build();
    try {
      fresh.recover();
    } catch (RuntimeException e) {
      log.warn(
          "controller {}: recovery failed, trying again: {}",
          escaped(identity),
          escaped(e.toString()));
      schedule(() -> becomeLeader(myTerm), retryDelay);
      return;
    }
    allocator = fresh;
    reconciler = new PodNetworkingReconciler(fresh.vSwitchPool());
    int orphans = 0;
    try {
      for (PodEni record : store.list()) {
        String ns = record.metadata().namespace();
        String name = record.metadata().name();
        if (view.pod(ns, name).isEmpty()) {
          orphans++;
        }
        enqueue(ns, name);
      }
    } catch (RuntimeException e) {
      log.warn(
          "controller {}: listing PodENIs failed: {}", escaped(identity), escaped(e.toString()));
    }
    view.pods().forEach(p -> enqueue(p.metadata().namespace(), p.metadata().name()));
    nextResync = clock.instant().plus(resyncInterval);
    log.info(
        "controller {} recovered; {} pods to reconcile, {} PodENIs of absent pods",
        escaped(identity),
        queue.len(),
        orphans);
    syncPodNetworkings();
  }

  /** The user's listener, and the pod Event recorder unless turned off. */
  private AllocatorListener allocatorListener() {
    PodEventRecorder events = recorder;
    if (events == null) {
      return listener;
    }
    AllocatorListener user = listener;
    return event -> {
      try {
        user.onEvent(event);
      } finally {
        events.onEvent(event); // never throws
      }
    };
  }

  /** The pod's UID as the informers last saw it, for its Events. */
  private Optional<String> podUid(String namespace, String name) {
    ClusterView current = view;
    return current == null
        ? Optional.empty()
        : current.pod(namespace, name).map(p -> p.metadata().uid());
  }

  private void stepDown() {
    if (!leading) {
      allocator = null;
      reconciler = null;
    }
  }

  // ------------------------------------------------------------------ work

  private void submit(Runnable task) {
    try {
      worker.execute(() -> safely("task", task));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing
    }
  }

  private void schedule(Runnable task, Duration delay) {
    try {
      worker.schedule(() -> safely("task", task), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // closing
    }
  }

  private void safely(String what, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      log.warn(
          "controller {}: {} failed: {}", escaped(identity), escaped(what), escaped(e.toString()));
      log.debug("controller {}: {} failed", escaped(identity), escaped(what), escaped(e));
    }
  }

  private void enqueue(String namespace, String name) {
    PodKey key;
    try {
      key = PodKey.of(namespace, name);
    } catch (IllegalArgumentException e) {
      // The API server validates names; a cache holding another is not worth a worker's time.
      log.warn("pod {}/{} ignored: {}", escaped(namespace), escaped(name), escaped(e.getMessage()));
      return;
    }
    if (!queue.add(key) && !queue.shuttingDown()) {
      log.warn(
          "pod {}: the work queue tracks its most pods ({}); it waits for the next resync",
          escaped(key.toString()),
          WorkQueue.DEFAULT_MAX_KEYS);
    }
  }

  /** A pod worker: takes pods from the queue until it is shut down. */
  private void workPods() {
    while (true) {
      Optional<PodKey> next;
      try {
        next = queue.get();
      } catch (InterruptedException e) {
        return; // closing
      }
      if (next.isEmpty()) {
        return; // shut down
      }
      PodKey key = next.get();
      termLock.readLock().lock();
      try {
        reconcile(key);
      } catch (VirtualMachineError e) {
        throw e;
      } catch (RuntimeException | Error e) {
        // A worker outlives a failed pod, as an executor's thread would: the pool keeps its size.
        log.warn("pod {}: reconciling failed: {}", escaped(key.toString()), escaped(e.toString()));
      } finally {
        termLock.readLock().unlock();
        queue.done(key);
      }
      if (Thread.currentThread().isInterrupted() && closed) {
        return;
      }
    }
  }

  private void tick() {
    TrunkAllocator current = allocator;
    if (current == null || !isLeader()) {
      return;
    }
    current.tick();
    syncPodNetworkings();
    if (!clock.instant().isBefore(nextResync)) {
      nextResync = clock.instant().plus(resyncInterval);
      view.pods().forEach(p -> enqueue(p.metadata().namespace(), p.metadata().name()));
    }
    ticks.incrementAndGet();
  }

  /** On a pod worker: brings one pod's PodENI in line with the pod. */
  private void reconcile(PodKey podKey) {
    TrunkAllocator current = allocator;
    if (current == null || !isLeader()) {
      return; // the next leader reconciles every pod
    }
    String namespace = podKey.namespace();
    String name = podKey.name();
    String key = podKey.toString();
    try {
      Optional<Pod> pod = view.pod(namespace, name);
      // A terminating pod keeps its ENI until it is gone (or has terminated): it still runs.
      if (pod.isEmpty()) {
        current.podDeleted(namespace, name);
      } else if (!pod.get().spec().nodeName().isEmpty()) {
        Optional<Namespace> ns = view.namespace(namespace);
        Optional<Node> node = view.node(pod.get().spec().nodeName());
        if (ns.isEmpty() || node.isEmpty()) {
          retry(podKey, "its namespace or node is not known yet");
          return;
        }
        current.podScheduled(pod.get(), ns.get(), node.get());
      }
      releaseIfDeletedByOthers(current, namespace, name);
      queue.forget(podKey);
    } catch (AllocationException e) {
      if (e.reason() == AllocationException.Reason.ZONE_MISMATCH) {
        log.warn("pod {}: {}", escaped(key), escaped(e.getMessage()));
        queue.forget(podKey);
      } else {
        retry(podKey, e.getMessage());
      }
    } catch (PodEniStoreException e) {
      if (e.reason() == PodEniStoreException.Reason.NOT_LEADER) {
        return;
      }
      retry(podKey, e.getMessage());
    } catch (RuntimeException e) {
      log.warn("pod {}: reconciling failed, trying again: {}", escaped(key), escaped(e.toString()));
      log.debug("pod {}: reconciling failed", escaped(key), escaped(e));
      retry(podKey, e.toString());
    }
  }

  private void releaseIfDeletedByOthers(TrunkAllocator current, String namespace, String name) {
    Optional<PodEni> cached = view.podEni(namespace, name);
    if (cached.isEmpty() || cached.get().metadata().deletionTimestamp().isEmpty()) {
      return;
    }
    boolean ours =
        cached.get().metadata().finalizers().contains(Annotations.POD_ENI_FINALIZER)
            || cached
                .get()
                .metadata()
                .finalizers()
                .contains(Annotations.POD_ENI_FINALIZER_DEPRECATED);
    PodEniPhase phase = cached.get().status().map(s -> s.phase()).orElse(PodEniPhase.INITIAL);
    if (ours && phase != PodEniPhase.DELETING) {
      log.info(
          "PodENI {}/{} is being deleted; releasing its ENIs", escaped(namespace), escaped(name));
      current.release(namespace, name);
    }
  }

  private void retry(PodKey key, String why) {
    Duration delay = queue.addRateLimited(key);
    log.debug("pod {}: again in {} ({})", escaped(key.toString()), escaped(delay), escaped(why));
  }

  /** On the control thread: writes the status of each PodNetworking that needs one. */
  private void syncPodNetworkings() {
    PodNetworkingReconciler current = reconciler;
    if (current == null || !isLeader()) {
      return;
    }
    Instant now = clock.instant();
    for (PodNetworking podNetworking : view.podNetworkings()) {
      if (!current.needsSync(podNetworking, now)) {
        continue;
      }
      PodNetworkingStatus status = current.computeStatus(podNetworking, now);
      writeStatus(podNetworking, status);
    }
  }

  private void writeStatus(PodNetworking podNetworking, PodNetworkingStatus status) {
    String name = podNetworking.metadata().name();
    PodNetworking updated =
        dev.terway4j.model.ImmutablePodNetworking.copyOf(podNetworking).withStatus(status);
    try {
      client
          .genericKubernetesResources(TerwayResources.POD_NETWORKINGS)
          .withName(name)
          .subresource("status")
          .patch(
              PatchContext.of(PatchType.JSON),
              StatusPatches.replaceStatus(
                  podNetworking.metadata().resourceVersion(),
                  ModelConversions.tree(updated).get("status"),
                  podNetworking.status().isPresent()));
      log.info(
          "PodNetworking {}: {} {}",
          escaped(name),
          escaped(status.status().orElse(null)),
          escaped(status.message()));
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT
          || e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        log.debug("PodNetworking {} changed meanwhile; next tick sees it", escaped(name));
      } else {
        log.warn(
            "PodNetworking {}: writing the status failed: {}",
            escaped(name),
            escaped(e.getMessage()));
      }
    }
  }

  /** Informer events, handed to the pod workers (through the queue) or the control thread. */
  private final class Events implements ClusterView.Listener {
    @Override
    public void podChanged(String namespace, String name) {
      if (leading) {
        enqueue(namespace, name);
      }
    }

    @Override
    public void nodeChanged(String name) {
      if (leading && view != null) {
        view.podsOn(name).forEach(p -> enqueue(p.metadata().namespace(), p.metadata().name()));
      }
    }

    @Override
    public void namespaceChanged(String name) {
      if (leading && view != null) {
        // Its labels decide which PodNetworking selects its pods: reconcile them now rather than
        // at the next resync. Reading a large namespace's pods is left to the control thread, off
        // the informer's.
        submit(
            () ->
                view.podsIn(name)
                    .forEach(p -> enqueue(p.metadata().namespace(), p.metadata().name())));
      }
    }

    @Override
    public void podNetworkingChanged(String name) {
      if (leading) {
        submit(TerwayController.this::syncPodNetworkings);
      }
    }

    @Override
    public void podEniChanged(String namespace, String name) {
      if (leading && view != null) {
        Optional<PodEni> cached = view.podEni(namespace, name);
        if (cached.isPresent() && cached.get().metadata().deletionTimestamp().isPresent()) {
          enqueue(namespace, name);
        }
      }
    }
  }

  /** Builds a {@link TerwayController}; not thread-safe. */
  public static final class Builder {
    private final KubernetesClient client;
    private final CloudProvider cloud;
    private final AllocatorSettings settings;
    private PodNetworkingResolver resolver;
    private FixedNamePolicy fixedNames = FixedNamePolicy.defaults();
    private String identity = defaultIdentity();
    private String leaseNamespace = "kube-system";
    private String leaseName = "terway4j-controller";
    private Duration leaseDuration = Duration.ofSeconds(15);
    private Duration renewDeadline = Duration.ofSeconds(10);
    private Duration retryPeriod = Duration.ofSeconds(2);
    private Duration tickInterval = Duration.ofSeconds(1);
    private Duration resyncInterval = Duration.ofMinutes(10);
    private Duration retryDelay = Duration.ofSeconds(1);
    private Duration maxRetryDelay = Duration.ofMinutes(1);
    private Duration syncTimeout = Duration.ofMinutes(1);
    private int workers = DEFAULT_WORKERS;
    private boolean installCrds = true;
    private Clock clock = Clock.systemUTC();
    private Waiter waiter = Waiter.sleeping();
    private AllocatorListener listener = AllocatorListener.none();
    private AllocatorMetrics metrics = AllocatorMetrics.none();
    private boolean podEvents = true;

    private Builder(KubernetesClient client, CloudProvider cloud, AllocatorSettings settings) {
      this.client = checkNotNull(client, "client");
      this.cloud = checkNotNull(cloud, "cloud");
      this.settings = checkNotNull(settings, "settings");
    }

    private static String defaultIdentity() {
      String host = System.getenv("HOSTNAME");
      String suffix = UUID.randomUUID().toString().substring(0, 8);
      return (host == null || host.isEmpty() ? "terway4j" : host) + "-" + suffix;
    }

    /**
     * Sets this instance's identity in the lease; it must differ between instances.
     *
     * @param identity default {@code $HOSTNAME} (or {@code terway4j}) and a random suffix
     * @return this builder
     */
    public Builder identity(String identity) {
      checkArgument(!identity.isEmpty(), "identity is empty");
      this.identity = identity;
      return this;
    }

    /**
     * Sets the lease the instances compete for.
     *
     * @param namespace default {@code kube-system}
     * @param name default {@code terway4j-controller}
     * @return this builder
     */
    public Builder lease(String namespace, String name) {
      checkArgument(!namespace.isEmpty(), "lease namespace is empty");
      checkArgument(!name.isEmpty(), "lease name is empty");
      this.leaseNamespace = namespace;
      this.leaseName = name;
      return this;
    }

    /**
     * Sets the leader-election timings, as client-go's: a leader that has not renewed for {@code
     * leaseDuration} may be replaced; it gives up itself when it could not renew for {@code
     * renewDeadline}; attempts are {@code retryPeriod} apart.
     *
     * @param leaseDuration default 15 s; more than {@code renewDeadline}
     * @param renewDeadline default 10 s; more than 2.2 times {@code retryPeriod}
     * @param retryPeriod default 2 s
     * @return this builder
     */
    public Builder leaderElection(
        Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
      checkArgument(
          leaseDuration.compareTo(renewDeadline) > 0,
          "leaseDuration %s must be more than renewDeadline %s",
          leaseDuration,
          renewDeadline);
      checkArgument(
          renewDeadline.toMillis() > retryPeriod.toMillis() * 22 / 10,
          "renewDeadline %s must be more than 2.2 times retryPeriod %s",
          renewDeadline,
          retryPeriod);
      checkArgument(!retryPeriod.isNegative() && !retryPeriod.isZero(), "retryPeriod must be > 0");
      this.leaseDuration = leaseDuration;
      this.renewDeadline = renewDeadline;
      this.retryPeriod = retryPeriod;
      return this;
    }

    /**
     * Sets how often the allocator ticks (settles attaches, detaches, deletes; TTLs; leak sweeps)
     * and PodNetworking statuses are checked.
     *
     * @param tickInterval default 1 s
     * @return this builder
     */
    public Builder tickInterval(Duration tickInterval) {
      checkArgument(tickInterval.toMillis() > 0, "tickInterval must be > 0: %s", tickInterval);
      this.tickInterval = tickInterval;
      return this;
    }

    /**
     * Sets how often every pod is reconciled again, whatever the events.
     *
     * @param resyncInterval default 10 min
     * @return this builder
     */
    public Builder resyncInterval(Duration resyncInterval) {
      checkArgument(resyncInterval.toMillis() > 0, "resyncInterval must be > 0");
      this.resyncInterval = resyncInterval;
      return this;
    }

    /**
     * Sets the delay before a pod that could not be served is tried again; it doubles with each
     * failure up to the maximum.
     *
     * @param first default 1 s
     * @param max default 1 min
     * @return this builder
     */
    public Builder retryDelay(Duration first, Duration max) {
      checkArgument(first.toMillis() > 0, "first retry delay must be > 0");
      checkArgument(max.compareTo(first) >= 0, "max retry delay %s below the first %s", max, first);
      this.retryDelay = first;
      this.maxRetryDelay = max;
      return this;
    }

    /**
     * Sets how many pods are reconciled at once: the size of the pool of worker threads fed by the
     * pod work queue. One pod is never reconciled by two workers at once; different pods are, up to
     * this many, so a slow cloud call holds up one worker only.
     *
     * @param workers default {@value TerwayController#DEFAULT_WORKERS} (Terway's pod reconcilers);
     *     from 1 to {@value TerwayController#MAX_WORKERS}
     * @return this builder
     * @throws IllegalArgumentException if {@code workers} is out of range
     */
    public Builder workers(int workers) {
      checkArgument(
          workers >= 1 && workers <= MAX_WORKERS,
          "workers must be from 1 to %s: %s",
          MAX_WORKERS,
          workers);
      this.workers = workers;
      return this;
    }

    /**
     * Sets how long {@link #start} waits for the informers' first lists.
     *
     * @param syncTimeout default 1 min
     * @return this builder
     */
    public Builder syncTimeout(Duration syncTimeout) {
      checkArgument(syncTimeout.toMillis() > 0, "syncTimeout must be > 0");
      this.syncTimeout = syncTimeout;
      return this;
    }

    /**
     * Sets whether {@link #start} installs the CRDs ({@link KubernetesCrds#install}).
     *
     * @param installCrds default true
     * @return this builder
     */
    public Builder installCrds(boolean installCrds) {
      this.installCrds = installCrds;
      return this;
    }

    /**
     * Sets the resolver to keep in step with the cluster (to share it with a webhook).
     *
     * @param resolver default a new one with {@link #fixedNamePolicy}
     * @return this builder
     */
    public Builder resolver(PodNetworkingResolver resolver) {
      this.resolver = checkNotNull(resolver, "resolver");
      return this;
    }

    /**
     * Sets which pods are fixed-name, for a resolver the controller creates.
     *
     * @param fixedNames default {@link FixedNamePolicy#defaults()}
     * @return this builder
     */
    public Builder fixedNamePolicy(FixedNamePolicy fixedNames) {
      this.fixedNames = checkNotNull(fixedNames, "fixedNames");
      return this;
    }

    /**
     * Sets the allocator's clock (TTLs, leak guard age, PodNetworking {@code updateAt}).
     *
     * @param clock default the system UTC clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = checkNotNull(clock, "clock");
      return this;
    }

    /**
     * Sets how the allocator spends rate-limit and backoff waits.
     *
     * @param waiter default {@link Waiter#sleeping()}
     * @return this builder
     */
    public Builder waiter(Waiter waiter) {
      this.waiter = checkNotNull(waiter, "waiter");
      return this;
    }

    /**
     * Sets who hears the allocator's lifecycle events.
     *
     * @param listener default none; called on the pod workers and the control thread, concurrently,
     *     so it must be thread-safe
     * @return this builder
     */
    public Builder listener(AllocatorListener listener) {
      this.listener = checkNotNull(listener, "listener");
      return this;
    }

    /**
     * Sets whether the allocator's lifecycle events are written as Kubernetes Events on the pods
     * concerned ({@link PodEventRecorder}, source {@value PodEventRecorder#DEFAULT_COMPONENT}, this
     * instance's identity as host), in addition to {@link #listener}. They are sent from a bounded
     * queue on a thread of their own, best-effort: the workers never wait for the API server.
     *
     * @param podEvents default true
     * @return this builder
     */
    public Builder podEvents(boolean podEvents) {
      this.podEvents = podEvents;
      return this;
    }

    /**
     * Sets where the allocator's measurements go.
     *
     * @param metrics default none
     * @return this builder
     */
    public Builder metrics(AllocatorMetrics metrics) {
      this.metrics = checkNotNull(metrics, "metrics");
      return this;
    }

    /**
     * Builds the controller; {@link TerwayController#start} starts it.
     *
     * @return the controller
     */
    public TerwayController build() {
      return new TerwayController(this);
    }
  }
}
