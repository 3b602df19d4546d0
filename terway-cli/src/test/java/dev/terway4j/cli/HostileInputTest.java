package dev.terway4j.cli;

import static dev.terway4j.cli.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.model.ControlCharacters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.helpers.MessageFormatter;

/** Every command against input written by an attacker (issue 13). */
class HostileInputTest {

  private static final String TITLE = "\u001b]0;PWNED\u0007";

  private static String podNetworking(String name) {
    return "apiVersion: network.alibabacloud.com/v1beta1\n"
        + "kind: PodNetworking\n"
        + "metadata:\n"
        + "  name: \""
        + name
        + "\"\n"
        + "spec:\n"
        + "  allocationType:\n"
        + "    type: Elastic\n"
        + "  selector:\n"
        + "    podSelector:\n"
        + "      matchLabels:\n"
        + "        app: web\n"
        + "  securityGroupIDs: [sg-1]\n"
        + "  vSwitchOptions: [vsw-1]\n";
  }

  private static final String POD =
      "apiVersion: v1\n"
          + "kind: Pod\n"
          + "metadata:\n"
          + "  name: web-1\n"
          + "  namespace: default\n"
          + "  labels:\n"
          + "    app: web\n";

  private static void assertNoRawControlCharacter(CommandRun run) {
    String both = run.out() + run.err();
    for (int i = 0; i < both.length(); i++) {
      char c = both.charAt(i);
      assertTrue(
          c == '\n' || c == '\t' || !ControlCharacters.isEscaped(c), () -> "raw control in " + run);
    }
  }

  @Nested
  @DisplayName("issue 13 item 3: control characters never reach the terminal raw")
  class ControlCharactersInOutput {

    @Test
    void validate_nameWithTerminalTitleSequence_printsItEscaped_issue13item3(@TempDir Path dir)
        throws IOException {
      Path file = dir.resolve("pn.yaml");
      Files.writeString(file, podNetworking("\\e]0;PWNED\\a\\r\\nERROR forged"));

      for (String output : new String[] {"table", "json", "yaml"}) {
        CommandRun run = run("validate", "-o", output, file.toString());

        assertEquals(ExitCodes.FINDINGS, run.exitCode(), run.both());
        assertNoRawControlCharacter(run);
        assertFalse(run.out().contains("\nERROR forged"), run.out());
      }
      assertTrue(run("validate", file.toString()).out().contains("\\x1b]0;PWNED\\x07"));
    }

    @Test
    void validate_fileNameWithControlCharacters_printsItEscaped_issue13item3(@TempDir Path dir)
        throws IOException {
      Path file = dir.resolve("a\u001b[2Jb.yaml");
      Files.writeString(file, "kind: [\n");

      CommandRun run = run("validate", file.toString());

      assertEquals(ExitCodes.UNUSABLE, run.exitCode(), run.both());
      assertNoRawControlCharacter(run);
      assertTrue(run.out().contains("a\\x1b[2Jb.yaml"), run.both());
    }

    @Test
    void overlapsAndExplain_namesWithControlCharacters_printThemEscaped_issue13item3(
        @TempDir Path dir) throws IOException {
      Path networkings = dir.resolve("pns.yaml");
      Files.writeString(
          networkings, podNetworking("a") + "---\n" + podNetworking("b\\e]0;PWNED\\a"));
      Path pod = dir.resolve("pod.yaml");
      Files.writeString(pod, POD.replace("web-1", "\"web\\e[2J\""));

      assertNoRawControlCharacter(run("overlaps", networkings.toString()));
      assertNoRawControlCharacter(
          run("explain", "--pod", pod.toString(), "--networkings", networkings.toString()));
    }

    @Test
    void unknownOptionWithControlCharacters_isEchoedEscaped_issue13item3() {
      CommandRun run = run("validate", "--" + TITLE);

      assertEquals(ExitCodes.UNUSABLE, run.exitCode(), run.both());
      assertNoRawControlCharacter(run);
    }

