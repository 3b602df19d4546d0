package dev.terway4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ManifestsTest {

  @Test
  void read_guidePodNetworking_givesEveryField() {
    PodNetworking pn =
        Manifests.readOne(Resources.text("guide/podnetworking-example.yaml"), PodNetworking.class);

    assertEquals("example", pn.metadata().name());
    assertEquals(IpAllocationType.FIXED, pn.spec().allocationType().type());
    assertEquals(Optional.of(ReleaseStrategy.TTL), pn.spec().allocationType().releaseStrategy());
    assertEquals("1h", pn.spec().allocationType().releaseAfter());
    assertEquals(
        Optional.of(Duration.ofHours(1)), pn.spec().allocationType().releaseAfterDuration());
    assertEquals(
        Map.of("foo", "bar"), pn.spec().selector().podSelector().orElseThrow().matchLabels());
    assertEquals(
        Map.of("foo", "bar"), pn.spec().selector().namespaceSelector().orElseThrow().matchLabels());
    assertEquals(List.of("sg-bpxxxx"), pn.spec().securityGroupIDs());
    assertEquals(List.of("vsw-bpxxxx"), pn.spec().vSwitchOptions());
    assertTrue(pn.ready());
  }

  @Test
  void read_absentDefaultedFields_appliesCrdDefaults() {
    PodNetworking pn =
        Manifests.readOne(
            "apiVersion: network.alibabacloud.com/v1beta1\n"
                + "kind: PodNetworking\n"
                + "metadata: {name: plain}\n"
                + "spec:\n"
                + "  eniOptions: {}\n",
            PodNetworking.class);

    assertEquals(EniAttachType.DEFAULT, pn.spec().eniOptions().eniType());
    assertEquals(
        VSwitchSelectionPolicy.ORDERED, pn.spec().vSwitchSelectOptions().vSwitchSelectionPolicy());
    assertEquals(IpAllocationType.ELASTIC, pn.spec().allocationType().type());
    assertFalse(pn.spec().selector().podSelector().isPresent());
    assertFalse(pn.ready());
  }

  @Test
  void read_emptySelector_isPresentAndEmpty() {
    PodNetworking pn =
        Manifests.readOne(
            "kind: PodNetworking\nmetadata: {name: all}\nspec:\n  selector:\n    podSelector: {}\n",
            PodNetworking.class);

    assertEquals(Optional.of(LabelSelector.everything()), pn.spec().selector().podSelector());
    assertTrue(Manifests.toYaml(pn).contains("podSelector: {}"), Manifests.toYaml(pn));
    assertEquals(pn, Manifests.readOne(Manifests.toYaml(pn), PodNetworking.class));
  }

  @Test
  void read_guidePodEniWithPlaceholders_namesTheBadTimestamp() {
    ManifestException e =
        assertThrows(
            ManifestException.class,
            () -> Manifests.read(Resources.text("guide/podeni-example.yaml")));

    assertEquals(1, e.problems().size(), e.getMessage());
    ManifestProblem problem = e.problems().get(0);
    assertEquals("status.podLastSeen", problem.path());
    assertEquals(ManifestProblem.Kind.INVALID_VALUE, problem.kind());
    assertTrue(problem.message().contains("2021-xx-xxT00:00:00Z"), problem.message());
  }

  @Test
  void read_guidePodEniFilled_givesEveryField() {
    PodEni eni =
        Manifests.readOne(Resources.text("guide/podeni-example-filled.yaml"), PodEni.class);

    assertEquals("your-pod-name", eni.metadata().name());
    assertEquals(List.of("pod-eni"), eni.metadata().finalizers());
    assertEquals(Optional.of(1L), eni.metadata().generation());
    Allocation allocation = eni.spec().allocations().get(0);
    assertEquals("eni-bp1abcd", allocation.eni().id());
    assertEquals("00:16:3e:01:02:03", allocation.eni().mac());
    assertEquals("192.168.10.7", allocation.ipv4());
    assertEquals("2408:4005:39c:9b00::/64", allocation.ipv6CIDR());
    assertEquals("cn-hangzhou-h", eni.spec().zone());
    PodEniStatus status = eni.status().orElseThrow();
    assertEquals(PodEniPhase.BIND, status.phase());
    assertEquals(1001, status.eniInfos().get("eni-bp1abcd").vid());
    assertEquals(Optional.of(EniBindStatus.BIND), status.eniInfos().get("eni-bp1abcd").status());
    assertEquals(Instant.parse("2021-06-01T00:00:00Z"), status.podLastSeen().orElseThrow());
    assertEquals("eni-bp1trunk", status.trunkENIID());
    assertFalse(eni.fixedIp());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "guide/podnetworking-example.yaml",
        "guide/podeni-example-filled.yaml",
        "guide/pod-annotations.yaml",
        "guide/namespace-example.yaml",
        "guide/statefulset-pod.yaml"
      })
  void readWriteRead_guideSamples_giveEqualObjects(String resource) {
    List<KubernetesObject> first = Manifests.read(Resources.text(resource));
    String yaml = Manifests.toYaml(first);
    List<KubernetesObject> second = Manifests.read(yaml);
    assertEquals(first, second, yaml);
    String json = Manifests.toJson(first.get(0));
    assertEquals(first.get(0), Manifests.readJson(json, ReadOptions.DEFAULT).get(0), json);
  }

  @Test
  void read_kubectlOutputWithManagedFields_isLenient() {
    Namespace ns =
        Manifests.readOne(Resources.text("guide/namespace-example.yaml"), Namespace.class);

    assertEquals("bar", ns.metadata().labels().get("foo"));
    assertEquals("12345", ns.metadata().resourceVersion());
  }

  @Test
  void read_strictMode_reportsEveryUnknownFieldWithPath() {
    String text =
        "apiVersion: network.alibabacloud.com/v1beta1\n"
            + "kind: PodNetworking\n"
            + "metadata:\n  name: a\n  managedFields: []\n"
            + "spec:\n"
            + "  securityGroupIds: [sg-1]\n"
            + "  allocationType: {type: Fixed, releaseAfterr: 5m}\n"
            + "extra: 1\n";

    ManifestException e =
        assertThrows(
            ManifestException.class, () -> Manifests.read(text, ReadOptions.strictDefaults()));

    assertEquals(
        List.of("spec.securityGroupIds", "spec.allocationType.releaseAfterr", "extra"),
        e.problems().stream().map(ManifestProblem::path).toList());
    assertTrue(e.problems().stream().allMatch(p -> p.kind() == ManifestProblem.Kind.UNKNOWN_FIELD));
    // Lenient reading of the same text succeeds.
    assertEquals(1, Manifests.read(text).size());
  }

  @Test
  void read_multiDocumentAndList_flattensInOrder() {
    String text =
        "apiVersion: v1\nkind: List\nitems:\n"
            + "- {apiVersion: v1, kind: Namespace, metadata: {name: a}}\n"
            + "- {apiVersion: v1, kind: Namespace, metadata: {name: b}}\n"
            + "---\n"
            + "---\n"
            + "kind: Node\nmetadata: {name: n1}\n";

    List<ManifestDocument> docs = Manifests.readDocuments(text, "x.yaml", ReadOptions.DEFAULT);

    assertEquals(3, docs.size());
    assertEquals("items[1]", docs.get(1).path());
    assertEquals("n1", docs.get(2).object().metadata().name());
    assertEquals(2, docs.get(2).documentIndex());
  }

  @Test
  void read_wrongTypes_namePathAndTypes() {
    ManifestException e =
        assertThrows(
            ManifestException.class,
            () ->
                Manifests.read(
                    "kind: PodNetworking\nmetadata: {name: a}\nspec:\n"
                        + "  securityGroupIDs: sg-1\n"));
    ManifestProblem p = e.problems().get(0);
    assertEquals("spec.securityGroupIDs", p.path());
    assertEquals(ManifestProblem.Kind.WRONG_TYPE, p.kind());
    assertEquals("expected a list but found the string \"sg-1\"", p.message());
  }

  @Test
  void read_severalWrongValuesInOneDocument_reportsEveryOne() {
    ManifestException e =
        assertThrows(
            ManifestException.class,
            () ->
                Manifests.read(
                    "kind: PodNetworking\nmetadata: {name: a, labels: {x: 1}}\nspec:\n"
                        + "  securityGroupIDs: sg-1\n"
                        + "  vSwitchOptions: [[vsw-1], [vsw-2]]\n"
                        + "  allocationType: {type: Sticky, releaseAfter: 5}\n"
                        + "status: {updateAt: 12, status: Ready}\n"));
    assertEquals(
        List.of(
            "metadata.labels[x]",
            "spec.allocationType.releaseAfter",
            "spec.allocationType.type",
            "spec.securityGroupIDs",
            "spec.vSwitchOptions[0]",
            "status.updateAt"),
        e.problems().stream().map(ManifestProblem::path).sorted().toList());
  }

  @Test
  void read_numberWhereStringBelongs_isWrongType() {
    ManifestException e =
        assertThrows(
            ManifestException.class,
            () -> Manifests.read("kind: Namespace\nmetadata:\n  name: a\n  labels: {n: 1}\n"));
    assertEquals("metadata.labels[n]", e.problems().get(0).path());
    assertEquals(ManifestProblem.Kind.WRONG_TYPE, e.problems().get(0).kind());
  }

  @Test
  void read_unknownEnumValue_listsAccepted() {
    ManifestException e =
        assertThrows(
            ManifestException.class,
            () ->
                Manifests.read(
                    "kind: PodNetworking\nmetadata: {name: a}\n"
                        + "spec: {allocationType: {type: fixed}}\n"));
    ManifestProblem p = e.problems().get(0);
    assertEquals("spec.allocationType.type", p.path());
    assertEquals(ManifestProblem.Kind.INVALID_VALUE, p.kind());
    assertTrue(p.message().contains("\"Elastic\", \"Fixed\""), p.message());
  }

  @Test
  void read_aliasBomb_isRejectedWithoutExpansion() {
    StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'j'; c++) {
      char p = (char) (c - 1);
      bomb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 9; i++) {
        bomb.append(i == 0 ? "" : ", ").append('*').append(p);
      }
      bomb.append("]\n");
    }
    ManifestException e =
        assertThrows(ManifestException.class, () -> Manifests.read(bomb.toString()));
    assertTrue(
        e.problems().stream()
            .allMatch(
                p ->
                    p.kind() == ManifestProblem.Kind.ALIAS
                        // 81 aliases: past the per-document limit they are summarised (item 5).
                        || (p.kind() == ManifestProblem.Kind.TOO_LARGE
                            && p.message().equals("and 61 more problems in this document"))),
        e.getMessage());
  }

  @Test
  void read_problemsInSeveralDocuments_areAllReported() {
    ManifestException e =
        assertThrows(
            ManifestException.class,
            () -> Manifests.read("kind: Secret\n---\n- a\n---\nkind: Namespace\n"));
    assertEquals(
        List.of(ManifestProblem.Kind.UNKNOWN_KIND, ManifestProblem.Kind.NOT_A_MAPPING),
        e.problems().stream().map(ManifestProblem::kind).toList());
    assertEquals(List.of(0, 1), e.problems().stream().map(ManifestProblem::documentIndex).toList());
  }

  @Test
  void toYaml_omitsAbsentFields() {
    PodNetworking pn =
        PodNetworking.builder()
            .metadata(ObjectMeta.named("web"))
            .spec(ImmutablePodNetworkingSpec.builder().addVSwitchOptions("vsw-1").build())
            .build();
    String yaml = Manifests.toYaml(pn);
    assertFalse(yaml.contains("status"), yaml);
    assertFalse(yaml.contains("securityGroupIDs"), yaml);
    assertFalse(yaml.contains("releaseAfter"), yaml);
    assertTrue(yaml.contains("eniType: Default"), yaml);
  }
}
