package dev.terway4j.testkit.internal;

/**
 * Formats the messages of failed and abandoned runs, so every runner reports the same way.
 *
 * <p>Stateless and thread-safe.
 */
public final class FailureMessages {
  /**
   * Longest counterexample text printed in full; longer ones are cut to keep reports readable (the
   * whole value stays available from {@code PropertyFailure}).
   */
  public static final int MAX_EXAMPLE_CHARS = 1_000;

  /** Longest text printed for one step of an action sequence. */
  public static final int MAX_STEP_CHARS = 400;

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
   * Says which try failed, with its seed, how to replay the run and how to keep the failing case.
   *
   * @param report the failed run
   * @return e.g. {@code try 7 of 100, seed 42 (derived from ...; replay with ...)} and a second
   *     line naming the {@code withRegression} call that keeps the case
   */
  public static String where(RunReport report) {
    RunSettings settings = report.settings();
    String keep = report.failingTry() == null ? "" : report.failingTry().toString();
    if (report.failedOnRegression()) {
      return "regression example "
          + -report.tryNumber()
          + " of "
          + settings.regressions().size()
          + " (.withRegression(\""
          + keep
          + "\"))";
    }
    return "try "
        + report.tryNumber()
        + " of "
        + settings.tries()
        + ", seed "
        + settings.seed()
        + " ("
        + (settings.seedOrigin() == null ? "" : settings.seedOrigin() + "; ")
        + "replay with -D"
        + RunSettings.SEED_PROPERTY
        + "="
        + settings.seed()
        + " or .withSeed("
        + settings.seed()
        + "L))\n  keep this case as a permanent regression example of the property: add"
        + " .withRegression(\""
        + keep
        + "\") to it (it then runs first in every build, whatever the seed)";
  }

  /**
   * Escapes control characters (C0, DEL, C1 and the bidirectional overrides) as {@code \\uXXXX} so
   * that generated text never drives the terminal a report is printed on.
   *
   * @param text the text
   * @return the text with every control character escaped
   */
  public static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control =
          c < 0x20
              || (c >= 0x7f && c <= 0x9f)
              || (c >= 0x202a && c <= 0x202e)
              || (c >= 0x2066 && c <= 0x2069);
      if (control && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (control) {
        out.append(String.format("\\u%04x", (int) c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
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
    return "Property failed on "
        + where(report)
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
        + " tries passed, seed "
        + report.settings().seed()
        + " ("
        + report.settings().seedOrigin()
        + ")"
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
   * <p>A string is quoted, so that an empty or blank counterexample is visible; control characters
   * are escaped ({@link #escape}).
   *
   * @param value the value
   * @return its text
   */
  public static String render(Object value) {
    if (value instanceof String) {
      return "\"" + escape((String) value) + "\"";
    }
    try {
      return escape(String.valueOf(value));
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
    return truncate(text, MAX_EXAMPLE_CHARS);
  }

  /**
   * Cuts overly long text to a bound.
   *
   * @param text the text
   * @param max the most characters kept
   * @return the text or its beginning with a note of the full length
   */
  public static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    return text.substring(0, max)
        + "... ("
        + text.length()
        + " chars; the whole value is on the PropertyFailure)";
  }
}
