/**
 * The admission webhooks of the control plane: an HTTPS server for {@code AdmissionReview v1}
 * requests that mutates pods as Terway's pod webhook does ({@link
 * dev.terway4j.selector.AdmissionHints} rendered by {@link
 * dev.terway4j.kubernetes.AdmissionPatches}) and validates PodNetworkings on create and update
 * ({@link dev.terway4j.model.ManifestValidator}).
 *
 * <ul>
 *   <li>{@link dev.terway4j.kubernetes.admission.AdmissionReviews}: the request-to-response logic,
 *       without any HTTP, for embedding in a server of your own.
 *   <li>{@link dev.terway4j.kubernetes.admission.AdmissionServer}: a bounded HTTPS server around
 *       it, with TLS credentials read from PEM files and reloaded when they change.
 *   <li>{@link dev.terway4j.kubernetes.admission.AdmissionLookups}: what the pod webhook needs to
 *       know of the cluster (namespaces, PodENIs, PodNetworkings), usually a {@link
 *       dev.terway4j.kubernetes.ClusterView}.
 * </ul>
 */
package dev.terway4j.kubernetes.admission;
