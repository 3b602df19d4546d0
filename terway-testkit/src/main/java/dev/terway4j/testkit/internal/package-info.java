/**
 * Implementation of the property engine: choice recording and replay, the run loop and the
 * shrinker.
 *
 * <p>Nothing here is API: the types are public only so that {@code dev.terway4j.testkit} can use
 * them, and they may change in any release.
 */
package dev.terway4j.testkit.internal;
