package dev.terway4j.selector.internal;

import static dev.terway4j.selector.internal.Token.CLOSED_PAR;
import static dev.terway4j.selector.internal.Token.COMMA;
import static dev.terway4j.selector.internal.Token.DOES_NOT_EXIST;
import static dev.terway4j.selector.internal.Token.DOUBLE_EQUALS;
import static dev.terway4j.selector.internal.Token.END_OF_STRING;
import static dev.terway4j.selector.internal.Token.EQUALS;
import static dev.terway4j.selector.internal.Token.GREATER_THAN;
import static dev.terway4j.selector.internal.Token.IDENTIFIER;
import static dev.terway4j.selector.internal.Token.IN;
import static dev.terway4j.selector.internal.Token.LESS_THAN;
import static dev.terway4j.selector.internal.Token.NOT_EQUALS;
import static dev.terway4j.selector.internal.Token.NOT_IN;
import static dev.terway4j.selector.internal.Token.OPEN_PAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.selector.Operator;
import dev.terway4j.selector.SelectorParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The lexer and the parser's lookahead, ported from Kubernetes apimachinery {@code
 * pkg/labels/selector_test.go} (github.com/kubernetes/apimachinery, commit
 * eed236ceee2c19c2753a3d93ac0631dc20750454): {@code TestLexer}, {@code TestLexerSequence}, {@code
 * TestParserLookahead}, {@code TestParseOperator}.
 */
class SelectorLexerTest {

  @Test
  void lex_lexerTable_returnsTheLongestToken() {
    Map<String, Token> cases =
        Map.ofEntries(
            Map.entry("", END_OF_STRING),
            Map.entry(",", COMMA),
            Map.entry("notin", NOT_IN),
            Map.entry("in", IN),
            Map.entry("=", EQUALS),
            Map.entry("==", DOUBLE_EQUALS),
            Map.entry(">", GREATER_THAN),
            Map.entry("<", LESS_THAN),
            Map.entry("!", DOES_NOT_EXIST),
            Map.entry("!=", NOT_EQUALS),
            Map.entry("(", OPEN_PAR),
            Map.entry(")", CLOSED_PAR),
            // Non-"special" characters are considered part of an identifier
            Map.entry("~", IDENTIFIER),
            Map.entry("||", IDENTIFIER));
    cases.forEach(
        (text, token) -> {
          ScannedItem item = new SelectorLexer(text).lex();
          assertEquals(token, item.token(), text);
          assertEquals(text, item.literal(), text);
        });
  }

  private static List<Token> tokens(String text) {
    SelectorLexer lexer = new SelectorLexer(text);
    List<Token> out = new ArrayList<>();
    while (true) {
      Token token = lexer.lex().token();
      if (token == END_OF_STRING) {
        return out;
      }
      out.add(token);
    }
  }

  private static final Map<String, List<Token>> SEQUENCES =
      Map.ofEntries(
          Map.entry("key in ( value )", List.of(IDENTIFIER, IN, OPEN_PAR, IDENTIFIER, CLOSED_PAR)),
          Map.entry(
              "key notin ( value )", List.of(IDENTIFIER, NOT_IN, OPEN_PAR, IDENTIFIER, CLOSED_PAR)),
          Map.entry(
              "key in ( value1, value2 )",
              List.of(IDENTIFIER, IN, OPEN_PAR, IDENTIFIER, COMMA, IDENTIFIER, CLOSED_PAR)),
          Map.entry("key", List.of(IDENTIFIER)),
          Map.entry("!key", List.of(DOES_NOT_EXIST, IDENTIFIER)),
          Map.entry("()", List.of(OPEN_PAR, CLOSED_PAR)),
          Map.entry("x in (),y", List.of(IDENTIFIER, IN, OPEN_PAR, CLOSED_PAR, COMMA, IDENTIFIER)),
          Map.entry(
              "== != (), = notin",
              List.of(DOUBLE_EQUALS, NOT_EQUALS, OPEN_PAR, CLOSED_PAR, COMMA, EQUALS, NOT_IN)),
          Map.entry("key>2", List.of(IDENTIFIER, GREATER_THAN, IDENTIFIER)),
          Map.entry("key<1", List.of(IDENTIFIER, LESS_THAN, IDENTIFIER)));

  @Test
  void lex_lexerSequenceTable_givesApimachineryTokens() {
    SEQUENCES.forEach((text, expected) -> assertEquals(expected, tokens(text), text));
  }

  @Test
  void lookahead_parserLookaheadTable_agreesWithConsume() {
    Map<String, List<Token>> cases = new java.util.HashMap<>();
    SEQUENCES.forEach(
        (text, expected) -> {
          List<Token> withEnd = new ArrayList<>(expected);
          withEnd.add(END_OF_STRING);
          cases.put(text, withEnd);
        });
    cases.put("", List.of(END_OF_STRING));
    cases.forEach(
        (text, expected) -> {
          SelectorParser parser = new SelectorParser(text);
          assertEquals(
              expected,
              parser.scannedItems().stream().map(ScannedItem::token).collect(Collectors.toList()),
              text);
          while (true) {
            ScannedItem ahead = parser.lookahead(SelectorParser.Context.KEY_AND_OPERATOR);
            ScannedItem consumed = parser.consume(SelectorParser.Context.KEY_AND_OPERATOR);
            assertEquals(ahead, consumed, text);
            if (ahead.token() == END_OF_STRING) {
              break;
            }
          }
        });
  }

  @Test
  void lookahead_inValueContext_readsKeywordsAsIdentifiers() {
    SelectorParser parser = new SelectorParser("in notin");
    assertEquals(IDENTIFIER, parser.lookahead(SelectorParser.Context.VALUES).token());
    assertEquals(IN, parser.lookahead(SelectorParser.Context.KEY_AND_OPERATOR).token());
  }

  @Test
  void parseOperator_parseOperatorTable_acceptsBinaryOperatorsOnly() {
    Map<String, Operator> good =
        Map.of(
            "in", Operator.IN,
            "=", Operator.EQUALS,
            "==", Operator.DOUBLE_EQUALS,
            ">", Operator.GREATER_THAN,
            "<", Operator.LESS_THAN,
            "notin", Operator.NOT_IN,
            "!=", Operator.NOT_EQUALS);
    good.forEach((text, op) -> assertEquals(op, new SelectorParser(text).parseOperator(), text));
    Map<String, String> bad = Map.of("!", "!", "exists", "exists", "(", "(");
    bad.forEach(
        (text, found) -> {
          SelectorParseException e =
              assertThrows(
                  SelectorParseException.class, () -> new SelectorParser(text).parseOperator());
          assertTrue(
              e.getMessage()
                  .endsWith("found '" + found + "', expected: in, notin, =, ==, !=, gt, lt"),
              e.getMessage());
        });
  }

  @Test
  void lex_positions_areTokenStartOffsets() {
    List<ScannedItem> items = new SelectorParser("a in (b, c)").scannedItems();
    assertEquals(
        List.of(0, 2, 5, 6, 7, 9, 10, 11),
        items.stream().map(ScannedItem::position).collect(Collectors.toList()));
  }
}
