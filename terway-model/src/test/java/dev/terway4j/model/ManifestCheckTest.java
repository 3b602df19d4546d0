package dev.terway4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** {@link Manifests#check}: each document read and validated on its own (issue 14 items 1-4). */
class ManifestCheckTest {

  private static final ManifestValidator VALIDATOR = ManifestValidator.defaults();
  private static final ReadOptions BUNDLE = ReadOptions.strictDefaults().withSkipOtherKinds(true);

  private static String pn(String name, String allocationType) {
    return """
        apiVersion: network.alibabacloud.com/v1beta1
        kind: PodNetworking
        metadata:
          name: %s
        spec:
          allocationType:
        %s
          selector:
            podSelector:
              matchLabels: {app: x}
          securityGroupIDs: [sg-bp1000001]
          vSwitchOptions: [vsw-bp1000001]
        """
        .formatted(name, allocationType.indent(4).stripTrailing());
  }

  private static Set<String> errorPaths(DocumentCheck document) {
    return document.errors().stream().map(Violation::path).collect(Collectors.toSet());
  }

  @Test
  void check_oneDocumentWithAWrongType_stillReportsTheDurationErrorsOfTheOthers_issue14item1() {
    StringBuilder text = new StringBuilder();
    text.append(pn("wrong-type", "type: Fixed\nreleaseStrategy: TTL\nreleaseAfter: 300"));
    for (int i = 0; i < 6; i++) {
      text.append("---\n")
          .append(pn("bad-" + i, "type: Fixed\nreleaseStrategy: TTL\nreleaseAfter: 5x"));
    }

    ManifestCheck check = Manifests.check(text.toString(), "bundle.yaml", BUNDLE, VALIDATOR);

    assertTrue(check.readable(), check.toString());
    assertEquals(7, check.documents().size());
    DocumentCheck first = check.documents().get(0);
    assertEquals("wrong-type", first.name());
    assertEquals(Set.of("spec.allocationType.releaseAfter"), errorPaths(first), first.toString());
    assertTrue(first.errors().get(0).message().contains("expected a string"), first.toString());
    for (int i = 1; i < 7; i++) {
      DocumentCheck other = check.documents().get(i);
      assertEquals(i, other.documentIndex());
      assertEquals(Set.of("spec.allocationType.releaseAfter"), errorPaths(other), other.toString());
      assertTrue(other.errors().get(0).message().contains("Go duration"), other.toString());
    }
    // The throwing API still refuses the whole text, as documented.
    assertThrows(
        ManifestException.class, () -> Manifests.readDocuments(text.toString(), "", BUNDLE));
  }

  @Test
  void check_listItems_areEachCheckedOnTheirOwn_issue14item1() {
    String text =
        """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: network.alibabacloud.com/v1beta1
          kind: PodNetworking
          metadata: {name: a}
          spec: {securityGroupIDs: sg-1, vSwitchOptions: [vsw-bp1000001]}
        - apiVersion: network.alibabacloud.com/v1beta1
          kind: PodNetworking
          metadata: {name: b}
          spec: {securityGroupIDs: [sg-bp1000001], vSwitchOptions: []}
        """;

    ManifestCheck check = Manifests.check(text, "", BUNDLE, VALIDATOR);

    assertEquals(2, check.documents().size());
    DocumentCheck a = check.documents().get(0);
    assertEquals("items[0]", a.path());
    assertEquals(Set.of("spec.securityGroupIDs"), errorPaths(a), a.toString());
    assertEquals("items[0].spec.securityGroupIDs", a.readProblems().get(0).path());
    assertEquals(1, a.errors().size(), "the cut list is not also reported as empty: " + a);
    DocumentCheck b = check.documents().get(1);
    assertEquals(Set.of("spec.vSwitchOptions"), errorPaths(b), b.toString());
  }

  @Test
  void check_bundleWithDeploymentAndConfigMap_skipsAndListsThem_issue14item2() {
    String text =
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec: {replicas: 2}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: settings}
        data: {a: b}
        ---
        """
            + pn("ok", "type: Elastic")
            + """
            ---
            apiVersion: v1
            kind: List
            items:
            - {apiVersion: v1, kind: Service, metadata: {name: svc}}
            """;

    ManifestCheck check = Manifests.check(text, "", BUNDLE, VALIDATOR);

    assertTrue(check.valid(), check.toString());
    assertEquals(1, check.documents().size());
    assertEquals(
        List.of(
            new SkippedDocument(0, "", "apps/v1", "Deployment", "web"),
            new SkippedDocument(1, "", "v1", "ConfigMap", "settings"),
            new SkippedDocument(3, "items[0]", "v1", "Service", "svc")),
        check.skipped());
    // The throwing API honours the option too.
    assertEquals(1, Manifests.read(text, BUNDLE).size());
    // Without the option, foreign kinds are problems, as before.
    ManifestException e =
        assertThrows(ManifestException.class, () -> Manifests.read(text, ReadOptions.DEFAULT));
    assertEquals(ManifestProblem.Kind.UNKNOWN_KIND, e.problems().get(0).kind());
  }

  @Test
  void
      check_kindsFilter_skipsModelledKindsNotAskedFor_butNeverAPodNetworkingWithATypoedApiVersion_issue14item2() {
    String text =
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: ns}
        ---
        apiVersion: network.alibabacloud.com/v1beta
        kind: PodNetworking
        metadata: {name: typo}
        """;
    ReadOptions options = BUNDLE.withKinds(Set.of("PodNetworking"));

    ManifestCheck check = Manifests.check(text, "", options, VALIDATOR);

    assertEquals(List.of(new SkippedDocument(0, "", "v1", "Namespace", "ns")), check.skipped());
    assertEquals(1, check.documents().size());
    DocumentCheck typo = check.documents().get(0);
    assertEquals(Set.of("apiVersion"), errorPaths(typo), typo.toString());
    assertEquals("PodNetworking/typo", typo.displayName());
  }

  @Test
  void check_badEnumSixGroupsShortTtlEmptyVSwitches_reportsAllFourWithTheName_issue14item3() {
    String text =
        """
        apiVersion: network.alibabacloud.com/v1beta1
        kind: PodNetworking
        metadata: {name: four}
        spec:
          eniOptions: {eniType: Turbo}
          allocationType: {type: Fixed, releaseStrategy: TTL, releaseAfter: 4m}
          selector: {podSelector: {matchLabels: {app: x}}}
          securityGroupIDs: [sg-bp1000001, sg-bp1000002, sg-bp1000003, sg-bp1000004,
            sg-bp1000005, sg-bp1000006]
          vSwitchOptions: []
        """;
    ManifestCheck check = Manifests.check(text, "", BUNDLE, VALIDATOR);

    assertTrue(check.readable(), "a bad enum value does not make a text unreadable");
    DocumentCheck doc = check.documents().get(0);
    assertEquals("PodNetworking/four", doc.displayName());
    assertEquals(
        Set.of(
            "spec.eniOptions.eniType",
            "spec.securityGroupIDs",
            "spec.allocationType.releaseAfter",
            "spec.vSwitchOptions"),
        errorPaths(doc),
        doc.toString());
    assertEquals(ManifestProblem.Kind.INVALID_VALUE, doc.readProblems().get(0).kind());
    assertTrue(doc.object().isEmpty(), "no object is handed out for a document with errors");
  }

  @Test
  void check_badAllocationType_doesNotWarnAboutTheElasticDefaultThatReplacedIt_issue14item3() {
    ManifestCheck check =
        Manifests.check(
            pn("bad-type", "type: Sticky\nreleaseStrategy: TTL\nreleaseAfter: 1h"),
            "",
            BUNDLE,
            VALIDATOR);

    DocumentCheck doc = check.documents().get(0);
    assertEquals(Set.of("spec.allocationType.type"), errorPaths(doc), doc.toString());
    assertTrue(doc.warnings().isEmpty(), "no 'applies to Fixed only' warning: " + doc);
  }

  @Test
  void check_wrongTypeOfMetadata_isNotAlsoReportedAsAMissingName_issue14item3() {
    String text =
        """
        apiVersion: network.alibabacloud.com/v1beta1
        kind: PodNetworking
        metadata: [a]
        spec: {securityGroupIDs: [sg-bp1000001], vSwitchOptions: [vsw-bp1000001]}
        """;

    DocumentCheck doc = Manifests.check(text, "", BUNDLE, VALIDATOR).documents().get(0);

    assertEquals(Set.of("metadata"), errorPaths(doc), doc.toString());
  }

  @Test
  void check_unknownField_isAnErrorWhenStrict_andAWarningNamingItWhenLenient_issue14item4() {
    String text = pn("typo", "type: Fixed\nreleaseStrateggy: TTL");

    DocumentCheck strict =
        Manifests.check(text, "", ReadOptions.strictDefaults(), VALIDATOR).documents().get(0);
    DocumentCheck lenient =
        Manifests.check(text, "", ReadOptions.DEFAULT, VALIDATOR).documents().get(0);

    assertEquals(Set.of("spec.allocationType.releaseStrateggy"), errorPaths(strict));
    assertEquals(ManifestProblem.Kind.UNKNOWN_FIELD, strict.readProblems().get(0).kind());
    assertTrue(lenient.valid(), lenient.toString());
    assertTrue(lenient.object().isPresent());
    assertTrue(
        lenient.warnings().stream()
            .anyMatch(
                w ->
                    w.path().equals("spec.allocationType.releaseStrateggy")
                        && w.message().contains("unknown field \"releaseStrateggy\"")),
        lenient.toString());
  }

  @Test
  void check_syntaxErrorAfterTwoDocuments_checksThoseAndIsUnreadable() {
    String text = pn("a", "type: Elastic") + "---\n" + pn("b", "type: Elastic") + "---\n{a: [\n";

    ManifestCheck check = Manifests.check(text, "", BUNDLE, VALIDATOR);

    assertFalse(check.readable());
    assertEquals(2, check.documents().size());
    assertEquals(ManifestProblem.Kind.SYNTAX, check.problems().get(0).kind());
  }

  @Test
  void check_manyBadDocuments_keepsAtMostMaxProblemsAndEveryInvalidDocumentStaysInvalid() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 50; i++) {
      text.append("---\n")
          .append(pn("d" + i, "type: Fixed\nreleaseStrategy: TTL\nreleaseAfter: x"));
    }
    ReadOptions options = ReadOptions.builder().from(BUNDLE).maxProblems(10).build();

    ManifestCheck check = Manifests.check(text.toString(), "", options, VALIDATOR);

    assertEquals(50, check.documents().size());
    assertTrue(check.documents().stream().noneMatch(DocumentCheck::valid));
    assertTrue(check.errorCount() <= 10 + 50, "bounded: " + check.errorCount());
  }

  @Test
  void check_duplicateKeyInOneDocument_isAnErrorOfThatDocumentOnly_issue14item1() {
    String text =
        pn("a", "type: Elastic")
            + "---\n"
            + pn("b", "type: Elastic").replace("metadata:\n", "metadata:\n  name: b2\n")
            + "---\n"
            + pn("c", "type: Fixed\nreleaseStrategy: TTL\nreleaseAfter: 1x");

    ManifestCheck check = Manifests.check(text, "", BUNDLE, VALIDATOR);

    assertTrue(check.readable(), check.toString());
    assertEquals(3, check.documents().size());
    assertTrue(check.documents().get(0).valid());
    assertEquals(Set.of("metadata.name"), errorPaths(check.documents().get(1)));
    assertEquals(Set.of("spec.allocationType.releaseAfter"), errorPaths(check.documents().get(2)));
  }

  @Test
  void check_documentNestedTooDeep_makesTheTextUnreadableButTheOthersAreStillChecked() {
    String deep = "a: " + "[".repeat(80) + "]".repeat(80) + "\n";
    ReadOptions options = ReadOptions.builder().from(BUNDLE).build();

    ManifestCheck check =
        Manifests.check(pn("a", "type: Elastic") + "---\n" + deep, "", options, VALIDATOR);

    assertFalse(check.readable(), check.toString());
    assertTrue(check.documents().get(0).valid(), check.toString());
  }
}
