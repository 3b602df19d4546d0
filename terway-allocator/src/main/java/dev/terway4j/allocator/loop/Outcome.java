package dev.terway4j.allocator.loop;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.Optional;

/**
 * What became of one attempt at a key, as a {@link Reconciler} reports it to a {@link PodLoop}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind what the loop does next
 * @param delay for {@link Kind#RETRY_AFTER}, the wait; empty otherwise
 * @param reason why, for listeners and logs; empty for {@link Kind#DONE}
 */
public record Outcome(Kind kind, Optional<Duration> delay, String reason) {
  private static final Outcome DONE = new Outcome(Kind.DONE, Optional.empty(), "");

  /** What the loop does after an attempt. */
  public enum Kind {
    /** Nothing left to do: the key's backoff is forgotten. */
    DONE,
    /** Try again after the key's rate-limited backoff (it grows until the key is done). */
    RETRY,
    /** Try again after a given delay; the key's backoff does not grow. */
    RETRY_AFTER,
    /** Stop trying; the key's backoff is forgotten and listeners hear it was given up. */
    GIVE_UP
  }

  /**
   * Checks the values.
   *
   * @param kind what the loop does next
   * @param delay for {@link Kind#RETRY_AFTER}, the wait; empty otherwise
   * @param reason why
   * @throws IllegalArgumentException if the delay is present for a kind other than {@link
   *     Kind#RETRY_AFTER}, missing or negative for it
   */
  public Outcome {
    checkNotNull(kind, "kind");
    checkNotNull(delay, "delay");
    checkNotNull(reason, "reason");
    checkArgument(
        delay.isPresent() == (kind == Kind.RETRY_AFTER), "a delay goes with RETRY_AFTER only");
    delay.ifPresent(d -> checkArgument(!d.isNegative(), "delay is negative: %s", d));
  }

  /**
   * Returns the outcome of a successful attempt.
   *
   * @return the outcome
   */
  public static Outcome done() {
    return DONE;
  }

  /**
   * Returns the outcome of an attempt to be tried again after the key's backoff.
   *
   * @param reason why, e.g. the failure's message
   * @return the outcome
   */
  public static Outcome retry(String reason) {
    return new Outcome(Kind.RETRY, Optional.empty(), reason);
  }

  /**
   * Returns the outcome of an attempt to be tried again after {@code delay}.
   *
   * @param delay the wait, not negative
   * @param reason why
   * @return the outcome
   */
  public static Outcome retryAfter(Duration delay, String reason) {
    return new Outcome(Kind.RETRY_AFTER, Optional.of(checkNotNull(delay, "delay")), reason);
  }

  /**
   * Returns the outcome of an attempt that retrying cannot fix.
   *
   * @param reason why
   * @return the outcome
   */
  public static Outcome giveUp(String reason) {
    return new Outcome(Kind.GIVE_UP, Optional.empty(), reason);
  }
}
