/**
 * The consistency audit of PodENI records against the cloud's ENIs, like {@code calicoctl ipam
 * check} does for Calico.
 *
 * <p>{@link dev.terway4j.allocator.audit.EniAudit} compares what a {@link
 * dev.terway4j.allocator.PodEniStore} says with what a {@link dev.terway4j.cloud.spi.CloudProvider}
 * lists and returns an {@link dev.terway4j.allocator.audit.AuditReport}: ENIs of ours that no
 * record references (leaked), records whose ENI is gone (missing), and records whose attachment,
 * VLAN id or address disagrees with the cloud. Records in a transitional phase are listed as
 * pending, not judged. The audit only reads: it never changes the store or the cloud.
 */
package dev.terway4j.allocator.audit;
