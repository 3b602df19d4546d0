package dev.terway4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The action-sequence runner finds bugs in stateful systems and shrinks them to minimal steps. */
class ActionSequencesTest {
  private static final long[] SEEDS = {1L, 2L, 3L, 17L, 2024L};

  /** The system under test: a stack of ints. */
  interface IntStack {
    void push(int value);

    int pop();
  }

  /** A correct stack that also refuses to pop when empty, so skipped preconditions show up. */
  static class StrictStack implements IntStack {
    final Deque<Integer> items = new ArrayDeque<>();

    @Override
    public void push(int value) {
      items.push(value);
    }

    @Override
    public int pop() {
      if (items.isEmpty()) {
        throw new IllegalStateException("pop on an empty stack: a precondition was ignored");
      }
      return items.pop();
    }
  }

  /** Pops a wrong value once it holds three or more items. */
  static final class BuggyStack extends StrictStack {
    @Override
    public int pop() {
      boolean deep = items.size() >= 3;
      int top = super.pop();
      return deep ? top + 1 : top;
    }
  }

  static Action<List<Integer>, IntStack> push(int value) {
    return Action.of(
        "push(" + value + ")",
        (model, sut) -> {
          model.add(value);
          sut.push(value);
        });
  }

  static final Action<List<Integer>, IntStack> POP =
      Action.of(
          "pop",
          model -> !model.isEmpty(),
          (model, sut) -> {
            int expected = model.remove(model.size() - 1);
            int actual = sut.pop();
            if (actual != expected) {
              throw new AssertionError("pop returned " + actual + ", expected " + expected);
            }
          });

  /** Pops are generated even on an empty model, so the runner must honour the precondition. */
  static final Gen<Action<List<Integer>, IntStack>> STACK_ACTIONS =
      Gens.oneOf(Gens.integers(0, 100).map(ActionSequencesTest::push), Gens.constant(POP));

  private static ActionSequences<List<Integer>, IntStack> stackTest(Supplier<IntStack> sut) {
    return ActionSequences.<List<Integer>, IntStack>of(ArrayList::new, sut, model -> STACK_ACTIONS);
  }

  @Test
  void actionSequences_buggyStack_shrinksToMinimalSequence() {
    for (long seed : SEEDS) {
      PropertyFailure failure =
          assertThrows(
              PropertyFailure.class, () -> stackTest(BuggyStack::new).withSeed(seed).check());
      assertEquals(
          "[push(0), push(0), push(0), pop]",
          failure.shrunkCounterexample().toString(),
          failure.getMessage());
      assertInstanceOf(AssertionError.class, failure.getCause());
      assertEquals("pop returned 1, expected 0", failure.getCause().getMessage());
    }
  }

  @Test
  void actionSequences_failureReport_listsMinimalStepsAndSeed() {
    PropertyFailure failure =
        assertThrows(PropertyFailure.class, () -> stackTest(BuggyStack::new).withSeed(31).check());
    String message = failure.getMessage();
    assertTrue(message.contains("-Dterway.seed=31"), message);
    assertTrue(message.contains(".withSeed(31L)"), message);
    assertTrue(message.contains("minimal failing sequence (4 steps"), message);
    assertTrue(
        message.contains(
            "    1. push(0)\n"
                + "    2. push(0)\n"
                + "    3. push(0)\n"
                + "    4. pop   <-- failed: java.lang.AssertionError: pop returned 1, expected 0\n"),
        message);
    List<?> original = (List<?>) failure.originalCounterexample();
    assertTrue(message.contains("original failing sequence (" + original.size() + " steps)"));
    assertTrue(original.size() >= 4, "original: " + original);
  }

  @Test
  void actionSequences_sameSeed_replaysSameSequences() {
    PropertyFailure first =
        assertThrows(PropertyFailure.class, () -> stackTest(BuggyStack::new).withSeed(8).check());
    PropertyFailure second =
        assertThrows(PropertyFailure.class, () -> stackTest(BuggyStack::new).withSeed(8).check());
    assertEquals(
        first.originalCounterexample().toString(), second.originalCounterexample().toString());
    assertEquals(first.getMessage(), second.getMessage());
  }

  @Test
  void actionSequences_correctStack_passesWhileSkippingInvalidActions() {
    AtomicInteger refused = new AtomicInteger();
    Action<List<Integer>, IntStack> countingPop =
        Action.of(
            "pop",
            model -> {
              if (model.isEmpty()) {
                refused.incrementAndGet();
                return false;
              }
              return true;
            },
            (model, sut) -> POP.run(model, sut));
    Gen<Action<List<Integer>, IntStack>> actions =
        Gens.oneOf(
            Gens.integers(0, 100).map(ActionSequencesTest::push), Gens.constant(countingPop));
    PropertyResult result =
        ActionSequences.<List<Integer>, IntStack>of(
                ArrayList::new, StrictStack::new, model -> actions)
            .withSeed(5)
            .withTries(60)
            .check();
    assertEquals(
        Math.max(60, Integer.getInteger(PropertyChecks.TRIES_PROPERTY, 0)), result.tries());
    assertTrue(refused.get() > 0, "pops on an empty model were generated and skipped");
  }

