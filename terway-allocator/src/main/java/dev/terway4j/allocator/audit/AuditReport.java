package dev.terway4j.allocator.audit;

import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What an {@link EniAudit} found: every inconsistency, plus what it could not judge yet.
 *
 * <p>Immutable and thread-safe.
 *
 * @param at the time the audit judged ages against
 * @param podEnis how many records were checked
 * @param cloudEnis how many ENIs tagged as this cluster's were listed
 * @param findings every inconsistency, records first (in namespace/name order), then leaked ENIs
 * @param pending records in a transitional phase (Initial, Binding, Detaching, Deleting), as {@code
 *     namespace/name}: not judged, since the allocator is still working on them
 * @param young ENIs referenced by no record but younger than the guard age: possibly being created
 *     right now, so not counted as leaked
 */
public record AuditReport(
    Instant at,
    int podEnis,
    int cloudEnis,
    List<AuditFinding> findings,
    List<String> pending,
    List<String> young) {

  /** Checks and copies the values. */
  public AuditReport {
    checkNotNull(at, "at");
    findings = List.copyOf(findings);
    pending = List.copyOf(pending);
    young = List.copyOf(young);
  }

  /**
   * Tells whether nothing is inconsistent. Pending records and young ENIs do not count.
   *
   * @return {@code true} when there are no findings
   */
  public boolean consistent() {
    return findings.isEmpty();
  }

  /**
   * Tells whether the records and the cloud are consistent and at rest: no finding, no pending
   * record and no young unreferenced ENI.
   *
   * @return {@code true} when there is nothing to report at all
   */
  public boolean settled() {
    return findings.isEmpty() && pending.isEmpty() && young.isEmpty();
  }

  /**
   * Returns the findings of one kind.
   *
   * @param kind the kind
   * @return the findings, in report order
   */
  public List<AuditFinding> findings(AuditFinding.Kind kind) {
    checkNotNull(kind, "kind");
    return findings.stream().filter(f -> f.kind() == kind).toList();
  }

  /**
   * Returns the ids of the leaked ENIs.
   *
   * @return the ids
   */
  public List<String> leakedEniIds() {
    return findings(AuditFinding.Kind.LEAKED_ENI).stream().map(AuditFinding::eniId).toList();
  }

  /**
   * Summarises the report, one finding per line, e.g. {@code checked 3 PodENIs against 4 ENIs: 1
   * leaked, 0 missing, 0 shared, 0 attachment, 0 VLAN and 0 address mismatches; 0 pending, 0
   * young}.
   *
   * @return the summary
   */
  @Override
  public String toString() {
    String head =
        "checked "
            + podEnis
            + " PodENIs against "
            + cloudEnis
            + " ENIs: "
            + findings(AuditFinding.Kind.LEAKED_ENI).size()
            + " leaked, "
            + findings(AuditFinding.Kind.MISSING_ENI).size()
            + " missing, "
            + findings(AuditFinding.Kind.SHARED_ENI).size()
            + " shared, "
            + findings(AuditFinding.Kind.ATTACHMENT_MISMATCH).size()
            + " attachment, "
            + findings(AuditFinding.Kind.VLAN_MISMATCH).size()
            + " VLAN and "
            + findings(AuditFinding.Kind.ADDRESS_MISMATCH).size()
            + " address mismatches; "
            + pending.size()
            + " pending"
            + (pending.isEmpty() ? "" : " " + pending)
            + ", "
            + young.size()
            + " young"
            + (young.isEmpty() ? "" : " " + young);
    if (findings.isEmpty()) {
      return head;
    }
    return head
        + findings.stream()
            .map(AuditFinding::toString)
            .collect(Collectors.joining("\n  ", "\n  ", ""));
  }
}
