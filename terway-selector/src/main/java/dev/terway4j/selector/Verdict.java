package dev.terway4j.selector;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.model.Violation;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Why one PodNetworking did or did not match one pod: the first rule that excluded it, in the order
 * Terway applies them (Ready, Fixed vs a non-fixed-name pod, selectors), and for a selector
 * mismatch every requirement that failed with the label value it saw. Immutable and thread-safe.
 *
 * @param podNetworking the PodNetworking's name
 * @param reason the outcome for it
 * @param mismatches for {@link Reason#SELECTOR_MISMATCH}, every failed requirement; else empty
 * @param violations for {@link Reason#INVALID_SELECTOR}, every problem of its selectors; else empty
 */
public record Verdict(
    String podNetworking, Reason reason, List<Mismatch> mismatches, List<Violation> violations) {

  /** The outcome for one PodNetworking. */
  public enum Reason {
    /** Every rule holds: it is a candidate. */
    MATCHED("matched"),
    /** {@code status.status} is not {@code Ready}. */
    NOT_READY("not Ready"),
    /** It is {@code Fixed} and the pod is not fixed-name (no StatefulSet or custom owner). */
    FIXED_NEEDS_FIXED_NAME_POD("Fixed allocation, but the pod is not fixed-name"),
    /** Neither podSelector nor namespaceSelector is set: it is never matched automatically. */
    NO_SELECTORS("no podSelector and no namespaceSelector: never matched automatically"),
    /** A selector breaks the Kubernetes label rules, so it cannot match. */
    INVALID_SELECTOR("invalid selector"),
    /** A requirement of a selector does not hold. */
    SELECTOR_MISMATCH("selector mismatch");

    private final String description;

    Reason(String description) {
      this.description = description;
    }

    /** Returns a short English description. */
    public String description() {
      return description;
    }
  }

  /** Which selector a requirement belongs to. */
  public enum Scope {
    /** {@code spec.selector.podSelector}, matched against the pod's labels. */
    POD("podSelector"),
    /** {@code spec.selector.namespaceSelector}, matched against the namespace's labels. */
    NAMESPACE("namespaceSelector");

    private final String field;

    Scope(String field) {
      this.field = field;
    }

    /** Returns the field name, {@code podSelector} or {@code namespaceSelector}. */
    public String field() {
      return field;
    }
  }

  /**
   * One failed requirement.
   *
   * @param scope the selector it belongs to
   * @param requirement the requirement
   * @param actualValue the value of the requirement's key in the labels, absent when missing
   */
  public record Mismatch(Scope scope, Requirement requirement, Optional<String> actualValue) {

    /** Checks the components. */
    public Mismatch {
      checkNotNull(scope, "scope");
      checkNotNull(requirement, "requirement");
      checkNotNull(actualValue, "actualValue");
    }

    /** Returns the label key the requirement is about. */
    public String key() {
      return requirement.key();
    }

    /** Returns e.g. {@code podSelector "env in (prod)" not met: label env="dev"}. */
    @Override
    public String toString() {
      return scope.field()
          + " \""
          + requirement
          + "\" not met: "
          + actualValue
              .map(v -> "label " + requirement.key() + "=\"" + v + "\"")
              .orElse("label " + requirement.key() + " is absent");
    }
  }

  /** Checks the components and copies the lists. */
  public Verdict {
    checkNotNull(podNetworking, "podNetworking");
    checkNotNull(reason, "reason");
    mismatches = List.copyOf(mismatches);
    violations = List.copyOf(violations);
  }

  /** Returns a verdict with no mismatch and no violation. */
  public static Verdict of(String podNetworking, Reason reason) {
    return new Verdict(podNetworking, reason, List.of(), List.of());
  }

  /** Returns whether the PodNetworking matched. */
  public boolean matched() {
    return reason == Reason.MATCHED;
  }

  /** Returns e.g. {@code web: selector mismatch: podSelector "app=web" not met: label app="db"}. */
  @Override
  public String toString() {
    String details = "";
    if (!mismatches.isEmpty()) {
      details =
          mismatches.stream().map(Mismatch::toString).collect(Collectors.joining("; ", ": ", ""));
    } else if (!violations.isEmpty()) {
      details =
          violations.stream().map(Violation::toString).collect(Collectors.joining("; ", ": ", ""));
    }
    return podNetworking + ": " + reason.description() + details;
  }
}