    @Test
    void escapedLogArguments_keepAnSlf4jLineWhole_issue13item3() {
      String line =
          MessageFormatter.arrayFormat(
                  "ENI {} of {} no longer exists; dropping its PodENI",
                  new Object[] {
                    ControlCharacters.escaped("eni-1\n2026-01-01 ERROR forged"),
                    ControlCharacters.escaped("default/web" + TITLE)
                  })
              .getMessage();

      assertEquals(
          "ENI eni-1\\n2026-01-01 ERROR forged of default/web\\x1b]0;PWNED\\x07 no longer exists;"
              + " dropping its PodENI",
          line);
    }

    @Test
    void terminalWriter_keepsItsOwnLineEndsAndEscapesEverythingElse_issue13item3() {
      StringWriter sink = new StringWriter();
      PrintWriter out = TerminalWriter.of(new PrintWriter(sink));

      out.println("a\nb" + TITLE);
      out.printf("%s%n", "c\rd");
      out.print('\u0007');
      out.print("\tat");
      out.flush();

      assertEquals(
          "a\\nb\\x1b]0;PWNED\\x07" + System.lineSeparator() + "c\\rd\\n\\x07\tat",
          sink.toString());
      assertTrue(TerminalWriter.of(out) == out);
    }
  }

  @Nested
  @DisplayName("issue 13 item 4: a long dotted name is an error, not a stack overflow")
  class LongDottedNames {

    private final String dotted = "a.".repeat(3000) + "a";

    @Test
    void validate_longDottedMetadataName_isInvalid_issue13item4(@TempDir Path dir)
        throws IOException {
      Path file = dir.resolve("pn.yaml");
      Files.writeString(file, podNetworking(dotted));

      CommandRun run = run("validate", file.toString());

      assertEquals(ExitCodes.FINDINGS, run.exitCode(), run.both());
      assertTrue(run.out().contains("253 characters"), run.both());
    }

    @Test
    void overlapsAndExplain_longDottedLabelKey_areFindingsNotCrashes_issue13item4(@TempDir Path dir)
        throws IOException {
      Path networkings = dir.resolve("pns.yaml");
      Files.writeString(networkings, podNetworking("a").replace("app: web", dotted + "/b: web"));
      Path pod = dir.resolve("pod.yaml");
      Files.writeString(pod, POD.replace("app: web", dotted + "/b: web"));

      CommandRun overlaps = run("overlaps", networkings.toString());
      CommandRun explain =
          run("explain", "--pod", pod.toString(), "--networkings", networkings.toString());

      for (CommandRun r : new CommandRun[] {overlaps, explain}) {
        assertFalse(r.both().contains("StackOverflowError"), r.both());
        assertFalse(r.both().contains("unexpected"), r.both());
      }
    }
  }

  @Test
  void simulateAndAudit_longDottedNames_areUnusableInputNotCrashes_issue13item4(@TempDir Path dir)
      throws IOException {
    String dotted = "a.".repeat(3000) + "a";
    Path scenario = dir.resolve("scenario.yaml");
    Files.writeString(
        scenario, "nodes: [{name: \"" + dotted + "\", zone: z}]\nsteps: [{expect: {enis: 0}}]\n");
    Path podEnis = dir.resolve("podenis.yaml");
    Files.writeString(
        podEnis,
        "apiVersion: network.alibabacloud.com/v1beta1\nkind: PodENI\nmetadata:\n"
            + "  namespace: default\n  name: \""
            + dotted
            + "\"\n");

    CommandRun simulate = run("simulate", scenario.toString());
    CommandRun audit =
        run(
            "audit",
            "--scenario",
            CommandRun.example("scenarios/elastic-pods.yaml"),
            "--podenis",
            podEnis.toString());

    for (CommandRun r : new CommandRun[] {simulate, audit}) {
      assertFalse(r.both().contains("StackOverflowError"), r.both());
      assertFalse(r.both().contains("unexpected"), r.both());
    }
    assertEquals(ExitCodes.UNUSABLE, simulate.exitCode(), simulate.both());
  }

  @Nested
  @DisplayName("issue 13 item 15: consistent exits, stdin and pipes, clear usage errors")
  class CommandLineEdges {

    private CommandRun withStandardInput(String text, String... args) {
      InputStream saved = System.in;
      System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
      try {
        return run(args);
      } finally {
        System.setIn(saved);
      }
    }

