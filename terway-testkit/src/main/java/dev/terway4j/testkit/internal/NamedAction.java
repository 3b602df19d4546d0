package dev.terway4j.testkit.internal;

import dev.terway4j.testkit.Action;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The action behind {@link Action#of}: a description, a precondition and a body.
 *
 * <p>Immutable; as thread-safe as the functions it holds.
 *
 * @param <M> the model type
 * @param <S> the type of the system under test
 */
public final class NamedAction<M, S> implements Action<M, S> {
  private final String description;
  private final Predicate<? super M> precondition;
  private final Action.Body<M, S> body;

  /**
   * Creates the action.
   *
   * @param description the text of {@link #toString()}
   * @param precondition when the action may run
   * @param body what the action does
   */
  public NamedAction(
      String description, Predicate<? super M> precondition, Action.Body<M, S> body) {
    this.description = Objects.requireNonNull(description, "description");
    this.precondition = Objects.requireNonNull(precondition, "precondition");
    this.body = Objects.requireNonNull(body, "body");
  }

  /**
   * Tests the precondition.
   *
   * @param model the current model
   * @return whether the action may run
   */
  @Override
  public boolean precondition(M model) {
    return precondition.test(model);
  }

  /**
   * Runs the body.
   *
   * @param model the model
   * @param sut the system under test
   * @throws Exception when the body throws
   */
  @Override
  public void run(M model, S sut) throws Exception {
    body.run(model, sut);
  }

  /**
   * Returns the description.
   *
   * @return the description
   */
  @Override
  public String toString() {
    return description;
  }
}
