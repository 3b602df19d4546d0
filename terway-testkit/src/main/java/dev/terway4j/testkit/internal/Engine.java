package dev.terway4j.testkit.internal;

import java.util.SplittableRandom;

/**
 * The run loop shared by every runner: replay the regression examples, generate, classify, and on
 * failure shrink.
 *
 * <p>Determinism: the run's seed feeds one {@link SplittableRandom} that draws, in order, the seed
 * of every try; each try then draws its choices from a generator of its own. The size hint of try
 * {@code n} is {@code min(n, 100)} regardless of the configured number of tries. So the same seed
 * reproduces the same counterexample even when {@code -Dterway.tries} raises the try count, and a
 * single failing try can be named by its own seed and size (a {@link Regression}) and kept.
 */
public final class Engine {
  /** The largest size hint handed to generators. */
  public static final int MAX_SIZE = 100;

  private Engine() {}

  /**
   * One execution of a property against the choices of a source.
   *
   * <p>Implementations must be deterministic given the choices, or shrinking and replay break.
   */
  @FunctionalInterface
  public interface Trial {
    /**
     * Draws inputs from the source and checks the property, throwing on failure.
     *
     * @param source where to draw choices
     * @throws Throwable when the property fails
     */
    void run(ChoiceSource source) throws Throwable;
  }

  /**
   * Runs the regression examples, then random tries until enough pass, a try fails or too many are
   * discarded.
   *
   * @param trial the property to check
   * @param settings resolved settings
   * @return what happened
   */
  public static RunReport run(Trial trial, RunSettings settings) {
    RunStatistics statistics = new RunStatistics();
    int regressionNumber = 0;
    for (Regression regression : settings.regressions()) {
      regressionNumber++;
      TrialRun run = execute(trial, regression);
      if (run.failed()) {
        return failure(trial, settings, run, regression, -regressionNumber, 0, statistics);
      }
      // A passing or discarded regression example says nothing about the random tries' figures.
    }
    SplittableRandom random = new SplittableRandom(settings.seed());
    int passed = 0;
    int discarded = 0;
    while (passed < settings.tries()) {
      Regression attempt = new Regression(Math.min(passed, MAX_SIZE), random.nextLong());
      TrialRun run = execute(trial, attempt);
      switch (run.status()) {
        case PASSED:
          passed++;
          statistics.add(run.statistics());
          break;
        case DISCARDED:
          discarded++;
          if (discarded > settings.maxDiscards()) {
            return RunReport.gaveUp(settings, passed, discarded, run.discardReason(), statistics);
          }
          break;
        default:
          return failure(trial, settings, run, attempt, passed + 1, discarded, statistics);
      }
    }
    return RunReport.passed(settings, passed, discarded, statistics);
  }

  private static TrialRun execute(Trial trial, Regression attempt) {
    return TrialRun.execute(
        trial, ChoiceSource.generating(new SplittableRandom(attempt.seed()), attempt.size()));
  }

  private static RunReport failure(
      Trial trial,
      RunSettings settings,
      TrialRun run,
      Regression attempt,
      int tryNumber,
      int discarded,
      RunStatistics statistics) {
    Shrinker shrinker =
        new Shrinker(
            run,
            choices -> TrialRun.execute(trial, ChoiceSource.replaying(choices, attempt.size())),
            settings.maxShrinkAttempts());
    TrialRun shrunk = shrinker.shrink();
    return RunReport.failed(
        settings, tryNumber, discarded, run, shrunk, shrinker.steps(), attempt, statistics);
  }
}
