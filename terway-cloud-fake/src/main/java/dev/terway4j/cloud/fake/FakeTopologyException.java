package dev.terway4j.cloud.fake;

import java.util.List;

/**
 * A {@link FakeTopology} that cannot be built: every problem found, each naming its path (e.g.
 * {@code nodes[2].zone: zone "cn-x-z" is not declared}). It is an {@link IllegalArgumentException}
 * because the topology is the caller's argument. Immutable and thread-safe.
 */
public final class FakeTopologyException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The problems, serializable as a list of strings. */
  @SuppressWarnings("serial")
  private final List<String> problems;

  /**
   * Creates the exception.
   *
   * @param problems every problem found, at least one
   */
  public FakeTopologyException(List<String> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * Returns every problem found, in the order of the topology's declarations.
   *
   * @return the problems, each {@code <path>: <what is wrong>}
   */
  public List<String> problems() {
    return problems;
  }

  private static String describe(List<String> problems) {
    return "invalid fake topology ("
        + problems.size()
        + (problems.size() == 1 ? " problem" : " problems")
        + "): "
        + String.join("; ", problems);
  }
}
