package dev.terway4j.allocator.loop;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.allocator.internal.Instants;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A {@link LoopClock} in virtual time: it reads a {@link Clock} that only moves when told to (the
 * fake cloud's {@code FakeClock}, say) and runs wake-ups only when {@link #advance} or {@link
 * #runDue} is called, on the calling thread, in the order of their instants (ties in the order they
 * were asked for).
 *
 * <pre>{@code
 * FakeClock fake = new FakeClock();
 * VirtualLoopClock clock = VirtualLoopClock.of(fake, fake::advance);
 * clock.advance(Duration.ofSeconds(1)); // moves fake, stopping at every wake-up on the way
 * }</pre>
 *
 * <p>{@link #advance} moves time to each due wake-up in turn and runs it there, so a wake-up sees
 * {@link #now()} equal to the instant it asked for: a backoff of 5 ms runs exactly 5 ms later.
 *
 * <p>Thread-safe. Wake-ups run outside the clock's lock, so they may ask for further wake-ups (due
 * ones run in the same call). Pending wake-ups hold memory until they run or are cancelled.
 */
public final class VirtualLoopClock implements LoopClock {
  private final Clock clock;
  private final Consumer<Duration> advancer;
  private final Object lock = new Object();
  // Guarded by lock.
  private final TreeSet<Pending> pending = new TreeSet<>();
  private long sequence;

  private final class Pending implements Comparable<Pending>, Wake {
    final Instant at;
    final long seq;
    final Runnable task;

    Pending(Instant at, long seq, Runnable task) {
      this.at = at;
      this.seq = seq;
      this.task = task;
    }

    @Override
    public int compareTo(Pending o) {
      int c = at.compareTo(o.at);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }

    @Override
    public void cancel() {
      synchronized (lock) {
        pending.remove(this);
      }
    }
  }

  private VirtualLoopClock(Clock clock, Consumer<Duration> advancer) {
    this.clock = checkNotNull(clock, "clock");
    this.advancer = checkNotNull(advancer, "advancer");
  }

  /**
   * Returns a virtual clock on {@code clock}, which {@code advancer} moves forward.
   *
   * @param clock the time read, e.g. a {@code FakeClock}
   * @param advancer moves {@code clock} forward by the duration given (e.g. {@code
   *     fakeClock::advance}); called with a duration that is never negative
   * @return the clock
   */
  public static VirtualLoopClock of(Clock clock, Consumer<Duration> advancer) {
    return new VirtualLoopClock(clock, advancer);
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public Wake wakeAt(Instant at, Runnable task) {
    checkNotNull(at, "at");
    checkNotNull(task, "task");
    synchronized (lock) {
      Pending p = new Pending(at, sequence++, task);
      pending.add(p);
      return p;
    }
  }

  /**
   * Returns the instant of the earliest pending wake-up.
   *
   * @return the instant, or empty if none is pending
   */
  public Optional<Instant> nextWake() {
    synchronized (lock) {
      return pending.isEmpty() ? Optional.empty() : Optional.of(pending.first().at);
    }
  }

  /**
   * Returns how many wake-ups are pending.
   *
   * @return the count
   */
  public int pendingWakes() {
    synchronized (lock) {
      return pending.size();
    }
  }

  /**
   * Runs every wake-up due now (including those that the wake-ups run ask for, if due), without
   * moving time.
   *
   * @return how many ran
   */
  public int runDue() {
    int ran = 0;
    while (true) {
      Pending next;
      synchronized (lock) {
        if (pending.isEmpty() || pending.first().at.isAfter(clock.instant())) {
          return ran;
        }
        next = pending.pollFirst();
      }
      next.task.run();
      ran++;
    }
  }

  /**
   * Moves time forward by {@code duration}, stopping at each wake-up due on the way to run it at
   * its own instant; wake-ups due at the end run too.
   *
   * @param duration how far, not negative
   * @return the number of wake-ups run
   */
  public int advance(Duration duration) {
    checkNotNull(duration, "duration");
    checkArgument(!duration.isNegative(), "cannot go back in time: %s", duration);
    return advanceTo(Instants.plusSaturating(clock.instant(), duration));
  }

  /**
   * Moves time forward to {@code target} (not back: an instant in the past only runs what is due),
   * stopping at each wake-up due on the way to run it at its own instant.
   *
   * @param target the instant to reach
   * @return the number of wake-ups run
   */
  public int advanceTo(Instant target) {
    checkNotNull(target, "target");
    int ran = runDue();
    while (true) {
      Optional<Instant> next = nextWake();
      if (next.isEmpty() || next.get().isAfter(target)) {
        break;
      }
      moveTo(next.get());
      ran += runDue();
    }
    moveTo(target);
    return ran + runDue();
  }

  private void moveTo(Instant target) {
    Instant now = clock.instant();
    if (target.isAfter(now)) {
      advancer.accept(Duration.between(now, target));
    }
  }

  @Override
  public String toString() {
    return "VirtualLoopClock[" + clock.instant() + ", " + pendingWakes() + " pending]";
  }
}
