package dev.terway4j.testkit;

/**
 * Statistics of a {@link ControllerHarness} run that passed.
 *
 * <p>Every figure is measured by the engine over the sequences that passed (discarded sequences do
 * not count), from what actually happened: a fault counts only when an operation met it. Immutable
 * and thread-safe.
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
 * @param statistics every label and event of the run, including those a controller's own actions or
 *     invariants reported with {@link PropertyChecks#label} and {@link PropertyChecks#count}
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
    long settleRounds,
    Statistics statistics) {

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
