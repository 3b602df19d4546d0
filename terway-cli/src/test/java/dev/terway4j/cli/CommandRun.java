package dev.terway4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * One run of the {@code terway} command line in this JVM, with its exit code and what it printed.
 *
 * @param exitCode the exit code
 * @param out what went to standard output
 * @param err what went to standard error
 */
record CommandRun(int exitCode, String out, String err) {

  /** Runs the command line with these arguments, capturing both streams. */
  static CommandRun run(String... args) {
    CommandLine commandLine = TerwayCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new CommandRun(exitCode, out.toString(), err.toString());
  }

  /** Returns the path of a file or folder under the repository's {@code examples/}. */
  static String example(String relative) {
    return examples().resolve(relative).toString();
  }

  /** Returns the repository's {@code examples/} folder (tests run in the module folder). */
  static Path examples() {
    return Path.of("..", "examples").normalize();
  }

  /** Returns both streams, for assertion messages. */
  String both() {
    return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
  }
}
