package dev.terway4j.allocator.loop;

import java.time.Duration;
import java.time.Instant;

/**
 * Decides how long a key that is being retried waits before it is queued again, as client-go's
 * workqueue rate limiters do: {@link #when} is asked once per retry (and counts it), {@link
 * #forget} ends a key's retries (after a success, or when giving up), {@link #numRequeues} says how
 * many retries a key has had since.
 *
 * <p>Built by {@link RateLimiters}. <b>Thread safety:</b> implementations must be thread-safe; a
 * {@link WorkQueue} calls them from every worker at once.
 *
 * @param <K> the key type
 */
public interface RateLimiter<K> {

  /**
   * Returns how long {@code key} waits before its next attempt, and counts the retry.
   *
   * @param key the key
   * @param now the current time, on the queue's clock
   * @return the wait, not negative
   */
  Duration when(K key, Instant now);

  /**
   * Forgets {@code key}'s retries: its next {@link #when} is a first one again.
   *
   * @param key the key
   */
  void forget(K key);

  /**
   * Returns how many times {@link #when} was asked for {@code key} since it was last forgotten.
   *
   * @param key the key
   * @return the count, zero for a key never retried
   */
  int numRequeues(K key);
}
