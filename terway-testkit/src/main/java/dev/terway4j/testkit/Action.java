package dev.terway4j.testkit;

import dev.terway4j.testkit.internal.NamedAction;
import java.util.function.Predicate;

/**
 * One step of an action-sequence test: applies an operation to the model and to the system under
 * test, and checks that they agree.
 *
 * <p>Implementations should be immutable values with a readable {@link Object#toString()}: failure
 * reports list the minimal sequence as the actions' {@code toString}, one per line. Use {@link
 * #of(String, Body)} for lambda-style actions.
 *
 * @param <M> the model type (a simple, obviously correct reference implementation)
 * @param <S> the type of the system under test
 */
public interface Action<M, S> {
  /**
   * Tells whether this action may run in the model's current state.
   *
   * <p>Actions whose precondition does not hold are skipped, both when generating and when
   * replaying a shrunk sequence (where earlier steps may have been removed). Must not modify the
   * model.
   *
   * @param model the current model
   * @return true if the action can run; the default is always true
   */
  default boolean precondition(M model) {
    return true;
  }

  /**
   * Runs the action: updates the model, performs the operation on the system under test and throws
   * if the system's behaviour disagrees with the model.
   *
   * @param model the model, to be updated
   * @param sut the system under test
   * @throws Exception when the system under test misbehaves
   */
  void run(M model, S sut) throws Exception;

  /**
   * Creates an action from a description and a body, with no precondition.
   *
   * @param description what {@code toString} returns, e.g. {@code "push(3)"}
   * @param body updates the model, exercises the system and checks it
   * @param <M> the model type
   * @param <S> the type of the system under test
   * @return the action
   */
  static <M, S> Action<M, S> of(String description, Body<M, S> body) {
    return new NamedAction<>(description, model -> true, body);
  }

  /**
   * Creates an action from a description, a precondition and a body.
   *
   * @param description what {@code toString} returns, e.g. {@code "pop"}
   * @param precondition when the action may run; must not modify the model
   * @param body updates the model, exercises the system and checks it
   * @param <M> the model type
   * @param <S> the type of the system under test
   * @return the action
   */
  static <M, S> Action<M, S> of(
      String description, Predicate<? super M> precondition, Body<M, S> body) {
    return new NamedAction<>(description, precondition, body);
  }

  /**
   * The body of an action built with {@link Action#of(String, Body)}.
   *
   * @param <M> the model type
   * @param <S> the type of the system under test
   */
  @FunctionalInterface
  interface Body<M, S> {
    /**
     * Updates the model, exercises the system under test and checks it.
     *
     * @param model the model, to be updated
     * @param sut the system under test
     * @throws Exception when the system under test misbehaves
     */
    void run(M model, S sut) throws Exception;
  }
}
