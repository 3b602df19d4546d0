package dev.terway4j.model.internal;

import dev.terway4j.model.ManifestProblem;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The problems of one text, bounded: at most {@code maxPerDocument} of one document and {@code
 * maxTotal} in all are kept; the rest are only counted, and {@link #withSummaries()} adds {@code
 * and N more problems} lines for them. A text of a million bad list items so costs a hundred
 * problems, not a million. {@link #add} always succeeds (it may drop). Not thread-safe.
 */
public final class ProblemList extends AbstractList<ManifestProblem> {

  private final String source;
  private final int maxTotal;
  private final int maxPerDocument;
  private final List<ManifestProblem> kept = new ArrayList<>();
  private final Map<Integer, Integer> keptByDocument = new HashMap<>();
  private final Map<Integer, Long> droppedByDocument = new LinkedHashMap<>();
  private long droppedOverall;

  /** Creates an empty list for the text named {@code source}. */
  public ProblemList(String source, int maxTotal, int maxPerDocument) {
    this.source = source;
    this.maxTotal = maxTotal;
    this.maxPerDocument = maxPerDocument;
  }

  /** Keeps {@code problem} if its document and the text are under their limits, else counts it. */
  @Override
  public boolean add(ManifestProblem problem) {
    int document = problem.documentIndex();
    if (document >= 0 && keptByDocument.getOrDefault(document, 0) >= maxPerDocument) {
      droppedByDocument.merge(document, 1L, Long::sum);
    } else if (kept.size() >= maxTotal) {
      droppedOverall++;
    } else {
      kept.add(problem);
      if (document >= 0) {
        keptByDocument.merge(document, 1, Integer::sum);
      }
    }
    return true;
  }

  /**
   * Keeps {@code problem} first, whatever the limits: for the one problem that ends reading (a
   * budget exhausted), which must never be hidden in a count.
   */
  public void addFirst(ManifestProblem problem) {
    kept.add(0, problem);
  }

  /** Returns whether a further problem of {@code document} would be dropped. */
  public boolean full(int document) {
    return kept.size() >= maxTotal || keptByDocument.getOrDefault(document, 0) >= maxPerDocument;
  }

  /** Returns how many more problems of {@code document} would be kept. */
  public int roomFor(int document) {
    int total = maxTotal - kept.size();
    int own = document < 0 ? total : maxPerDocument - keptByDocument.getOrDefault(document, 0);
    return Math.max(0, Math.min(total, own));
  }

  /** Counts {@code count} problems of {@code document} that were found but not built. */
  public void addMore(int document, long count) {
    if (count <= 0) {
      return;
    }
    if (document >= 0) {
      droppedByDocument.merge(document, count, Long::sum);
    } else {
      droppedOverall += count;
    }
  }

  @Override
  public ManifestProblem get(int index) {
    return kept.get(index);
  }

  @Override
  public int size() {
    return kept.size();
  }

  /** Returns the kept problems followed by one summary per document that lost some, and overall. */
  public List<ManifestProblem> withSummaries() {
    List<ManifestProblem> all = new ArrayList<>(kept);
    droppedByDocument.forEach(
        (document, dropped) ->
            all.add(
                new ManifestProblem(
                    source,
                    document,
                    "",
                    ManifestProblem.Kind.TOO_LARGE,
                    "and " + dropped + " more problems in this document")));
    if (droppedOverall > 0) {
      all.add(
          new ManifestProblem(
              source,
              -1,
              "",
              ManifestProblem.Kind.TOO_LARGE,
              "and " + droppedOverall + " more problems"));
    }
    return all;
  }
}
