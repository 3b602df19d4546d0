package dev.terway4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.terway4j.model.internal.ManifestFileText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression tests for the reading half of issue 13: hostile manifests give a bounded, typed {@link
 * ManifestException} naming document and path, never an OutOfMemoryError, a quadratic read, a raw
 * decoder exception, a silently accepted duplicate or tag, or a timestamp Go would refuse. Tests
 * assert bounds and typed errors, never time (timing lives in ManifestReadBenchmark).
 */
class HostileManifestsTest {

  private static final String NS = "kind: Namespace\napiVersion: v1\n";

  private static ManifestException refused(String text) {
    return assertThrows(ManifestException.class, () -> Manifests.read(text));
  }

  private static void assertBounded(ManifestException e) {
    for (ManifestProblem p : e.problems()) {
      assertTrue(p.path().length() <= ManifestProblem.MAX_PATH_CHARS, p.path());
      assertTrue(p.source().length() <= ManifestProblem.MAX_PATH_CHARS, p.source());
      assertTrue(p.message().length() <= ManifestProblem.MAX_MESSAGE_CHARS, p.message());
    }
    // 20 problems of at most 256 + 256 + 1024 characters and a few words each.
    assertTrue(e.getMessage().length() < 40_000, "message of " + e.getMessage().length());
  }

  @Nested
  @DisplayName("issue 13 item 6: reading time is bounded by a node budget, whatever the shape")
  class NodeBudget {

    private static final String PN =
        "apiVersion: network.alibabacloud.com/v1beta1\nkind: PodNetworking\n"
            + "metadata: {name: a}\nspec:\n";

    private static ManifestProblem budgetProblem(ManifestException e) {
      ManifestProblem first = e.problems().get(0);
      assertEquals(ManifestProblem.Kind.TOO_LARGE, first.kind(), e.getMessage());
      assertTrue(first.message().startsWith("more than "), first.message());
      return first;
    }

    @Test
    void read_eightMebibytesOfOneCharacterKeys_stopsAtTheNodeBudget_issue13item6() {
      // The issue's worst case: 8 MiB of short unknown fields is over a million nodes.
      StringBuilder text = new StringBuilder(PN);
      for (int i = 0; text.length() < 8 * 1024 * 1024 - 64; i++) {
        text.append("  u").append(i).append(": 1\n");
      }
      ManifestException e = refused(text.toString());
      ManifestProblem p = budgetProblem(e);
      assertEquals(0, p.documentIndex());
      assertTrue(p.message().contains("750000"), p.message());
      assertTrue(p.path().startsWith("spec"), p.path());
      assertBounded(e);
    }

    @Test
    void readJson_fourMillionNumbersInAList_stopsAtTheNodeBudget_issue13item6() {
      String text = "[" + "1,".repeat(4_000_000) + "1]";
      ManifestException e =
          assertThrows(
              ManifestException.class, () -> Manifests.readJson(text, ReadOptions.DEFAULT));
      assertEquals("[749999]", budgetProblem(e).path());
    }

    @Test
    void read_budgetCountsEveryDocument_notEachOnItsOwn_issue13item6() {
      String doc = "---\n" + NS + "metadata: {name: n, labels: {a: b, c: d}}\n";
      // 15 nodes a document: the root mapping, its 3 keys and 2 scalars, metadata's mapping, its
      // 2 keys and name's value, the labels mapping with 2 keys and 2 values.
      assertEquals(
          5, Manifests.read(doc.repeat(5), ReadOptions.builder().maxNodes(75).build()).size());
      ManifestException e =
          assertThrows(
              ManifestException.class,
              () -> Manifests.read(doc.repeat(5), ReadOptions.builder().maxNodes(74).build()));
      assertEquals(4, budgetProblem(e).documentIndex(), e.getMessage());
    }

    @Test
    void read_refusedTagOverAHugeList_paysForEveryNodeItSkips_issue13item6() {
      // A refused value is skipped node by node: the skip cannot hide a million nodes.
      String text = NS + "metadata:\n  name: n\n  x: !custom [" + "1,".repeat(1_000_000) + "1]\n";
      ManifestException e = refused(text);
      budgetProblem(e);
      assertTrue(
          e.problems().stream().anyMatch(p -> p.message().contains("!custom")), e.getMessage());
    }

