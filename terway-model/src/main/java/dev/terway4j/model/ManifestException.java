package dev.terway4j.model;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when manifests cannot be read: carries every problem found, each with its document and
 * field path, up to the limits of {@link ReadOptions#maxProblems()} and {@link
 * ReadOptions#maxProblemsPerDocument()} (then a summary problem {@code and N more problems}).
 * Nothing is returned when this is thrown (no half-read result).
 *
 * <p>The message lists at most {@link #MAX_PROBLEMS_IN_MESSAGE} problems and then {@code ... and N
 * more}; with the bounds of {@link ManifestProblem} it stays a few tens of kilobytes at most.
 * {@link #problems()} has them all. Immutable once thrown.
 */
public final class ManifestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The most problems listed in {@link #getMessage()}; {@link #problems()} has every one. */
  public static final int MAX_PROBLEMS_IN_MESSAGE = 20;

  private final List<ManifestProblem> problems;

  /** Creates the exception; {@code problems} must not be empty. */
  public ManifestException(List<ManifestProblem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  /** Returns every problem, in the order found. */
  public List<ManifestProblem> problems() {
    return problems;
  }

  private static String describe(List<ManifestProblem> problems) {
    checkArgument(!problems.isEmpty(), "problems must not be empty");
    String head =
        problems.size() == 1
            ? "invalid manifest: "
            : "invalid manifest: " + problems.size() + " problems:\n  ";
    String listed =
        problems.stream()
            .limit(MAX_PROBLEMS_IN_MESSAGE)
            .map(ManifestProblem::toString)
            .collect(Collectors.joining("\n  "));
    int more = problems.size() - MAX_PROBLEMS_IN_MESSAGE;
    return head + listed + (more > 0 ? "\n  ... and " + more + " more" : "");
  }
}
