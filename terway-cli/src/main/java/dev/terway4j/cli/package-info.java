/**
 * The {@code terway} command line: validate, explain, overlaps and simulate. Filled by the CLI
 * issue; nothing here yet pretends to work.
 */
package dev.terway4j.cli;