  @Test
  void actionSequences_shrinking_neverRunsActionsWhosePreconditionFails() {
    // StrictStack throws on an empty pop; had replay ignored preconditions, the shrinker would
    // have accepted that failure and reported the shorter sequence [pop].
    for (long seed : SEEDS) {
      PropertyFailure failure =
          assertThrows(
              PropertyFailure.class, () -> stackTest(BuggyStack::new).withSeed(seed).check());
      List<?> steps = (List<?>) failure.shrunkCounterexample();
      assertEquals(POP, steps.get(steps.size() - 1));
      assertEquals(3, steps.stream().filter(s -> s.toString().startsWith("push")).count());
    }
  }

  @Test
  void actionSequences_invariantViolation_shrinksToMinimalSteps() {
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () ->
                ActionSequences.<int[], Counter>of(
                        () -> new int[1], () -> new Counter(5, true), model -> COUNTER_ACTIONS)
                    .invariant(
                        (model, counter) -> {
                          if (counter.value > counter.bound) {
                            throw new AssertionError("counter " + counter.value + " > bound");
                          }
                        })
                    .withSeed(12)
                    .check());
    List<?> steps = (List<?>) failure.shrunkCounterexample();
    assertEquals(6, steps.size(), failure.getMessage());
    assertTrue(steps.stream().allMatch(s -> s.toString().equals("increment")), steps.toString());
    assertTrue(
        failure.getMessage().contains("6. increment   <-- invariant failed after this step"),
        failure.getMessage());
  }

  @Test
  void actionSequences_correctCounter_passesWithInvariantAndMaxLength() {
    AtomicInteger longest = new AtomicInteger();
    ActionSequences.<int[], Counter>of(
            () -> new int[1], () -> new Counter(5, false), model -> COUNTER_ACTIONS)
        .maxLength(7)
        .invariant(
            (model, counter) -> {
              longest.accumulateAndGet(counter.steps, Math::max);
              if (counter.value > counter.bound) {
                throw new AssertionError("over bound");
              }
            })
        .withSeed(3)
        .check();
    assertEquals(7, longest.get(), "sequences reach, and never exceed, the maximum length");
  }

  @Test
  void actionSequences_autoCloseableSut_isClosedAfterEveryTry() {
    AtomicInteger opened = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    assertThrows(
        PropertyFailure.class,
        () ->
            stackTest(
                    () -> {
                      opened.incrementAndGet();
                      return new ClosingStack(closed);
                    })
                .withSeed(4)
                .check());
    assertTrue(opened.get() > 1, "several tries and replays ran");
    assertEquals(opened.get(), closed.get());
  }

  @Test
  void actionSequences_failingInitialInvariant_isReportedBeforeAnyStep() {
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () ->
                stackTest(StrictStack::new)
                    .invariant(
                        (model, sut) -> {
                          throw new IllegalStateException("broken from the start");
                        })
                    .withSeed(1)
                    .check());
    assertEquals(List.of(), failure.shrunkCounterexample());
    assertTrue(failure.getMessage().contains("invariant failed on the initial state"));
  }

  @Test
  void actionSequences_invalidMaxLength_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> stackTest(StrictStack::new).maxLength(0));
  }

  /** A counter that should never exceed its bound; the buggy one forgets to check. */
  static final class Counter {
    final int bound;
    final boolean buggy;
    int value;
    int steps;

    Counter(int bound, boolean buggy) {
      this.bound = bound;
      this.buggy = buggy;
    }

    void increment() {
      steps++;
      if (buggy || value < bound) {
        value++;
      }
    }

    void reset() {
      steps++;
      value = 0;
    }
  }

  static final Gen<Action<int[], Counter>> COUNTER_ACTIONS =
      Gens.frequency(
          4,
          Gens.constant(
              Action.<int[], Counter>of(
                  "increment",
                  (model, counter) -> {
                    model[0] = Math.min(model[0] + 1, counter.bound);
                    counter.increment();
                  })),
          1,
          Gens.constant(
              Action.<int[], Counter>of(
                  "reset",
                  model -> model[0] > 0,
                  (model, counter) -> {
                    model[0] = 0;
                    counter.reset();
                  })));

  /** A correct-until-deep stack that records being closed. */
  static final class ClosingStack extends StrictStack implements AutoCloseable {
    private final AtomicInteger closed;
    private final BuggyStack delegate = new BuggyStack();

    ClosingStack(AtomicInteger closed) {
      this.closed = closed;
    }

    @Override
    public void push(int value) {
      delegate.push(value);
    }

    @Override
    public int pop() {
      return delegate.pop();
    }

    @Override
    public void close() {
      closed.incrementAndGet();
    }
  }
}
