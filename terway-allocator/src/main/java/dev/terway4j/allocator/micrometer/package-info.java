/**
 * The allocator's measurements in a Micrometer registry: {@link
 * dev.terway4j.allocator.micrometer.MicrometerAllocatorMetrics}.
 *
 * <p>Micrometer is an optional dependency of {@code terway-allocator}: nothing outside this package
 * refers to it, so the allocator runs without {@code micrometer-core} on the class path, and a user
 * who wants these meters adds it.
 */
package dev.terway4j.allocator.micrometer;
