/**
 * Runs the Trunk ENI / PodNetworking control plane in a Kubernetes cluster through the fabric8
 * client: the cluster (its API server and etcd) holds the state, one instance leads and the others
 * stand by.
 *
 * <ul>
 *   <li>{@link dev.terway4j.kubernetes.KubernetesPodEniStore}: the allocator's {@code PodEniStore}
 *       on {@code PodENI} custom resources, with optimistic concurrency on {@code resourceVersion}
 *       (three-way merge of metadata, typed {@link dev.terway4j.kubernetes.PodEniStoreException} on
 *       real conflicts), status through the status subresource, Terway's finalizer, labels and
 *       annotations.
 *   <li>{@link dev.terway4j.kubernetes.ClusterView}: informer-fed views of Pods, Nodes, Namespaces,
 *       PodNetworkings and PodENIs as the model's types, keeping a {@code PodNetworkingResolver} in
 *       step with the cluster.
 *   <li>{@link dev.terway4j.kubernetes.TerwayController}: leader election on a {@code Lease}
 *       (fabric8's {@code LeaderElector}), the allocator driven by the views, PodNetworking status
 *       written back, fail-over to a standby that recovers from the PodENI resources and one cloud
 *       listing.
 *   <li>{@link dev.terway4j.kubernetes.AdmissionPatches}: the selector's admission hints as a JSON
 *       Patch for a user's mutating webhook.
 *   <li>{@link dev.terway4j.kubernetes.KubernetesCrds}: idempotent installation of the model jar's
 *       CRDs.
 * </ul>
 *
 * <p>Objects cross between fabric8 (Jackson 3) and the model (Jackson 2) as JSON text only, read
 * and written by the model's {@code Manifests}. Every public type states its thread safety; all are
 * thread-safe except builders.
 */
package dev.terway4j.kubernetes;
