package dev.terway4j.cli;

import static dev.terway4j.cli.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.model.ControlCharacters;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
