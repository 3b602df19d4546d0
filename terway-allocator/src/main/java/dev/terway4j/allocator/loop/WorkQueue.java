package dev.terway4j.allocator.loop;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import dev.terway4j.allocator.internal.Instants;
import dev.terway4j.model.ControlCharacters;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A rate-limited work queue with client-go's semantics, for controllers that hand keys (pods, say)
 * to a pool of workers.
 *
 * <ul>
 *   <li><b>Deduplicating:</b> a key added while it waits in the queue is there once.
 *   <li><b>One worker per key:</b> a key handed out by {@link #get()} is <i>processing</i> until
 *       {@link #done}; adding it meanwhile marks it <i>dirty</i>, and {@link #done} queues it
 *       again, so it is never processed by two workers at once and no add made while it is
 *       processed is lost.
 *   <li><b>Fair:</b> keys are handed out in the order they were (first) queued.
 *   <li><b>Delays:</b> {@link #addAfter} queues a key once a delay has passed (a key waiting twice
 *       keeps the earlier time); {@link #addRateLimited} takes the delay from the {@link
 *       RateLimiter} (by default {@link RateLimiters#controllerDefault()}: per-key exponential
 *       backoff, 5 ms doubling to 1000 s, and an overall bucket of 10 per second, burst 100),
 *       {@link #forget} ends a key's backoff, {@link #numRequeues} counts its retries.
 *   <li><b>Shutdown:</b> after {@link #shutDown()} adds are ignored and waiting (delayed) keys
 *       dropped; {@link #get()} still hands out what is queued, then returns empty. {@link
 *       #shutDownWithDrain()} also waits until no key is processing.
 * </ul>
 *
 * <p><b>Time:</b> delays are measured on a {@link LoopClock}: {@link LoopClock#system()} in
 * production, a {@link VirtualLoopClock} in tests (delayed keys are queued when the test moves time
 * on). Nothing busy-waits: {@link #get()} blocks on a condition, and one wake-up at a time is
 * pending on the clock, for the earliest delayed key.
 *
 * <p><b>Bound:</b> the queue tracks at most {@link Builder#maxKeys} distinct keys (queued, waiting
 * or processing; default {@value #DEFAULT_MAX_KEYS}, Kubernetes' documented limit of pods in a
 * cluster). Adding a new key beyond that is refused ({@link #add} returns {@code false}) and
 * counted in {@link Stats#refused()}; a key already tracked is always accepted, so no add of a key
 * being processed is ever lost. Its memory is therefore at most a few entries per tracked key.
 *
 * <p><b>Thread safety:</b> thread-safe; every method may be called from any thread. State changes
 * under one lock, held only for a few map operations; the rate limiter and the clock are called
 * outside it, except that arming the wake-up of the earliest delayed key calls {@link
 * LoopClock#wakeAt} under it (both clocks of this package take only their own lock there).
 *
 * @param <K> the key type, with value equality (e.g. {@link PodKey})
 */
public final class WorkQueue<K> {
  /** The most distinct keys tracked unless {@link Builder#maxKeys} says otherwise. */
  public static final int DEFAULT_MAX_KEYS = 150_000;

  private final LoopClock clock;
  private final boolean ownsClock;
  private final RateLimiter<K> rateLimiter;
  private final int maxKeys;
  private final String name;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition idle = lock.newCondition();
  // All guarded by lock.
  private final ArrayDeque<K> queue = new ArrayDeque<>();
  private final Set<K> dirty = new HashSet<>();
  private final Set<K> processing = new HashSet<>();
  private final Map<K, Delayed<K>> waiting = new HashMap<>();
  private final TreeSet<Delayed<K>> waitingByTime = new TreeSet<>();
  private final Set<K> tracked = new HashSet<>();
  private long sequence;
  private LoopClock.Wake armed;
  private Instant armedAt;
  private boolean shuttingDown;
  private long adds;
  private long deduplicated;
  private long refused;
  private long rateLimited;
  private long completed;

  private record Delayed<K>(Instant at, long seq, K key) implements Comparable<Delayed<K>> {
    @Override
    public int compareTo(Delayed<K> o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  /**
   * A snapshot of a queue's state and counters, for metrics.
   *
   * @param queued keys ready to be handed out (the queue's depth)
   * @param waiting keys waiting for a delay or a backoff to pass
   * @param processing keys handed out and not yet done (in flight)
   * @param trackedKeys distinct keys queued, waiting or processing
   * @param maxKeys the bound on {@code trackedKeys}
   * @param adds adds accepted (including those merged into a queued key)
   * @param deduplicated adds merged into a key already queued
   * @param refused adds of new keys refused because {@code maxKeys} keys were tracked
   * @param rateLimited calls of {@link #addRateLimited} (retries)
   * @param completed calls of {@link #done}
   */
  public record Stats(
      int queued,
      int waiting,
      int processing,
      int trackedKeys,
      int maxKeys,
      long adds,
      long deduplicated,
      long refused,
      long rateLimited,
      long completed) {}

  private WorkQueue(Builder<K> b) {
    this.ownsClock = b.clock == null;
    this.clock = b.clock != null ? b.clock : LoopClock.system();
    this.rateLimiter = b.rateLimiter != null ? b.rateLimiter : RateLimiters.controllerDefault();
    this.maxKeys = b.maxKeys;
    this.name = b.name;
  }

  /**
   * Returns a builder.
   *
   * @param <K> the key type
   * @return the builder
   */
  public static <K> Builder<K> builder() {
    return new Builder<>();
  }

  /**
   * Queues {@code key} unless it is queued already; if it is processing, marks it to be queued
   * again when {@link #done}. Ignored after {@link #shutDown()}.
   *
   * @param key the key
   * @return {@code true} if the key is (or will again be) queued; {@code false} if shutting down,
   *     or if the key is new and {@code maxKeys} keys are tracked
   */
  public boolean add(K key) {
    checkNotNull(key, "key");
    lock.lock();
    try {
      return addLocked(key);
    } finally {
      lock.unlock();
    }
  }

  private boolean addLocked(K key) {
    if (shuttingDown) {
      return false;
    }
    if (dirty.contains(key)) {
      adds++;
      deduplicated++;
      return true;
    }
    if (!track(key)) {
      return false;
    }
    adds++;
    dirty.add(key);
    if (processing.contains(key)) {
      return true; // done() queues it again
    }
    queue.addLast(key);
    notEmpty.signal();
    return true;
  }

  /** Tracks a key; refuses a new one beyond the bound. */
  private boolean track(K key) {
    if (tracked.contains(key)) {
      return true;
    }
    if (tracked.size() >= maxKeys) {
      refused++;
      return false;
    }
    tracked.add(key);
    return true;
  }

  private void untrackIfGone(K key) {
    if (!dirty.contains(key) && !processing.contains(key) && !waiting.containsKey(key)) {
      tracked.remove(key);
    }
  }

  /**
   * Queues {@code key} once {@code delay} has passed on the queue's clock (at once if it is not
   * positive). A key already waiting keeps the earlier of its two times. Ignored after {@link
   * #shutDown()}.
   *
   * @param key the key
   * @param delay how long to wait
   * @return {@code false} if shutting down, or if the key is new and {@code maxKeys} keys are
   *     tracked
   */
  public boolean addAfter(K key, Duration delay) {
    checkNotNull(key, "key");
    checkNotNull(delay, "delay");
    if (delay.isNegative() || delay.isZero()) {
      return add(key);
    }
    Instant at = Instants.plusSaturating(clock.now(), delay);
    lock.lock();
    try {
      if (shuttingDown) {
        return false;
      }
      Delayed<K> existing = waiting.get(key);
      if (existing != null) {
        if (!existing.at().isAfter(at)) {
          return true;
        }
        waitingByTime.remove(existing);
      } else if (!track(key)) {
        return false;
      }
      Delayed<K> entry = new Delayed<>(at, sequence++, key);
      waiting.put(key, entry);
      waitingByTime.add(entry);
      armLocked();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Makes sure one wake-up is pending, for the earliest waiting key. */
  private void armLocked() {
    if (waitingByTime.isEmpty()) {
      if (armed != null) {
        armed.cancel();
        armed = null;
        armedAt = null;
      }
      return;
    }
    Instant next = waitingByTime.first().at();
    if (armed != null && !armedAt.isAfter(next)) {
      return;
    }
    if (armed != null) {
      armed.cancel();
    }
    armedAt = next;
    armed = clock.wakeAt(next, this::promoteDue);
  }

  /** The wake-up: queues every waiting key whose time has come, and arms the next wake-up. */
  private void promoteDue() {
    Instant now = clock.now();
    lock.lock();
    try {
      if (armedAt != null && !armedAt.isAfter(now)) {
        armed = null;
        armedAt = null;
      }
      if (shuttingDown) {
        return;
      }
      while (!waitingByTime.isEmpty() && !waitingByTime.first().at().isAfter(now)) {
        Delayed<K> due = waitingByTime.pollFirst();
        waiting.remove(due.key());
        addLocked(due.key());
        untrackIfGone(due.key());
      }
      armLocked();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Queues {@code key} after the wait its rate limiter gives it (a retry: the key's backoff grows
   * until {@link #forget}).
   *
   * @param key the key
   * @return the wait given
   */
  public Duration addRateLimited(K key) {
    checkNotNull(key, "key");
    Duration delay = rateLimiter.when(key, clock.now());
    lock.lock();
    try {
      rateLimited++;
    } finally {
      lock.unlock();
    }
    addAfter(key, delay);
    return delay;
  }

  /**
   * Ends {@code key}'s backoff: its next {@link #addRateLimited} waits as a first retry. Call it
   * when the key was processed successfully (or given up). It does not remove a waiting key.
   *
   * @param key the key
   */
  public void forget(K key) {
    checkNotNull(key, "key");
    rateLimiter.forget(key);
  }

  /**
   * Returns how many times {@code key} was retried through {@link #addRateLimited} since it was
   * last forgotten.
   *
   * @param key the key
   * @return the count
   */
  public int numRequeues(K key) {
    checkNotNull(key, "key");
    return rateLimiter.numRequeues(key);
  }

  /**
   * Hands out the next queued key, blocking until there is one; the key is then processing until
   * {@link #done}. After {@link #shutDown()} it still hands out what is queued.
   *
   * @return the key, or empty once shut down with nothing queued
   * @throws InterruptedException if interrupted while waiting
   */
  public Optional<K> get() throws InterruptedException {
    lock.lock();
    try {
      while (queue.isEmpty() && !shuttingDown) {
        notEmpty.await();
      }
      return Optional.ofNullable(takeLocked());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Hands out the next queued key, waiting at most {@code timeout} in real time for one.
   *
   * @param timeout how long to wait
   * @return the key, or empty if none came in time or the queue is shut down with nothing queued
   * @throws InterruptedException if interrupted while waiting
   */
  public Optional<K> get(Duration timeout) throws InterruptedException {
    checkNotNull(timeout, "timeout");
    long nanos = timeout.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE : timeout.toNanos();
    lock.lock();
    try {
      while (queue.isEmpty() && !shuttingDown) {
        if (nanos <= 0) {
          return Optional.empty();
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      return Optional.ofNullable(takeLocked());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Hands out the next queued key if there is one, without waiting.
   *
   * @return the key, or empty
   */
  public Optional<K> poll() {
    lock.lock();
    try {
      return Optional.ofNullable(takeLocked());
    } finally {
      lock.unlock();
    }
  }

  private K takeLocked() {
    K key = queue.pollFirst();
    if (key == null) {
      return null;
    }
    processing.add(key);
    dirty.remove(key);
    if (!queue.isEmpty()) {
      // Another worker may be waiting while keys remain (a signal may have been consumed by a
      // worker that then took a key another signal was meant for).
      notEmpty.signal();
    }
    return key;
  }

  /**
   * Marks {@code key} as processed: if it was added meanwhile, it is queued again.
   *
   * @param key a key handed out by {@link #get()} and not yet done
   * @throws IllegalStateException if {@code key} is not processing
   */
  public void done(K key) {
    checkNotNull(key, "key");
    lock.lock();
    try {
      checkState(processing.remove(key), "key %s is not being processed", key);
      completed++;
      if (dirty.contains(key)) {
        queue.addLast(key);
        notEmpty.signal();
      } else {
        untrackIfGone(key);
      }
      if (processing.isEmpty()) {
        idle.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Shuts down: later adds are ignored, waiting keys dropped, and {@link #get()} returns empty once
   * the queued keys are handed out. Keys processing may still call {@link #done}. Idempotent.
   */
  public void shutDown() {
    lock.lock();
    try {
      if (shuttingDown) {
        return;
      }
      shuttingDown = true;
      for (Delayed<K> d : waitingByTime) {
        waiting.remove(d.key());
        untrackIfGone(d.key());
      }
      waitingByTime.clear();
      if (armed != null) {
        armed.cancel();
        armed = null;
        armedAt = null;
      }
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
    if (ownsClock && clock instanceof SystemLoopClock system) {
      system.close();
    }
  }

  /**
   * Shuts down (see {@link #shutDown()}) and waits until no key is processing.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void shutDownWithDrain() throws InterruptedException {
    shutDown();
    lock.lock();
    try {
      while (!processing.isEmpty()) {
        idle.await();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Shuts down (see {@link #shutDown()}) and waits at most {@code timeout}, in real time, until no
   * key is processing.
   *
   * @param timeout how long to wait
   * @return {@code true} if no key is processing
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean shutDownWithDrain(Duration timeout) throws InterruptedException {
    checkNotNull(timeout, "timeout");
    shutDown();
    long nanos = timeout.compareTo(Duration.ofDays(365)) > 0 ? Long.MAX_VALUE : timeout.toNanos();
    lock.lock();
    try {
      while (!processing.isEmpty()) {
        if (nanos <= 0) {
          return false;
        }
        nanos = idle.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns whether {@link #shutDown()} was called.
   *
   * @return {@code true} once shutting down
   */
  public boolean shuttingDown() {
    lock.lock();
    try {
      return shuttingDown;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns how many keys are queued (ready to be handed out; not those waiting or processing).
   *
   * @return the depth
   */
  public int len() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns whether nothing is queued or processing (keys may still be waiting for a delay).
   *
   * @return {@code true} if idle
   */
  public boolean idle() {
    lock.lock();
    try {
      return queue.isEmpty() && processing.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Returns the queue's clock.
   *
   * @return the clock
   */
  public LoopClock clock() {
    return clock;
  }

  /**
   * Returns a snapshot of the state and counters.
   *
   * @return the stats
   */
  public Stats stats() {
    lock.lock();
    try {
      return new Stats(
          queue.size(),
          waiting.size(),
          processing.size(),
          tracked.size(),
          maxKeys,
          adds,
          deduplicated,
          refused,
          rateLimited,
          completed);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "WorkQueue[" + name + "]";
  }

  /**
   * Builds a {@link WorkQueue}; not thread-safe.
   *
   * @param <K> the key type
   */
  public static final class Builder<K> {
    private LoopClock clock;
    private RateLimiter<K> rateLimiter;
    private int maxKeys = DEFAULT_MAX_KEYS;
    private String name = "work";

    private Builder() {}

    /**
     * Sets the clock delays are measured on.
     *
     * @param clock default a new {@link LoopClock#system()}, closed by {@link #shutDown()}; a clock
     *     passed in is not closed
     * @return this builder
     */
    public Builder<K> clock(LoopClock clock) {
      this.clock = checkNotNull(clock, "clock");
      return this;
    }

    /**
     * Sets the rate limiter of {@link #addRateLimited}.
     *
     * @param rateLimiter default {@link RateLimiters#controllerDefault()}
     * @return this builder
     */
    public Builder<K> rateLimiter(RateLimiter<K> rateLimiter) {
      this.rateLimiter = checkNotNull(rateLimiter, "rateLimiter");
      return this;
    }

    /**
     * Sets the most distinct keys tracked at once.
     *
     * @param maxKeys positive; default {@value WorkQueue#DEFAULT_MAX_KEYS}
     * @return this builder
     */
    public Builder<K> maxKeys(int maxKeys) {
      checkArgument(maxKeys > 0, "maxKeys must be positive: %s", maxKeys);
      this.maxKeys = maxKeys;
      return this;
    }

    /**
     * Sets the name the queue goes by in {@link #toString()} and logs.
     *
     * @param name default {@code work}; at most 100 characters
     * @return this builder
     */
    public Builder<K> name(String name) {
      checkNotNull(name, "name");
      checkArgument(name.length() <= 100, "name is longer than 100 characters");
      this.name = String.valueOf(ControlCharacters.escaped(name));
      return this;
    }

    /**
     * Builds the queue.
     *
     * @return the queue
     */
    public WorkQueue<K> build() {
      return new WorkQueue<>(this);
    }
  }
}