    @Test
    void everyCommand_onAnEmptyDirectory_cannotRunAndExitsTwo_issue13item15(@TempDir Path dir)
        throws IOException {
      Path pod = dir.resolve("pod.yaml");
      Files.writeString(pod, POD);
      Path empty = Files.createDirectory(dir.resolve("empty"));

      CommandRun validate = run("validate", empty.toString());
      CommandRun overlaps = run("overlaps", empty.toString());
      CommandRun explain =
          run("explain", "--pod", pod.toString(), "--networkings", empty.toString());

      for (CommandRun r : new CommandRun[] {validate, overlaps, explain}) {
        assertEquals(ExitCodes.UNUSABLE, r.exitCode(), r.both());
        assertTrue(r.both().contains("no .yaml, .yml or .json file found in"), r.both());
      }
    }

    @Test
    void validateAndExplain_dashReadsStandardInput_issue13item15(@TempDir Path dir)
        throws IOException {
      Path networkings = dir.resolve("pns.yaml");
      Files.writeString(networkings, podNetworking("web"));

      CommandRun validate = withStandardInput(podNetworking("web"), "validate", "-");
      CommandRun explain =
          withStandardInput(POD, "explain", "--pod", "-", "--networkings", networkings.toString());

      assertEquals(ExitCodes.OK, validate.exitCode(), validate.both());
      assertTrue(validate.out().contains("PodNetworking/web  valid"), validate.out());
      assertEquals(ExitCodes.OK, explain.exitCode(), explain.both());
      assertTrue(explain.out().contains("web"), explain.out());
    }

    @Test
    void simulate_dashReadsTheScenarioFromStandardInput_issue13item15() throws IOException {
      String scenario =
          Files.readString(CommandRun.examples().resolve("scenarios/node-capacity.yaml"));

      CommandRun run = withStandardInput(scenario, "simulate", "-");

      assertEquals(ExitCodes.OK, run.exitCode(), run.both());
    }

    @Test
    void validate_namedPipe_isRead_issue13item15(@TempDir Path dir) throws Exception {
      Path fifo = dir.resolve("pipe.yaml");
      Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
      Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
      Thread writer =
          new Thread(
              () -> {
                try {
                  Files.writeString(fifo, podNetworking("web"));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      writer.start();

      CommandRun run = run("validate", fifo.toString());
      writer.join();

      assertEquals(ExitCodes.OK, run.exitCode(), run.both());
      assertTrue(run.out().contains("PodNetworking/web"), run.out());
    }

    @Test
    void explain_emptyStatefulKind_isAUsageError_issue13item15(@TempDir Path dir)
        throws IOException {
      Path pod = dir.resolve("pod.yaml");
      Files.writeString(pod, POD);
      Path networkings = dir.resolve("pns.yaml");
      Files.writeString(networkings, podNetworking("web"));

      CommandRun run =
          run(
              "explain",
              "--pod",
              pod.toString(),
              "--networkings",
              networkings.toString(),
              "--stateful-kind",
              "");

      assertEquals(ExitCodes.UNUSABLE, run.exitCode(), run.both());
      assertTrue(run.err().startsWith("error: --stateful-kind needs a kind name"), run.err());
      assertFalse(run.err().contains("unexpected"), run.err());
    }

    @Test
    void simulate_instanceTypeWithoutTrunk_saysItDoesNotSupportTrunking_issue13item15() {
      CommandRun run = run("simulate", CommandRun.example("scenarios/node-capacity.yaml"));

      assertTrue(run.out().contains("does not support trunking"), run.out());
      assertFalse(run.out().contains("0 of 0"), run.out());
    }

    @Test
    void audit_endpointWithScheme_pointsAtTheProtocolOption_issue13item15() {
      CommandRun run =
          run(
              "audit",
              "--cloud",
              "aliyun",
              "--region",
              "cn-hangzhou",
              "--cluster-id",
              "c1",
              "--podenis",
              CommandRun.example("guide/podeni-example-filled.yaml"),
              "--endpoint",
              "https://ecs.cn-hangzhou.aliyuncs.com");

      assertEquals(ExitCodes.UNUSABLE, run.exitCode(), run.both());
      assertTrue(run.err().contains("--protocol"), run.err());
      assertFalse(run.err().contains("Protocol.HTTP"), run.err());
    }
  }
}
