package dev.terway4j.testkit;

import static dev.terway4j.testkit.PropertyChecks.assume;
import static dev.terway4j.testkit.PropertyChecks.forAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The property runner: tries, seeds, replay, failure reports, discards. */
class PropertyRunnerTest {
  private static final Gen<List<Integer>> LISTS = Gens.listOf(Gens.integers(0, 1_000), 0, 30);

  /** The tries a run makes when the code asks for {@code requested}; long mode may raise it. */
  private static int effectiveTries(int requested) {
    return Math.max(requested, Integer.getInteger(PropertyChecks.TRIES_PROPERTY, 0));
  }

  private static PropertyFailure failingListRun(long seed) {
    return assertThrows(
        PropertyFailure.class,
        () -> forAll(LISTS).withSeed(seed).check(list -> list.stream().allMatch(x -> x < 500)));
  }

  @Test
  void replay_sameSeed_givesSameCounterexample() {
    PropertyFailure first = failingListRun(20_240_601L);
    PropertyFailure second = failingListRun(20_240_601L);
    assertEquals(first.originalCounterexample(), second.originalCounterexample());
    assertEquals(first.shrunkCounterexample(), second.shrunkCounterexample());
    assertEquals(first.tryNumber(), second.tryNumber());
    assertEquals(first.shrinkSteps(), second.shrinkSteps());
    assertEquals(first.getMessage(), second.getMessage());
  }

  @Test
  void replay_differentSeeds_exploreDifferentValues() {
    List<Object> originals = new ArrayList<>();
    for (long seed = 1; seed <= 5; seed++) {
      originals.add(failingListRun(seed).originalCounterexample());
    }
    assertNotEquals(1, originals.stream().distinct().count(), "originals: " + originals);
  }

  @Test
  void failureMessage_containsSeedTryCounterexamplesStepsAndCause() {
    PropertyFailure failure = failingListRun(1234L);
    String message = failure.getMessage();
    assertEquals(1234L, failure.seed());
    assertTrue(message.contains("seed 1234"), message);
    assertTrue(message.contains("-Dterway.seed=1234"), message);
    assertTrue(message.contains(".withSeed(1234L)"), message);
    assertTrue(message.contains("try " + failure.tryNumber() + " of "), message);
    assertTrue(message.contains("original counterexample: " + failure.originalCounterexample()));
    assertTrue(message.contains("shrunk counterexample (" + failure.shrinkSteps() + " shrink"));
    assertTrue(message.contains(": " + failure.shrunkCounterexample()), message);
    assertTrue(message.contains("property returned false"), message);
    assertEquals(List.of(500), failure.shrunkCounterexample());
    assertInstanceOf(AssertionError.class, failure.getCause());
  }

  @Test
  void replay_seedSystemProperty_isUsedWhenNoSeedIsGiven() {
    String previous = System.getProperty(PropertyChecks.SEED_PROPERTY);
    System.setProperty(PropertyChecks.SEED_PROPERTY, "777");
    try {
      PropertyFailure failure =
          assertThrows(
              PropertyFailure.class,
              () -> forAll(LISTS).check(list -> list.stream().allMatch(x -> x < 500)));
      assertEquals(777L, failure.seed());
      assertEquals(failingListRun(777L).originalCounterexample(), failure.originalCounterexample());
      assertEquals(777L, forAll(Gens.booleans()).withTries(1).check(b -> true).seed());
    } finally {
      restore(PropertyChecks.SEED_PROPERTY, previous);
    }
  }

  @Test
  void replay_malformedSeedSystemProperty_isRejectedClearly() {
    String previous = System.getProperty(PropertyChecks.SEED_PROPERTY);
    System.setProperty(PropertyChecks.SEED_PROPERTY, "not-a-number");
    try {
      IllegalArgumentException error =
          assertThrows(
              IllegalArgumentException.class, () -> forAll(Gens.booleans()).check(b -> true));
      assertTrue(error.getMessage().contains("terway.seed"), error.getMessage());
    } finally {
      restore(PropertyChecks.SEED_PROPERTY, previous);
    }
  }

  @Test
  void check_passingProperty_runsRequestedNumberOfTries() {
    AtomicInteger calls = new AtomicInteger();
    PropertyResult result =
        forAll(Gens.integers(0, 10))
            .withTries(37)
            .withSeed(3)
            .check(
                x -> {
                  calls.incrementAndGet();
                  return x >= 0 && x <= 10;
                });
    assertEquals(effectiveTries(37), result.tries());
    assertEquals(effectiveTries(37), calls.get());
    assertEquals(0, result.discarded());
    assertEquals(3L, result.seed());
  }

  @Test
  void check_withoutTries_runsOneHundredByDefault() {
    AtomicInteger calls = new AtomicInteger();
    PropertyResult result = forAll(Gens.booleans()).checkThat(b -> calls.incrementAndGet());
    assertEquals(effectiveTries(100), calls.get());
    assertEquals(effectiveTries(100), result.tries());
  }

  @Test
  void check_triesSystemProperty_raisesButNeverLowersTries() {
    String previous = System.getProperty(PropertyChecks.TRIES_PROPERTY);
    try {
      System.setProperty(PropertyChecks.TRIES_PROPERTY, "150");
      assertEquals(150, forAll(Gens.booleans()).withTries(20).check(b -> true).tries());
      System.setProperty(PropertyChecks.TRIES_PROPERTY, "5");
      assertEquals(20, forAll(Gens.booleans()).withTries(20).check(b -> true).tries());
    } finally {
      restore(PropertyChecks.TRIES_PROPERTY, previous);
    }
  }

