package dev.terway4j.testkit.internal;

import java.util.SplittableRandom;

/**
 * The run loop shared by every runner: generate, classify, and on failure shrink.
 *
 * <p>Determinism: one {@link SplittableRandom} per run, seeded from the settings, feeds every trial
 * in order, and the size hint of try {@code n} is {@code min(n, 100)} regardless of the configured
 * number of tries. So the same seed reproduces the same counterexample even when {@code
 * -Dterway.tries} raises the try count.
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
   * Runs a trial until enough tries pass, a try fails or too many are discarded.
   *
   * @param trial the property to check
   * @param settings resolved settings
   * @return what happened
   */
  public static RunReport run(Trial trial, RunSettings settings) {
    SplittableRandom random = new SplittableRandom(settings.seed());
    int passed = 0;
    int discarded = 0;
    while (passed < settings.tries()) {
      int size = Math.min(passed, MAX_SIZE);
      TrialRun run = TrialRun.execute(trial, ChoiceSource.generating(random, size));
      switch (run.status()) {
        case PASSED:
          passed++;
          break;
        case DISCARDED:
          discarded++;
          if (discarded > settings.maxDiscards()) {
            return RunReport.gaveUp(settings, passed, discarded, run.discardReason());
          }
          break;
        default:
          Shrinker shrinker =
              new Shrinker(
                  run,
                  choices -> TrialRun.execute(trial, ChoiceSource.replaying(choices, size)),
                  settings.maxShrinkAttempts());
          TrialRun shrunk = shrinker.shrink();
          return RunReport.failed(settings, passed + 1, discarded, run, shrunk, shrinker.steps());
      }
    }
    return RunReport.passed(settings, passed, discarded);
  }
}
