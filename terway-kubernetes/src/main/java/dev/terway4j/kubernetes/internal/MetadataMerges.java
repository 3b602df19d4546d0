package dev.terway4j.kubernetes.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Three-way merges of the metadata a writer owns only in part (labels, annotations, finalizers):
 * the writer's own changes, relative to the version it based them on, are applied to the current
 * version, so that what other writers changed in the meantime is kept.
 *
 * <p>Stateless and thread-safe.
 */
public final class MetadataMerges {

  private MetadataMerges() {}

  /**
   * Merges maps: a key {@code ours} added or changed relative to {@code base} takes our value, a
   * key {@code ours} removed is removed, every other key keeps {@code theirs}' value.
   *
   * @param base what our change was based on
   * @param ours what we want
   * @param theirs what is current
   * @return the merged map, in {@code theirs}' order followed by our additions
   */
  public static Map<String, String> merge(
      Map<String, String> base, Map<String, String> ours, Map<String, String> theirs) {
    Map<String, String> merged = new LinkedHashMap<>(theirs);
    ours.forEach(
        (key, value) -> {
          if (!Objects.equals(base.get(key), value)) {
            merged.put(key, value);
          }
        });
    base.keySet().stream().filter(key -> !ours.containsKey(key)).forEach(merged::remove);
    return merged;
  }

  /**
   * Merges lists used as ordered sets (finalizers): our additions are appended when missing, our
   * removals removed, the rest kept in {@code theirs}' order.
   *
   * @param base what our change was based on
   * @param ours what we want
   * @param theirs what is current
   * @return the merged list
   */
  public static List<String> merge(List<String> base, List<String> ours, List<String> theirs) {
    List<String> merged = new ArrayList<>(theirs);
    for (String item : ours) {
      if (!base.contains(item) && !merged.contains(item)) {
        merged.add(item);
      }
    }
    for (String item : base) {
      if (!ours.contains(item)) {
        merged.remove(item);
      }
    }
    return merged;
  }
}
