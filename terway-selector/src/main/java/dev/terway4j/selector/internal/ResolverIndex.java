package dev.terway4j.selector.internal;

import com.google.common.collect.ImmutableSortedMap;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.selector.Explanation;
import dev.terway4j.selector.Operator;
import dev.terway4j.selector.Requirement;
import dev.terway4j.selector.Resolution;
import dev.terway4j.selector.Selector;
import dev.terway4j.selector.Verdict;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of the resolver's PodNetworkings with an inverted index, so that a
 * resolution looks only at PodNetworkings that can match the pod's or namespace's labels.
 *
 * <p>Each eligible PodNetworking is posted once, under the most selective requirement it has, in
 * this order of preference: an equality or {@code in} requirement of its pod selector (posted under
 * each (key, value)), one of its namespace selector, an {@code exists} requirement of its pod
 * selector (posted under the key), one of its namespace selector; PodNetworkings with none of those
 * (only {@code notin}, {@code !=}, {@code !} or empty selectors) go to a small fallback list that
 * every resolution checks. A pod then costs one hash lookup per label plus a full check of each
 * real candidate. Immutable and thread-safe.
 */
public final class ResolverIndex {

  private static final CompiledPodNetworking[] NONE = new CompiledPodNetworking[0];

  private final ImmutableSortedMap<String, CompiledPodNetworking> all;
  private final Map<String, Map<String, CompiledPodNetworking[]>> podValues;
  private final Map<String, CompiledPodNetworking[]> podKeys;
  private final Map<String, Map<String, CompiledPodNetworking[]>> namespaceValues;
  private final Map<String, CompiledPodNetworking[]> namespaceKeys;
  private final CompiledPodNetworking[] fallback;

  /** The empty index. */
  public static final ResolverIndex EMPTY = new ResolverIndex(ImmutableSortedMap.of());

  private ResolverIndex(ImmutableSortedMap<String, CompiledPodNetworking> all) {
    this.all = all;
    Map<String, Map<String, List<CompiledPodNetworking>>> pv = new HashMap<>();
    Map<String, List<CompiledPodNetworking>> pk = new HashMap<>();
    Map<String, Map<String, List<CompiledPodNetworking>>> nv = new HashMap<>();
    Map<String, List<CompiledPodNetworking>> nk = new HashMap<>();
    List<CompiledPodNetworking> fb = new ArrayList<>();
    for (CompiledPodNetworking c : all.values()) {
      if (!c.eligible()) {
        continue;
      }
      Requirement podInclusion = inclusion(c.podSelector());
      Requirement nsInclusion = inclusion(c.namespaceSelector());
      if (podInclusion != null) {
        post(pv, podInclusion, c);
      } else if (nsInclusion != null) {
        post(nv, nsInclusion, c);
      } else {
        Requirement podExists = exists(c.podSelector());
        Requirement nsExists = exists(c.namespaceSelector());
        if (podExists != null) {
          pk.computeIfAbsent(podExists.key(), k -> new ArrayList<>()).add(c);
        } else if (nsExists != null) {
          nk.computeIfAbsent(nsExists.key(), k -> new ArrayList<>()).add(c);
        } else {
          fb.add(c);
        }
      }
    }
    this.podValues = freezeNested(pv);
    this.podKeys = freeze(pk);
    this.namespaceValues = freezeNested(nv);
    this.namespaceKeys = freeze(nk);
    this.fallback = fb.toArray(NONE);
  }

  /** Returns an index of the given compiled PodNetworkings, keyed by name. */
  public static ResolverIndex of(Map<String, CompiledPodNetworking> byName) {
    return byName.isEmpty() ? EMPTY : new ResolverIndex(ImmutableSortedMap.copyOf(byName));
  }

  /** Returns every PodNetworking, keyed and sorted by name. */
  public ImmutableSortedMap<String, CompiledPodNetworking> all() {
    return all;
  }

  /** Returns how many eligible PodNetworkings only the fallback list reaches. */
  public int fallbackSize() {
    return fallback.length;
  }

  // The inclusion requirement with the fewest values: the fewest postings.
  private static Requirement inclusion(Optional<Selector> selector) {
    Requirement best = null;
    if (selector.isPresent()) {
      for (Requirement r : selector.get().requirements()) {
        if (r.operator().inclusion()
            && (best == null || r.values().size() < best.values().size())) {
          best = r;
        }
      }
    }
    return best;
  }

