package dev.terway4j.allocator.loop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.fake.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The work queue's client-go semantics, one at a time, in virtual time (issue 15 item 1). */
@DisplayName("WorkQueue (issue 15 item 1, issue 14 item 10)")
class WorkQueueTest {
  private static final PodKey A = PodKey.of("default", "a");
  private static final PodKey B = PodKey.of("default", "b");
  private static final PodKey C = PodKey.of("default", "c");

  private final FakeClock fake = new FakeClock();
  private final VirtualLoopClock clock = VirtualLoopClock.of(fake, fake::advance);

  private WorkQueue<PodKey> queue(RateLimiter<PodKey> limiter) {
    return WorkQueue.<PodKey>builder().clock(clock).rateLimiter(limiter).build();
  }

  private WorkQueue<PodKey> queue() {
    return queue(RateLimiters.exponential(Duration.ofMillis(5), Duration.ofMillis(40)));
  }

  @Test
  void add_twiceBeforeGet_handsTheKeyOutOnce_issue15item1() throws Exception {
    WorkQueue<PodKey> q = queue();
    assertTrue(q.add(A));
    assertTrue(q.add(A));
    assertEquals(1, q.len());
    assertEquals(Optional.of(A), q.poll());
    assertEquals(Optional.empty(), q.poll());
    assertEquals(1, q.stats().deduplicated());
  }

  @Test
  void keys_areHandedOutInTheOrderTheyWereFirstAdded_issue15item1() {
    WorkQueue<PodKey> q = queue();
    q.add(B);
    q.add(A);
    q.add(B);
    q.add(C);
    assertEquals(List.of(B, A, C), List.of(q.poll().get(), q.poll().get(), q.poll().get()));
  }

  @Test
  void add_whileProcessing_marksItDirty_andDoneQueuesItAgain_issue15item1() {
    WorkQueue<PodKey> q = queue();
    q.add(A);
    PodKey taken = q.poll().orElseThrow();
    q.add(A); // an update arrives while a worker holds the pod
    q.add(A);
    assertEquals(0, q.len(), "not queued while processing: no second worker may take it");
    assertEquals(Optional.empty(), q.poll());
    q.done(taken);
    assertEquals(1, q.len(), "queued again, once, when the first worker is done");
    assertEquals(Optional.of(A), q.poll());
    q.done(A);
    assertEquals(Optional.empty(), q.poll());
    assertTrue(q.idle());
    assertEquals(0, q.stats().trackedKeys());
  }

  @Test
  void get_neverHandsOutAKeyAnotherWorkerHolds_butOtherKeysFlow_issue15item1() {
    WorkQueue<PodKey> q = queue();
    q.add(A);
    q.add(B);
    PodKey first = q.poll().orElseThrow(); // worker 1 holds A
    q.add(A);
    PodKey second = q.poll().orElseThrow(); // worker 2 gets B, not A
    assertEquals(A, first);
    assertEquals(B, second);
    assertEquals(Optional.empty(), q.poll());
    q.done(A);
    assertEquals(Optional.of(A), q.poll());
  }

