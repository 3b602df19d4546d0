/**
 * The {@code terway} command line: {@code validate}, {@code explain}, {@code overlaps}, {@code
 * simulate}, {@code audit} and {@code controller}.
 *
 * <p>{@link dev.terway4j.cli.TerwayCommand} is the entry point (the runnable jar's main class).
 * Every command but {@code controller} prints its result as a table (the default), JSON or YAML
 * ({@code --output}), and ends with one of three exit codes: 0 when all is well, 1 when the command
 * found what it looks for (an invalid manifest, an overlap, an ambiguous match, a failed
 * expectation, an audit finding), 2 when it could not do its work (unreadable input, a bad option,
 * a cluster or cloud that refused). Errors are one line on standard error, then their details;
 * stack traces only with {@code --verbose}. {@code controller} runs until a signal and logs through
 * SLF4J.
 */
package dev.terway4j.cli;
