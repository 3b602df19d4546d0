package dev.terway4j.cli;

import static dev.terway4j.cli.CommandRun.example;
import static dev.terway4j.cli.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The top-level command: help, version, and how errors are printed. */
class TerwayCommandTest {

  @Test
  void terway_withoutCommand_printsUsageAndExitsTwo() {
    CommandRun run = run();

    assertEquals(ExitCodes.UNUSABLE, run.exitCode());
    assertTrue(run.err().startsWith("error: no command given\nUsage: terway"), run.err());
  }

  @Test
  void terway_misspelledCommand_suggestsTheRightOne() {
    CommandRun run = run("vaildate", "x");

    assertEquals(ExitCodes.UNUSABLE, run.exitCode());
    assertTrue(run.err().contains("Did you mean: terway validate"), run.err());
  }

  @Test
  void terway_help_listsEveryCommandAndTheExitCodes() {
    CommandRun run = run("--help");

    assertEquals(ExitCodes.OK, run.exitCode());
    for (String command : new String[] {"validate", "explain", "overlaps", "simulate"}) {
      assertTrue(run.out().contains("  " + command + " "), command + " in\n" + run.out());
    }
    assertTrue(run.out().contains("2  could not run"), run.out());
  }

  @Test
  void terway_version_printsTheProjectVersion() {
    CommandRun run = run("--version");

    assertEquals(ExitCodes.OK, run.exitCode());
    assertTrue(run.out().matches("terway \\d+\\.\\d+\\.\\d+.*\\n"), run.out());
  }

  @Test
  void error_withoutVerbose_isOneLineAndNoStackTrace() {
    CommandRun run = run("overlaps", example("no-such-dir"));

    assertEquals(ExitCodes.UNUSABLE, run.exitCode());
    assertEquals("error: no such file or directory: " + example("no-such-dir") + "\n", run.err());
  }

  @Test
  void error_withVerbose_addsTheStackTrace() {
    CommandRun run = run("overlaps", "--verbose", example("no-such-dir"));

    assertEquals(ExitCodes.UNUSABLE, run.exitCode());
    assertTrue(run.err().startsWith("error: no such file or directory: "), run.err());
    assertTrue(run.err().contains("\tat dev.terway4j.cli."), run.err());
  }

  @Test
  void error_ofABadOption_neverPrintsAStackTrace() {
    CommandRun run = run("validate", "--verbose", "--max-security-groups", "many", "x");

    assertEquals(ExitCodes.UNUSABLE, run.exitCode());
    assertTrue(run.err().startsWith("error: Invalid value for option '--max-security-groups'"));
    assertFalse(run.err().contains("\tat "), run.err());
  }
}
