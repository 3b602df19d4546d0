package dev.terway4j.testkit;

import static dev.terway4j.testkit.PropertyChecks.forAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Labels and event counts of a run (issue 12 item 5): measured over the tries that passed. */
class StatisticsTest {
  @Test
  void labels_countEachPassingTryOnce_andFractionsAddUp() throws Exception {
    DefaultSettings.run(
        () -> {
          PropertyResult result =
              forAll(Gens.integers(0, 99))
                  .withTries(200)
                  .check(
                      n -> {
                        PropertyChecks.classify(n % 2 == 0, "even");
                        PropertyChecks.classify(n % 2 == 0, "even"); // twice: still one try
                        PropertyChecks.classify(n % 2 != 0, "odd");
                        return true;
                      });
          Statistics statistics = result.statistics();
          assertEquals(200, statistics.tries());
          assertEquals(200, statistics.count("even") + statistics.count("odd"));
          assertEquals(1.0, statistics.fraction("even") + statistics.fraction("odd"), 1e-9);
          assertEquals(0, statistics.count("never given"));
        });
  }

  @Test
  void events_areSummedOverTheTries() throws Exception {
    DefaultSettings.run(
        () -> {
          PropertyResult result =
              forAll(Gens.listOf(Gens.integers(0, 9), 0, 5))
                  .withTries(100)
                  .check(
                      list -> {
                        PropertyChecks.count("elements", list.size());
                        return true;
                      });
          // The same seed gives the same lists: recount them independently.
          long[] expected = {0};
          forAll(Gens.listOf(Gens.integers(0, 9), 0, 5))
              .withSeed(result.seed())
              .withTries(100)
              .check(
                  list -> {
                    expected[0] += list.size();
                    return true;
                  });
          assertEquals(expected[0], result.statistics().events("elements"));
        });
  }

  @Test
  void discardedTries_andShrinkingReplays_addNothing() throws Exception {
    DefaultSettings.run(
        () -> {
          PropertyResult result =
              forAll(Gens.integers(0, 99))
                  .withTries(50)
                  .checkThat(
                      n -> {
                        PropertyChecks.label("seen");
                        PropertyChecks.assume(n % 2 == 0);
                        PropertyChecks.label("kept");
                      });
          assertEquals(50, result.statistics().count("seen"));
          assertEquals(50, result.statistics().count("kept"));
          assertTrue(result.discarded() > 0, "some odd numbers were discarded");
        });
  }

  @Test
  void requireAtLeast_failsWithTheTable_whenALabelIsTooRare() throws Exception {
    DefaultSettings.run(
        () -> {
          PropertyResult result =
              forAll(Gens.integers(0, 99))
                  .withTries(100)
                  .checkThat(n -> PropertyChecks.classify(n == 1_000, "impossible"));
          AssertionError error =
              assertThrows(
                  AssertionError.class,
                  () -> result.statistics().requireAtLeast("impossible", 0.01));
          assertTrue(
              error.getMessage().contains("'impossible' was on 0.0% of 100 tries"),
              error::getMessage);
          result.statistics().requireAtLeast("impossible", 0);
        });
  }

  @Test
  void labelOutsideAProperty_isAClearMistake() throws Exception {
    DefaultSettings.run(
        () -> {
          IllegalStateException e =
              assertThrows(IllegalStateException.class, () -> PropertyChecks.label("x"));
          assertTrue(e.getMessage().contains("inside a property body"), e.getMessage());
          assertThrows(IllegalStateException.class, () -> PropertyChecks.count("x"));
        });
  }

  @Test
  void badLabels_areRejected_andControlCharactersEscaped() throws Exception {
    DefaultSettings.run(
        () -> {
          PropertyResult result =
              forAll(Gens.constant(1))
                  .withTries(1)
                  .checkThat(
                      n -> {
                        assertThrows(
                            IllegalArgumentException.class, () -> PropertyChecks.label(" "));
                        assertThrows(
                            IllegalArgumentException.class, () -> PropertyChecks.count("x", -1));
                        PropertyChecks.label("bell\u0007");
                      });
          assertEquals(List.of("bell\\u0007"), List.copyOf(result.statistics().labels().keySet()));
        });
  }

  @Test
  void nestedProperties_keepTheirOwnStatistics() throws Exception {
    DefaultSettings.run(
        () -> {
          PropertyResult outer =
              forAll(Gens.integers(0, 3))
                  .withTries(10)
                  .checkThat(
                      n -> {
                        PropertyChecks.label("outer");
                        PropertyResult inner =
                            forAll(Gens.integers(0, 3))
                                .withTries(3)
                                .checkThat(m -> PropertyChecks.label("inner"));
                        assertEquals(3, inner.statistics().count("inner"));
                        assertEquals(0, inner.statistics().count("outer"));
                      });
          assertEquals(10, outer.statistics().count("outer"));
          assertEquals(0, outer.statistics().count("inner"));
        });
  }
}
