package dev.terway4j.testkit;

/**
 * Statistics of a {@link ControllerHarness} run that passed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param seed the seed; pass it to {@link ControllerHarness#withSeed} to repeat the run
 * @param tries how many sequences ran and passed
 * @param steps how many steps ran, over all sequences
 * @param faultedSteps how many steps met at least one injected fault: a cloud call failed, delayed
 *     or answered after a lost reply by injection, or a crash
 * @param injectedFaults how many injected faults were consumed (one per affected cloud call or
 *     crash)
 * @param crashes how many simulated crashes of the controller's process happened
 * @param restarts how many times a controller was created again (after crashes and clean restarts)
 * @param toleratedExceptions how many reactions ended with a tolerated exception (a requeue)
 * @param settleRounds how many clock advances the final convergence of every sequence took
 */
public record HarnessResult(
    long seed,
    int tries,
    long steps,
    long faultedSteps,
    long injectedFaults,
    long crashes,
    long restarts,
    long toleratedExceptions,
    long settleRounds) {

  /**
   * Summarises the run on one line.
   *
   * @return the summary
   */
  @Override
  public String toString() {
    return tries
        + " sequences passed: "
        + steps
        + " steps, "
        + faultedSteps
        + " faulted steps, "
        + injectedFaults
        + " injected faults, "
        + crashes
        + " crashes, "
        + restarts
        + " restarts, "
        + toleratedExceptions
        + " requeues, "
        + settleRounds
        + " settle rounds (seed "
        + seed
        + ")";
  }
}
