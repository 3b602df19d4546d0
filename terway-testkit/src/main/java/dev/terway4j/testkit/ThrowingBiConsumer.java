package dev.terway4j.testkit;

/**
 * A property body that checks two values by throwing, typically with assertions.
 *
 * @param <A> the type of the first value
 * @param <B> the type of the second value
 */
@FunctionalInterface
public interface ThrowingBiConsumer<A, B> {
  /**
   * Checks two values; returning normally means the property held.
   *
   * @param a the first generated value
   * @param b the second generated value
   * @throws Exception when the property does not hold
   */
  void accept(A a, B b) throws Exception;
}
