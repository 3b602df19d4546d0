package dev.terway4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A bad enum value is one problem, not also a missing field (issue 13 item 15). */
class ManifestsBadEnumTest {

  private static final String PN =
      "apiVersion: network.alibabacloud.com/v1beta1\n"
          + "kind: PodNetworking\n"
          + "metadata: {name: web}\n"
          + "spec:\n"
          + "  allocationType: {type: Elastic}\n"
          + "  selector:\n"
          + "    podSelector:\n"
          + "      matchExpressions:\n"
          + "      - {key: app, operator: Inn, values: [web]}\n"
          + "  securityGroupIDs: [sg-1]\n"
          + "  vSwitchOptions: [vsw-1]\n";

  @Test
  void read_badOperatorEnum_reportsOnlyTheInvalidValue_issue13item15() {
    ManifestException e = assertThrows(ManifestException.class, () -> Manifests.read(PN));

    assertEquals(
        List.of(ManifestProblem.Kind.INVALID_VALUE),
        e.problems().stream().map(ManifestProblem::kind).toList(),
        e.getMessage());
    assertEquals(
        "spec.selector.podSelector.matchExpressions[0].operator", e.problems().get(0).path());
  }

  @Test
  void read_missingOperator_isStillAMissingField_issue13item15() {
    ManifestException e =
        assertThrows(
            ManifestException.class, () -> Manifests.read(PN.replace("operator: Inn, ", "")));

    assertEquals(ManifestProblem.Kind.MISSING_FIELD, e.problems().get(0).kind(), e.getMessage());
  }
}
