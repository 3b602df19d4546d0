package dev.terway4j.testkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.model.DocumentCheck;
import dev.terway4j.model.ManifestCheck;
import dev.terway4j.model.ManifestProblem;
import dev.terway4j.model.ManifestValidator;
import dev.terway4j.model.Manifests;
import dev.terway4j.model.ReadOptions;
import dev.terway4j.model.SkippedDocument;
import dev.terway4j.testkit.MalformedInputs;
import dev.terway4j.testkit.PropertyChecks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 items 1 and 2: in a bundle, each document is read and validated on its own, and skipping
 * foreign kinds never drops a PodNetworking.
 */
class ManifestCheckProperties {

  private static final ManifestValidator VALIDATOR = ManifestValidator.defaults();

  // Bounds high enough that no bundle of the generator reaches them: the property is about
  // independence, not about the bounds (ManifestCheckTest covers those).
  private static final ReadOptions OPTIONS =
      ReadOptions.builder().strict(true).skipOtherKinds(true).maxProblems(100_000).build();

  @Test
  void bundleProblems_areTheUnionOfEachDocumentsProblemsReadAlone_issue14item1() {
    // What the bundles held, to show the property is not vacuous.
    int[] seen = new int[4]; // invalid documents, read problems, skipped, List items
    PropertyChecks.forAll(MalformedInputs.bundleDocuments())
        .withTries(300)
        .checkThat(
            documents -> {
              ManifestCheck bundle =
                  Manifests.check(String.join("---\n", documents), "b", OPTIONS, VALIDATOR);
              List<DocumentCheck> expected = new ArrayList<>();
              List<SkippedDocument> expectedSkipped = new ArrayList<>();
              for (int i = 0; i < documents.size(); i++) {
                ManifestCheck alone = Manifests.check(documents.get(i), "b", OPTIONS, VALIDATOR);
                assertEquals(List.of(), alone.problems(), documents.get(i));
                for (DocumentCheck d : alone.documents()) {
                  expected.add(shift(d, i));
                }
                for (SkippedDocument s : alone.skipped()) {
                  expectedSkipped.add(
                      new SkippedDocument(i, s.path(), s.apiVersion(), s.kind(), s.name()));
                }
              }
              assertEquals(List.of(), bundle.problems());
              assertEquals(expected, bundle.documents());
              assertEquals(expectedSkipped, bundle.skipped());
              for (DocumentCheck d : bundle.documents()) {
                seen[0] += d.valid() ? 0 : 1;
                seen[1] += d.readProblems().size();
                seen[3] += d.path().isEmpty() ? 0 : 1;
              }
              seen[2] += bundle.skipped().size();
            });
    for (int i = 0; i < seen.length; i++) {
      assertTrue(
          seen[i] > 10, "too few cases of kind " + i + ": " + java.util.Arrays.toString(seen));
    }
  }

  @Test
  void skippingForeignKinds_neverDropsAPodNetworking_issue14item2() {
    PropertyChecks.forAll(MalformedInputs.bundleDocuments())
        .withTries(300)
        .checkThat(
            documents -> {
              String text = String.join("---\n", documents);
              long podNetworkings =
                  text.lines().filter(l -> l.strip().equals("kind: PodNetworking")).count();
              ManifestCheck check = Manifests.check(text, "", OPTIONS, VALIDATOR);
              assertEquals(
                  podNetworkings,
                  check.documents().stream().filter(d -> d.kind().equals("PodNetworking")).count(),
                  text);
              assertEquals(
                  0,
                  check.skipped().stream().filter(s -> s.kind().equals("PodNetworking")).count());
            });
  }

  private static DocumentCheck shift(DocumentCheck d, int index) {
    List<ManifestProblem> problems =
        d.readProblems().stream()
            .map(p -> new ManifestProblem(p.source(), index, p.path(), p.kind(), p.message()))
            .toList();
    return new DocumentCheck(
        index,
        d.path(),
        d.kind(),
        d.namespace(),
        d.name(),
        d.object(),
        problems,
        d.errors(),
        d.warnings());
  }
}
