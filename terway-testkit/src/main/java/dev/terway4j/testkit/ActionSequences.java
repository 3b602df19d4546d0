package dev.terway4j.testkit;

import dev.terway4j.testkit.internal.ChoiceSource;
import dev.terway4j.testkit.internal.Engine;
import dev.terway4j.testkit.internal.FailureMessages;
import dev.terway4j.testkit.internal.Regression;
import dev.terway4j.testkit.internal.RunReport;
import dev.terway4j.testkit.internal.RunSettings;
import dev.terway4j.testkit.internal.TrialRun;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Model-based (stateful) testing: runs random sequences of {@link Action}s against a system under
 * test and a simple reference model, and shrinks a failing sequence to a minimal one.
 *
 * <p>Each try creates a fresh model and system, then repeatedly asks the action generator for an
 * action given the current model, skips it if its {@linkplain Action#precondition precondition}
 * does not hold, runs it, and checks the optional {@linkplain #invariant invariant} (also once
 * before the first step). A system under test that is {@link AutoCloseable} is closed after every
 * try.
 *
 * <p>Shrinking removes steps and simplifies the remaining actions' generated parameters; when a
 * shrunk sequence is replayed, actions whose precondition no longer holds are skipped. The failure
 * report lists the minimal sequence step by step with the seed that reproduces it.
 *
 * <pre>{@code
 * ActionSequences.<List<Integer>, MyStack>of(ArrayList::new, MyStack::new, model -> Gens.oneOf(
 *         Gens.integers(0, 9).map(StackTest::push), Gens.constant(POP)))
 *     .maxLength(30)
 *     .check();
 * }</pre>
 *
 * <p>If Java cannot infer the model and system types, pass them as type witnesses as above.
 *
 * <p>Configured instances are immutable ({@code maxLength}, {@code invariant} and the {@code with*}
 * methods return copies); each {@link #check()} is an independent run on the calling thread. The
 * model and system are created per try and never shared between tries.
 *
 * @param <M> the model type
 * @param <S> the type of the system under test
 */
public final class ActionSequences<M, S> {
  /** The longest sequence generated when {@link #maxLength(int)} is not called. */
  public static final int DEFAULT_MAX_LENGTH = 50;

  private final Supplier<? extends M> initialModel;
  private final Supplier<? extends S> sutFactory;
  private final Function<? super M, ? extends Gen<? extends Action<M, S>>> actions;
  private final int maxLength;
  private final Invariant<? super M, ? super S> invariant;
  private final RunSettings settings;

  private ActionSequences(
      Supplier<? extends M> initialModel,
      Supplier<? extends S> sutFactory,
      Function<? super M, ? extends Gen<? extends Action<M, S>>> actions,
      int maxLength,
      Invariant<? super M, ? super S> invariant,
      RunSettings settings) {
    this.initialModel = initialModel;
    this.sutFactory = sutFactory;
    this.actions = actions;
    this.maxLength = maxLength;
    this.invariant = invariant;
    this.settings = settings;
  }

  /**
   * Starts an action-sequence test.
   *
   * @param initialModel creates a fresh model for every try
   * @param sutFactory creates a fresh system under test for every try
   * @param actions gives the generator of the next action for the current model; must not modify
   *     the model
   * @param <M> the model type
   * @param <S> the type of the system under test
   * @return the test, with default settings
   */
  public static <M, S> ActionSequences<M, S> of(
      Supplier<? extends M> initialModel,
      Supplier<? extends S> sutFactory,
      Function<? super M, ? extends Gen<? extends Action<M, S>>> actions) {
    return new ActionSequences<>(
        Objects.requireNonNull(initialModel, "initialModel"),
        Objects.requireNonNull(sutFactory, "sutFactory"),
        Objects.requireNonNull(actions, "actions"),
        DEFAULT_MAX_LENGTH,
        null,
        RunSettings.defaults());
  }

  /**
   * Returns a copy that generates sequences of at most {@code maxLength} steps (default {@value
   * #DEFAULT_MAX_LENGTH}).
   *
   * @param maxLength the longest sequence, positive
   * @return the configured test
   */
  public ActionSequences<M, S> maxLength(int maxLength) {
    if (maxLength <= 0) {
      throw new IllegalArgumentException("maxLength must be positive: " + maxLength);
    }
    return new ActionSequences<>(initialModel, sutFactory, actions, maxLength, invariant, settings);
  }

  /**
   * Returns a copy that checks an invariant before the first step and after every step.
   *
   * @param invariant throws when the model or system is in a bad state; must not modify them
   * @return the configured test
   */
  public ActionSequences<M, S> invariant(Invariant<? super M, ? super S> invariant) {
    return new ActionSequences<>(
        initialModel,
        sutFactory,
        actions,
        maxLength,
        Objects.requireNonNull(invariant, "invariant"),
        settings);
  }

  /**
   * Returns a copy that uses a fixed seed; see {@link Property#withSeed(long)}.
   *
   * @param seed the seed
   * @return the configured test
   */
  public ActionSequences<M, S> withSeed(long seed) {
    return withSettings(settings.withSeed(seed));
  }

  /**
   * Returns a copy that replays a kept failing case before its random tries; see {@link
   * Property#withRegression(String)}.
   *
   * @param regression the text a failure printed, e.g. {@code 57/9e3779b97f4a7c15}
   * @return the configured test
   * @throws IllegalArgumentException when the text is not of that form
   */
  public ActionSequences<M, S> withRegression(String regression) {
    return withSettings(settings.withRegression(Regression.parse(regression)));
  }

  /**
   * Returns a copy whose default seed is derived from a name instead of the calling test method;
   * see {@link Property#named(String)}.
   *
   * @param name the name, not blank
   * @return the configured test
   */
  public ActionSequences<M, S> named(String name) {
    return withSettings(settings.withName(name));
  }

  /**
   * Returns a copy that runs a number of passing sequences (default 100); see {@link
   * Property#withTries(int)}.
   *
   * @param tries the tries, positive
   * @return the configured test
   */
  public ActionSequences<M, S> withTries(int tries) {
    return withSettings(settings.withTries(tries));
  }

  /**
   * Returns a copy with a shrink budget; see {@link Property#withMaxShrinkAttempts(int)}.
   *
   * @param attempts the replays the shrinker may spend
   * @return the configured test
   */
  public ActionSequences<M, S> withMaxShrinkAttempts(int attempts) {
    return withSettings(settings.withMaxShrinkAttempts(attempts));
  }

  /**
   * Returns a copy with a discard budget; see {@link Property#withMaxDiscards(int)}.
   *
   * @param discards the discarded trials to tolerate
   * @return the configured test
   */
  public ActionSequences<M, S> withMaxDiscards(int discards) {
    return withSettings(settings.withMaxDiscards(discards));
  }

  /**
   * Runs the configured number of random action sequences.
   *
   * @return statistics of the passing run
   * @throws PropertyFailure listing the minimal failing sequence when an action, the invariant or
   *     closing the system throws
   * @throws TooManyDiscardsError when generation or assumptions discard too many sequences
   */
  public PropertyResult check() {
    RunReport report = Engine.run(this::runOnce, settings.resolve());
    switch (report.outcome()) {
      case PASSED:
        return PropertyResult.of(report);
      case GAVE_UP:
        throw TooManyDiscardsError.of(report);
      default:
        Log<?, ?> original = (Log<?, ?>) report.original().example();
        Log<?, ?> shrunk = (Log<?, ?>) report.shrunk().example();
        throw new PropertyFailure(
            message(report, original, shrunk),
            report,
            original.executedCopy(),
            shrunk.executedCopy());
    }
  }

  private ActionSequences<M, S> withSettings(RunSettings newSettings) {
    return new ActionSequences<>(
        initialModel, sutFactory, actions, maxLength, invariant, newSettings);
  }

  private void runOnce(ChoiceSource source) throws Exception {
    Log<M, S> log = new Log<>();
    source.setExample(log);
    M model = initialModel.get();
    S sut = sutFactory.get();
    try {
      runSteps(source, log, model, sut);
    } catch (Throwable t) {
      if (sut instanceof AutoCloseable) {
        try {
          ((AutoCloseable) sut).close();
        } catch (Exception closing) {
          t.addSuppressed(closing);
        }
      }
      throw t;
    }
    if (sut instanceof AutoCloseable) {
      log.phase = Phase.CLOSING;
      ((AutoCloseable) sut).close();
    }
    log.phase = Phase.DONE;
  }

  private void runSteps(ChoiceSource source, Log<M, S> log, M model, S sut) throws Exception {
    if (invariant != null) {
      log.phase = Phase.INITIAL_INVARIANT;
      invariant.check(model, sut);
    }
    int target = source.isGenerating() ? targetLength(source.random()) : 0;
    for (int step = 0; step < maxLength; step++) {
      // One span per step, holding its "more?" choice, so the shrinker can drop whole steps.
      int span = source.startSpan();
      if (source.draw(1, step < target ? 1 : 0) == 0) {
        source.endSpan(span);
        break;
      }
      log.phase = Phase.GENERATING;
      Gen<? extends Action<M, S>> next =
          Objects.requireNonNull(actions.apply(model), "the action generator returned null");
      Action<M, S> action = Objects.requireNonNull(next.generate(source), "generated action");
      source.endSpan(span);
      if (!action.precondition(model)) {
        continue;
      }
      log.executed.add(action);
      log.phase = Phase.RUNNING;
      action.run(model, sut);
      if (invariant != null) {
        log.phase = Phase.INVARIANT;
        invariant.check(model, sut);
      }
    }
  }

  private int targetLength(SplittableRandom random) {
    // Long sequences find deep bugs; short ones keep early tries cheap. Mix both.
    return random.nextInt(4) == 0 ? maxLength : 1 + random.nextInt(maxLength);
  }

  private static String message(RunReport report, Log<?, ?> original, Log<?, ?> shrunk) {
    TrialRun shrunkRun = report.shrunk();
    TrialRun originalRun = report.original();
    return "Action sequence failed on "
        + FailureMessages.where(report)
        + "\n  minimal failing sequence ("
        + shrunk.executed.size()
        + " steps, after "
        + report.shrinkSteps()
        + " shrink steps):\n"
        + shrunk.render(shrunkRun.failure())
        + "  original failing sequence ("
        + original.executed.size()
        + " steps):\n"
        + FailureMessages.truncate(original.render(originalRun.failure()))
        + "  failure on minimal sequence: "
        + FailureMessages.describe(shrunkRun.failure())
        + "\n  failure on original sequence: "
        + FailureMessages.describe(originalRun.failure());
  }

  /**
   * Checks a property of the model and system that must hold in every state.
   *
   * @param <M> the model type
   * @param <S> the type of the system under test
   */
  @FunctionalInterface
  public interface Invariant<M, S> {
    /**
     * Throws if the invariant is violated.
     *
     * @param model the current model; must not be modified
     * @param sut the system under test; must not be modified
     * @throws Exception when the invariant does not hold
     */
    void check(M model, S sut) throws Exception;
  }

  /** Where in a try a failure happened, so the report can point at the right step. */
  private enum Phase {
    SETUP,
    INITIAL_INVARIANT,
    GENERATING,
    RUNNING,
    INVARIANT,
    CLOSING,
    DONE
  }

  /** What one try executed; registered as the trial's example so the report can list it. */
  private static final class Log<M, S> {
    final List<Action<M, S>> executed = new ArrayList<>();
    Phase phase = Phase.SETUP;

    List<Action<M, S>> executedCopy() {
      return Collections.unmodifiableList(new ArrayList<>(executed));
    }

    String render(Throwable failure) {
      String what = FailureMessages.describe(failure);
      StringBuilder text = new StringBuilder();
      if (phase == Phase.SETUP) {
        text.append("    (creating the model or the system under test failed: ")
            .append(what)
            .append(")\n");
      }
      if (phase == Phase.INITIAL_INVARIANT) {
        text.append("    (invariant failed on the initial state: ").append(what).append(")\n");
      }
      for (int i = 0; i < executed.size(); i++) {
        text.append("    ").append(i + 1).append(". ");
        text.append(
            FailureMessages.truncate(
                FailureMessages.render(executed.get(i)), FailureMessages.MAX_STEP_CHARS));
        if (i == executed.size() - 1) {
          if (phase == Phase.RUNNING) {
            text.append("   <-- failed: ").append(what);
          } else if (phase == Phase.INVARIANT) {
            text.append("   <-- invariant failed after this step: ").append(what);
          }
        }
        text.append('\n');
      }
      if (phase == Phase.GENERATING) {
        text.append("    ")
            .append(executed.size() + 1)
            .append(". (generating the next action failed: ")
            .append(what)
            .append(")\n");
      }
      if (phase == Phase.CLOSING) {
        text.append("    (closing the system under test failed: ").append(what).append(")\n");
      }
      return text.toString();
    }
  }
}