  @Test
  void check_twoGenerators_passesAndCountsTries() {
    PropertyResult result =
        forAll(Gens.integers(-100, 100), Gens.integers(-100, 100))
            .withTries(50)
            .check((a, b) -> a + b == b + a);
    assertEquals(effectiveTries(50), result.tries());
  }

  @Test
  void checkThat_throwingBody_failsWithShrunkThrowableAsCause() {
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () ->
                forAll(Gens.integers(0, 1_000))
                    .withSeed(8)
                    .checkThat(
                        x -> {
                          if (x >= 50) {
                            throw new IllegalStateException("too big: " + x);
                          }
                        }));
    assertEquals(50, failure.shrunkCounterexample());
    assertInstanceOf(IllegalStateException.class, failure.getCause());
    assertEquals("too big: 50", failure.getCause().getMessage());
    assertInstanceOf(IllegalStateException.class, failure.originalFailure());
    assertTrue(
        failure.getMessage().contains(failure.originalFailure().getMessage()),
        failure.getMessage());
  }

  @Test
  void checkThat_checkedException_isAFailure() {
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () ->
                forAll(Gens.alphanumeric(0, 5))
                    .withSeed(2)
                    .checkThat(
                        s -> {
                          if (!s.isEmpty()) {
                            throw new java.io.IOException("cannot handle " + s);
                          }
                        }));
    assertEquals("a", failure.shrunkCounterexample());
    assertInstanceOf(java.io.IOException.class, failure.getCause());
  }

  @Test
  void checkThat_virtualMachineError_propagatesUnchanged() {
    Executable run =
        () ->
            forAll(Gens.integers(0, 10))
                .checkThat(
                    x -> {
                      throw new StackOverflowError("deliberate");
                    });
    assertEquals("deliberate", assertThrows(StackOverflowError.class, run).getMessage());
  }

  @Test
  void failure_reportsValueAsGeneratedEvenIfPropertyMutatesIt() {
    Gen<List<Integer>> mutable = LISTS.map(ArrayList::new);
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () ->
                forAll(mutable)
                    .withSeed(4)
                    .check(
                        list -> {
                          boolean ok = list.size() < 3;
                          list.clear();
                          return ok;
                        }));
    assertEquals(List.of(0, 0, 0), failure.shrunkCounterexample());
  }

  @Test
  void assume_falseCondition_discardsWithoutCountingATry() {
    List<Integer> seen = new ArrayList<>();
    PropertyResult result =
        forAll(Gens.integers(0, 100))
            .withTries(50)
            .withSeed(6)
            .checkThat(
                x -> {
                  assume(x % 2 == 0);
                  seen.add(x);
                });
    assertEquals(effectiveTries(50), result.tries());
    assertEquals(effectiveTries(50), seen.size());
    assertTrue(result.discarded() > 0, "some odd values were discarded: " + result);
    assertTrue(seen.stream().allMatch(x -> x % 2 == 0), "only even values checked: " + seen);
  }

  @Test
  void filter_rejectingEverything_failsWithClearMessage() {
    TooManyDiscardsError error =
        assertThrows(
            TooManyDiscardsError.class,
            () -> forAll(Gens.integers(0, 10).filter(x -> x > 10)).withSeed(1).check(x -> true));
    String message = error.getMessage();
    assertTrue(message.startsWith("Gave up after"), message);
    assertTrue(message.contains("integers(0, 10).filter(...)"), message);
    assertTrue(message.contains("rejected 100 candidates in a row"), message);
    assertTrue(message.contains("seed 1"), message);
    assertEquals(0, error.passedTries());
    assertTrue(error.discarded() > 0);
  }

  @Test
  void assume_neverSatisfied_givesUpAfterDiscardBudget() {
    TooManyDiscardsError error =
        assertThrows(
            TooManyDiscardsError.class,
            () -> forAll(Gens.integers(0, 10)).withMaxDiscards(30).checkThat(x -> assume(false)));
    assertEquals(31, error.discarded());
    assertTrue(error.getMessage().contains("assume"), error.getMessage());
  }

  @Test
  void settings_invalidValues_areRejected() {
    Property<Integer> property = forAll(Gens.integers(0, 1));
    assertThrows(IllegalArgumentException.class, () -> property.withTries(0));
    assertThrows(IllegalArgumentException.class, () -> property.withMaxDiscards(0));
    assertThrows(IllegalArgumentException.class, () -> property.withMaxShrinkAttempts(-1));
  }

  private static void restore(String key, String previous) {
    if (previous == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, previous);
    }
  }

  @Test
  void failureMessage_staysShort_evenForHugeCounterexamples_issue14item11() {
    Gen<String> huge = Gens.integers(5_000, 6_000).map(n -> "x".repeat(n));
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () -> forAll(huge).withMaxShrinkAttempts(0).check(text -> text.length() < 5_000));
    String message = failure.getMessage();
    // Two counterexamples cut to 1,000 characters each, plus the seed lines and the causes.
    assertTrue(message.length() < 4_000, "message of " + message.length() + " chars");
    assertTrue(message.contains("chars; the whole value is on the PropertyFailure"), message);
    assertTrue(((String) failure.shrunkCounterexample()).length() >= 5_000, "value kept whole");
  }
}
