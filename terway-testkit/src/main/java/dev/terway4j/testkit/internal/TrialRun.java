package dev.terway4j.testkit.internal;

/**
 * What one execution of a trial did: its verdict plus the choices and spans it consumed.
 *
 * <p>Immutable once built (the arrays are private copies), so runs can be kept as shrink
 * candidates.
 */
public final class TrialRun {
  /** The verdict of a trial. */
  public enum Status {
    /** The property held. */
    PASSED,
    /** The trial was thrown away: a filter gave up, an assumption failed or data grew too big. */
    DISCARDED,
    /** The property threw or returned false. */
    FAILED
  }

  private final Status status;
  private final long[] choices;
  private final int[] spans;
  private final Throwable failure;
  private final String discardReason;
  private final Object example;
  private final int size;
  private final TrialStatistics statistics;

  private TrialRun(
      Status status,
      long[] choices,
      int[] spans,
      Throwable failure,
      String discardReason,
      Object example,
      int size,
      TrialStatistics statistics) {
    this.status = status;
    this.choices = choices;
    this.spans = spans;
    this.failure = failure;
    this.discardReason = discardReason;
    this.example = example;
    this.size = size;
    this.statistics = statistics;
  }

  /**
   * Runs a trial against a source, classifying what it throws.
   *
   * <p>Any throwable is a failure except {@link Discarded}, and except {@link VirtualMachineError}
   * which is rethrown: an out-of-memory or stack-overflow says nothing reliable about the property.
   *
   * @param trial the trial to run
   * @param source where the trial draws its choices
   * @return the classified run
   */
  public static TrialRun execute(Engine.Trial trial, ChoiceSource source) {
    Status status = Status.PASSED;
    Throwable failure = null;
    String discardReason = null;
    TrialStatistics statistics = new TrialStatistics();
    TrialStatistics enclosing = TrialStatistics.install(statistics);
    try {
      trial.run(source);
    } catch (Discarded d) {
      status = Status.DISCARDED;
      discardReason = d.getMessage();
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable t) {
      status = Status.FAILED;
      failure = t;
    } finally {
      TrialStatistics.restore(enclosing);
    }
    return new TrialRun(
        status,
        source.choices(),
        source.spans(),
        failure,
        discardReason,
        source.example(),
        source.size(),
        statistics);
  }

  /**
   * Returns the verdict.
   *
   * @return the status
   */
  public Status status() {
    return status;
  }

  /**
   * Tells whether the trial failed.
   *
   * @return true for {@link Status#FAILED}
   */
  public boolean failed() {
    return status == Status.FAILED;
  }

  /**
   * Returns a copy of the consumed choices.
   *
   * @return the choices
   */
  public long[] choices() {
    return choices.clone();
  }

  /**
   * Returns how many choices were consumed.
   *
   * @return the number of choices
   */
  public int length() {
    return choices.length;
  }

  /**
   * Returns one consumed choice.
   *
   * @param index the position, below {@link #length()}
   * @return the choice
   */
  public long choice(int index) {
    return choices[index];
  }

  /**
   * Returns how many spans were recorded.
   *
   * @return the number of spans
   */
  public int spanCount() {
    return spans.length / 2;
  }

  /**
   * Returns where a span starts.
   *
   * @param index the span, below {@link #spanCount()}
   * @return the index of its first choice
   */
  public int spanStart(int index) {
    return spans[index * 2];
  }

  /**
   * Returns where a span ends.
   *
   * @param index the span, below {@link #spanCount()}
   * @return the index after its last choice
   */
  public int spanEnd(int index) {
    return spans[index * 2 + 1];
  }

  /**
   * Returns what the property threw, for a failed run.
   *
   * @return the failure or null
   */
  public Throwable failure() {
    return failure;
  }

  /**
   * Returns why the run was discarded, for a discarded run.
   *
   * @return the reason or null
   */
  public String discardReason() {
    return discardReason;
  }

  /**
   * Returns the object the trial registered to describe its input.
   *
   * @return the example or null
   */
  public Object example() {
    return example;
  }

  /**
   * Returns the labels and event counts the trial reported.
   *
   * @return the trial's statistics
   */
  public TrialStatistics statistics() {
    return statistics;
  }

  /**
   * Returns the size hint the run was generated with; replays must use the same one.
   *
   * @return the size hint
   */
  public int size() {
    return size;
  }
}
