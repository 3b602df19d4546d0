package dev.terway4j.selector.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.model.KubernetesNames;
import dev.terway4j.model.Violation;
import dev.terway4j.selector.Operator;
import dev.terway4j.selector.Requirement;
import dev.terway4j.selector.Selector;
import dev.terway4j.selector.SelectorParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A recursive-descent parser of the kubectl selector syntax, a port of the algorithm of
 * apimachinery's {@code labels.Parser} (k8s.io/apimachinery/pkg/labels/selector.go): the same
 * grammar, lookahead and error texts, plus the position of the offending token.
 *
 * <pre>
 *   selector    ::= requirement | requirement "," selector
 *   requirement ::= [!] KEY [ set-based | exact ]
 *   set-based   ::= ("in" | "notin") "(" VALUE ("," VALUE)* ")"
 *   exact       ::= ("=" | "==" | "!=" | ">" | "<") VALUE
 * </pre>
 *
 * <p>Not thread-safe: one parser per input; {@link #parse(String)} is thread-safe.
 */
public final class SelectorParser {

  /** What the parser expects: in value context {@code in}/{@code notin} are identifiers. */
  public enum Context {
    /** A key or an operator is expected. */
    KEY_AND_OPERATOR,
    /** Values are expected. */
    VALUES
  }

  private static final String BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";

  private final String input;
  private final List<ScannedItem> items = new ArrayList<>();
  private int position;

  /** Creates a parser and scans the whole input. */
  public SelectorParser(String input) {
    this.input = checkNotNull(input, "input");
    SelectorLexer lexer = new SelectorLexer(input);
    while (true) {
      ScannedItem item = lexer.lex();
      items.add(item);
      if (item.token() == Token.END_OF_STRING) {
        break;
      }
    }
  }

  /**
   * Parses a selector; see {@link Selector#parse(String)}.
   *
   * @throws SelectorParseException on a syntax error or an invalid key or value
   */
  public static Selector parse(String input) {
    return Selector.of(new SelectorParser(input).parseRequirements());
  }

  /** Returns the scanned tokens, the last one {@link Token#END_OF_STRING}. */
  public List<ScannedItem> scannedItems() {
    return List.copyOf(items);
  }

  /** Returns the current token without consuming it. */
  public ScannedItem lookahead(Context context) {
    return inContext(items.get(position), context);
  }

  /** Returns the current token and moves past it. */
  public ScannedItem consume(Context context) {
    ScannedItem item = items.get(position);
    position++;
    return inContext(item, context);
  }

  private static ScannedItem inContext(ScannedItem item, Context context) {
    if (context == Context.VALUES && (item.token() == Token.IN || item.token() == Token.NOT_IN)) {
      return new ScannedItem(Token.IDENTIFIER, item.literal(), item.position());
    }
    return item;
  }

  private SelectorParseException error(int at, String reason) {
    return new SelectorParseException(input, at, reason, List.of());
  }

  /** Parses the requirements in input order. */
  public List<Requirement> parseRequirements() {
    List<Requirement> requirements = new ArrayList<>();
    while (true) {
      ScannedItem item = lookahead(Context.VALUES);
      switch (item.token()) {
        case IDENTIFIER:
        case DOES_NOT_EXIST:
          requirements.add(parseRequirement());
          ScannedItem next = consume(Context.VALUES);
          if (next.token() == Token.END_OF_STRING) {
            return requirements;
          } else if (next.token() == Token.COMMA) {
            ScannedItem after = lookahead(Context.VALUES);
            if (after.token() != Token.IDENTIFIER && after.token() != Token.DOES_NOT_EXIST) {
              throw error(
                  after.position(),
                  "found '" + after.literal() + "', expected: identifier after ','");
            }
          } else {
            throw error(
                next.position(),
                "found '" + next.literal() + "', expected: ',' or 'end of string'");
          }
          break;
        case END_OF_STRING:
          return requirements;
        default:
          throw error(
              item.position(),
              "found '" + item.literal() + "', expected: !, identifier, or 'end of string'");
      }
    }
  }

  private Requirement parseRequirement() {
    int start = items.get(position).position();
    ScannedItem first = consume(Context.VALUES);
    boolean negated = false;
    if (first.token() == Token.DOES_NOT_EXIST) {
      negated = true;
      first = consume(Context.VALUES);
    }
    if (first.token() != Token.IDENTIFIER) {
      throw error(first.position(), "found '" + first.literal() + "', expected: identifier");
    }
    String key = first.literal();
    List<String> keyErrors = KubernetesNames.labelKeyErrors(key);
    if (!keyErrors.isEmpty()) {
      throw new SelectorParseException(
          input,
          first.position(),
          "invalid label key",
          List.of(
              Violation.error(
                  "key", "invalid label key \"" + key + "\": " + String.join("; ", keyErrors))));
    }
    if (negated) {
      // As apimachinery: "!key" ends the requirement; an operator after it is then reported as
      // "expected: ',' or 'end of string'".
      return build(start, key, Operator.DOES_NOT_EXIST, List.of());
    }
    Token following = lookahead(Context.VALUES).token();
    if (following == Token.END_OF_STRING || following == Token.COMMA) {
      return build(start, key, Operator.EXISTS, List.of());
    }
    Operator operator = parseOperator();
    List<String> values;
    if (operator == Operator.IN || operator == Operator.NOT_IN) {
      values = parseValues();
    } else {
      values = parseExactValue();
    }
    return build(start, key, operator, values);
  }

  private Requirement build(int start, String key, Operator operator, List<String> values) {
    List<Violation> violations = Requirement.violations(key, operator, values);
    if (!violations.isEmpty()) {
      throw new SelectorParseException(input, start, "invalid requirement", violations);
    }
    return Requirement.of(key, operator, values);
  }

  /** Consumes and returns a binary operator. */
  public Operator parseOperator() {
    ScannedItem item = consume(Context.KEY_AND_OPERATOR);
    switch (item.token()) {
      case IN:
        return Operator.IN;
      case EQUALS:
        return Operator.EQUALS;
      case DOUBLE_EQUALS:
        return Operator.DOUBLE_EQUALS;
      case GREATER_THAN:
        return Operator.GREATER_THAN;
      case LESS_THAN:
        return Operator.LESS_THAN;
      case NOT_IN:
        return Operator.NOT_IN;
      case NOT_EQUALS:
        return Operator.NOT_EQUALS;
      default:
        throw error(
            item.position(), "found '" + item.literal() + "', expected: " + BINARY_OPERATORS);
    }
  }

  // The values of "in"/"notin": a sorted set, as apimachinery's sets.String.
  private List<String> parseValues() {
    ScannedItem open = consume(Context.VALUES);
    if (open.token() != Token.OPEN_PAR) {
      throw error(open.position(), "found '" + open.literal() + "' expected: '('");
    }
    ScannedItem next = lookahead(Context.VALUES);
    switch (next.token()) {
      case IDENTIFIER:
      case COMMA:
        TreeSet<String> values = parseIdentifiersList();
        ScannedItem close = consume(Context.VALUES);
        if (close.token() != Token.CLOSED_PAR) {
          // apimachinery names the token after '(' here, not the one found; we name the latter.
          throw error(close.position(), "found '" + close.literal() + "', expected: ')'");
        }
        return List.copyOf(values);
      case CLOSED_PAR:
        consume(Context.VALUES);
        return List.of("");
      default:
        throw error(
            next.position(), "found '" + next.literal() + "', expected: ',', ')' or identifier");
    }
  }

  private TreeSet<String> parseIdentifiersList() {
    TreeSet<String> values = new TreeSet<>();
    while (true) {
      ScannedItem item = consume(Context.VALUES);
      switch (item.token()) {
        case IDENTIFIER:
          values.add(item.literal());
          ScannedItem next = lookahead(Context.VALUES);
          if (next.token() == Token.COMMA) {
            continue;
          } else if (next.token() == Token.CLOSED_PAR) {
            return values;
          }
          throw error(next.position(), "found '" + next.literal() + "', expected: ',' or ')'");
        case COMMA:
          // "(," ",," and ",)" each stand for an empty value.
          if (values.isEmpty()) {
            values.add("");
          }
          Token after = lookahead(Context.VALUES).token();
          if (after == Token.CLOSED_PAR) {
            values.add("");
            return values;
          }
          if (after == Token.COMMA) {
            values.add("");
          }
          break;
        default:
          throw error(
              item.position(), "found '" + item.literal() + "', expected: ',', or identifier");
      }
    }
  }

  private List<String> parseExactValue() {
    Token next = lookahead(Context.VALUES).token();
    if (next == Token.END_OF_STRING || next == Token.COMMA) {
      return List.of("");
    }
    ScannedItem item = consume(Context.VALUES);
    if (item.token() == Token.IDENTIFIER) {
      return List.of(item.literal());
    }
    throw error(item.position(), "found '" + item.literal() + "', expected: identifier");
  }
}
