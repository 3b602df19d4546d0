/**
 * The Kubernetes label-selector engine and the pod to PodNetworking resolver.
 *
 * <ul>
 *   <li>{@link dev.terway4j.selector.Selector}, {@link dev.terway4j.selector.Requirement}, {@link
 *       dev.terway4j.selector.Operator}: apimachinery's {@code labels} semantics, validated on
 *       construction; {@link dev.terway4j.selector.Selector#parse} and {@code toString()} read and
 *       print the kubectl syntax canonically. {@link dev.terway4j.selector.Selectors} converts the
 *       model's {@code LabelSelector} (absent = nothing, {@code {}} = everything).
 *   <li>{@link dev.terway4j.selector.PodNetworkingResolver}: which PodNetworking a pod gets
 *       (matched, ambiguous with a deterministic winner, or none), indexed, with {@code explain}
 *       giving a {@link dev.terway4j.selector.Verdict} per PodNetworking.
 *   <li>{@link dev.terway4j.selector.Overlaps}: the pairs of PodNetworkings some pod could match at
 *       once, each with a witness, found without any pod.
 *   <li>{@link dev.terway4j.selector.AdmissionHints}: what Terway's pod mutating webhook writes
 *       (annotations, extended resource, zone affinity) or rejects, as a pure function.
 * </ul>
 *
 * <p>Values are immutable and thread-safe; the resolver is thread-safe (copy-on-write snapshots).
 * Non-API code lives in {@code dev.terway4j.selector.internal}.
 */
package dev.terway4j.selector;
