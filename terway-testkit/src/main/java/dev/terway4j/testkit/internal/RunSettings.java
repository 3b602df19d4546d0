package dev.terway4j.testkit.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How a property run is configured, before and after applying system properties.
 *
 * <p>Immutable and thread-safe. Unset values are resolved by {@link #resolve()}: the seed comes
 * from {@value #SEED_PROPERTY} or else is random; tries default to {@value #DEFAULT_TRIES} and are
 * raised (never lowered) to {@value #TRIES_PROPERTY}, so a long CI mode deepens every property
 * without any of them silently running fewer tries than its author asked for.
 */
public final class RunSettings {
  /** System property holding the seed to replay. */
  public static final String SEED_PROPERTY = "terway.seed";

  /** System property holding the minimum number of tries for every property. */
  public static final String TRIES_PROPERTY = "terway.tries";

  /** Tries when neither code nor system property says otherwise. */
  public static final int DEFAULT_TRIES = 100;

  /** Replays the shrinker may spend when not configured. */
  public static final int DEFAULT_MAX_SHRINK_ATTEMPTS = 10_000;

  private static final int UNSET = -1;
  private static final RunSettings DEFAULTS = new RunSettings(null, 0, UNSET, 0);

  private final Long seed;
  private final int tries;
  private final int maxShrinkAttempts;
  private final int maxDiscards;

  private RunSettings(Long seed, int tries, int maxShrinkAttempts, int maxDiscards) {
    this.seed = seed;
    this.tries = tries;
    this.maxShrinkAttempts = maxShrinkAttempts;
    this.maxDiscards = maxDiscards;
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
    return new RunSettings(seed, tries, maxShrinkAttempts, maxDiscards);
  }

  /**
   * Returns a copy with a number of tries.
   *
   * @param tries the tries, positive
   * @return the new settings
   */
  public RunSettings withTries(int tries) {
    requirePositive("tries", tries);
    return new RunSettings(seed, tries, maxShrinkAttempts, maxDiscards);
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
    return new RunSettings(seed, tries, attempts, maxDiscards);
  }

  /**
   * Returns a copy with a discard budget.
   *
   * @param discards how many discarded trials to tolerate before giving up, positive
   * @return the new settings
   */
  public RunSettings withMaxDiscards(int discards) {
    requirePositive("max discards", discards);
    return new RunSettings(seed, tries, maxShrinkAttempts, discards);
  }

  /**
   * Fills every unset value, reading system properties and drawing a random seed if needed.
   *
   * @return fully resolved settings
   * @throws IllegalArgumentException if a system property is malformed
   */
  public RunSettings resolve() {
    long resolvedSeed = seed != null ? seed : seedFromSystemProperty();
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
    return new RunSettings(resolvedSeed, resolvedTries, resolvedShrinks, resolvedDiscards);
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

  private static long seedFromSystemProperty() {
    String property = System.getProperty(SEED_PROPERTY);
    if (property == null || property.isBlank()) {
      return ThreadLocalRandom.current().nextLong();
    }
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