    @Test
    void read_budgetProblemIsKeptFirst_evenWhenTheProblemLimitIsReached_issue13item6() {
      String text = "[" + "~,".repeat(1_000_000) + "~]\n";
      ManifestException e = refused(text);
      budgetProblem(e);
      assertTrue(e.problems().size() <= 22, e.getMessage());
    }

    @Test
    void readOptions_refuseANonPositiveNodeBudget_issue13item6() {
      assertThrows(IllegalStateException.class, () -> ReadOptions.builder().maxNodes(0).build());
    }
  }

  @Nested
  @DisplayName("issue 13 item 5: problems, paths and messages are bounded")
  class BoundedProblems {

    @Test
    void readJson_millionNullsInAList_keepsTwentyProblemsAndCountsTheRest_issue13item5() {
      StringBuilder json = new StringBuilder("[null");
      for (int i = 1; i < 1_000_000; i++) {
        json.append(",null");
      }
      String text = json.append(']').toString();
      ManifestException e =
          assertThrows(
              ManifestException.class,
              () -> Manifests.readJson(text, ReadOptions.builder().maxNodes(2_000_000).build()));
      assertEquals(21, e.problems().size(), e.getMessage());
      ManifestProblem last = e.problems().get(20);
      assertEquals(ManifestProblem.Kind.TOO_LARGE, last.kind());
      assertEquals("and 999980 more problems in this document", last.message());
      assertBounded(e);
    }

    @Test
    void read_manyNullsInAYamlList_keepsTwentyProblems_issue13item5() {
      String text = "[" + "~,".repeat(100_000) + "~]\n";
      ManifestException e = refused(text);
      assertEquals(21, e.problems().size());
      assertEquals("and 99981 more problems in this document", e.problems().get(20).message());
    }

    @Test
    void read_sixtyNestedThousandCharacterKeysOverNullItems_cutsEveryPath_issue13item5() {
      // The issue's 80 KB manifest: paths of 60,000 characters times thousands of problems.
      StringBuilder text = new StringBuilder(NS + "metadata:\n  labels:\n");
      for (int i = 0; i < 60; i++) {
        text.append("  ".repeat(i + 2)).append("k".repeat(1_000)).append(i).append(":\n");
      }
      text.append("  ".repeat(62)).append("x: [").append("~,".repeat(8_000)).append("~]\n");
      ManifestException e = refused(text.toString());
      assertBounded(e);
      ManifestProblem first = e.problems().get(0);
      assertTrue(first.path().startsWith("metadata.labels[kkk"), first.path());
      assertTrue(first.path().endsWith("..."), first.path());
      assertEquals(ManifestProblem.MAX_PATH_CHARS, first.path().length());
    }

    @Test
    void read_problemsInManyDocuments_keepsAHundredThenSaysHowManyMore_issue13item5() {
      String text = "---\nkind: Secret\napiVersion: v1\n".repeat(250);
      ManifestException e = refused(text);
      assertEquals(101, e.problems().size());
      ManifestProblem last = e.problems().get(100);
      assertEquals(-1, last.documentIndex());
      assertEquals("and 150 more problems", last.message());
      assertTrue(e.getMessage().endsWith("... and 81 more"), e.getMessage());
      assertTrue(e.getMessage().startsWith("invalid manifest: 101 problems:"));
    }

    @Test
    void read_strictWithThousandUnknownFields_keepsTwentyAndCountsTheRest_issue13item5() {
      StringBuilder spec = new StringBuilder();
      for (int i = 0; i < 1_000; i++) {
        spec.append("  u").append(i).append(": 1\n");
      }
      String text =
          "apiVersion: network.alibabacloud.com/v1beta1\nkind: PodNetworking\n"
              + "metadata: {name: a}\nspec:\n"
              + spec;
      ManifestException e =
          assertThrows(
              ManifestException.class, () -> Manifests.read(text, ReadOptions.strictDefaults()));
      assertEquals(21, e.problems().size());
      assertEquals(ManifestProblem.Kind.UNKNOWN_FIELD, e.problems().get(0).kind());
      assertEquals("spec.u0", e.problems().get(0).path());
      assertEquals("and 980 more problems in this document", e.problems().get(20).message());
    }

