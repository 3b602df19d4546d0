package dev.terway4j.allocator.audit;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;

/**
 * One inconsistency between the PodENI records and the cloud.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what is wrong
 * @param eniId the ENI concerned
 * @param podEni the record concerned, as {@code namespace/name}; empty for a leaked ENI
 * @param detail what was expected and what was found, naming ids and values
 */
public record AuditFinding(Kind kind, String eniId, Optional<String> podEni, String detail) {

  /** What an audit finding is about. */
  public enum Kind {
    /**
     * An ENI tagged as this cluster's per-pod ENI that no record references, past the guard age.
     */
    LEAKED_ENI,
    /** A record (not being deleted) references an ENI the cloud does not have, or is deleting. */
    MISSING_ENI,
    /** Two records reference the same ENI. */
    SHARED_ENI,
    /**
     * A bound record's ENI is not attached to the record's instance through its trunk, or a kept
     * (Unbind) record's ENI is attached somewhere.
     */
    ATTACHMENT_MISMATCH,
    /** A bound record's VLAN id differs from the ENI's device index on the trunk. */
    VLAN_MISMATCH,
    /** A record's IPv4 address or MAC differs from the ENI's. */
    ADDRESS_MISMATCH
  }

  /** Checks the values. */
  public AuditFinding {
    checkNotNull(kind, "kind");
    checkNotNull(eniId, "eniId");
    checkNotNull(podEni, "podEni");
    checkNotNull(detail, "detail");
  }

  /**
   * Returns the finding in one line, e.g. {@code LEAKED_ENI eni-1: tagged for c-1, referenced by no
   * PodENI}.
   *
   * @return the line
   */
  @Override
  public String toString() {
    return kind + " " + eniId + podEni.map(p -> " (" + p + ")").orElse("") + ": " + detail;
  }
}
