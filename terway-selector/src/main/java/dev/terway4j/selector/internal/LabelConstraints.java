package dev.terway4j.selector.internal;

import dev.terway4j.selector.Requirement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides whether a conjunction of requirements can hold for some valid label set, and builds the
 * smallest such set. Exact: requirements on different keys are independent, and the constraints on
 * one key (a value among the intersection of the {@code in}/{@code =} sets, outside every {@code
 * notin}/{@code !=} set, present or absent, within integer bounds) are decided directly. Stateless
 * and thread-safe.
 */
public final class LabelConstraints {

  private LabelConstraints() {}

  /** The constraints gathered for one key. */
  private static final class KeyConstraint {
    TreeSet<String> allowed; // null = any value
    final Set<String> excluded = new TreeSet<>();
    boolean mustExist;
    boolean mustNotExist;
    long lower = Long.MIN_VALUE; // value > lower, when bounded
    long upper = Long.MAX_VALUE; // value < upper, when bounded
    boolean bounded;

    void add(Requirement r) {
      switch (r.operator()) {
        case IN:
        case EQUALS:
        case DOUBLE_EQUALS:
          mustExist = true;
          if (allowed == null) {
            allowed = new TreeSet<>(r.values());
          } else {
            allowed.retainAll(r.values());
          }
          break;
        case NOT_IN:
        case NOT_EQUALS:
          excluded.addAll(r.values());
          break;
        case EXISTS:
          mustExist = true;
          break;
        case DOES_NOT_EXIST:
          mustNotExist = true;
          break;
        case GREATER_THAN:
          mustExist = true;
          bounded = true;
          lower = Math.max(lower, GoIntegers.parseInt64(r.values().first()).getAsLong());
          break;
        case LESS_THAN:
          mustExist = true;
          bounded = true;
          upper = Math.min(upper, GoIntegers.parseInt64(r.values().first()).getAsLong());
          break;
      }
    }

    /** Returns the value to give the key: empty = leave it absent; null = impossible. */
    Optional<String> solve() {
      if (!mustExist) {
        return Optional.empty();
      }
      if (mustNotExist) {
        return null;
      }
      if (allowed != null) {
        for (String value : allowed) {
          if (!excluded.contains(value) && withinBounds(value)) {
            return Optional.of(value);
          }
        }
        return null;
      }
      if (bounded) {
        // Label values cannot start with '-' or '+': only non-negative integers qualify.
        if (lower == Long.MAX_VALUE) {
          return null;
        }
        long start = Math.max(lower, -1L) + 1;
        for (long v = start; v < upper && v - start <= excluded.size(); v++) {
          String value = Long.toString(v);
          if (!excluded.contains(value)) {
            return Optional.of(value);
          }
        }
        return null;
      }
      for (int i = 0; ; i++) {
        String value = i == 0 ? "w" : "w" + i;
        if (!excluded.contains(value)) {
          return Optional.of(value);
        }
      }
    }

    private boolean withinBounds(String value) {
      if (!bounded) {
        return true;
      }
      OptionalLong parsed = GoIntegers.parseInt64(value);
      return parsed.isPresent() && parsed.getAsLong() > lower && parsed.getAsLong() < upper;
    }
  }

  /**
   * Returns the smallest label set that satisfies every requirement (keys only required to be
   * present are given a fresh value), or empty when none exists.
   */
  public static Optional<Map<String, String>> solve(List<Requirement> requirements) {
    Map<String, KeyConstraint> byKey = new TreeMap<>();
    for (Requirement r : requirements) {
      byKey.computeIfAbsent(r.key(), k -> new KeyConstraint()).add(r);
    }
    Map<String, String> labels = new LinkedHashMap<>();
    for (Map.Entry<String, KeyConstraint> entry : byKey.entrySet()) {
      Optional<String> value = entry.getValue().solve();
      if (value == null) {
        return Optional.empty();
      }
      value.ifPresent(v -> labels.put(entry.getKey(), v));
    }
    return Optional.of(labels);
  }

  /** Returns the requirements of both lists, for {@link #solve}. */
  public static List<Requirement> both(List<Requirement> a, List<Requirement> b) {
    List<Requirement> out = new ArrayList<>(a.size() + b.size());
    out.addAll(a);
    out.addAll(b);
    return out;
  }
}
