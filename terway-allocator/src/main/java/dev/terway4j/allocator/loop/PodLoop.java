package dev.terway4j.allocator.loop;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;
import static dev.terway4j.model.ControlCharacters.escaped;

import dev.terway4j.allocator.AllocationException;
import dev.terway4j.allocator.TrunkAllocator;
import dev.terway4j.allocator.internal.Instants;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An operator loop for embedders: a {@link WorkQueue} of pods feeding a pool of workers (10 by
 * default, as Terway runs 10 pod reconcilers), with retries, ticks and a way to wait until a pod is
 * bound, so that an operator built on the allocator does not rebuild a work queue.
 *
 * <pre>{@code
 * try (PodLoop loop = PodLoop.forAllocator(allocator, cache).build()) {
 *   loop.start();
 *   loop.enqueue(PodKey.of("default", "web-0")); // from the pod informer's handlers
 *   loop.awaitBound(PodKey.of("default", "web-0"), Duration.ofMinutes(1));
 * }
 * }</pre>
 *
 * <p><b>Work.</b> Each worker takes a key, runs the {@link Reconciler} on it and acts on the {@link
 * Outcome}: {@code DONE} forgets the key's backoff; {@code RETRY} (also a retryable failure, such
 * as an allocator's {@code BUSY}, or any other runtime exception) queues it again after its
 * rate-limited backoff; after {@link Builder#maxAttempts} failures in a row the key is given up;
 * {@code GIVE_UP} (also a non-retryable {@link AllocationException} or an {@link
 * IllegalArgumentException}) gives it up at once. The {@link Listener} hears each of these. The
 * queue guarantees that no pod is reconciled by two workers at once, and that an enqueue made while
 * a pod is reconciled reconciles it again afterwards.
 *
 * <p><b>Ticks.</b> With a ticker ({@link TrunkAllocator#tick()} for {@link #forAllocator}), the
 * loop ticks every {@link Builder#tickInterval} (measured from the end of the previous tick) on a
 * thread of its own, which is how attaches become Bind.
 *
 * <p><b>Time.</b> Everything is measured on a {@link LoopClock}. With {@link LoopClock#system()}
 * (the default) it runs in real time. With a {@link VirtualLoopClock} nothing happens until time is
 * moved on, and {@link #awaitBound} moves it: whenever the loop is quiescent (nothing queued,
 * processing or ticking) it advances virtual time to the next wake-up (a backoff or a tick), so a
 * test sees exactly the backoff sequence without sleeping.
 *
 * <p><b>Lifecycle.</b> {@link #start()} once, then {@link #close()} (idempotent): it stops the
 * queue (keys still queued are dropped: a new loop starts from a fresh list, as an informer's
 * does), waits up to {@link Builder#closeTimeout} in real time for the workers to finish the pods
 * they hold, then interrupts them, and closes the clock if the loop made it.
 *
 * <p><b>Thread safety:</b> thread-safe; every method may be called from any thread. Listener calls
 * come from the worker threads, never under a lock of the loop.
 */
public final class PodLoop implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PodLoop.class);

  /** The workers unless {@link Builder#workers} says otherwise: Terway runs 10 pod reconcilers. */
  public static final int DEFAULT_WORKERS = 10;

  /** The most workers a loop may have. */
  public static final int MAX_WORKERS = 256;

  /** Failures in a row before a key is given up, unless told otherwise (client-go's sample's). */
  public static final int DEFAULT_MAX_ATTEMPTS = 15;

  private static final AtomicInteger LOOPS = new AtomicInteger();

  private final String name;
  private final Reconciler reconciler;
  private final Predicate<PodKey> bound;
  private final Runnable ticker;
  private final Duration tickInterval;
  private final int workers;
  private final int maxAttempts;
  private final Listener listener;
  private final LoopClock clock;
  private final boolean ownsClock;
  private final Duration closeTimeout;
  private final WorkQueue<PodKey> queue;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition progress = lock.newCondition();
  // Guarded by lock.
  private long progressCount;
  private boolean tickPending;
  private LoopClock.Wake tickWake;
  private State state = State.NEW;
  private final List<Thread> threads = new ArrayList<>();
  private ExecutorService tickThread;

  private final AtomicLong succeeded = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong givenUp = new AtomicLong();
  private final AtomicLong ticks = new AtomicLong();
  private final AtomicInteger inFlight = new AtomicInteger();

  private enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  /**
   * Hears what becomes of each key. Called on the worker that processed the key, after the key was
   * requeued or forgotten; it must be quick and thread-safe. An exception thrown is logged and
   * otherwise ignored.
   */
  public interface Listener {
    /**
     * A key was reconciled successfully.
     *
     * @param key the pod
     */
    default void succeeded(PodKey key) {}

    /**
     * A key failed and is queued again.
     *
     * @param key the pod
     * @param attempt the failures in a row so far, from 1
     * @param delay the wait before the next attempt
     * @param reason why it failed
     */
    default void retrying(PodKey key, int attempt, Duration delay, String reason) {}

    /**
     * A key was given up: it failed {@code attempts} times in a row, or in a way retrying cannot
     * fix. It is reconciled again only when enqueued again.
     *
     * @param key the pod
     * @param attempts the failures in a row
     * @param reason why the last attempt failed
     */
    default void gaveUp(PodKey key, int attempts, String reason) {}

    /**
     * Returns a listener that ignores everything.
     *
     * @return the listener
     */
    static Listener none() {
      return new Listener() {};
    }
  }

  /**
   * A snapshot of a loop's counters, for metrics.
   *
   * @param queued pods ready to be reconciled (the queue's depth)
   * @param waiting pods waiting for a backoff or a delay
   * @param inFlight pods being reconciled now
   * @param workers the size of the worker pool
   * @param succeeded reconciles that succeeded
   * @param retries reconciles that failed and were queued again
   * @param givenUp keys given up
   * @param ticks completed ticks
   * @param refused enqueues refused because the queue tracked its most keys
   */
  public record Stats(
      int queued,
      int waiting,
      int inFlight,
      int workers,
      long succeeded,
      long retries,
      long givenUp,
      long ticks,
      long refused) {}

  private PodLoop(Builder b) {
    this.name = b.name != null ? b.name : String.valueOf(LOOPS.incrementAndGet());
    this.reconciler = b.reconciler;
    this.bound = b.bound;
    this.ticker = b.ticker;
    this.tickInterval = b.tickInterval;
    this.workers = b.workers;
    this.maxAttempts = b.maxAttempts;
    this.listener = b.listener;
    this.ownsClock = b.clock == null;
    this.clock = b.clock != null ? b.clock : LoopClock.system();
    this.closeTimeout = b.closeTimeout;
    WorkQueue.Builder<PodKey> queueBuilder =
        WorkQueue.<PodKey>builder().clock(clock).maxKeys(b.maxKeys).name("pods-" + name);
    if (b.rateLimiter != null) {
      queueBuilder.rateLimiter(b.rateLimiter);
    }
    this.queue = queueBuilder.build();
  }

  /**
   * Returns a builder of a loop that drives {@code allocator}: a key's pod is read from {@code
   * cache}; a pod gone is {@linkplain TrunkAllocator#podDeleted deleted}; a pod scheduled to a node
   * is {@linkplain TrunkAllocator#podScheduled scheduled} (a pod not yet scheduled is done: its
   * update enqueues it again; a namespace or node not known yet is retried); the loop ticks the
   * allocator; a pod is bound when its PodENI is in phase Bind.
   *
   * @param allocator the allocator
   * @param cache where pods, namespaces and nodes are read
   * @return the builder
   */
  public static Builder forAllocator(TrunkAllocator allocator, PodCache cache) {
    checkNotNull(allocator, "allocator");
    checkNotNull(cache, "cache");
    Builder b = new Builder(new AllocatorReconciler(allocator, cache));
    b.ticker = allocator::tick;
    b.bound = key -> boundOn(allocator, key);
    return b;
  }

  /**
   * Returns a builder of a loop that runs {@code reconciler} on each key; it has no ticker and no
   * pod is ever bound unless {@link Builder#ticker} and {@link Builder#bound} say otherwise.
   *
   * @param reconciler the work on one key
   * @return the builder
   */
  public static Builder forReconciler(Reconciler reconciler) {
    return new Builder(checkNotNull(reconciler, "reconciler"));
  }

  private static boolean boundOn(TrunkAllocator allocator, PodKey key) {
    Optional<PodEni> record = allocator.podEni(key.namespace(), key.name());
    return record.flatMap(PodEni::status).map(s -> s.phase() == PodEniPhase.BIND).orElse(false);
  }

  /**
   * Starts the workers and the ticker.
   *
   * @throws IllegalStateException if started before or closed
   */
  public void start() {
    lock.lock();
    try {
      checkState(state == State.NEW, "loop %s was started before", name);
      state = State.RUNNING;
      for (int i = 0; i < workers; i++) {
        Thread t = new Thread(this::work, "terway-loop-" + name + "-worker-" + i);
        t.setDaemon(true);
        threads.add(t);
      }
      if (ticker != null) {
        tickThread =
            Executors.newSingleThreadExecutor(
                r -> {
                  Thread t = new Thread(r, "terway-loop-" + name + "-tick");
                  t.setDaemon(true);
                  return t;
                });
        armTickLocked();
      }
    } finally {
      lock.unlock();
    }
    threads.forEach(Thread::start);
    log.debug("loop {} started with {} workers", escaped(name), workers);
  }

  private void armTickLocked() {
    tickWake = clock.wakeAt(Instants.plusSaturating(clock.now(), tickInterval), this::tickDue);
  }

  /** The tick's wake-up (quick): hands the tick to the tick thread. */
  private void tickDue() {
    lock.lock();
    try {
      if (state != State.RUNNING) {
        return;
      }
      tickPending = true;
      try {
        tickThread.execute(this::runTick);
      } catch (RejectedExecutionException e) {
        tickPending = false;
      }
    } finally {
      lock.unlock();
    }
  }

  private void runTick() {
    try {
      ticker.run();
    } catch (RuntimeException e) {
      log.warn("loop {}: tick failed, the next one retries: {}", escaped(name), escaped(e));
    } finally {
      ticks.incrementAndGet();
      lock.lock();
      try {
        tickPending = false;
        progressLocked();
        if (state == State.RUNNING) {
          armTickLocked();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  private void progressLocked() {
    progressCount++;
    progress.signalAll();
  }

  private void work() {
    while (true) {
      Optional<PodKey> next;
      try {
        next = queue.get();
      } catch (InterruptedException e) {
        return;
      }
      if (next.isEmpty()) {
        return;
      }
      PodKey key = next.get();
      inFlight.incrementAndGet();
      try {
        if (!closing()) {
          process(key);
        }
      } finally {
        inFlight.decrementAndGet();
        queue.done(key);
        lock.lock();
        try {
          progressLocked();
        } finally {
          lock.unlock();
        }
      }
    }
  }

  private boolean closing() {
    lock.lock();
    try {
      return state == State.CLOSED;
    } finally {
      lock.unlock();
    }
  }

  private void process(PodKey key) {
    Outcome outcome;
    try {
      outcome = checkNotNull(reconciler.reconcile(key), "the reconciler returned null");
    } catch (AllocationException e) {
      outcome = e.retryable() ? Outcome.retry(e.getMessage()) : Outcome.giveUp(e.getMessage());
    } catch (IllegalArgumentException e) {
      outcome = Outcome.giveUp(String.valueOf(e.getMessage()));
    } catch (RuntimeException e) {
      log.debug("loop {}: pod {} failed", escaped(name), key, e);
      outcome = Outcome.retry(e.toString());
    }
    switch (outcome.kind()) {
      case DONE -> {
        queue.forget(key);
        succeeded.incrementAndGet();
        tell(() -> listener.succeeded(key));
      }
      case RETRY -> {
        int attempt = queue.numRequeues(key) + 1;
        if (attempt >= maxAttempts) {
          giveUp(key, attempt, outcome.reason());
        } else {
          Duration delay = queue.addRateLimited(key);
          retries.incrementAndGet();
          String reason = outcome.reason();
          log.debug(
              "loop {}: pod {} again in {} (attempt {}): {}",
              escaped(name),
              key,
              delay,
              attempt,
              escaped(reason));
          tell(() -> listener.retrying(key, attempt, delay, reason));
        }
      }
      case RETRY_AFTER -> {
        Duration delay = outcome.delay().orElseThrow();
        queue.addAfter(key, delay);
        retries.incrementAndGet();
        int attempt = queue.numRequeues(key) + 1;
        String reason = outcome.reason();
        tell(() -> listener.retrying(key, attempt, delay, reason));
      }
      case GIVE_UP -> giveUp(key, queue.numRequeues(key) + 1, outcome.reason());
      default -> throw new AssertionError(outcome.kind());
    }
  }

  private void giveUp(PodKey key, int attempts, String reason) {
    queue.forget(key);
    givenUp.incrementAndGet();
    log.warn(
        "loop {}: giving up pod {} after {} failed attempts: {}",
        escaped(name),
        key,
        attempts,
        escaped(reason));
    tell(() -> listener.gaveUp(key, attempts, reason));
  }

  private void tell(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      log.warn("loop {}: listener failed: {}", escaped(name), escaped(e));
    }
  }

  /**
   * Queues a pod for reconciling (deduplicated; see {@link WorkQueue#add}). Call it from the
   * informers' handlers: a pod added, updated or deleted, or the pods of a node or namespace that
   * changed.
   *
   * @param key the pod
   * @return {@code false} if the loop is closed or the queue is full
   */
  public boolean enqueue(PodKey key) {
    return queue.add(checkNotNull(key, "key"));
  }

  /**
   * Queues a pod for reconciling after {@code delay} (see {@link WorkQueue#addAfter}).
   *
   * @param key the pod
   * @param delay the wait
   * @return {@code false} if the loop is closed or the queue is full
   */
  public boolean enqueueAfter(PodKey key, Duration delay) {
    return queue.addAfter(checkNotNull(key, "key"), delay);
  }

  /**
   * Waits until a pod is bound (for {@link #forAllocator}: its PodENI in phase Bind), or {@code
   * timeout} has passed. It waits on the loop's progress (a reconcile or a tick finished), never by
   * polling on a timer. It does not enqueue the pod.
   *
   * <p>In real time, {@code timeout} is real time. With a {@link VirtualLoopClock} it moves virtual
   * time on itself: whenever nothing is queued, being reconciled or ticking, it advances to the
   * next wake-up (a backoff or a tick) unless that lies beyond {@code timeout} of virtual time;
   * waiting for the workers is then bounded by {@code timeout} of real time as well.
   *
   * @param key the pod
   * @param timeout how long to wait, not negative
   * @return {@code true} if the pod is bound
   * @throws IllegalStateException if the loop is not running
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitBound(PodKey key, Duration timeout) throws InterruptedException {
    checkNotNull(key, "key");
    return await(() -> bound.test(key), timeout);
  }

  /**
   * Returns whether a pod is bound now (for {@link #forAllocator}: its PodENI in phase Bind).
   *
   * @param key the pod
   * @return {@code true} if bound
   */
  public boolean isBound(PodKey key) {
    return bound.test(checkNotNull(key, "key"));
  }

  /**
   * Waits until {@code condition} holds (a pod released, say), or {@code timeout} has passed, in
   * the way {@link #awaitBound(PodKey, Duration)} does: on the loop's progress, moving virtual time
   * on when the clock is a {@link VirtualLoopClock}.
   *
   * @param condition what to wait for; thread-safe and quick, checked after every reconcile and
   *     tick
   * @param timeout how long to wait, not negative
   * @return {@code true} if the condition holds
   * @throws IllegalStateException if the loop is not running
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
    checkNotNull(condition, "condition");
    checkNotNull(timeout, "timeout");
    checkArgument(!timeout.isNegative(), "timeout is negative: %s", timeout);
    long realNanos =
        timeout.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE : timeout.toNanos();
    long realDeadline = System.nanoTime() + realNanos;
    Instant virtualDeadline = Instants.plusSaturating(clock.now(), timeout);
    VirtualLoopClock virtual = clock instanceof VirtualLoopClock v ? v : null;
    while (true) {
      long seen;
      lock.lock();
      try {
        checkState(state == State.RUNNING, "loop %s is not running", name);
        seen = progressCount;
      } finally {
        lock.unlock();
      }
      if (condition.getAsBoolean()) {
        return true;
      }
      if (virtual != null && quiescent()) {
        Optional<Instant> next = virtual.nextWake();
        if (next.isEmpty() || next.get().isAfter(virtualDeadline)) {
          virtual.advanceTo(virtualDeadline);
          return condition.getAsBoolean();
        }
        virtual.advanceTo(next.get());
        continue;
      }
      lock.lock();
      try {
        while (progressCount == seen && !(virtual != null && quiescentLocked())) {
          long left = realDeadline - System.nanoTime();
          if (realNanos != Long.MAX_VALUE && left <= 0) {
            return condition.getAsBoolean();
          }
          progress.awaitNanos(realNanos == Long.MAX_VALUE ? TimeUnit.DAYS.toNanos(1) : left);
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Waits until a pod is bound; see {@link #awaitBound(PodKey, Duration)}.
   *
   * @param namespace the pod's namespace
   * @param name the pod's name
   * @param timeout how long to wait
   * @return {@code true} if the pod is bound
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitBound(String namespace, String name, Duration timeout)
      throws InterruptedException {
    return awaitBound(PodKey.of(namespace, name), timeout);
  }

  private boolean quiescent() {
    lock.lock();
    try {
      return quiescentLocked();
    } finally {
      lock.unlock();
    }
  }

  private boolean quiescentLocked() {
    return !tickPending && queue.idle();
  }

  /**
   * Returns the loop's queue, for metrics or for an embedder that adds keys itself.
   *
   * @return the queue
   */
  public WorkQueue<PodKey> queue() {
    return queue;
  }

  /**
   * Returns a snapshot of the counters.
   *
   * @return the stats
   */
  public Stats stats() {
    WorkQueue.Stats q = queue.stats();
    return new Stats(
        q.queued(),
        q.waiting(),
        inFlight.get(),
        workers,
        succeeded.get(),
        retries.get(),
        givenUp.get(),
        ticks.get(),
        q.refused());
  }

  /**
   * Stops: no more keys are taken (those queued are dropped), the ticker stops, the workers finish
   * the pods they hold (at most {@link Builder#closeTimeout} in real time, then they are
   * interrupted), and a clock the loop made is closed. Idempotent.
   */
  @Override
  public void close() {
    lock.lock();
    try {
      if (state == State.CLOSED) {
        return;
      }
      state = State.CLOSED;
      if (tickWake != null) {
        tickWake.cancel();
      }
      progressLocked();
    } finally {
      lock.unlock();
    }
    queue.shutDown();
    long deadline = System.nanoTime() + closeTimeout.toNanos();
    for (Thread t : threads) {
      try {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    threads.forEach(Thread::interrupt);
    if (tickThread != null) {
      tickThread.shutdownNow();
    }
    if (ownsClock && clock instanceof SystemLoopClock system) {
      system.close();
    }
    log.debug("loop {} closed", escaped(name));
  }

  @Override
  public String toString() {
    return "PodLoop[" + escaped(name) + ", " + workers + " workers]";
  }

  /** Builds a {@link PodLoop}; not thread-safe. */
  public static final class Builder {
    private final Reconciler reconciler;
    private Predicate<PodKey> bound = key -> false;
    private Runnable ticker;
    private Duration tickInterval = Duration.ofSeconds(1);
    private int workers = DEFAULT_WORKERS;
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Listener listener = Listener.none();
    private LoopClock clock;
    private RateLimiter<PodKey> rateLimiter;
    private int maxKeys = WorkQueue.DEFAULT_MAX_KEYS;
    private Duration closeTimeout = Duration.ofSeconds(30);
    private String name;

    private Builder(Reconciler reconciler) {
      this.reconciler = reconciler;
    }

    /**
     * Sets the size of the worker pool.
     *
     * @param workers 1 to {@value PodLoop#MAX_WORKERS}; default {@value PodLoop#DEFAULT_WORKERS}
     * @return this builder
     */
    public Builder workers(int workers) {
      checkArgument(
          workers >= 1 && workers <= MAX_WORKERS,
          "workers must be 1 to %s: %s",
          MAX_WORKERS,
          workers);
      this.workers = workers;
      return this;
    }

    /**
     * Sets how many failures in a row give a key up.
     *
     * @param maxAttempts at least 1 (1: never retry); default {@value PodLoop#DEFAULT_MAX_ATTEMPTS}
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      checkArgument(maxAttempts >= 1, "maxAttempts must be at least 1: %s", maxAttempts);
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the retry backoff.
     *
     * @param rateLimiter default {@link RateLimiters#controllerDefault()}
     * @return this builder
     */
    public Builder rateLimiter(RateLimiter<PodKey> rateLimiter) {
      this.rateLimiter = checkNotNull(rateLimiter, "rateLimiter");
      return this;
    }

    /**
     * Sets the clock.
     *
     * @param clock default a new {@link LoopClock#system()}, closed with the loop; a clock passed
     *     in is not closed
     * @return this builder
     */
    public Builder clock(LoopClock clock) {
      this.clock = checkNotNull(clock, "clock");
      return this;
    }

    /**
     * Sets what runs every {@link #tickInterval}.
     *
     * @param ticker e.g. {@link TrunkAllocator#tick()} (the default of {@link #forAllocator})
     * @return this builder
     */
    public Builder ticker(Runnable ticker) {
      this.ticker = checkNotNull(ticker, "ticker");
      return this;
    }

    /**
     * Sets the time between the end of a tick and the start of the next.
     *
     * @param tickInterval positive; default 1 s
     * @return this builder
     */
    public Builder tickInterval(Duration tickInterval) {
      checkNotNull(tickInterval, "tickInterval");
      checkArgument(
          !tickInterval.isNegative() && !tickInterval.isZero(),
          "tickInterval must be positive: %s",
          tickInterval);
      this.tickInterval = tickInterval;
      return this;
    }

    /**
     * Sets what {@link #awaitBound} waits for.
     *
     * @param bound whether a pod is bound; thread-safe and quick
     * @return this builder
     */
    public Builder bound(Predicate<PodKey> bound) {
      this.bound = checkNotNull(bound, "bound");
      return this;
    }

    /**
     * Sets who hears what becomes of each key.
     *
     * @param listener default none
     * @return this builder
     */
    public Builder listener(Listener listener) {
      this.listener = checkNotNull(listener, "listener");
      return this;
    }

    /**
     * Sets the most pods the queue tracks at once (see {@link WorkQueue}).
     *
     * @param maxKeys positive; default {@value WorkQueue#DEFAULT_MAX_KEYS}
     * @return this builder
     */
    public Builder maxKeys(int maxKeys) {
      checkArgument(maxKeys > 0, "maxKeys must be positive: %s", maxKeys);
      this.maxKeys = maxKeys;
      return this;
    }

    /**
     * Sets how long {@link #close()} waits, in real time, for the workers to finish their pods.
     *
     * @param closeTimeout not negative; default 30 s
     * @return this builder
     */
    public Builder closeTimeout(Duration closeTimeout) {
      checkNotNull(closeTimeout, "closeTimeout");
      checkArgument(!closeTimeout.isNegative(), "closeTimeout is negative: %s", closeTimeout);
      this.closeTimeout = closeTimeout;
      return this;
    }

    /**
     * Sets the name of the loop's threads and log lines.
     *
     * @param name at most 40 characters; default a number
     * @return this builder
     */
    public Builder name(String name) {
      checkNotNull(name, "name");
      checkArgument(name.length() <= 40, "name is longer than 40 characters");
      this.name = String.valueOf(escaped(name));
      return this;
    }

    /**
     * Builds the loop; {@link PodLoop#start()} starts it.
     *
     * @return the loop
     */
    public PodLoop build() {
      return new PodLoop(this);
    }
  }
}
