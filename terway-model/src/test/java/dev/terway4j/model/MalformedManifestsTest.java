package dev.terway4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Collections;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of malformed manifests: each must give a {@link ManifestException} whose first problem
 * has the expected kind and path, never a NullPointerException or a Jackson exception.
 */
class MalformedManifestsTest {

  private static final String PN =
      "apiVersion: network.alibabacloud.com/v1beta1\nkind: PodNetworking\n";
  private static final String ENI = "apiVersion: network.alibabacloud.com/v1beta1\nkind: PodENI\n";

  private static Arguments row(String text, ManifestProblem.Kind kind, String path) {
    return Arguments.of(text, kind, path);
  }

  static Stream<Arguments> corpus() {
    ManifestProblem.Kind syntax = ManifestProblem.Kind.SYNTAX;
    ManifestProblem.Kind wrong = ManifestProblem.Kind.WRONG_TYPE;
    ManifestProblem.Kind invalid = ManifestProblem.Kind.INVALID_VALUE;
    ManifestProblem.Kind unknownKind = ManifestProblem.Kind.UNKNOWN_KIND;
    ManifestProblem.Kind missing = ManifestProblem.Kind.MISSING_FIELD;
    ManifestProblem.Kind notMapping = ManifestProblem.Kind.NOT_A_MAPPING;
    return Stream.of(
        // Syntax
        row("kind: PodNetworking\nspec: [\n", syntax, ""),
        row("kind: PodNetworking\n  spec: x\n bad", syntax, ""),
        row("kind: \"PodNetworking\nmetadata: {}\n", syntax, ""),
        row("{\"kind\": \"Pod\"", syntax, ""),
        row("kind: Pod\nmetadata: {name: a\n", syntax, ""),
        row("\tkind: Pod\n", syntax, ""),
        row("kind: Pod\nmetadata:\n  labels: {a: b, c}\n  - x\n", syntax, ""),
        row("@foo: bar\n", syntax, ""),
        // Roots that are not mappings
        row("- kind: Pod\n", notMapping, ""),
        row("just a string\n", notMapping, ""),
        row("42\n", notMapping, ""),
        row("true\n", notMapping, ""),
        row("[1, 2, 3]\n", notMapping, ""),
        // Kinds and versions
        row("apiVersion: v1\nkind: Secret\n", unknownKind, "kind"),
        row(
            "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: my-nginx}\n",
            unknownKind,
            "kind"),
        row(
            "apiVersion: network.alibabacloud.com/v1\nkind: PodNetworking\n",
            unknownKind,
            "apiVersion"),
        row("apiVersion: v2\nkind: Pod\n", unknownKind, "apiVersion"),
        row("apiVersion: v1\nmetadata: {name: a}\n", missing, "kind"),
        row("kind: [PodNetworking]\n", wrong, "kind"),
        row("kind: \"\"\n", missing, "kind"),
        row("kind: podnetworking\n", unknownKind, "kind"),
        row("apiVersion: v1\nkind: List\nitems:\n- kind: Secret\n", unknownKind, "items[0].kind"),
        row("apiVersion: v1\nkind: List\nitems: {}\n", wrong, "items"),
        row(
            "kind: PodNetworkingList\nitems:\n- metadata: {name: a}\n  spec: {vSwitchOptions: vsw-1}\n",
            wrong,
            "items[0].spec.vSwitchOptions"),
        // Wrong types
        row(PN + "metadata: []\n", wrong, "metadata"),
        row(PN + "metadata: {name: [a]}\n", wrong, "metadata.name"),
        row(PN + "metadata: {name: a, labels: [a]}\n", wrong, "metadata.labels"),
        row(PN + "metadata: {name: a, labels: {x: 1}}\n", wrong, "metadata.labels[x]"),
        row(PN + "metadata: {name: a, labels: {x: true}}\n", wrong, "metadata.labels[x]"),
        row(
            PN + "metadata: {name: a, annotations: {x: {y: z}}}\n",
            wrong,
            "metadata.annotations[x]"),
        row(PN + "metadata: {name: a, generation: one}\n", wrong, "metadata.generation"),
        row(PN + "metadata: {name: a, generation: 1.5}\n", wrong, "metadata.generation"),
        row(PN + "spec: []\n", wrong, "spec"),
        row(PN + "spec: {securityGroupIDs: sg-1}\n", wrong, "spec.securityGroupIDs"),
        row(PN + "spec: {securityGroupIDs: [[sg-1]]}\n", wrong, "spec.securityGroupIDs[0]"),
        row(PN + "spec: {vSwitchOptions: [{id: vsw-1}]}\n", wrong, "spec.vSwitchOptions[0]"),
        row(PN + "spec: {allocationType: Fixed}\n", wrong, "spec.allocationType"),
        row(PN + "spec: {allocationType: {type: [Fixed]}}\n", wrong, "spec.allocationType.type"),
        row(
            PN + "spec: {allocationType: {type: Fixed, releaseAfter: 300}}\n",
            wrong,
            "spec.allocationType.releaseAfter"),
        row(PN + "spec: {selector: {podSelector: [a]}}\n", wrong, "spec.selector.podSelector"),
        row(
            PN + "spec: {selector: {podSelector: {matchExpressions: {key: a}}}}\n",
            wrong,
            "spec.selector.podSelector.matchExpressions"),
        row(
            PN + "spec: {selector: {podSelector: {matchLabels: {app: 7}}}}\n",
            wrong,
            "spec.selector.podSelector.matchLabels[app]"),
        row(PN + "spec: {eniOptions: Trunk}\n", wrong, "spec.eniOptions"),
        row(PN + "status: {vSwitches: vsw-1}\n", wrong, "status.vSwitches"),
        row(PN + "status: {updateAt: 12}\n", wrong, "status.updateAt"),
        row(
            ENI + "metadata: {name: p, namespace: n}\nspec: {allocations: {eni: {}}}\n",
            wrong,
            "spec.allocations"),
        row(
            ENI + "spec: {allocations: [{defaultRoute: \"true\"}]}\n",
            wrong,
            "spec.allocations[0].defaultRoute"),
        row(
            ENI + "spec: {allocations: [{extraRoutes: [10.0.0.0/8]}]}\n",
            wrong,
            "spec.allocations[0].extraRoutes[0]"),
        row(ENI + "status: {eniInfos: [eni-1]}\n", wrong, "status.eniInfos"),
        row(
            ENI + "status: {eniInfos: {eni-1: {vid: \"1001\"}}}\n",
            wrong,
            "status.eniInfos[eni-1].vid"),
        row(
            ENI + "status: {eniInfos: {eni-1: {vid: 10.5}}}\n",
            wrong,
            "status.eniInfos[eni-1].vid"),
        row(
            ENI + "status: {eniInfos: {eni-1: {vid: 99999999999}}}\n",
            invalid,
            "status.eniInfos[eni-1].vid"),
        row(
            "apiVersion: v1\nkind: Pod\nspec: {hostNetwork: yes please}\n",
            wrong,
            "spec.hostNetwork"),
        row("apiVersion: v1\nkind: Node\nspec: {providerID: 5}\n", wrong, "spec.providerID"),
        // Invalid values
        row(PN + "spec: {allocationType: {type: fixed}}\n", invalid, "spec.allocationType.type"),
        row(
            PN + "spec: {allocationType: {type: Fixed, releaseStrategy: ttl}}\n",
            invalid,
            "spec.allocationType.releaseStrategy"),
        row(
            PN + "spec: {vSwitchSelectOptions: {vSwitchSelectionPolicy: Most}}\n",
            invalid,
            "spec.vSwitchSelectOptions.vSwitchSelectionPolicy"),
        row(PN + "spec: {eniOptions: {eniType: trunk}}\n", invalid, "spec.eniOptions.eniType"),
        row(
            PN + "spec: {selector: {podSelector: {matchExpressions: [{key: a, operator: in}]}}}\n",
            invalid,
            "spec.selector.podSelector.matchExpressions[0].operator"),
        row(PN + "status: {status: ready}\n", invalid, "status.status"),
        row(PN + "status: {updateAt: yesterday}\n", invalid, "status.updateAt"),
        row(
            PN + "metadata: {name: a, creationTimestamp: \"2021-13-01T00:00:00Z\"}\n",
            invalid,
            "metadata.creationTimestamp"),
        row(ENI + "status: {phase: Bound}\n", invalid, "status.phase"),
        row(
            ENI + "status: {podLastSeen: \"2021-xx-xxT00:00:00Z\"}\n",
            invalid,
            "status.podLastSeen"),
        row(
            ENI + "status: {eniInfos: {eni-1: {type: member}}}\n",
            invalid,
            "status.eniInfos[eni-1].type"),
        row(
            ENI + "status: {eniInfos: {eni-1: {status: Bound}}}\n",
            invalid,
            "status.eniInfos[eni-1].status"),
        row("apiVersion: v1\nkind: Pod\nstatus: {phase: running}\n", invalid, "status.phase"),
        row(PN + "spec: {securityGroupIDs: [sg-1, null]}\n", invalid, "spec.securityGroupIDs[1]"),
        row(PN + "spec: {securityGroupIDs: [sg-1, ~]}\n", invalid, "spec.securityGroupIDs[1]"),
        row(PN + "metadata: {name: a, name: b}\n", invalid, "metadata.name"),
        // Missing required fields
        row(
            PN + "spec: {selector: {podSelector: {matchExpressions: [{key: a}]}}}\n",
            missing,
            "spec.selector.podSelector.matchExpressions[0].operator"),
        // Limits and aliases
        row(
            PN + "metadata: &m {name: a}\nspec: {selector: {podSelector: *m}}\n",
            ManifestProblem.Kind.ALIAS,
            "spec.selector.podSelector"),
        row("a: " + "[".repeat(100) + "]".repeat(100) + "\n", ManifestProblem.Kind.TOO_LARGE, ""));
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void read_malformed_throwsManifestExceptionWithKindAndPath(
      String text, ManifestProblem.Kind kind, String path) {
    try {
      Manifests.read(text);
      fail("expected a ManifestException for:\n" + text);
    } catch (ManifestException e) {
      assertFalse(e.problems().isEmpty());
      ManifestProblem first = e.problems().get(0);
      assertEquals(kind, first.kind(), e.getMessage());
      if (kind != ManifestProblem.Kind.TOO_LARGE) {
        assertEquals(path, first.path(), e.getMessage());
      }
      assertTrue(first.documentIndex() >= 0 || kind == ManifestProblem.Kind.TOO_LARGE);
      assertFalse(e.getMessage().contains("com.fasterxml"), e.getMessage());
      assertFalse(e.getMessage().contains("dev.terway4j.model.Immutable"), e.getMessage());
      assertEquals(null, e.getCause(), "no Jackson exception may leak as a cause");
    }
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void readJson_malformedAsYamlOrJson_neverLeaksUntypedExceptions(String text) {
    try {
      Manifests.readJson(text, ReadOptions.DEFAULT);
    } catch (ManifestException expected) {
      assertFalse(expected.problems().isEmpty());
    }
  }

  @org.junit.jupiter.api.Test
  void read_overSizeLimit_isTooLarge() {
    String text =
        "kind: Namespace\nmetadata: {name: "
            + String.join("", Collections.nCopies(2000, "a"))
            + "}\n";
    ReadOptions small = ImmutableReadOptions.builder().maxChars(1000).build();
    try {
      Manifests.read(text, small);
      fail("expected TOO_LARGE");
    } catch (ManifestException e) {
      assertEquals(ManifestProblem.Kind.TOO_LARGE, e.problems().get(0).kind());
    }
  }

  @org.junit.jupiter.api.Test
  void read_tooManyDocuments_isTooLarge() {
    String text = "kind: Namespace\nmetadata: {name: a}\n---\n".repeat(5);
    ReadOptions small = ImmutableReadOptions.builder().maxDocuments(3).build();
    try {
      Manifests.read(text, small);
      fail("expected TOO_LARGE");
    } catch (ManifestException e) {
      assertEquals(ManifestProblem.Kind.TOO_LARGE, e.problems().get(0).kind());
      assertEquals(3, e.problems().get(0).documentIndex());
    }
  }
}
