package dev.terway4j.selector.internal;

/**
 * A token with its literal text and its 0-based start offset in the input.
 *
 * @param token the token
 * @param literal the text, {@code ""} at the end of the input
 * @param position where the token starts
 */
public record ScannedItem(Token token, String literal, int position) {}
