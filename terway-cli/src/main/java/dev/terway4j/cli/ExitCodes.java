package dev.terway4j.cli;

/**
 * The exit codes every {@code terway} command uses, so that scripts and CI pipelines can tell a
 * finding from a failure to run.
 */
public final class ExitCodes {

  /** Everything checked holds. */
  public static final int OK = 0;

  /**
   * The command ran and found what it reports: an invalid manifest, an overlap, an ambiguous or
   * rejected pod, a failed expectation.
   */
  public static final int FINDINGS = 1;

  /** The command could not do its work: unreadable input, a bad option, an unexpected failure. */
  public static final int UNUSABLE = 2;

  private ExitCodes() {}
}