  private static Requirement exists(Optional<Selector> selector) {
    if (selector.isPresent()) {
      for (Requirement r : selector.get().requirements()) {
        if (r.operator() == Operator.EXISTS
            || r.operator() == Operator.GREATER_THAN
            || r.operator() == Operator.LESS_THAN) {
          return r;
        }
      }
    }
    return null;
  }

  private static void post(
      Map<String, Map<String, List<CompiledPodNetworking>>> index,
      Requirement requirement,
      CompiledPodNetworking c) {
    Map<String, List<CompiledPodNetworking>> byValue =
        index.computeIfAbsent(requirement.key(), k -> new HashMap<>());
    for (String value : requirement.values()) {
      byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(c);
    }
  }

  private static Map<String, CompiledPodNetworking[]> freeze(
      Map<String, List<CompiledPodNetworking>> map) {
    Map<String, CompiledPodNetworking[]> out = new HashMap<>(map.size() * 2);
    map.forEach((k, v) -> out.put(k, v.toArray(NONE)));
    return out;
  }

  private static Map<String, Map<String, CompiledPodNetworking[]>> freezeNested(
      Map<String, Map<String, List<CompiledPodNetworking>>> map) {
    Map<String, Map<String, CompiledPodNetworking[]>> out = new HashMap<>(map.size() * 2);
    map.forEach((k, v) -> out.put(k, freeze(v)));
    return out;
  }

  /** Resolves with the index; see {@code PodNetworkingResolver.resolve}. */
  public Resolution resolve(
      Map<String, String> podLabels, Map<String, String> namespaceLabels, boolean fixedNamePod) {
    List<PodNetworking> matches = null;
    for (Map.Entry<String, String> label : podLabels.entrySet()) {
      Map<String, CompiledPodNetworking[]> byValue = podValues.get(label.getKey());
      if (byValue != null) {
        matches =
            check(byValue.get(label.getValue()), podLabels, namespaceLabels, fixedNamePod, matches);
      }
      matches =
          check(podKeys.get(label.getKey()), podLabels, namespaceLabels, fixedNamePod, matches);
    }
    if (!namespaceValues.isEmpty() || !namespaceKeys.isEmpty()) {
      for (Map.Entry<String, String> label : namespaceLabels.entrySet()) {
        Map<String, CompiledPodNetworking[]> byValue = namespaceValues.get(label.getKey());
        if (byValue != null) {
          matches =
              check(
                  byValue.get(label.getValue()), podLabels, namespaceLabels, fixedNamePod, matches);
        }
        matches =
            check(
                namespaceKeys.get(label.getKey()),
                podLabels,
                namespaceLabels,
                fixedNamePod,
                matches);
      }
    }
    matches = check(fallback, podLabels, namespaceLabels, fixedNamePod, matches);
    return matches == null ? Resolution.none() : Resolution.of(matches);
  }

  private static List<PodNetworking> check(
      CompiledPodNetworking[] candidates,
      Map<String, String> podLabels,
      Map<String, String> namespaceLabels,
      boolean fixedNamePod,
      List<PodNetworking> matches) {
    if (candidates == null) {
      return matches;
    }
    for (CompiledPodNetworking c : candidates) {
      if (c.matches(podLabels, namespaceLabels, fixedNamePod)) {
        if (matches == null) {
          matches = new ArrayList<>(2);
        }
        matches.add(c.podNetworking());
      }
    }
    return matches;
  }

  /** Explains every PodNetworking's verdict, by name; the resolution follows from them. */
  public Explanation explain(
      Map<String, String> podLabels, Map<String, String> namespaceLabels, boolean fixedNamePod) {
    List<Verdict> verdicts = new ArrayList<>(all.size());
    List<PodNetworking> matches = new ArrayList<>();
    for (CompiledPodNetworking c : all.values()) {
      Verdict verdict = c.explain(podLabels, namespaceLabels, fixedNamePod);
      verdicts.add(verdict);
      if (verdict.matched()) {
        matches.add(c.podNetworking());
      }
    }
    return new Explanation(Resolution.of(matches), verdicts);
  }
}
