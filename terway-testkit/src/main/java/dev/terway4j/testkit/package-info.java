/**
 * A small, dependency-free property-based testing engine with integrated shrinking.
 *
 * <ul>
 *   <li>{@link dev.terway4j.testkit.Gen} and {@link dev.terway4j.testkit.Gens}: composable
 *       generators whose values shrink through {@code map}, {@code flatMap}, {@code filter} and
 *       every combinator, because shrinking simplifies the recorded random choices rather than the
 *       values.
 *   <li>{@link dev.terway4j.testkit.PropertyChecks}: {@code forAll(gen).check(...)} runners that
 *       throw {@link dev.terway4j.testkit.PropertyFailure} with the seed, original and shrunk
 *       counterexamples.
 *   <li>{@link dev.terway4j.testkit.ActionSequences}: model-based testing of stateful systems with
 *       {@link dev.terway4j.testkit.Action}s, shrinking to a minimal failing sequence of steps.
 * </ul>
 *
 * <p>Reproducing failures: {@code -Dterway.seed=<seed>} (or {@code .withSeed(<seed>)}) replays a
 * run; {@code -Dterway.tries=<n>} raises the tries of every property. Generators are immutable and
 * thread-safe; a run executes on the calling thread and shares nothing with other runs.
 */
package dev.terway4j.testkit;
