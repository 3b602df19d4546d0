package dev.terway4j.testkit;

import dev.terway4j.testkit.internal.RunStatistics;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the passing tries of a run reported about themselves: the labels given with {@link
 * PropertyChecks#label}/{@link PropertyChecks#classify} (how many tries carried each) and the
 * events counted with {@link PropertyChecks#count} (summed over the tries).
 *
 * <p>Only tries that passed contribute: discarded tries and the replays of shrinking do not, so the
 * figures describe what the run actually checked. Use them to see the distribution of generated
 * cases, and to assert that a property is not vacuous:
 *
 * <pre>{@code
 * PropertyResult result = forAll(requests).checkThat(request -> {
 *   PropertyChecks.classify(request.refused(), "refused");
 *   ...
 * });
 * result.statistics().requireAtLeast("refused", 0.2);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class Statistics {
  private final int tries;
  private final Map<String, Integer> labels;
  private final Map<String, Long> events;

  private Statistics(int tries, Map<String, Integer> labels, Map<String, Long> events) {
    this.tries = tries;
    this.labels = labels;
    this.events = events;
  }

  static Statistics of(RunStatistics run) {
    return new Statistics(run.tries(), sorted(run.labels()), sorted(run.events()));
  }

  /**
   * Returns the number of passing tries these figures describe.
   *
   * @return the tries
   */
  public int tries() {
    return tries;
  }

  /**
   * Returns how many tries carried each label, most frequent first (ties by name).
   *
   * @return the counts, unmodifiable
   */
  public Map<String, Integer> labels() {
    return labels;
  }

  /**
   * Returns the event counts summed over the tries, largest first (ties by name).
   *
   * @return the counts, unmodifiable
   */
  public Map<String, Long> events() {
    return events;
  }

  /**
   * Returns how many tries carried a label.
   *
   * @param label the label
   * @return the count, zero if no try carried it
   */
  public int count(String label) {
    return labels.getOrDefault(label, 0);
  }

  /**
   * Returns the fraction of tries that carried a label.
   *
   * @param label the label
   * @return between 0 and 1; 0 when no try passed
   */
  public double fraction(String label) {
    return tries == 0 ? 0 : (double) count(label) / tries;
  }

  /**
   * Returns the sum of an event's counts.
   *
   * @param event the event's name
   * @return the sum, zero if never counted
   */
  public long events(String event) {
    return events.getOrDefault(event, 0L);
  }

  /**
   * Fails unless at least a fraction of the tries carried a label: a guard against properties that
   * pass because the interesting case was never generated.
   *
   * @param label the label
   * @param minimum the smallest acceptable fraction, between 0 and 1
   * @return these statistics, for chaining
   * @throws AssertionError naming the label, the fraction reached and the whole table
   */
  public Statistics requireAtLeast(String label, double minimum) {
    if (!(minimum >= 0 && minimum <= 1)) {
      throw new IllegalArgumentException("minimum must be between 0 and 1: " + minimum);
    }
    if (fraction(label) < minimum) {
      throw new AssertionError(
          String.format(
              Locale.ROOT,
              "label '%s' was on %.1f%% of %d tries, expected at least %.1f%%%n%s",
              label,
              100 * fraction(label),
              tries,
              100 * minimum,
              this));
    }
    return this;
  }

  /**
   * Renders a table: one line per label with its share of the tries, then one per event.
   *
   * @return e.g. {@code 100 tries\n 37.0% refused (37)\n faulted steps: 812}
   */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder().append(tries).append(" tries");
    labels.forEach(
        (label, count) ->
            text.append(
                String.format(
                    Locale.ROOT,
                    "%n  %5.1f%% %s (%d)",
                    tries == 0 ? 0.0 : 100.0 * count / tries,
                    label,
                    count)));
    events.forEach((event, count) -> text.append(String.format("%n  %s: %d", event, count)));
    return text.toString();
  }

  private static <V extends Comparable<V>> Map<String, V> sorted(Map<String, V> counts) {
    List<Map.Entry<String, V>> entries = new java.util.ArrayList<>(counts.entrySet());
    entries.sort(
        Map.Entry.<String, V>comparingByValue(Comparator.reverseOrder())
            .thenComparing(Map.Entry.comparingByKey()));
    Map<String, V> result = new LinkedHashMap<>();
    entries.forEach(e -> result.put(e.getKey(), e.getValue()));
    return Collections.unmodifiableMap(result);
  }
}
