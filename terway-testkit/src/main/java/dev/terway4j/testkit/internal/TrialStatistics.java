package dev.terway4j.testkit.internal;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The labels and event counts one trial reported through {@code PropertyChecks.label} and {@code
 * PropertyChecks.count}, collected on the thread that runs the trial.
 *
 * <p>{@link TrialRun#execute} installs a fresh collector for the trial's duration (restoring any
 * enclosing one afterwards, so properties may nest), and the engine adds up the collectors of the
 * tries that passed. Not thread-safe: a collector belongs to the thread running its trial.
 */
public final class TrialStatistics {
  /** Most distinct labels or events one run keeps; more is almost certainly a labelling bug. */
  public static final int MAX_DISTINCT = 1_000;

  /** Longest label kept; longer ones are cut. */
  public static final int MAX_LABEL_CHARS = 200;

  private static final ThreadLocal<TrialStatistics> CURRENT = new ThreadLocal<>();

  private final Set<String> labels = new LinkedHashSet<>();
  private final Map<String, Long> events = new LinkedHashMap<>();

  TrialStatistics() {}

  /**
   * Returns the collector of the trial running on this thread.
   *
   * @param caller what the caller is, for the error message
   * @return the collector
   * @throws IllegalStateException when no trial runs on this thread
   */
  public static TrialStatistics current(String caller) {
    TrialStatistics current = CURRENT.get();
    if (current == null) {
      throw new IllegalStateException(
          caller
              + " may only be called inside a property body or action, on the thread that runs"
              + " it");
    }
    return current;
  }

  static TrialStatistics install(TrialStatistics statistics) {
    TrialStatistics previous = CURRENT.get();
    CURRENT.set(statistics);
    return previous;
  }

  static void restore(TrialStatistics previous) {
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }

  /**
   * Marks the current trial with a label; a trial counts once per label however often it is given.
   *
   * @param label the label, not blank
   */
  public void label(String label) {
    String key = key(label);
    if (labels.size() < MAX_DISTINCT || labels.contains(key)) {
      labels.add(key);
    }
  }

  /**
   * Adds to an event count of the current trial.
   *
   * @param event the event's name, not blank
   * @param amount how many times it happened, not negative
   */
  public void count(String event, long amount) {
    if (amount < 0) {
      throw new IllegalArgumentException("an event count must not be negative: " + amount);
    }
    String key = key(event);
    if (events.size() < MAX_DISTINCT || events.containsKey(key)) {
      events.merge(key, amount, TrialStatistics::saturatedAdd);
    }
  }

  /**
   * Returns the labels given, in first-given order.
   *
   * @return the labels
   */
  public Set<String> labels() {
    return labels;
  }

  /**
   * Returns the event counts, in first-counted order.
   *
   * @return the counts by event
   */
  public Map<String, Long> events() {
    return events;
  }

  static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  private static String key(String name) {
    Objects.requireNonNull(name, "label");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a label or event name must not be blank");
    }
    String escaped = FailureMessages.escape(name);
    return escaped.length() <= MAX_LABEL_CHARS ? escaped : escaped.substring(0, MAX_LABEL_CHARS);
  }
}
