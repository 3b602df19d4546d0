package dev.terway4j.testkit.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a property run is configured, before and after applying system properties.
 *
 * <p>Immutable and thread-safe. Unset values are resolved by {@link #resolve()}. The seed is, in
 * this order: the one set in code; {@value #SEED_PROPERTY}; a random one when {@value
 * #EXPLORE_PROPERTY} is true; else one derived from the property's name (by default the class and
 * method that started the run, see {@link CallSites}), so that the same build runs the same cases
 * every time. Tries default to {@value #DEFAULT_TRIES} and are raised (never lowered) to {@value
 * #TRIES_PROPERTY}, so a long CI mode deepens every property without any of them silently running
 * fewer tries than its author asked for.
 */
public final class RunSettings {
  /** System property holding the seed to replay. */
  public static final String SEED_PROPERTY = "terway.seed";

  /**
   * System property that, when {@code true}, gives every run without a fixed seed a random one:
   * exploration instead of the deterministic default.
   */
  public static final String EXPLORE_PROPERTY = "terway.explore";

  /** Most regression examples one property may carry. */
  public static final int MAX_REGRESSIONS = 1_000;

  /** System property holding the minimum number of tries for every property. */
  public static final String TRIES_PROPERTY = "terway.tries";

  /** Tries when neither code nor system property says otherwise. */
  public static final int DEFAULT_TRIES = 100;

  /** Replays the shrinker may spend when not configured. */
  public static final int DEFAULT_MAX_SHRINK_ATTEMPTS = 10_000;

  private static final int UNSET = -1;
  private static final RunSettings DEFAULTS =
      new RunSettings(null, 0, UNSET, 0, null, List.of(), null);

  private final Long seed;
  private final int tries;
  private final int maxShrinkAttempts;
  private final int maxDiscards;
  private final String name;
  private final List<Regression> regressions;
  private final String seedOrigin;

  private RunSettings(
      Long seed,
      int tries,
      int maxShrinkAttempts,
      int maxDiscards,
      String name,
      List<Regression> regressions,
      String seedOrigin) {
    this.seed = seed;
    this.tries = tries;
    this.maxShrinkAttempts = maxShrinkAttempts;
    this.maxDiscards = maxDiscards;
    this.name = name;
    this.regressions = regressions;
    this.seedOrigin = seedOrigin;
  }

  /**
   * Returns settings with nothing configured.
   *
   * @return the defaults
   */
  public static RunSettings defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a copy with a fixed seed.
   *
   * @param seed the seed
   * @return the new settings
   */
  public RunSettings withSeed(long seed) {
    return new RunSettings(seed, tries, maxShrinkAttempts, maxDiscards, name, regressions, null);
  }

  /**
   * Returns a copy with a number of tries.
   *
   * @param tries the tries, positive
   * @return the new settings
   */
  public RunSettings withTries(int tries) {
    requirePositive("tries", tries);
    return new RunSettings(seed, tries, maxShrinkAttempts, maxDiscards, name, regressions, null);
  }

  /**
   * Returns a copy with a shrink budget.
   *
   * @param attempts the replays the shrinker may spend, zero to disable shrinking
   * @return the new settings
   */
  public RunSettings withMaxShrinkAttempts(int attempts) {
    if (attempts < 0) {
      throw new IllegalArgumentException("max shrink attempts must be >= 0: " + attempts);
    }
    return new RunSettings(seed, tries, attempts, maxDiscards, name, regressions, null);
  }

  /**
   * Returns a copy with a discard budget.
   *
   * @param discards how many discarded trials to tolerate before giving up, positive
   * @return the new settings
   */
  public RunSettings withMaxDiscards(int discards) {
    requirePositive("max discards", discards);
    return new RunSettings(seed, tries, maxShrinkAttempts, discards, name, regressions, null);
  }

  /**
   * Returns a copy whose default seed is derived from this name instead of the calling method.
   *
   * @param name the property's name, not blank
   * @return the new settings
   */
  public RunSettings withName(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a property name must not be blank");
    }
    return new RunSettings(seed, tries, maxShrinkAttempts, maxDiscards, name, regressions, null);
  }

  /**
   * Returns a copy that runs one more regression example before its random tries.
   *
   * @param regression the example
   * @return the new settings
   */
  public RunSettings withRegression(Regression regression) {
    Objects.requireNonNull(regression, "regression");
    if (regressions.size() >= MAX_REGRESSIONS) {
      throw new IllegalArgumentException(
          "a property may carry at most " + MAX_REGRESSIONS + " regression examples");
    }
    List<Regression> more = new ArrayList<>(regressions);
    more.add(regression);
    return new RunSettings(
        seed, tries, maxShrinkAttempts, maxDiscards, name, List.copyOf(more), null);
  }

  /**
   * Fills every unset value, reading system properties and choosing the seed as the class comment
   * says. Call it on the thread that starts the run: the default seed is named after its caller.
   *
   * @return fully resolved settings
   * @throws IllegalArgumentException if a system property is malformed
   */
  public RunSettings resolve() {
    long resolvedSeed;
    String origin;
    String seedProperty = System.getProperty(SEED_PROPERTY);
    if (seed != null) {
      resolvedSeed = seed;
      origin = "set with withSeed";
    } else if (seedProperty != null && !seedProperty.isBlank()) {
      resolvedSeed = parseSeed(seedProperty);
      origin = "from -D" + SEED_PROPERTY;
    } else if (Boolean.parseBoolean(System.getProperty(EXPLORE_PROPERTY, "false").trim())) {
      resolvedSeed = ThreadLocalRandom.current().nextLong();
      origin = "random: -D" + EXPLORE_PROPERTY + "=true";
    } else {
      String resolvedName = name != null ? name : CallSites.caller();
      resolvedSeed = CallSites.seedOf(resolvedName);
      origin = "derived from " + resolvedName;
    }
    int resolvedTries = tries > 0 ? tries : DEFAULT_TRIES;
    String triesProperty = System.getProperty(TRIES_PROPERTY);
    if (triesProperty != null && !triesProperty.isBlank()) {
      try {
        int floor = Integer.parseInt(triesProperty.trim());
        requirePositive(TRIES_PROPERTY, floor);
        resolvedTries = Math.max(resolvedTries, floor);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "-D" + TRIES_PROPERTY + " must be a positive int, was '" + triesProperty + "'", e);
      }
    }
    int resolvedShrinks =
        maxShrinkAttempts != UNSET ? maxShrinkAttempts : DEFAULT_MAX_SHRINK_ATTEMPTS;
    int resolvedDiscards =
        maxDiscards > 0 ? maxDiscards : (int) Math.min(Integer.MAX_VALUE, 10L * resolvedTries);
    return new RunSettings(
        resolvedSeed, resolvedTries, resolvedShrinks, resolvedDiscards, name, regressions, origin);
  }

  /**
   * Returns the seed; only meaningful after {@link #resolve()}.
   *
   * @return the seed
   */
  public long seed() {
    return seed;
  }

  /**
   * Returns the number of passing tries to run; only meaningful after {@link #resolve()}.
   *
   * @return the tries
   */
  public int tries() {
    return tries;
  }

  /**
   * Returns the shrink budget; only meaningful after {@link #resolve()}.
   *
   * @return the replays the shrinker may spend
   */
  public int maxShrinkAttempts() {
    return maxShrinkAttempts;
  }

  /**
   * Returns the discard budget; only meaningful after {@link #resolve()}.
   *
   * @return how many discarded trials to tolerate
   */
  public int maxDiscards() {
    return maxDiscards;
  }

  /**
   * Returns the regression examples, run before the random tries.
   *
   * @return the examples, in the order they were added
   */
  public List<Regression> regressions() {
    return regressions;
  }

  /**
   * Tells where the seed came from; only meaningful after {@link #resolve()}.
   *
   * @return e.g. {@code derived from com.example.MyProperties#holds}
   */
  public String seedOrigin() {
    return seedOrigin;
  }

  private static long parseSeed(String property) {
    try {
      return Long.parseLong(property.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "-D" + SEED_PROPERTY + " must be a long, was '" + property + "'", e);
    }
  }

  private static void requirePositive(String what, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(what + " must be positive: " + value);
    }
  }
}
