/** Helpers of the command line that are not its API. */
package dev.terway4j.cli.internal;
