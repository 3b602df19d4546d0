package dev.terway4j.testkit;

import static dev.terway4j.testkit.PropertyChecks.forAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Shrinking finds minimal counterexamples, including through every combinator. */
class ShrinkingTest {
  private static final long[] SEEDS = {1L, 2L, 3L, 42L, -7L, 123_456_789L};

  /** Runs a property expected to fail with several seeds and returns every shrunk value. */
  private static <T> List<Object> shrunkFor(Gen<T> gen, Predicate<? super T> property) {
    List<Object> shrunk = new ArrayList<>();
    for (long seed : SEEDS) {
      PropertyFailure failure =
          assertThrows(PropertyFailure.class, () -> forAll(gen).withSeed(seed).check(property));
      shrunk.add(failure.shrunkCounterexample());
    }
    return shrunk;
  }

  private static void assertAllShrinkTo(Object expected, List<Object> shrunk) {
    for (Object value : shrunk) {
      assertEquals(expected, value, "all shrunk values: " + shrunk);
    }
  }

  @Test
  void shrink_integerProperty_findsBoundary() {
    assertAllShrinkTo(100, shrunkFor(Gens.integers(0, 10_000), x -> x < 100));
  }

  @Test
  void shrink_negativeIntegers_findBoundaryNearestZero() {
    assertAllShrinkTo(-50, shrunkFor(Gens.integers(-10_000, 10_000), x -> x > -50));
  }

  @Test
  void shrink_rangeWithoutZero_shrinksTowardBoundNearestZero() {
    assertAllShrinkTo(500, shrunkFor(Gens.integers(500, 1_000), x -> false));
    assertAllShrinkTo(-500, shrunkFor(Gens.integers(-1_000, -500), x -> false));
  }

