package dev.terway4j.testkit;

/**
 * A property body that checks one value by throwing, typically with assertions.
 *
 * @param <T> the type of the checked value
 */
@FunctionalInterface
public interface ThrowingConsumer<T> {
  /**
   * Checks a value; returning normally means the property held.
   *
   * @param value the generated value
   * @throws Exception when the property does not hold
   */
  void accept(T value) throws Exception;
}
