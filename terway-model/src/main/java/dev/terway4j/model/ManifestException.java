package dev.terway4j.model;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown when manifests cannot be read: carries every problem found, each with its document and
 * field path. Nothing is returned when this is thrown (no half-read result).
 */
public final class ManifestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

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
    return head
        + problems.stream().map(ManifestProblem::toString).collect(Collectors.joining("\n  "));
  }
}
