package dev.terway4j.cli;

import picocli.CommandLine.Option;

/** The options every command takes: the output format and verbosity. A picocli mixin. */
final class CommonOptions {

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      defaultValue = "table",
      converter = OutputFormat.Converter.class,
      completionCandidates = OutputFormat.Candidates.class,
      description =
          "How to print the result: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat output = OutputFormat.TABLE;

  @Option(
      names = {"-v", "--verbose"},
      description = "Print stack traces with errors, and the library's log at debug level.")
  boolean verbose;
}
