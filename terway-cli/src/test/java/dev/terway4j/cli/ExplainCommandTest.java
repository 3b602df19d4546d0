package dev.terway4j.cli;

import static dev.terway4j.cli.CommandRun.example;
import static dev.terway4j.cli.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code terway explain} on the product guide's StatefulSet pod. */
class ExplainCommandTest {

  private static final String POD = example("guide/statefulset-pod.yaml");
  private static final String NAMESPACE = example("guide/namespace-example.yaml");
  private static final String GUIDE_PN = example("guide/podnetworking-example.yaml");

  @Test
  void explain_guideStatefulSetPod_matchesTheGuidePodNetworkingWithAdmissionHints() {
    CommandRun run =
        run("explain", "--pod", POD, "--namespace", NAMESPACE, "--networkings", GUIDE_PN);

    assertEquals(ExitCodes.OK, run.exitCode(), run.both());
    String out = run.out();
    assertTrue(out.contains("result     MATCHED example"), out);
    assertTrue(out.contains("owner      fixed-name: owned by StatefulSet my-nginx"), out);
    assertTrue(out.matches("(?s).*example +Fixed +yes +MATCHED +every rule holds.*"), out);
    assertTrue(out.contains("k8s.aliyun.com/pod-eni: \"true\""), out);
    assertTrue(out.contains("k8s.aliyun.com/pod-networking: example"), out);
    assertTrue(out.contains("aliyun/member-eni: 1"), out);
  }

  @Test
  void explain_withTheOverlappingExamples_isAmbiguousAndExitsOne() {
    CommandRun run =
        run(
            "explain",
            "--pod",
            POD,
            "--namespace",
            NAMESPACE,
            "--networkings",
            GUIDE_PN,
            example("podnetworkings"));

    assertEquals(ExitCodes.FINDINGS, run.exitCode(), run.both());
    String out = run.out();
    assertTrue(out.contains("result     AMBIGUOUS example [example, nginx-elastic]"), out);
    assertTrue(out.contains("every rule holds, but example sorts first"), out);
    assertTrue(
        out.contains("namespaceSelector \"!foo\" not met: label foo=\"bar\""),
        "db-fixed's reasons: " + out);
    assertTrue(out.contains("never matched automatically"), out);
  }

  @Test
  void explain_podOfAReplicaSet_isNotServedByTheFixedPodNetworking(@TempDir Path dir)
      throws IOException {
    Path pod = dir.resolve("pod.yaml");
    Files.writeString(
        pod,
        """
        apiVersion: v1
        kind: Pod
        metadata:
          name: web-7d9c-abcde
          namespace: example
          labels: {foo: bar}
          ownerReferences:
          - {apiVersion: apps/v1, kind: ReplicaSet, name: web-7d9c}
        """);

    CommandRun run =
        run(
            "explain",
            "--pod",
            pod.toString(),
            "--namespace",
            NAMESPACE,
            "--networkings",
            GUIDE_PN);

    assertEquals(ExitCodes.OK, run.exitCode(), run.both());
    assertTrue(run.out().contains("result     NONE"), run.out());
    assertTrue(run.out().contains("Fixed allocation, but the pod is not fixed-name"), run.out());
    assertTrue(run.out().contains("UNCHANGED: no PodNetworking matches the pod"), run.out());
  }

  @Test
  void explain_withoutNamespaceFile_usesTheNamespaceTheApiServerLabels() {
    CommandRun run = run("explain", "--pod", POD, "--networkings", GUIDE_PN);

    assertEquals(ExitCodes.OK, run.exitCode(), run.both());
    assertTrue(
        run.out().contains("namespace  example (kubernetes.io/metadata.name=example)"), run.out());
    assertTrue(
        run.out().contains("namespaceSelector \"foo=bar\" not met: label foo is absent"),
        run.out());
  }

  @Test
  void explain_withPreviousPodEni_pinsTheFixedPodToItsZone(@TempDir Path dir) throws IOException {
    Path podEni = dir.resolve("podeni.yaml");
    Files.writeString(
        podEni,
        """
        apiVersion: network.alibabacloud.com/v1beta1
        kind: PodENI
        metadata: {name: my-nginx-0, namespace: example}
        spec:
          allocations:
          - allocationType: {type: Fixed, releaseStrategy: TTL, releaseAfter: 1h}
            eni: {id: eni-bp1abcd, vSwitchID: vsw-bpxxxx, zone: cn-hangzhou-h}
            ipv4: 192.168.0.7
          zone: cn-hangzhou-h
        """);

    CommandRun run =
        run(
            "explain",
            "--pod",
            POD,
            "--namespace",
            NAMESPACE,
            "--networkings",
            GUIDE_PN,
            "--pod-eni",
            podEni.toString());

    assertEquals(ExitCodes.OK, run.exitCode(), run.both());
    assertTrue(
        run.out().contains("zone affinity  topology.kubernetes.io/zone In [cn-hangzhou-h]"),
        run.out());
  }

