/**
 * JMH benchmarks, one class per hot path, each with its run command in its Javadoc. CI compiles
 * them and never times them.
 */
package dev.terway4j.benchmarks;
