package dev.terway4j.selector.internal;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * Splits a selector string into tokens exactly as apimachinery's {@code labels.Lexer}: whitespace
 * is space, tab, CR and LF; {@code = ! ( ) , > <} are special and the longest special token wins
 * ({@code !=} over {@code !}); anything else up to a special character or whitespace is an
 * identifier, or the keyword {@code in}/{@code notin}. Not thread-safe: one lexer per input.
 */
public final class SelectorLexer {

  private final String input;
  private int pos;

  /** Creates a lexer positioned at the start of {@code input}. */
  public SelectorLexer(String input) {
    this.input = checkNotNull(input, "input");
  }

  private static boolean isWhitespace(char ch) {
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
  }

  private static boolean isSpecialSymbol(char ch) {
    switch (ch) {
      case '=':
      case '!':
      case '(':
      case ')':
      case ',':
      case '>':
      case '<':
        return true;
      default:
        return false;
    }
  }

  // As the Go lexer, a NUL character reads as the end of the input.
  private char read() {
    char ch = 0;
    if (pos < input.length()) {
      ch = input.charAt(pos);
      pos++;
    }
    return ch;
  }

  private void unread() {
    pos--;
  }

  /** Returns the next token; {@link Token#END_OF_STRING} at the end, and from then on. */
  public ScannedItem lex() {
    char ch = read();
    while (isWhitespace(ch)) {
      ch = read();
    }
    if (ch == 0) {
      return new ScannedItem(Token.END_OF_STRING, "", pos);
    }
    unread();
    return isSpecialSymbol(ch) ? scanSpecialSymbol() : scanIdOrKeyword();
  }

  private ScannedItem scanIdOrKeyword() {
    int start = pos;
    StringBuilder buffer = new StringBuilder();
    while (true) {
      char ch = read();
      if (ch == 0) {
        break;
      }
      if (isSpecialSymbol(ch) || isWhitespace(ch)) {
        unread();
        break;
      }
      buffer.append(ch);
    }
    String literal = buffer.toString();
    Token keyword = Token.ofLiteral(literal);
    return new ScannedItem(keyword != null ? keyword : Token.IDENTIFIER, literal, start);
  }

  private ScannedItem scanSpecialSymbol() {
    int start = pos;
    Token last = null;
    String lastLiteral = "";
    StringBuilder buffer = new StringBuilder();
    while (true) {
      char ch = read();
      if (ch == 0) {
        break;
      }
      if (isSpecialSymbol(ch)) {
        buffer.append(ch);
        Token token = Token.ofLiteral(buffer.toString());
        if (token != null) {
          last = token;
          lastLiteral = buffer.toString();
        } else if (last != null) {
          unread();
          break;
        }
      } else {
        unread();
        break;
      }
    }
    if (last == null) {
      return new ScannedItem(Token.ERROR, "error expected: keyword found '" + buffer + "'", start);
    }
    return new ScannedItem(last, lastLiteral, start);
  }
}