  @Test
  void done_forAKeyNotBeingProcessed_isRefused() {
    WorkQueue<PodKey> q = queue();
    q.add(A);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> q.done(A));
    assertTrue(e.getMessage().contains("default/a"), e.getMessage());
  }

  @Test
  void addAfter_queuesTheKeyOnlyOnceItsDelayHasPassed_inVirtualTime() {
    WorkQueue<PodKey> q = queue();
    q.addAfter(A, Duration.ofSeconds(2));
    assertEquals(0, q.len());
    assertEquals(1, q.stats().waiting());
    clock.advance(Duration.ofMillis(1999));
    assertEquals(0, q.len());
    clock.advance(Duration.ofMillis(1));
    assertEquals(1, q.len());
    assertEquals(0, q.stats().waiting());
  }

  @Test
  void addAfter_twice_keepsTheEarlierTime_andOneWakeUpIsPending() {
    WorkQueue<PodKey> q = queue();
    q.addAfter(A, Duration.ofSeconds(5));
    q.addAfter(A, Duration.ofSeconds(1));
    q.addAfter(A, Duration.ofSeconds(3));
    assertEquals(1, clock.pendingWakes(), "one wake-up at a time: the earliest");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(Optional.of(A), q.poll());
    q.done(A);
    clock.advance(Duration.ofSeconds(10));
    assertEquals(Optional.empty(), q.poll(), "the later times were merged into the earlier one");
    assertEquals(0, clock.pendingWakes());
  }

  @Test
  void addAfter_withNoDelay_queuesAtOnce() {
    WorkQueue<PodKey> q = queue();
    q.addAfter(A, Duration.ZERO);
    q.addAfter(B, Duration.ofSeconds(-1));
    assertEquals(2, q.len());
  }

  @Test
  void addRateLimited_waitsBaseTimesTwoToTheN_cappedAtTheCap_issue15item1() {
    WorkQueue<PodKey> q = queue(); // 5 ms doubling, cap 40 ms
    List<Duration> waits = new ArrayList<>();
    List<Duration> observed = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      Instant before = clock.now();
      waits.add(q.addRateLimited(A));
      // The key becomes ready exactly when its wait has passed, not a nanosecond earlier.
      clock.advanceTo(clock.now().plus(waits.get(i)).minusNanos(1));
      assertEquals(0, q.len(), "ready too early after retry " + i);
      clock.advance(Duration.ofNanos(1));
      observed.add(Duration.between(before, clock.now()));
      assertEquals(Optional.of(A), q.poll());
      q.done(A);
    }
    List<Duration> expected =
        List.of(5L, 10L, 20L, 40L, 40L, 40L).stream().map(Duration::ofMillis).toList();
    assertEquals(expected, waits);
    assertEquals(expected, observed);
    assertEquals(6, q.numRequeues(A));
  }

  @Test
  void forget_startsTheBackoffOver_issue15item1() {
    WorkQueue<PodKey> q = queue();
    q.addRateLimited(A);
    q.addRateLimited(A);
    assertEquals(Duration.ofMillis(20), q.addRateLimited(A));
    q.forget(A);
    assertEquals(0, q.numRequeues(A));
    assertEquals(Duration.ofMillis(5), q.addRateLimited(A));
  }

  @Test
  void backoff_isPerKey() {
    WorkQueue<PodKey> q = queue();
    q.addRateLimited(A);
    q.addRateLimited(A);
    assertEquals(Duration.ofMillis(5), q.addRateLimited(B));
  }

  @Test
  void shutDown_ignoresAdds_dropsWaitingKeys_andGetDrainsWhatIsQueuedThenReturnsEmpty()
      throws Exception {
    WorkQueue<PodKey> q = queue();
    q.add(A);
    q.add(B);
    q.addAfter(C, Duration.ofSeconds(1));
    q.shutDown();
    assertTrue(q.shuttingDown());
    assertFalse(q.add(C));
    assertFalse(q.addAfter(C, Duration.ofSeconds(1)));
    assertEquals(0, q.stats().waiting());
    assertEquals(0, clock.pendingWakes(), "its wake-up was cancelled");
    assertEquals(Optional.of(A), q.get());
    assertEquals(Optional.of(B), q.get());
    assertEquals(Optional.empty(), q.get(), "shut down and empty: get returns at once");
    clock.advance(Duration.ofSeconds(5));
    assertEquals(Optional.empty(), q.poll());
  }

  @Test
  void shutDownWithDrain_waitsUntilEveryKeyBeingProcessedIsDone_issue15item1() throws Exception {
    WorkQueue<PodKey> q = queue();
    q.add(A);
    PodKey held = q.get().orElseThrow();
    assertFalse(q.shutDownWithDrain(Duration.ZERO), "a worker still holds a key");

    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean drained = new AtomicBoolean();
    Thread drainer =
        new Thread(
            () -> {
              started.countDown();
              try {
                q.shutDownWithDrain();
                drained.set(true);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    drainer.start();
    started.await();
    assertFalse(drained.get());
    q.done(held);
    drainer.join();
    assertTrue(drained.get());
    assertTrue(q.shutDownWithDrain(Duration.ZERO));
  }

  @Test
  void get_blocksUntilAKeyIsAdded_withoutPolling() throws Exception {
    WorkQueue<PodKey> q = queue();
    List<PodKey> got = new ArrayList<>();
    CountDownLatch waiting = new CountDownLatch(1);
    Thread worker =
        new Thread(
            () -> {
              waiting.countDown();
              try {
                q.get().ifPresent(got::add);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    worker.start();
    waiting.await();
    q.add(A);
    worker.join();
    assertEquals(List.of(A), got);
  }

  @Test
  void get_withATimeout_returnsEmptyWhenNothingCame() throws Exception {
    assertEquals(Optional.empty(), queue().get(Duration.ZERO));
  }

  @Test
  void maxKeys_boundsTheDistinctKeysTracked_butNeverRefusesAKeyAlreadyTracked_issue15item1() {
    WorkQueue<PodKey> q =
        WorkQueue.<PodKey>builder()
            .clock(clock)
            .maxKeys(2)
            .rateLimiter(RateLimiters.exponential(Duration.ofMillis(5), Duration.ofMillis(5)))
            .build();
    assertTrue(q.add(A));
    assertTrue(q.addAfter(B, Duration.ofSeconds(1)));
    assertFalse(q.add(C), "a third key is refused");
    assertFalse(q.addAfter(C, Duration.ofSeconds(1)));
    assertEquals(2, q.stats().refused());
    PodKey taken = q.poll().orElseThrow();
    assertTrue(q.add(A), "a key being processed is re-added even when the queue is full");
    assertTrue(q.add(B), "a waiting key may also be queued");
    q.done(taken);
    assertEquals(2, q.len());
    assertEquals(2, q.stats().trackedKeys());
    q.poll();
    q.poll();
    q.done(A);
    q.done(B);
    clock.advance(Duration.ofSeconds(1)); // B's wait ends: queued again
    q.done(q.poll().orElseThrow());
    assertEquals(0, q.stats().trackedKeys(), "nothing is kept for keys that are gone");
    assertTrue(q.add(C));
  }

  @Test
  void exponential_neverOverflows_evenAfterManyRetriesOrWithAnEndlessCap() {
    RateLimiter<PodKey> huge =
        RateLimiters.exponential(Duration.ofNanos(1), ChronoUnit.FOREVER.getDuration());
    Duration last = Duration.ZERO;
    for (int i = 0; i < 200; i++) {
      Duration d = huge.when(A, clock.now());
      assertFalse(d.isNegative());
      assertTrue(d.compareTo(last) >= 0, "never shrinks: " + d + " after " + last);
      last = d;
    }
    RateLimiter<PodKey> capped =
        RateLimiters.exponential(Duration.ofSeconds(1), Duration.ofSeconds(60));
    for (int i = 0; i < 100; i++) {
      capped.when(A, clock.now());
    }
    assertEquals(Duration.ofSeconds(60), capped.when(A, clock.now()));
  }

  @Test
  void exponential_pastItsKeyBound_waitsTheCapWithoutCounting() {
    RateLimiter<PodKey> limiter =
        RateLimiters.exponential(Duration.ofMillis(5), Duration.ofSeconds(1), 1);
    assertEquals(Duration.ofMillis(5), limiter.when(A, clock.now()));
    assertEquals(Duration.ofSeconds(1), limiter.when(B, clock.now()));
    assertEquals(0, limiter.numRequeues(B));
    limiter.forget(A);
    assertEquals(Duration.ofMillis(5), limiter.when(B, clock.now()));
  }

  @Test
  void tokenBucket_letsABurstThrough_thenSpacesRetriesAtItsRate() {
    RateLimiter<PodKey> bucket = RateLimiters.tokenBucket(1.0, 2);
    Instant now = clock.now();
    assertEquals(Duration.ZERO, bucket.when(A, now));
    assertEquals(Duration.ZERO, bucket.when(B, now));
    assertEquals(Duration.ofSeconds(1), bucket.when(C, now));
    assertEquals(Duration.ofSeconds(2), bucket.when(A, now));
    // Three seconds later the debt of two is paid and one token is back.
    assertEquals(Duration.ZERO, bucket.when(A, now.plusSeconds(3)));
    assertEquals(0, bucket.numRequeues(A));
  }

  @Test
  void controllerDefault_isTheLargerOfTheExponentialBackoffAndTheBucket() {
    RateLimiter<PodKey> limiter = RateLimiters.controllerDefault();
    Instant now = clock.now();
    for (int i = 0; i < 100; i++) {
      assertEquals(Duration.ofMillis(5), limiter.when(PodKey.of("default", "p" + i), now));
    }
    // The burst of 100 is spent: the bucket (10 per second) decides.
    assertEquals(Duration.ofMillis(100), limiter.when(PodKey.of("default", "p100"), now));
    assertEquals(1, limiter.numRequeues(PodKey.of("default", "p0")));
  }

  @Test
  void limiters_refuseValuesOutOfRange() {
    assertThrows(
        IllegalArgumentException.class,
        () -> RateLimiters.exponential(Duration.ZERO, Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> RateLimiters.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> RateLimiters.tokenBucket(0, 1));
    assertThrows(IllegalArgumentException.class, () -> RateLimiters.tokenBucket(Double.NaN, 1));
    assertThrows(IllegalArgumentException.class, () -> RateLimiters.tokenBucket(1, 0));
    assertThrows(IllegalArgumentException.class, () -> RateLimiters.maxOf(List.of()));
    assertThrows(IllegalArgumentException.class, () -> WorkQueue.builder().maxKeys(0));
  }

  @Test
  void podKey_keepsNamespaceAndNameApart_andChecksThemAsKubernetesDoes() {
    assertFalse(PodKey.of("a", "bc").equals(PodKey.of("ab", "c")));
    assertEquals(PodKey.of("a", "b.c"), new PodKey("a", "b.c"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PodKey.of("a/b", "c\u001b"));
    assertTrue(e.getMessage().contains("namespace"), e.getMessage());
    assertTrue(e.getMessage().contains("name"), e.getMessage());
    assertFalse(e.getMessage().contains("\u001b"), "control characters are escaped");
    assertEquals("default/web-0", PodKey.of("default", "web-0").toString());
  }

  @Test
  void systemClock_wakesUpInRealTime_andStopsWhenClosed() throws Exception {
    try (SystemLoopClock system = LoopClock.system()) {
      CountDownLatch woke = new CountDownLatch(1);
      system.wakeAt(system.now().plusMillis(1), woke::countDown);
      woke.await();
      WorkQueue<PodKey> q = WorkQueue.<PodKey>builder().clock(system).build();
      q.addAfter(A, Duration.ofMillis(1));
      assertEquals(Optional.of(A), q.get(), "get blocks until the delay has passed");
    }
  }
}
