/**
 * The operator loop: a rate-limited {@link dev.terway4j.allocator.loop.WorkQueue} with client-go's
 * semantics (deduplication, one worker per key, per-key exponential backoff, an overall token
 * bucket) and a {@link dev.terway4j.allocator.loop.PodLoop} that feeds a pool of workers from it,
 * ticks the allocator, retries pods that came back {@code BUSY} and waits until a pod is bound.
 *
 * <p>Time is a {@link dev.terway4j.allocator.loop.LoopClock}: real time in production, {@link
 * dev.terway4j.allocator.loop.VirtualLoopClock} on a fake clock in tests, where the same code runs
 * deterministically and without sleeping.
 */
package dev.terway4j.allocator.loop;
