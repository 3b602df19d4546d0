/**
 * vSwitch selection and the trunk member-ENI allocator with the PodENI lifecycle.
 *
 * <p>{@link dev.terway4j.allocator.TrunkAllocator} is the entry point: a controller feeds it the
 * events it already has (a pod scheduled to a node, a pod gone, time passing through {@link
 * dev.terway4j.allocator.TrunkAllocator#tick()}), and it creates, attaches, detaches and deletes
 * member ENIs on the node's trunk ENI through a {@link dev.terway4j.cloud.spi.CloudProvider},
 * recording each pod's ENI in a {@link dev.terway4j.allocator.PodEniStore} exactly as Terway's
 * PodENI. Around it: {@link dev.terway4j.allocator.VSwitchPool} (vSwitch facts and selection),
 * {@link dev.terway4j.allocator.MemberEniCapacity} (member slots per node), {@link
 * dev.terway4j.allocator.PodNetworkingReconciler} (PodNetworking status), and the cloud-call
 * discipline ({@link dev.terway4j.allocator.RateLimits}, {@link
 * dev.terway4j.allocator.RetryPolicy}, {@link dev.terway4j.allocator.CloudCallStats}).
 *
 * <p>Everything time-dependent reads an injected {@link java.time.Clock} and waits through an
 * injected {@link dev.terway4j.allocator.Waiter}; randomness comes from a seed. Nothing is global:
 * two allocators in one JVM share nothing.
 */
package dev.terway4j.allocator;
