package dev.terway4j.testkit.internal;

/**
 * Signals that the current trial must be thrown away rather than counted as a pass or a failure.
 *
 * <p>Thrown by exhausted filters, by {@code assume(false)} and when generated data grows past the
 * choice limit. It carries no stack trace because it is control flow, thrown often and never shown.
 */
public final class Discarded extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates a discard signal.
   *
   * @param reason why the trial was discarded; shown if the run gives up
   */
  public Discarded(String reason) {
    super(reason, null, false, false);
  }
}