  @Test
  void shrink_longsOverFullRange_findBoundary() {
    assertAllShrinkTo(
        1_000_000_000_000L,
        shrunkFor(Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE), x -> x < 1_000_000_000_000L));
  }

  @Test
  void shrink_listWithLargeElement_findsSingletonOfBoundary() {
    Gen<List<Integer>> lists = Gens.listOf(Gens.integers(0, 1_000), 0, 50);
    assertAllShrinkTo(List.of(10), shrunkFor(lists, list -> list.stream().allMatch(x -> x < 10)));
  }

  @Test
  void shrink_listSum_findsShortestListReachingTheBound() {
    Gen<List<Integer>> lists = Gens.listOf(Gens.integers(0, 60), 0, 50);
    for (Object value : shrunkFor(lists, list -> sum(list) < 100)) {
      List<?> list = (List<?>) value;
      // Elements are at most 60, so no single element reaches 100: two is the minimum.
      assertEquals(2, list.size(), "shrunk " + list);
      assertEquals(100, sum(list), "shrunk " + list);
    }
  }

  @Test
  void shrink_listOfLongElements_dropsWholeElementsFromTheMiddle() {
    // Each element spans more choices than the largest blind chunk the shrinker deletes, so this
    // only shrinks if elements are deleted as a unit.
    Gen<List<String>> lists = Gens.listOf(Gens.strings("ab9", 12, 20), 0, 10);
    assertAllShrinkTo(
        List.of("aaaaaaaaaaa9"),
        shrunkFor(lists, list -> list.stream().noneMatch(s -> s.contains("9"))));
  }

  @Test
  void shrink_listSize_findsShortestListOfSimplestElements() {
    Gen<List<Integer>> lists = Gens.listOf(Gens.integers(-50, 50), 0, 30);
    assertAllShrinkTo(List.of(0, 0, 0), shrunkFor(lists, list -> list.size() < 3));
  }

  @Test
  void shrink_throughMap_findsBoundary() {
    Gen<Integer> doubled = Gens.integers(0, 10_000).map(x -> x * 2);
    assertAllShrinkTo(200, shrunkFor(doubled, y -> y < 200));
  }

  @Test
  void shrink_throughFilter_findsSmallestAcceptedValue() {
    Gen<Integer> even = Gens.integers(0, 10_000).filter(x -> x % 2 == 0);
    assertAllShrinkTo(102, shrunkFor(even, x -> x < 101));
  }

  @Test
  void shrink_throughFlatMap_dropsDependentElements() {
    Gen<List<Integer>> sized =
        Gens.integers(1, 20).flatMap(n -> Gens.listOf(Gens.integers(0, 100), n, n));
    assertAllShrinkTo(List.of(50), shrunkFor(sized, list -> list.stream().allMatch(x -> x < 50)));
  }

  @Test
  void shrink_oneOf_prefersFirstAlternative() {
    Gen<String> tagged =
        Gens.oneOf(
            Gens.integers(0, 100).map(i -> "a" + i), Gens.integers(0, 100).map(i -> "b" + i));
    assertAllShrinkTo("a0", shrunkFor(tagged, s -> false));
  }

  @Test
  void shrink_frequency_prefersFirstAlternative() {
    Gen<String> weighted = Gens.frequency(1, Gens.constant("rare"), 9, Gens.alphanumeric(5, 10));
    assertAllShrinkTo("rare", shrunkFor(weighted, s -> false));
  }

  @Test
  void shrink_booleans_shrinkTowardFalse() {
    Gen<List<Boolean>> flags = Gens.listOf(Gens.booleans(), 0, 20);
    assertAllShrinkTo(List.of(false, false, false), shrunkFor(flags, list -> list.size() < 3));
  }

  @Test
  void shrink_strings_shrinkTowardShortStringsOfFirstCharacter() {
    Gen<String> strings = Gens.strings("xyz", 0, 20);
    assertAllShrinkTo("xxxx", shrunkFor(strings, s -> s.length() < 4));
    assertAllShrinkTo("z", shrunkFor(strings, s -> !s.contains("z")));
  }

  @Test
  void shrink_combine_shrinksEachPartInOrder() {
    Gen<List<Integer>> pairs =
        Gens.combine(Gens.integers(0, 1_000), Gens.integers(0, 1_000), List::of);
    assertAllShrinkTo(List.of(0, 100), shrunkFor(pairs, p -> p.get(0) + p.get(1) < 100));
  }

  @Test
  void shrink_forAllOfTwoGenerators_shrinksBothValues() {
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () ->
                forAll(Gens.integers(0, 1_000), Gens.alphanumeric(0, 10))
                    .withSeed(5)
                    .check((n, s) -> n < 10 || s.length() < 2));
    assertEquals(List.of(10, "aa"), failure.shrunkCounterexample());
  }

  @Test
  void shrink_setOf_findsSmallestDistinctElements() {
    Gen<Set<Integer>> sets = Gens.setOf(Gens.integers(0, 100), 0, 20);
    assertAllShrinkTo(Set.of(0, 1, 2), shrunkFor(sets, set -> set.size() < 3));
  }

  @Test
  void shrink_mapOf_findsSmallestKeysAndSimplestValues() {
    Gen<Map<Integer, String>> maps =
        Gens.mapOf(Gens.integers(0, 100), Gens.alphanumeric(0, 5), 0, 10);
    assertAllShrinkTo(Map.of(0, "", 1, ""), shrunkFor(maps, map -> map.size() < 2));
  }

  @Test
  void shrink_optionals_shrinkTowardEmpty() {
    Gen<List<Optional<Integer>>> optionals =
        Gens.listOf(Gens.optionals(Gens.integers(0, 9)), 0, 10);
    assertAllShrinkTo(
        List.of(Optional.empty(), Optional.empty()), shrunkFor(optionals, l -> l.size() < 2));
  }

  @Test
  void shrink_shuffled_keepsAsMuchOfTheOriginalOrderAsPossible() {
    Gen<List<Integer>> permutations = Gens.shuffled(List.of(1, 2, 3, 4, 5, 6));
    assertAllShrinkTo(List.of(1, 2, 3, 4, 5, 6), shrunkFor(permutations, p -> false));
    // One swap brings 6 to the front; everything else stays put.
    assertAllShrinkTo(List.of(6, 2, 3, 4, 5, 1), shrunkFor(permutations, p -> p.get(0) != 6));
  }

  @Test
  void shrink_recursiveGenerator_findsSmallestTree() {
    for (Object value : shrunkFor(Trees.TREES, tree -> nodes(tree) < 2)) {
      String tree = (String) value;
      assertEquals(2, nodes(tree), "shrunk " + tree);
      assertEquals(9, tree.length(), "two nodes and three leaves, nothing else: " + tree);
    }
  }

  @Test
  void shrink_withZeroBudget_reportsOriginalCounterexample() {
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () ->
                forAll(Gens.integers(0, 10_000))
                    .withSeed(9)
                    .withMaxShrinkAttempts(0)
                    .check(x -> x < 100));
    assertEquals(0, failure.shrinkSteps());
    assertEquals(failure.originalCounterexample(), failure.shrunkCounterexample());
  }

  @Test
  void shrink_countsStepsAndNeverGrowsTheCounterexample() {
    PropertyFailure failure =
        assertThrows(
            PropertyFailure.class,
            () ->
                forAll(Gens.listOf(Gens.integers(0, 1_000), 0, 50))
                    .withSeed(11)
                    .check(list -> sum(list) < 500));
    List<?> original = (List<?>) failure.originalCounterexample();
    List<?> shrunk = (List<?>) failure.shrunkCounterexample();
    assertTrue(failure.shrinkSteps() > 0, "some shrinking happened");
    assertTrue(shrunk.size() <= original.size(), original + " -> " + shrunk);
    assertTrue(sum(shrunk) >= 500, "shrunk value still fails: " + shrunk);
  }

  private static int sum(List<?> list) {
    return list.stream().mapToInt(x -> (Integer) x).sum();
  }

  private static int nodes(String tree) {
    return (int) tree.chars().filter(c -> c == '(').count();
  }

  /** A recursive generator of binary trees rendered as {@code (left right)} or {@code L}. */
  private static final class Trees {
    static final Gen<String> TREES =
        Gens.frequency(
            3,
            Gens.constant("L"),
            1,
            Gens.combine(
                Gens.lazy(() -> Trees.TREES),
                Gens.lazy(() -> Trees.TREES),
                (left, right) -> "(" + left + " " + right + ")"));
  }
}
