package dev.terway4j.testkit.internal;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of one harness run, added to by every try's world. Thread-safe. */
public final class HarnessStats {
  /** Steps run. */
  public final AtomicLong steps = new AtomicLong();

  /** Steps that met at least one injected fault. */
  public final AtomicLong faultedSteps = new AtomicLong();

  /** Injected faults consumed. */
  public final AtomicLong injectedFaults = new AtomicLong();

  /** Simulated crashes. */
  public final AtomicLong crashes = new AtomicLong();

  /** Controller (re)starts after the first. */
  public final AtomicLong restarts = new AtomicLong();

  /** Reactions that ended with a tolerated exception. */
  public final AtomicLong tolerated = new AtomicLong();

  /** Clock advances of the final convergence. */
  public final AtomicLong settleRounds = new AtomicLong();
}