    @Test
    void read_limitsAreReadOptions_issue13item5() {
      ReadOptions options =
          ImmutableReadOptions.builder().maxProblems(2).maxProblemsPerDocument(1).build();
      String text = "---\n[~, ~]\n---\n[~]\n---\n[~]\n";
      ManifestException e =
          assertThrows(ManifestException.class, () -> Manifests.read(text, options));
      assertEquals(
          List.of(
              "document 0 [0]: null is not allowed in a list",
              "document 1 [0]: null is not allowed in a list",
              "document 0: and 1 more problems in this document",
              "and 1 more problems"),
          e.problems().stream().map(ManifestProblem::toString).toList());
    }

    @Test
    void manifestProblem_cutsHugeComponents_issue13item5() {
      String huge = "x".repeat(1_000_000);
      ManifestProblem p =
          new ManifestProblem(huge, 0, huge, ManifestProblem.Kind.INVALID_VALUE, huge);
      assertEquals(ManifestProblem.MAX_PATH_CHARS, p.source().length());
      assertEquals(ManifestProblem.MAX_PATH_CHARS, p.path().length());
      assertEquals(ManifestProblem.MAX_MESSAGE_CHARS, p.message().length());
      assertTrue(p.message().endsWith("..."));
    }

    @Test
    void manifestException_listsAtMostTwentyProblemsInItsMessage_issue13item5() {
      List<ManifestProblem> problems =
          java.util.stream.IntStream.range(0, 500)
              .mapToObj(
                  i -> new ManifestProblem("", i, "p", ManifestProblem.Kind.SYNTAX, "bad " + i))
              .toList();
      ManifestException e = new ManifestException(problems);
      assertEquals(500, e.problems().size());
      assertTrue(e.getMessage().contains("bad 19"));
      assertTrue(!e.getMessage().contains("bad 20"), e.getMessage());
      assertTrue(e.getMessage().endsWith("... and 480 more"), e.getMessage());
    }
  }

  @Nested
  @DisplayName("issue 13 item 6: reading is linear in the text, numbers are bounded")
  class BoundedTime {

    private static final int SEVEN_MILLION = 7_000_000;

    @Test
    void read_sevenMillionCharacterScalar_readsWhole_issue13item6() {
      // Took 15 s before: SnakeYAML's reader copied the token on every 1,024 characters read.
      Namespace ns =
          Manifests.readOne(
              NS + "metadata:\n  name: " + "a".repeat(SEVEN_MILLION) + "\n", Namespace.class);
      assertEquals(SEVEN_MILLION, ns.metadata().name().length());
    }

    @Test
    void read_sevenMillionCharacterQuotedScalarAndComment_readWhole_issue13item6() {
      String text =
          "# "
              + "c".repeat(SEVEN_MILLION / 2)
              + "\n"
              + NS
              + "metadata:\n  name: \""
              + "a".repeat(SEVEN_MILLION / 2)
              + "\"\n";
      assertEquals(
          SEVEN_MILLION / 2, Manifests.readOne(text, Namespace.class).metadata().name().length());
    }

    @Test
    void read_numberLongerThanTheLimit_isTooLargeNamingDocumentAndPath_issue13item6() {
      ManifestException e = refused(NS + "metadata:\n  name: 1." + "1".repeat(1_000) + "\n");
      ManifestProblem p = e.problems().get(0);
      assertEquals(ManifestProblem.Kind.TOO_LARGE, p.kind());
      assertEquals(0, p.documentIndex());
      assertEquals("metadata.name", p.path());
      assertEquals("number longer than the limit of 1000 characters", p.message());
    }

    @Test
    void readJson_numberLongerThanTheLimit_isTooLargeNamingThePath_issue13item6() {
      String json =
          "{\"kind\": \"Namespace\", \"apiVersion\": \"v1\", \"metadata\": {\"uid\": 1"
              + "0".repeat(1_000)
              + "}}";
      ManifestException e =
          assertThrows(
              ManifestException.class, () -> Manifests.readJson(json, ReadOptions.DEFAULT));
      assertEquals("metadata.uid", e.problems().get(0).path());
      assertEquals(ManifestProblem.Kind.TOO_LARGE, e.problems().get(0).kind());
    }

