package dev.terway4j.selector;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.model.PodNetworking;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which PodNetworking a pod gets: {@link Outcome#MATCHED} exactly one, {@link Outcome#AMBIGUOUS}
 * several (the winner is the one with the lowest {@code metadata.name}, and every candidate is
 * listed so a caller can reject the pod instead), or {@link Outcome#NONE}.
 *
 * <p>Terway takes an arbitrary one of several matches; we pick deterministically and say so.
 * Immutable and thread-safe.
 *
 * @param outcome how many PodNetworkings matched
 * @param winner the PodNetworking to use, absent for {@link Outcome#NONE}
 * @param candidates every match, sorted by name (the winner first)
 */
public record Resolution(
    Outcome outcome, Optional<PodNetworking> winner, List<PodNetworking> candidates) {

  /** How many PodNetworkings matched. */
  public enum Outcome {
    /** Exactly one. */
    MATCHED,
    /** More than one; the winner is the lowest name. */
    AMBIGUOUS,
    /** None. */
    NONE
  }

  private static final Resolution NONE = new Resolution(Outcome.NONE, Optional.empty(), List.of());

  /** Checks consistency and copies the candidates. */
  public Resolution {
    checkNotNull(outcome, "outcome");
    checkNotNull(winner, "winner");
    candidates = List.copyOf(candidates);
    checkArgument(
        outcome == Outcome.NONE
            ? candidates.isEmpty() && winner.isEmpty()
            : winner.isPresent()
                && winner.get().equals(candidates.get(0))
                && (candidates.size() == 1) == (outcome == Outcome.MATCHED),
        "inconsistent resolution %s %s %s",
        outcome,
        winner,
        candidates);
  }

  /** Returns the resolution of no match. */
  public static Resolution none() {
    return NONE;
  }

  /**
   * Returns the resolution of some matches, in any order: none, one, or ambiguous.
   *
   * @throws IllegalArgumentException if two matches have the same name
   */
  public static Resolution of(List<PodNetworking> matches) {
    checkNotNull(matches, "matches");
    if (matches.isEmpty()) {
      return NONE;
    }
    if (matches.size() == 1) {
      return new Resolution(Outcome.MATCHED, Optional.of(matches.get(0)), matches);
    }
    List<PodNetworking> sorted = new ArrayList<>(matches);
    sorted.sort(Comparator.comparing(pn -> pn.metadata().name()));
    for (int i = 1; i < sorted.size(); i++) {
      checkArgument(
          !sorted.get(i).metadata().name().equals(sorted.get(i - 1).metadata().name()),
          "two matches named %s",
          sorted.get(i).metadata().name());
    }
    return new Resolution(Outcome.AMBIGUOUS, Optional.of(sorted.get(0)), sorted);
  }

  /** Returns whether exactly one PodNetworking matched. */
  public boolean isMatched() {
    return outcome == Outcome.MATCHED;
  }

  /** Returns whether several PodNetworkings matched. */
  public boolean isAmbiguous() {
    return outcome == Outcome.AMBIGUOUS;
  }

  /** Returns whether no PodNetworking matched. */
  public boolean isNone() {
    return outcome == Outcome.NONE;
  }

  /** Returns the names of the candidates, sorted. */
  public List<String> candidateNames() {
    return candidates.stream().map(pn -> pn.metadata().name()).collect(Collectors.toList());
  }

  /** Returns e.g. {@code MATCHED web}, {@code AMBIGUOUS a [a, b]} or {@code NONE}. */
  @Override
  public String toString() {
    switch (outcome) {
      case MATCHED:
        return "MATCHED " + winner.get().metadata().name();
      case AMBIGUOUS:
        return "AMBIGUOUS " + winner.get().metadata().name() + " " + candidateNames();
      default:
        return "NONE";
    }
  }
}
