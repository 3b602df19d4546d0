package dev.terway4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Generators cover their ranges, hit their bounds and never leave them. */
class GenDistributionTest {
  private static final long SEED = 99L;
  private static final int N = 2_000;

  private enum Colour {
    RED,
    GREEN,
    BLUE
  }

  @Test
  void integers_smallRange_produceEveryValueAndNothingElse() {
    Set<Integer> seen = new TreeSet<>(Gens.integers(-5, 5).samples(N, SEED));
    assertEquals(
        IntStream.rangeClosed(-5, 5).boxed().collect(Collectors.toCollection(TreeSet::new)), seen);
  }

  @Test
  void integers_wideRange_hitBothBoundsAndZero() {
    List<Integer> values = Gens.integers(0, 10_000).samples(N, SEED);
    assertTrue(values.stream().allMatch(x -> x >= 0 && x <= 10_000), "in range");
    assertTrue(values.contains(0), "hits min");
    assertTrue(values.contains(10_000), "hits max");
    assertTrue(values.stream().anyMatch(x -> x > 100 && x < 9_900), "hits the middle");
  }

  @Test
  void integers_rangeWithoutZero_stayInRangeAndHitBounds() {
    List<Integer> values = Gens.integers(-1_000, -500).samples(N, SEED);
    assertTrue(values.stream().allMatch(x -> x >= -1_000 && x <= -500), "in range");
    assertTrue(values.contains(-1_000) && values.contains(-500), "hits both bounds");
  }

  @Test
  void integers_fullRange_hitExtremes() {
    List<Integer> values = Gens.integers(Integer.MIN_VALUE, Integer.MAX_VALUE).samples(N, SEED);
    assertTrue(values.contains(Integer.MIN_VALUE) && values.contains(Integer.MAX_VALUE));
    assertTrue(values.contains(0));
  }

