package dev.terway4j.testkit.internal;

/**
 * Formats the messages of failed and abandoned runs, so every runner reports the same way.
 *
 * <p>Stateless and thread-safe.
 */
public final class FailureMessages {
  /** Longest counterexample text printed in full; longer ones are cut to keep logs readable. */
  public static final int MAX_EXAMPLE_CHARS = 4_000;

  private FailureMessages() {}

  /**
   * Describes the seed and both ways to replay it.
   *
   * @param seed the seed
   * @return e.g. {@code seed 42 (replay with -Dterway.seed=42 or .withSeed(42L))}
   */
  public static String seedLine(long seed) {
    return "seed "
        + seed
        + " (replay with -D"
        + RunSettings.SEED_PROPERTY
        + "="
        + seed
        + " or .withSeed("
        + seed
        + "L))";
  }

  /**
   * Formats the message of a failed value property.
   *
   * @param report the failed run
   * @param original the original counterexample's text
   * @param shrunk the shrunk counterexample's text
   * @return the multi-line message
   */
  public static String propertyFailed(RunReport report, String original, String shrunk) {
    return "Property failed on try "
        + report.tryNumber()
        + " of "
        + report.settings().tries()
        + ", "
        + seedLine(report.settings().seed())
        + "\n  shrunk counterexample ("
        + report.shrinkSteps()
        + " shrink steps): "
        + truncate(shrunk)
        + "\n  original counterexample: "
        + truncate(original)
        + "\n  failure on shrunk counterexample: "
        + describe(report.shrunk().failure())
        + "\n  failure on original counterexample: "
        + describe(report.original().failure());
  }

  /**
   * Formats the message of a run that gave up because of discards.
   *
   * @param report the abandoned run
   * @return the message
   */
  public static String gaveUp(RunReport report) {
    return "Gave up after "
        + report.discarded()
        + " discarded trials with only "
        + report.passed()
        + " of "
        + report.settings().tries()
        + " tries passed, "
        + seedLine(report.settings().seed())
        + ". Last discard: "
        + report.discardReason();
  }

  /**
   * Renders a throwable as its class and message.
   *
   * @param failure the throwable, may be null
   * @return the description
   */
  public static String describe(Throwable failure) {
    return failure == null ? "none" : failure.toString();
  }

  /**
   * Renders a value, never throwing: a failing {@code toString} is reported instead.
   *
   * <p>A string is quoted, so that an empty or blank counterexample is visible.
   *
   * @param value the value
   * @return its text
   */
  public static String render(Object value) {
    if (value instanceof String) {
      return "\"" + value + "\"";
    }
    try {
      return String.valueOf(value);
    } catch (RuntimeException e) {
      return "<toString() threw " + e + ">";
    }
  }

  /**
   * Cuts overly long text to {@link #MAX_EXAMPLE_CHARS}.
   *
   * @param text the text
   * @return the text or its beginning with a note of the full length
   */
  public static String truncate(String text) {
    if (text.length() <= MAX_EXAMPLE_CHARS) {
      return text;
    }
    return text.substring(0, MAX_EXAMPLE_CHARS) + "... (" + text.length() + " chars)";
  }
}
