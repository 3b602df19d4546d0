package dev.terway4j.cli;

import dev.terway4j.model.ManifestException;
import dev.terway4j.model.ManifestProblem;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code terway} command: checks PodNetworking manifests before they are applied and simulates
 * Terway's trunk-ENI control plane on the in-memory cloud.
 *
 * <p>Run {@code terway --help} for the commands, and {@code terway <command> --help} for each one's
 * options. {@link #main} exits with the command's {@linkplain ExitCodes exit code}; {@link
 * #execute} returns it, for tests and embedding.
 */
@Command(
    name = "terway",
    mixinStandardHelpOptions = true,
    versionProvider = TerwayCommand.Version.class,
    description = {
      "Checks Terway PodNetworking manifests, simulates the trunk-ENI control plane,",
      "audits PodENIs against the cloud and runs the controller in a cluster.",
      ""
    },
    subcommands = {
      ValidateCommand.class,
      ExplainCommand.class,
      OverlapsCommand.class,
      SimulateCommand.class,
      AuditCommand.class,
      ControllerCommand.class,
      WebhookCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {
      "",
      "Exit codes:",
      "  0  all good",
      "  1  findings: invalid, overlapping, ambiguous, a failed expectation, an audit",
      "     finding",
      "  2  could not run: unreadable input, a bad option"
    })
public final class TerwayCommand implements Callable<Integer> {

  private static final String LOG_LEVEL_PROPERTY = "org.slf4j.simpleLogger.defaultLogLevel";

  @Spec private CommandSpec spec;

  /** Creates the command; picocli fills its fields. */
  public TerwayCommand() {}

  /**
   * Runs the command line and exits the JVM with its exit code.
   *
   * @param args the arguments, e.g. {@code validate examples/guide}
   */
  public static void main(String[] args) {
    configureLogging(args);
    System.exit(execute(args));
  }

  /**
   * Runs the command line, printing to standard output and standard error, and returns the exit
   * code instead of exiting.
   *
   * @param args the arguments
   * @return the exit code, one of {@link ExitCodes}
   */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  /**
   * Returns a fresh command line with this project's error handling: one line per error and its
   * details, stack traces only under {@code --verbose}, and the {@link ExitCodes}. Redirect its
   * output with {@link CommandLine#setOut} and {@link CommandLine#setErr}.
   *
   * @return the command line
   */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new TerwayCommand());
    commandLine.setParameterExceptionHandler(TerwayCommand::onParameterException);
    commandLine.setExecutionExceptionHandler(TerwayCommand::onExecutionException);
    return commandLine;
  }

  /** Prints the usage when no command is given. */
  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    err.println("error: no command given");
    spec.commandLine().usage(err);
    return ExitCodes.UNUSABLE;
  }

  // Keeps the library quiet unless asked: its INFO lines would interleave with our output.
  private static void configureLogging(String[] args) {
    if (System.getProperty(LOG_LEVEL_PROPERTY) == null) {
      boolean verbose = Arrays.stream(args).anyMatch(a -> a.equals("-v") || a.equals("--verbose"));
      System.setProperty(LOG_LEVEL_PROPERTY, verbose ? "debug" : "warn");
    }
  }

  private static int onParameterException(ParameterException ex, String[] args) {
    CommandLine failed = ex.getCommandLine();
    PrintWriter err = TerminalWriter.of(failed.getErr());
    err.println("error: " + ex.getMessage());
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println(
        "Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return ExitCodes.UNUSABLE;
  }

  private static int onExecutionException(
      Exception ex, CommandLine failed, ParseResult fullParseResult) {
    PrintWriter err = TerminalWriter.of(failed.getErr());
    boolean verbose = verbose(failed.getParseResult());
    if (ex instanceof CliException e) {
      err.println("error: " + e.getMessage());
      e.details().forEach(d -> err.println("  " + d));
    } else if (ex instanceof ManifestException e) {
      err.println("error: cannot read the manifests: " + count(e.problems().size(), "problem"));
      for (ManifestProblem problem : e.problems()) {
        err.println("  " + problem);
      }
    } else {
      String first = ex.getMessage() == null ? "" : ex.getMessage().lines().findFirst().orElse("");
      err.println(
          "error: unexpected "
              + ex.getClass().getSimpleName()
              + (first.isEmpty() ? "" : ": " + first));
      if (!verbose) {
        err.println("  run again with --verbose for the stack trace");
      }
    }
    if (verbose) {
      ex.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.UNUSABLE;
  }

  private static boolean verbose(ParseResult parseResult) {
    return parseResult != null
        && parseResult.commandSpec().findOption("--verbose") != null
        && parseResult.hasMatchedOption("--verbose");
  }

  static String count(int n, String noun) {
    if (n == 1) {
      return n + " " + noun;
    }
    return n + " " + noun + (noun.endsWith("ch") || noun.endsWith("s") ? "es" : "s");
  }

  /** Reads the version Maven wrote into {@code version.properties}. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
      Properties properties = new Properties();
      try (InputStream in = TerwayCommand.class.getResourceAsStream("version.properties")) {
        if (in != null) {
          properties.load(in);
        }
      }
      return new String[] {"terway " + properties.getProperty("version", "(unknown version)")};
    }
  }
}