  @Test
  void longs_fullRange_hitExtremesAndEveryMagnitude() {
    List<Long> values = Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE).samples(N, SEED);
    assertTrue(values.contains(Long.MIN_VALUE), "hits min");
    assertTrue(values.contains(Long.MAX_VALUE), "hits max");
    assertTrue(values.contains(0L), "hits zero");
    Set<Integer> magnitudes = new HashSet<>();
    values.forEach(v -> magnitudes.add(64 - Long.numberOfLeadingZeros(Math.abs(v))));
    assertTrue(magnitudes.size() > 40, "bit lengths seen: " + magnitudes);
  }

  @Test
  void longs_degenerateRange_alwaysProducesTheValue() {
    assertEquals(Set.of(7L), new HashSet<>(Gens.longs(7, 7).samples(50, SEED)));
  }

  @Test
  void booleans_produceBothValuesFairly() {
    long trues = Gens.booleans().samples(N, SEED).stream().filter(b -> b).count();
    assertTrue(trues > N * 0.4 && trues < N * 0.6, "trues: " + trues);
  }

  @Test
  void elementsAndEnums_produceEveryCandidate() {
    assertEquals(
        Set.of("a", "b", "c"), new HashSet<>(Gens.elements("a", "b", "c").samples(200, SEED)));
    assertEquals(
        Set.of(Colour.values()), new HashSet<>(Gens.enums(Colour.class).samples(200, SEED)));
  }

  @Test
  void oneOf_usesEveryAlternative() {
    Gen<String> gen = Gens.oneOf(Gens.constant("x"), Gens.constant("y"), Gens.alphanumeric(2, 2));
    Set<Integer> lengths =
        gen.samples(300, SEED).stream().map(String::length).collect(Collectors.toSet());
    assertEquals(Set.of(1, 2), lengths);
    assertTrue(gen.samples(300, SEED).containsAll(List.of("x", "y")));
  }

  @Test
  void frequency_followsTheWeights() {
    List<String> values =
        Gens.frequency(3, Gens.constant("common"), 1, Gens.constant("rare")).samples(N, SEED);
    long common = values.stream().filter("common"::equals).count();
    assertTrue(common > N * 0.68 && common < N * 0.82, "common: " + common);
    Gen<String> zeroWeight =
        Gens.frequency(
            0, Gens.constant("never"), 1, Gens.constant("always"), 0, Gens.constant("x"));
    assertEquals(Set.of("always"), new HashSet<>(zeroWeight.samples(200, SEED)));
  }

  @Test
  void listOf_sizes_coverMinToMaxAndNoMore() {
    Set<Integer> sizes =
        Gens.listOf(Gens.integers(0, 9), 2, 5).samples(N, SEED).stream()
            .map(List::size)
            .collect(Collectors.toSet());
    assertEquals(Set.of(2, 3, 4, 5), sizes);
  }

  @Test
  void listOf_largeMax_growsWithSizeButStaysBounded() {
    List<List<Integer>> lists = Gens.listOf(Gens.integers(0, 9), 0, 1_000).samples(500, SEED);
    int longest = lists.stream().mapToInt(List::size).max().orElse(0);
    assertTrue(longest >= 40 && longest <= 1_000, "longest: " + longest);
    assertTrue(lists.stream().anyMatch(List::isEmpty), "empty lists appear");
  }

  @Test
  void listOf_result_isUnmodifiable() {
    List<Integer> list = Gens.listOf(Gens.integers(0, 9), 1, 3).samples(1, SEED).get(0);
    assertThrows(UnsupportedOperationException.class, () -> list.add(1));
  }

  @Test
  void strings_respectLengthAndAlphabet() {
    List<String> values = Gens.strings("ab\u00e9", 1, 4).samples(N, SEED);
    assertEquals(
        Set.of(1, 2, 3, 4), values.stream().map(String::length).collect(Collectors.toSet()));
    Set<Character> chars = new HashSet<>();
    values.forEach(s -> s.chars().forEach(c -> chars.add((char) c)));
    assertEquals(Set.of('a', 'b', '\u00e9'), chars);
  }

  @Test
  void alphanumeric_usesOnlyLettersAndDigits() {
    List<String> values = Gens.alphanumeric(0, 8).samples(N, SEED);
    assertTrue(values.stream().allMatch(s -> s.matches("[a-zA-Z0-9]{0,8}")), "all alphanumeric");
    assertTrue(values.stream().anyMatch(s -> s.matches(".*[0-9].*")), "digits appear");
    assertTrue(values.stream().anyMatch(s -> s.matches(".*[A-Z].*")), "upper case appears");
  }

  @Test
  void setOf_elementsAreDistinctAndSizesCoverBounds() {
    List<Set<Integer>> sets = Gens.setOf(Gens.integers(0, 20), 1, 4).samples(N, SEED);
    assertEquals(Set.of(1, 2, 3, 4), sets.stream().map(Set::size).collect(Collectors.toSet()));
  }

  @Test
  void setOf_impossibleMinimum_failsClearly() {
    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () -> Gens.setOf(Gens.integers(0, 2), 5, 5).samples(1, SEED));
    assertTrue(error.getMessage().contains("duplicates in a row"), error.getMessage());
  }

  @Test
  void mapOf_sizesCoverBoundsAndKeysAreInRange() {
    List<Map<Integer, Boolean>> maps =
        Gens.mapOf(Gens.integers(0, 50), Gens.booleans(), 0, 3).samples(N, SEED);
    assertEquals(Set.of(0, 1, 2, 3), maps.stream().map(Map::size).collect(Collectors.toSet()));
    assertTrue(maps.stream().allMatch(m -> m.keySet().stream().allMatch(k -> k >= 0 && k <= 50)));
  }

  @Test
  void optionals_areMostlyPresentButSometimesEmpty() {
    List<Optional<Integer>> values = Gens.optionals(Gens.integers(0, 9)).samples(N, SEED);
    long empty = values.stream().filter(Optional::isEmpty).count();
    assertTrue(empty > 0 && empty < N / 4, "empty: " + empty);
  }

  @Test
  void shuffled_producesEveryPermutationOfTheSameElements() {
    List<List<Integer>> values = Gens.shuffled(List.of(1, 2, 3)).samples(N, SEED);
    assertEquals(6, new HashSet<>(values).size());
    assertTrue(values.stream().allMatch(p -> new HashSet<>(p).equals(Set.of(1, 2, 3))));
  }

  @Test
  void combine_appliesTheFunctionToEveryPart() {
    Gen<Integer> sums =
        Gens.combine(
            Gens.integers(0, 1),
            Gens.integers(0, 10),
            Gens.integers(0, 100),
            Gens.integers(0, 1_000),
            (a, b, c, d) -> a + b + c + d);
    List<Integer> values = sums.samples(N, SEED);
    assertTrue(values.contains(0) && values.contains(1_111), "hits both extremes");
  }

  @Test
  void sized_seesSizesGrowFromZeroToOneHundred() {
    List<Integer> sizes = Gens.sized(Gens::constant).samples(300, SEED);
    assertEquals(0, sizes.get(0));
    assertEquals(100, sizes.stream().mapToInt(x -> x).max().orElse(-1));
    assertEquals(Set.of(7), new HashSet<>(Gens.sized(Gens::constant).resize(7).samples(20, SEED)));
  }

  @Test
  void filter_keepsOnlyAcceptedValues() {
    List<Integer> values = Gens.integers(0, 100).filter(x -> x % 3 == 0).samples(N, SEED);
    assertTrue(values.stream().allMatch(x -> x % 3 == 0));
    assertTrue(values.contains(0) && values.contains(99));
  }

  @Test
  void filter_rejectingEverything_stopsSamplingWithClearMessage() {
    IllegalStateException error =
        assertThrows(
            IllegalStateException.class,
            () -> Gens.booleans().filter(b -> false).samples(10, SEED));
    assertTrue(error.getMessage().contains("rejected 100 candidates in a row"), error.getMessage());
  }

  @Test
  void samples_sameSeed_giveSameValues() {
    Gen<List<String>> gen = Gens.listOf(Gens.alphanumeric(0, 6), 0, 10);
    assertEquals(gen.samples(100, 5L), gen.samples(100, 5L));
    assertTrue(!gen.samples(100, 5L).equals(gen.samples(100, 6L)), "different seeds differ");
  }

  @Test
  void runawayRecursion_isDiscardedNotHanging() {
    Gen<Integer> endless = Gens.lazy(() -> GenDistributionTest.Endless.GEN);
    // The engine's depth and choice bounds stop it; how fast is a benchmark's concern, not a
    // test's.
    assertThrows(IllegalStateException.class, () -> endless.samples(1, SEED));
  }

  @Test
  void factories_rejectInvalidArguments() {
    assertThrows(IllegalArgumentException.class, () -> Gens.integers(5, 1));
    assertThrows(IllegalArgumentException.class, () -> Gens.longs(5, 1));
    assertThrows(IllegalArgumentException.class, () -> Gens.listOf(Gens.booleans(), -1, 3));
    assertThrows(IllegalArgumentException.class, () -> Gens.listOf(Gens.booleans(), 4, 3));
    assertThrows(IllegalArgumentException.class, () -> Gens.strings("", 0, 3));
    assertThrows(IllegalArgumentException.class, () -> Gens.elements(List.of()));
    assertThrows(IllegalArgumentException.class, () -> Gens.oneOf(List.<Gen<String>>of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> Gens.frequency(0, Gens.constant(1), 0, Gens.constant(2)));
  }

  @Test
  void toString_describesHowTheGeneratorWasBuilt() {
    assertEquals("integers(0, 9).map(...)", Gens.integers(0, 9).map(x -> x).toString());
    assertEquals("listOf(booleans(), 1, 3)", Gens.booleans().listOf(1, 3).toString());
  }

  /** A generator that always recurses; must hit the choice limit instead of running forever. */
  private static final class Endless {
    static final Gen<Integer> GEN =
        Gens.combine(Gens.integers(1, 9), Gens.lazy(() -> Endless.GEN), Integer::sum);
  }
}
