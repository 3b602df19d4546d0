package dev.terway4j.selector;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.model.LabelSelectorOperator;

/**
 * The operator of a {@link Requirement}, as in Kubernetes apimachinery's {@code selection} package:
 * the four set-based operators of {@code matchExpressions}, the equality forms of the string syntax
 * ({@code =}, {@code ==}, {@code !=}), and the integer comparisons {@code >} and {@code <} that the
 * string syntax also accepts.
 *
 * <p>Immutable and thread-safe.
 */
public enum Operator {
  /** The label is present and its value is one of the values ({@code key in (a,b)}). */
  IN("in"),
  /** The label is absent or its value is none of the values ({@code key notin (a,b)}). */
  NOT_IN("notin"),
  /** The label is present and equals the single value ({@code key=a}). */
  EQUALS("="),
  /** Same as {@link #EQUALS}, spelled {@code key==a}. */
  DOUBLE_EQUALS("=="),
  /** The label is absent or differs from the single value ({@code key!=a}). */
  NOT_EQUALS("!="),
  /** The label is present ({@code key}). */
  EXISTS("exists"),
  /** The label is absent ({@code !key}). */
  DOES_NOT_EXIST("!"),
  /** The label is present and, read as a 64-bit integer, greater than the value ({@code key>1}). */
  GREATER_THAN("gt"),
  /** The label is present and, read as a 64-bit integer, less than the value ({@code key<1}). */
  LESS_THAN("lt");

  private final String symbol;

  Operator(String symbol) {
    this.symbol = symbol;
  }

  /** Returns the name apimachinery gives the operator ({@code in}, {@code =}, {@code gt}...). */
  public String symbol() {
    return symbol;
  }

  /** Returns whether the operator takes no value ({@link #EXISTS}, {@link #DOES_NOT_EXIST}). */
  public boolean unary() {
    return this == EXISTS || this == DOES_NOT_EXIST;
  }

  /** Returns whether the operator requires the label to be present with one of the values. */
  public boolean inclusion() {
    return this == IN || this == EQUALS || this == DOUBLE_EQUALS;
  }

  /** Returns whether a pod lacking the key satisfies the operator. */
  public boolean matchesAbsentKey() {
    return this == NOT_IN || this == NOT_EQUALS || this == DOES_NOT_EXIST;
  }

  /**
   * Returns the operator of a model {@code matchExpressions} entry.
   *
   * @throws NullPointerException if {@code operator} is null
   */
  public static Operator of(LabelSelectorOperator operator) {
    checkNotNull(operator, "operator");
    switch (operator) {
      case IN:
        return IN;
      case NOT_IN:
        return NOT_IN;
      case EXISTS:
        return EXISTS;
      case DOES_NOT_EXIST:
        return DOES_NOT_EXIST;
      default:
        throw new IllegalArgumentException("unknown operator " + operator);
    }
  }
}