    @Test
    void read_numberLimitIsAReadOption_issue13item6() {
      ReadOptions options = ImmutableReadOptions.builder().maxNumberChars(3).build();
      ManifestException e =
          assertThrows(
              ManifestException.class,
              () -> Manifests.read(NS + "metadata: {name: a, uid: 1234}\n", options));
      assertEquals("number longer than the limit of 3 characters", e.problems().get(0).message());
    }

    @Test
    void read_controlCharacter_namesItsCodePointNotTheRawCharacter_issue13item6() {
      ManifestException e = refused(NS + "metadata: {name: \"a\u001b]0;x\u0007\"}\n");
      assertTrue(e.getMessage().contains("U+001B"), e.getMessage());
      assertTrue(!e.getMessage().contains("\u001b"), e.getMessage());
    }
  }

  @Nested
  @DisplayName("issue 13 item 7: files are read bounded, as UTF-8 text")
  class Files7 {

    @TempDir Path dir;

    private ManifestException refusedFile(Path file) {
      return assertThrows(
          ManifestException.class, () -> Manifests.readDocuments(file, ReadOptions.DEFAULT));
    }

    @Test
    void readDocuments_devZero_isRefusedAsBinaryAtOffsetZero_issue13item7() {
      Path zero = Path.of("/dev/zero");
      assumeTrue(Files.exists(zero), "a system with /dev/zero");
      ManifestProblem p = refusedFile(zero).problems().get(0);
      assertEquals("/dev/zero", p.source());
      assertEquals(ManifestProblem.Kind.SYNTAX, p.kind());
      assertTrue(p.message().contains("control character 0x00 at byte offset 0"), p.message());
    }

    @Test
    void fileText_endlessStreamReportingNoSize_stopsAtTheLimit_issue13item7() {
      // What a FIFO or a device gives: bytes without end, whatever Files.size says.
      InputStream endless =
          new InputStream() {
            @Override
            public int read() {
              return 'a';
            }

            @Override
            public int read(byte[] b, int off, int len) {
              java.util.Arrays.fill(b, off, off + len, (byte) 'a');
              return len;
            }
          };
      ManifestException e =
          assertThrows(ManifestException.class, () -> ManifestFileText.read(endless, "fifo", 1000));
      assertEquals(ManifestProblem.Kind.TOO_LARGE, e.problems().get(0).kind());
      assertEquals("fifo", e.problems().get(0).source());
    }

    @Test
    void readDocuments_invalidUtf8_namesFileAndByteOffset_issue13item7() throws IOException {
      Path file = dir.resolve("bad.yaml");
      byte[] head = (NS + "metadata: {name: \"").getBytes(StandardCharsets.UTF_8);
      byte[] bytes = java.util.Arrays.copyOf(head, head.length + 3);
      bytes[head.length] = (byte) 0xC3;
      bytes[head.length + 1] = (byte) 0x28;
      bytes[head.length + 2] = '"';
      Files.write(file, bytes);
      ManifestProblem p = refusedFile(file).problems().get(0);
      assertEquals(file.toString(), p.source());
      assertEquals(
          "not UTF-8 text: invalid byte 0xC3 at byte offset "
              + head.length
              + "; manifests must be UTF-8",
          p.message());
    }

    @Test
    void readDocuments_invalidUtf8PastTheFirstChunk_countsEveryByteBefore_issue13item7()
        throws IOException {
      Path file = dir.resolve("late.yaml");
      String head = NS + "metadata:\n  name: a\n  annotations:\n    é: \"" + "é".repeat(100_000);
      byte[] start = head.getBytes(StandardCharsets.UTF_8);
      byte[] bytes = java.util.Arrays.copyOf(start, start.length + 1);
      bytes[start.length] = (byte) 0xFF;
      Files.write(file, bytes);
      assertTrue(
          refusedFile(file).problems().get(0).message().contains("at byte offset " + start.length));
    }

    @Test
    void readDocuments_utf16WithByteOrderMark_isRefused_issue13item7() throws IOException {
      Path file = dir.resolve("utf16.yaml");
      Files.write(file, (NS + "metadata: {name: a}\n").getBytes(StandardCharsets.UTF_16));
      assertTrue(refusedFile(file).problems().get(0).message().startsWith("UTF-16 text"));
    }

