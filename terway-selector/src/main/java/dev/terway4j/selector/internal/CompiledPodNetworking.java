package dev.terway4j.selector.internal;

import dev.terway4j.model.IpAllocationType;
import dev.terway4j.model.LabelSelector;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.Violation;
import dev.terway4j.selector.Requirement;
import dev.terway4j.selector.Selector;
import dev.terway4j.selector.Selectors;
import dev.terway4j.selector.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A PodNetworking with its selectors converted once, ready for matching. Immutable and thread-safe.
 */
public final class CompiledPodNetworking {

  private final PodNetworking podNetworking;
  private final String name;
  private final boolean ready;
  private final boolean fixed;
  // Null when the selector is not set (or invalid).
  private final Selector podSelector;
  private final Selector namespaceSelector;
  private final boolean hasSelectors;
  private final List<Violation> violations;

  private CompiledPodNetworking(PodNetworking podNetworking) {
    this.podNetworking = podNetworking;
    this.name = podNetworking.metadata().name();
    this.ready = podNetworking.ready();
    this.fixed = podNetworking.spec().allocationType().type() == IpAllocationType.FIXED;
    Optional<LabelSelector> pod = podNetworking.spec().selector().podSelector();
    Optional<LabelSelector> ns = podNetworking.spec().selector().namespaceSelector();
    this.hasSelectors = pod.isPresent() || ns.isPresent();
    List<Violation> problems = new ArrayList<>();
    pod.ifPresent(s -> problems.addAll(Selectors.violations(s, "spec.selector.podSelector")));
    ns.ifPresent(s -> problems.addAll(Selectors.violations(s, "spec.selector.namespaceSelector")));
    this.violations = List.copyOf(problems);
    boolean valid = problems.isEmpty();
    this.podSelector = valid && pod.isPresent() ? Selectors.fromLabelSelector(pod.get()) : null;
    this.namespaceSelector = valid && ns.isPresent() ? Selectors.fromLabelSelector(ns.get()) : null;
  }

  /** Converts a PodNetworking's selectors; invalid ones are kept as violations. */
  public static CompiledPodNetworking compile(PodNetworking podNetworking) {
    return new CompiledPodNetworking(podNetworking);
  }

  /** Returns the PodNetworking. */
  public PodNetworking podNetworking() {
    return podNetworking;
  }

  /** Returns its name. */
  public String name() {
    return name;
  }

  /** Returns whether it is {@code Fixed}. */
  public boolean fixed() {
    return fixed;
  }

  /** Returns the pod selector, absent when not set or invalid. */
  public Optional<Selector> podSelector() {
    return Optional.ofNullable(podSelector);
  }

  /** Returns the namespace selector, absent when not set or invalid. */
  public Optional<Selector> namespaceSelector() {
    return Optional.ofNullable(namespaceSelector);
  }

  /** Returns the problems of its selectors. */
  public List<Violation> violations() {
    return violations;
  }

  /** Returns whether it can match any pod at all: Ready, with valid selectors, at least one. */
  public boolean eligible() {
    return ready && hasSelectors && violations.isEmpty();
  }

  /**
   * Returns whether it matches, assuming {@link #eligible()}: the Fixed rule and both selectors.
   */
  public boolean matches(
      Map<String, String> podLabels, Map<String, String> namespaceLabels, boolean fixedNamePod) {
    if (fixed && !fixedNamePod) {
      return false;
    }
    if (podSelector != null && !podSelector.matches(podLabels)) {
      return false;
    }
    return namespaceSelector == null || namespaceSelector.matches(namespaceLabels);
  }

  /** Explains whether it matches, rule by rule in Terway's order. */
  public Verdict explain(
      Map<String, String> podLabels, Map<String, String> namespaceLabels, boolean fixedNamePod) {
    if (!ready) {
      return Verdict.of(name, Verdict.Reason.NOT_READY);
    }
    if (fixed && !fixedNamePod) {
      return Verdict.of(name, Verdict.Reason.FIXED_NEEDS_FIXED_NAME_POD);
    }
    if (!hasSelectors) {
      return Verdict.of(name, Verdict.Reason.NO_SELECTORS);
    }
    if (!violations.isEmpty()) {
      return new Verdict(name, Verdict.Reason.INVALID_SELECTOR, List.of(), violations);
    }
    List<Verdict.Mismatch> mismatches = new ArrayList<>();
    addMismatches(mismatches, Verdict.Scope.POD, podSelector, podLabels);
    addMismatches(mismatches, Verdict.Scope.NAMESPACE, namespaceSelector, namespaceLabels);
    if (mismatches.isEmpty()) {
      return Verdict.of(name, Verdict.Reason.MATCHED);
    }
    return new Verdict(name, Verdict.Reason.SELECTOR_MISMATCH, mismatches, List.of());
  }

  private static void addMismatches(
      List<Verdict.Mismatch> out,
      Verdict.Scope scope,
      Selector selector,
      Map<String, String> labels) {
    if (selector == null) {
      return;
    }
    for (Requirement requirement : selector.unmetRequirements(labels)) {
      out.add(
          new Verdict.Mismatch(
              scope, requirement, Optional.ofNullable(labels.get(requirement.key()))));
    }
  }
}
