package dev.terway4j.selector.internal;

/** The tokens of the kubectl selector syntax, as apimachinery's {@code labels.Token}. */
public enum Token {
  /** A scan error (the lexer never produces it on well-formed special symbols). */
  ERROR,
  /** The end of the input. */
  END_OF_STRING,
  /** {@code )}. */
  CLOSED_PAR,
  /** {@code ,}. */
  COMMA,
  /** {@code !}. */
  DOES_NOT_EXIST,
  /** {@code ==}. */
  DOUBLE_EQUALS,
  /** {@code =}. */
  EQUALS,
  /** {@code >}. */
  GREATER_THAN,
  /** A key or a value. */
  IDENTIFIER,
  /** {@code in}. */
  IN,
  /** {@code <}. */
  LESS_THAN,
  /** {@code !=}. */
  NOT_EQUALS,
  /** {@code notin}. */
  NOT_IN,
  /** {@code (}. */
  OPEN_PAR;

  /** Returns the token a literal spells, or {@code null} when it is an identifier. */
  static Token ofLiteral(String literal) {
    switch (literal) {
      case ")":
        return CLOSED_PAR;
      case ",":
        return COMMA;
      case "!":
        return DOES_NOT_EXIST;
      case "==":
        return DOUBLE_EQUALS;
      case "=":
        return EQUALS;
      case ">":
        return GREATER_THAN;
      case "in":
        return IN;
      case "<":
        return LESS_THAN;
      case "!=":
        return NOT_EQUALS;
      case "notin":
        return NOT_IN;
      case "(":
        return OPEN_PAR;
      default:
        return null;
    }
  }
}