    @Test
    void readDocuments_utf16WithoutByteOrderMark_isRefusedAtTheFirstNul_issue13item7()
        throws IOException {
      Path file = dir.resolve("utf16le.yaml");
      Files.write(file, (NS + "metadata: {name: a}\n").getBytes(StandardCharsets.UTF_16LE));
      assertTrue(
          refusedFile(file)
              .problems()
              .get(0)
              .message()
              .contains("control character 0x00 at byte offset 1"));
    }

    @Test
    void readDocuments_binaryWithControlCharacter_namesOffsetAfterMultibyteText_issue13item7()
        throws IOException {
      Path file = dir.resolve("bin.yaml");
      Files.write(file, (NS + "# é\u0001").getBytes(StandardCharsets.UTF_8));
      int offset = (NS + "# é").getBytes(StandardCharsets.UTF_8).length;
      assertTrue(
          refusedFile(file)
              .problems()
              .get(0)
              .message()
              .contains("control character 0x01 at byte offset " + offset));
    }

    @Test
    void readDocuments_utf8WithByteOrderMark_reads_issue13item7() throws IOException {
      Path file = dir.resolve("bom.yaml");
      Files.writeString(file, "\uFEFF" + NS + "metadata: {name: é}\n");
      assertEquals(1, Manifests.readDocuments(file, ReadOptions.DEFAULT).size());
    }
  }

  @Nested
  @DisplayName("issue 13 item 13: null-first duplicates and YAML tags are refused")
  class DuplicatesAndTags {

    @Test
    void read_duplicateKeyWhoseFirstValueIsNull_isRefusedWithPath_issue13item13() {
      ManifestException e = refused("kind: ~\nkind: Pod\napiVersion: v1\nmetadata: {name: a}\n");
      assertEquals("kind", e.problems().get(0).path());
      assertEquals("duplicate key \"kind\"", e.problems().get(0).message());
    }

    @Test
    void read_nestedDuplicateAfterNull_isRefusedWithPath_issue13item13() {
      ManifestException e = refused(NS + "metadata:\n  name: a\n  uid: null\n  uid: x\n");
      assertEquals("metadata.uid", e.problems().get(0).path());
    }

    @Test
    void read_intTagOnAWord_isRefusedWithPath_issue13item13() {
      ManifestProblem p = refused(NS + "metadata:\n  name: !!int abc\n").problems().get(0);
      assertEquals("metadata.name", p.path());
      assertEquals(ManifestProblem.Kind.INVALID_VALUE, p.kind());
      assertEquals("YAML tag !!int does not fit the value \"abc\"", p.message());
    }

    @Test
    void read_customTag_isRefusedWithPath_issue13item13() {
      ManifestProblem p = refused(NS + "metadata:\n  name: !custom x\n").problems().get(0);
      assertEquals("metadata.name", p.path());
      assertEquals("YAML tag !custom is not supported in manifests", p.message());
    }

    @Test
    void read_tagsOnCollectionsAndBinary_areRefused_issue13item13() {
      ManifestException e =
          refused(NS + "metadata:\n  name: a\n  labels: !!str {a: b}\n  uid: !!binary aGk=\n");
      assertEquals(
          List.of("metadata.labels", "metadata.uid"),
          e.problems().stream().map(ManifestProblem::path).toList());
    }

    @Test
    void read_nullTagOnAWord_isRefused_issue13item13() {
      ManifestProblem p = refused(NS + "metadata:\n  name: a\n  uid: !!null x\n").problems().get(0);
      assertEquals("metadata.uid", p.path());
      assertEquals("YAML tag !!null does not fit the value \"x\"", p.message());
    }

    @Test
    void read_floatTagOnAWord_isRefusedWithPath_issue13item13() {
      ManifestProblem p =
          refused(NS + "metadata:\n  name: a\n  uid: !!float x\n").problems().get(0);
      assertEquals("metadata.uid", p.path());
      assertEquals(ManifestProblem.Kind.INVALID_VALUE, p.kind());
    }

    @Test
    void read_coreTagsThatFitTheirValue_read_issue13item13() {
      Namespace ns =
          Manifests.readOne(
              NS + "metadata: !!map\n  name: !!str 123\n  uid: !!null ~\n  labels: {a: !!str b}\n",
              Namespace.class);
      assertEquals("123", ns.metadata().name());
      assertEquals("b", ns.metadata().labels().get("a"));
    }
  }
}