  @Test
  void explain_jsonOutput_hasResolutionVerdictsAndAdmission() throws IOException {
    CommandRun run =
        run(
            "explain",
            "-o",
            "json",
            "--pod",
            POD,
            "--namespace",
            NAMESPACE,
            "--networkings",
            GUIDE_PN,
            example("podnetworkings"));

    JsonNode root = new ObjectMapper().readTree(run.out());
    assertEquals("AMBIGUOUS", root.path("resolution").path("outcome").asText());
    assertEquals("example", root.path("resolution").path("winner").asText());
    assertEquals(4, root.path("verdicts").size());
    JsonNode db = root.path("verdicts").path(0);
    assertEquals("db-fixed", db.path("podNetworking").asText());
    assertEquals("SELECTOR_MISMATCH", db.path("reason").asText());
    assertEquals("nginx", db.path("mismatches").path(0).path("actualValue").asText());
    assertEquals("PATCHED", root.path("admission").path("decision").asText());
    assertEquals(
        "example",
        root.path("admission").path("annotations").path("k8s.aliyun.com/pod-networking").asText());
    assertEquals(
        "aliyun/member-eni", root.path("admission").path("resource").path("name").asText());
  }

  @Test
  void explain_guideDirectory_skipsThePodEniWithAPlaceholderAndListsIt_issue14item2() {
    CommandRun run = run("explain", "--pod", POD, "--networkings", example("guide"));

    // Before issue 14 the placeholder PodENI made the directory unreadable (exit 2).
    assertEquals(ExitCodes.OK, run.exitCode(), run.both());
    assertTrue(run.out().contains("example        Fixed  yes"), run.out());
    assertTrue(
        run.out().contains(example("guide/podeni-example.yaml") + " document 0 PodENI/"),
        run.out());
  }

  @Test
  void explain_unreadableNetworkings_isOneErrorLineWithEveryProblemBelow() {
    CommandRun run =
        run("explain", "--pod", POD, "--networkings", example("broken/wrong-type.yaml"));

    assertEquals(ExitCodes.UNUSABLE, run.exitCode(), run.both());
    assertEquals("", run.out());
    assertTrue(
        run.err().startsWith("error: cannot read the PodNetworkings: 2 problems\n"), run.err());
    assertTrue(run.err().contains("  " + example("broken/wrong-type.yaml") + " document 0"));
    assertFalse(run.err().contains("\tat "), "no stack trace without --verbose: " + run.err());
  }

  @Test
  void explain_namespaceFileOfAnotherNamespace_isAnError(@TempDir Path dir) throws IOException {
    Path ns = dir.resolve("ns.yaml");
    Files.writeString(ns, "apiVersion: v1\nkind: Namespace\nmetadata: {name: default}\n");

    CommandRun run =
        run("explain", "--pod", POD, "--namespace", ns.toString(), "--networkings", GUIDE_PN);

    assertEquals(ExitCodes.UNUSABLE, run.exitCode(), run.both());
    assertTrue(run.err().contains("pod my-nginx-0 is in namespace \"example\" but"), run.err());
  }

  @Test
  void explain_podFileWithoutAPod_saysWhatItHolds() {
    CommandRun run = run("explain", "--pod", NAMESPACE, "--networkings", GUIDE_PN);

    assertEquals(ExitCodes.UNUSABLE, run.exitCode(), run.both());
    assertTrue(
        run.err().contains("must hold exactly one Pod but holds 0 (kinds found: Namespace)"),
        run.err());
  }

  @Test
  void explain_missingPodOption_isAUsageError() {
    CommandRun run = run("explain", "--networkings", GUIDE_PN);

    assertEquals(ExitCodes.UNUSABLE, run.exitCode(), run.both());
    assertTrue(run.err().startsWith("error: Missing required option: '--pod=POD.yaml'"), run.err());
  }
}
