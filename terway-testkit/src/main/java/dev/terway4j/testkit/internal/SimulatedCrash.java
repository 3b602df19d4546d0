package dev.terway4j.testkit.internal;

/**
 * Thrown from inside a cloud call to simulate the death of the controller's process at that point.
 *
 * <p>An {@link Error}, so that code which catches {@link RuntimeException} or {@link Exception} to
 * roll back does not run, as it would not in a dead process. The harness catches it around each
 * reaction and restarts the controller.
 */
public final class SimulatedCrash extends Error {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the crash.
   *
   * @param where where the process died, e.g. {@code after CreateNetworkInterface}
   */
  public SimulatedCrash(String where) {
    super("simulated crash of the controller's process " + where, null, false, false);
  }
}
