/**
 * A small, dependency-free property-based testing engine with integrated shrinking, generators for
 * every terway4j type, and a model-based harness for property tests of your own controllers.
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
 *   <li>Generators: {@link dev.terway4j.testkit.ModelGenerators} (every model type, valid by
 *       construction, with edge cases), {@link dev.terway4j.testkit.SelectorGenerators} (labels,
 *       selectors, pods, namespaces, PodNetworking sets), {@link
 *       dev.terway4j.testkit.CloudScenarios} (whole fake-cloud scenarios: zones, tiny vSwitches,
 *       small member limits, and PodNetworkings that fit them) and {@link
 *       dev.terway4j.testkit.MalformedInputs} (manifests, selectors, durations and ids that must be
 *       refused) and {@link dev.terway4j.testkit.HostileReplies} (cloud replies that echo
 *       credentials in every field and encoding, or pass size and nesting bounds, with the matching
 *       leak oracle).
 *   <li>{@link dev.terway4j.testkit.ControllerHarness}: random interleavings of pod events, time,
 *       cloud faults, crashes and restarts against your {@link dev.terway4j.testkit.PodController}
 *       in a {@link dev.terway4j.testkit.SimulatedCluster}, with the harness's invariants checked
 *       after every step and convergence (judged by {@link dev.terway4j.allocator.audit.EniAudit})
 *       at the end.
 * </ul>
 *
 * <p>Reproducing failures: {@code -Dterway.seed=<seed>} (or {@code .withSeed(<seed>)}) replays a
 * run; {@code -Dterway.tries=<n>} raises the tries of every property. Generators are immutable and
 * thread-safe; a run executes on the calling thread and shares nothing with other runs.
 */
package dev.terway4j.testkit;
