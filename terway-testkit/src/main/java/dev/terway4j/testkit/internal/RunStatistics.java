package dev.terway4j.testkit.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The sum of the {@link TrialStatistics} of the tries that passed in one run.
 *
 * <p>Not thread-safe: built by the engine on the thread of the run, then only read.
 */
public final class RunStatistics {
  private final Map<String, Integer> labels = new LinkedHashMap<>();
  private final Map<String, Long> events = new LinkedHashMap<>();
  private int tries;

  void add(TrialStatistics trial) {
    tries++;
    for (String label : trial.labels()) {
      if (labels.size() < TrialStatistics.MAX_DISTINCT || labels.containsKey(label)) {
        labels.merge(label, 1, Integer::sum);
      }
    }
    trial
        .events()
        .forEach(
            (event, amount) -> {
              if (events.size() < TrialStatistics.MAX_DISTINCT || events.containsKey(event)) {
                events.merge(event, amount, TrialStatistics::saturatedAdd);
              }
            });
  }

  /**
   * Returns how many tries were added.
   *
   * @return the tries
   */
  public int tries() {
    return tries;
  }

  /**
   * Returns how many tries carried each label.
   *
   * @return the counts, unmodifiable
   */
  public Map<String, Integer> labels() {
    return Collections.unmodifiableMap(labels);
  }

  /**
   * Returns the summed event counts.
   *
   * @return the counts, unmodifiable
   */
  public Map<String, Long> events() {
    return Collections.unmodifiableMap(events);
  }
}
