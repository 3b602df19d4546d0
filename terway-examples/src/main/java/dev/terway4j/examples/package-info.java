/** Small runnable programs that show the library at work; not part of the published API. */
package dev.terway4j.examples;
