package dev.terway4j.cli.scenario;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;

/**
 * A scenario cannot be read or set up: carries every problem found, each naming its place in the
 * file ({@code steps[2].create.node: no node "node-z"; declared: node-a, node-b}).
 */
public final class ScenarioException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /**
   * Creates the exception.
   *
   * @param summary one line, e.g. {@code cannot read scenario x.yaml: 2 problems}
   * @param problems every problem, one line each; not empty
   */
  public ScenarioException(String summary, List<String> problems) {
    super(summary);
    checkArgument(!problems.isEmpty(), "problems must not be empty");
    this.problems = List.copyOf(problems);
  }

  /**
   * Returns every problem, one line each, in file order.
   *
   * @return the problems
   */
  public List<String> problems() {
    return problems;
  }
}
