package dev.terway4j.model.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.terway4j.model.ManifestProblem;
import dev.terway4j.model.ReadOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Turns text into one JSON tree per document, checking what a hostile or careless input can get
 * wrong before any binding happens: size, document count, nesting depth, number length, YAML
 * aliases (never expanded, so alias bombs cannot grow), YAML tags (only core tags that fit their
 * value), duplicate keys (a first value of {@code null} included) and {@code null}s.
 *
 * <p>YAML is read through {@link ManifestYamlFactory}, in time linear in the text however long one
 * token is. Problems go to a {@link ProblemList}, which bounds how many are kept. A {@code null}
 * field value is dropped, as Kubernetes treats it as absent; a {@code null} list item is a problem.
 * Stateless and thread-safe.
 */
public final class ManifestTrees {

  /**
   * One document's tree.
   *
   * @param index the document's 0-based index in the text
   * @param tree the tree; when not {@code clean}, with the parts that had problems left out
   * @param clean whether the document was read without any problem
   */
  public record Document(int index, JsonNode tree, boolean clean) {}

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** The prefix SnakeYAML gives the tags of the YAML core schema ({@code !!int} and so on). */
  private static final String CORE_TAG = "tag:yaml.org,2002:";

  /** The spellings of null in YAML 1.1, and the empty scalar. */
  private static final Set<String> NULLS = Set.of("", "~", "null", "Null", "NULL");

  private ManifestTrees() {}

  /**
   * Reads {@code text} as YAML (a superset of JSON) or, when {@code json}, as strict JSON.
   * Documents with problems are left out and their problems added to {@code problems}.
   */
  public static List<Document> read(
      String text, String source, ReadOptions options, boolean json, ProblemList problems) {
    return read(text, source, options, json, false, problems);
  }

  /**
   * Reads {@code text} as {@link #read(String, String, ReadOptions, boolean, ProblemList)} does;
   * when {@code keepBroken}, documents with problems are returned too, marked not clean, with the
   * parts that had problems left out (an alias, a bad tag, a second value of a duplicate key).
   */
  public static List<Document> read(
      String text,
      String source,
      ReadOptions options,
      boolean json,
      boolean keepBroken,
      ProblemList problems) {
    List<Document> documents = new ArrayList<>();
    if (text.length() > options.maxChars()) {
      problems.add(
          new ManifestProblem(
              source,
              -1,
              "",
              ManifestProblem.Kind.TOO_LARGE,
              "input has "
                  + text.length()
                  + " characters, more than the limit of "
                  + options.maxChars()));
      return documents;
    }
    int index = 0;
    JsonParser parser = null;
    NodeBudget budget = new NodeBudget(options.maxNodes());
    try {
      parser = factory(json, options).createParser(text);
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (index >= options.maxDocuments()) {
          problems.add(
              new ManifestProblem(
                  source,
                  index,
                  "",
                  ManifestProblem.Kind.TOO_LARGE,
                  "more than " + options.maxDocuments() + " documents"));
          break;
        }
        Walk walk = new Walk(parser, source, index, options, budget, problems);
        JsonNode tree = walk.value(token, Loc.ROOT, 0);
        if (walk.problemCount > 0) {
          // Its problems are listed; the document is left out, or kept marked for readers that
          // go on with the rest of it.
          if (keepBroken) {
            documents.add(new Document(index, tree, false));
          }
        } else if (!tree.isNull() && !(tree.isTextual() && tree.asText().isEmpty())) {
          // An empty document (two --- in a row) reads as "" or null; like kubectl, skip it.
          documents.add(new Document(index, tree, true));
        }
        index++;
      }
    } catch (NodeBudget.Exhausted e) {
      problems.addFirst(
          new ManifestProblem(
              source,
              index,
              e.path,
              ManifestProblem.Kind.TOO_LARGE,
              "more than "
                  + options.maxNodes()
                  + " YAML nodes (scalars, keys, mappings and lists) in the text; reading"
                  + " stopped here"));
    } catch (StreamConstraintsException e) {
      problems.add(
          new ManifestProblem(
              source,
              index,
              parser == null ? "" : pathOf(parser.getParsingContext()),
              ManifestProblem.Kind.TOO_LARGE,
              String.valueOf(e.getOriginalMessage()).startsWith("Number value length")
                  ? "number longer than the limit of " + options.maxNumberChars() + " characters"
                  : syntaxMessage(e, json)));
    } catch (JsonProcessingException e) {
      // A scalar tagged !!float or !!int that is no number fails inside the parser: name its field.
      boolean badNumber =
          !json && String.valueOf(e.getOriginalMessage()).startsWith("Malformed numeric value");
      problems.add(
          new ManifestProblem(
              source,
              index,
              badNumber && parser != null ? pathOf(parser.getParsingContext()) : "",
              badNumber ? ManifestProblem.Kind.INVALID_VALUE : ManifestProblem.Kind.SYNTAX,
              syntaxMessage(e, json)));
    } catch (IOException e) {
      // Reading from a String cannot fail with plain I/O; report it rather than hide it.
      problems.add(
          new ManifestProblem(source, index, "", ManifestProblem.Kind.SYNTAX, e.toString()));
    } finally {
      if (parser != null) {
        try {
          parser.close();
        } catch (IOException e) {
          // Closing a parser over a String cannot fail.
        }
      }
    }
    return documents;
  }

  /** Returns the field path of the parser's position, as far as its context knows it. */
  private static String pathOf(JsonStreamContext context) {
    List<JsonStreamContext> chain = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      chain.add(c);
    }
    String path = "";
    for (int i = chain.size() - 1; i >= 0; i--) {
      JsonStreamContext c = chain.get(i);
      if (c.inObject() && c.getCurrentName() != null) {
        path = Paths.field(path, c.getCurrentName());
      } else if (c.inArray()) {
        path = Paths.index(path, Math.max(c.getCurrentIndex(), 0));
      }
    }
    return path;
  }

  private static JsonFactory factory(boolean json, ReadOptions options) {
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            // Our own depth check reports first, with a path; this one is a backstop.
            .maxNestingDepth(options.maxDepth() * 2 + 16)
            .maxStringLength(options.maxChars())
            .maxNumberLength(options.maxNumberChars())
            .build();
    if (json) {
      return JsonFactory.builder().streamReadConstraints(constraints).build();
    }
    LoaderOptions loader = new LoaderOptions();
    loader.setCodePointLimit(Math.max(options.maxChars(), 1));
    loader.setNestingDepthLimit(options.maxDepth() * 2 + 16);
    loader.setAllowDuplicateKeys(true); // detected below, with a path
    return new ManifestYamlFactory(
        YAMLFactory.builder().loaderOptions(loader).streamReadConstraints(constraints));
  }

  private static String syntaxMessage(JsonProcessingException e, boolean json) {
    String message = e.getOriginalMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    if (newline > 0) {
      message = message.substring(0, newline);
    }
    JsonLocation location = e.getLocation();
    String where =
        location == null || location.getLineNr() < 0
            ? ""
            : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    return (json ? "malformed JSON" : "malformed YAML") + where + ": " + message;
  }

  /**
   * Where a node is in its document, its field path built only when a problem needs it: building a
   * path string for each of hundreds of thousands of nodes cost more than reading them.
   */
  private static final class Loc {
    static final Loc ROOT = new Loc(null, null, -1);

    private final Loc parent;
    private final String name;
    private final int index;

    private Loc(Loc parent, String name, int index) {
      this.parent = parent;
      this.name = name;
      this.index = index;
    }

    Loc field(String name) {
      return new Loc(this, name, -1);
    }

    Loc index(int index) {
      return new Loc(this, null, index);
    }

    /** Returns the path as {@link Paths} builds it, for example {@code spec.vSwitchOptions[1]}. */
    @Override
    public String toString() {
      if (parent == null) {
        return "";
      }
      String above = parent.toString();
      return name != null ? Paths.field(above, name) : Paths.index(above, index);
    }
  }

  /**
   * The nodes a text may still hold, over all its documents: each token the parser hands over costs
   * one, so reading time and tree size stay proportional to the budget, not to the text's shape.
   */
  private static final class NodeBudget {
    private int left;

    NodeBudget(int max) {
      this.left = max;
    }

    /** Takes one node, or stops reading at {@code path} when none is left. */
    void take(Loc path) {
      if (--left < 0) {
        throw new Exhausted(path.toString());
      }
    }

    /** Thrown, without a stack trace, to stop reading the text. */
    static final class Exhausted extends RuntimeException {
      private static final long serialVersionUID = 1L;
      final String path;

      Exhausted(String path) {
        super(null, null, false, false);
        this.path = path;
      }
    }
  }

  /** Builds one document's tree, collecting its problems. */
  private static final class Walk {
    private final JsonParser parser;
    private final String source;
    private final int index;
    private final int maxDepth;
    private final int maxNumberChars;
    private final NodeBudget budget;
    private final ProblemList problems;
    private int problemCount;

    Walk(
        JsonParser parser,
        String source,
        int index,
        ReadOptions options,
        NodeBudget budget,
        ProblemList problems) {
      this.parser = parser;
      this.budget = budget;
      this.source = source;
      this.index = index;
      this.maxDepth = options.maxDepth();
      this.maxNumberChars = options.maxNumberChars();
      this.problems = problems;
    }

    JsonNode value(JsonToken token, Loc path, int depth) throws IOException {
      budget.take(path);
      if (parser instanceof YAMLParser yaml) {
        if (yaml.isCurrentAlias()) {
          problem(
              path,
              ManifestProblem.Kind.ALIAS,
              "YAML alias *" + yaml.getText() + " is not supported in manifests");
          return NODES.missingNode();
        }
        String tag = yaml.getTypeId();
        if (tag != null && !fits(tag, token, token.isScalarValue() ? yaml.getText() : null)) {
          return badTag(tag, token, path);
        }
        if (tag != null && tag.equals(CORE_TAG + "null")) {
          return NODES.nullNode();
        }
      }
      switch (token) {
        case START_OBJECT:
          if (depth >= maxDepth) {
            return tooDeep(path);
          }
          return object(path, depth);
        case START_ARRAY:
          if (depth >= maxDepth) {
            return tooDeep(path);
          }
          return array(path, depth);
        case VALUE_STRING:
          return NODES.textNode(parser.getText());
        case VALUE_NUMBER_INT:
          if (parser.getTextLength() > maxNumberChars) {
            return numberTooLong(path);
          }
          switch (parser.getNumberType()) {
            case INT:
              return NODES.numberNode(parser.getIntValue());
            case LONG:
              return NODES.numberNode(parser.getLongValue());
            default:
              return NODES.numberNode(parser.getBigIntegerValue());
          }
        case VALUE_NUMBER_FLOAT:
          if (parser.getTextLength() > maxNumberChars) {
            return numberTooLong(path);
          }
          return NODES.numberNode(parser.getDecimalValue());
        case VALUE_TRUE:
          return NODES.booleanNode(true);
        case VALUE_FALSE:
          return NODES.booleanNode(false);
        case VALUE_NULL:
          return NODES.nullNode();
        default:
          problem(path, ManifestProblem.Kind.SYNTAX, "unexpected " + token);
          return NODES.nullNode();
      }
    }

    /**
     * Returns whether an explicit YAML tag agrees with the value read: only the core tags ({@code
     * !!str}, {@code !!int}, {@code !!float}, {@code !!bool}, {@code !!null}, {@code !!map}, {@code
     * !!seq}) on a value of their type. {@code sigs.k8s.io/yaml} refuses {@code !!int abc}; a
     * custom tag means something this reader cannot know, so it is refused rather than read as a
     * string.
     */
    private static boolean fits(String tag, JsonToken token, String text) {
      if (!tag.startsWith(CORE_TAG)) {
        return false;
      }
      switch (tag.substring(CORE_TAG.length())) {
        case "str":
          return token == JsonToken.VALUE_STRING;
        case "int":
          return token == JsonToken.VALUE_NUMBER_INT;
        case "float":
          return token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT;
        case "bool":
          return token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
        case "null":
          // Jackson reads any scalar tagged !!null as null; only YAML's null spellings are.
          return (token == JsonToken.VALUE_NULL || token == JsonToken.VALUE_STRING)
              && NULLS.contains(text);
        case "map":
          return token == JsonToken.START_OBJECT;
        case "seq":
          return token == JsonToken.START_ARRAY;
        default:
          return false;
      }
    }

    private JsonNode badTag(String tag, JsonToken token, Loc path) throws IOException {
      boolean core = tag.startsWith(CORE_TAG);
      String shown = core ? "!!" + tag.substring(CORE_TAG.length()) : "!" + tag;
      boolean known =
          core
              && List.of("str", "int", "float", "bool", "null", "map", "seq")
                  .contains(tag.substring(CORE_TAG.length()));
      String value =
          token == JsonToken.START_OBJECT
              ? "a mapping"
              : token == JsonToken.START_ARRAY ? "a list" : "\"" + parser.getText() + "\"";
      problem(
          path,
          ManifestProblem.Kind.INVALID_VALUE,
          known
              ? "YAML tag " + shown + " does not fit the value " + value
              : "YAML tag " + shown + " is not supported in manifests");
      skip(path);
      return NODES.missingNode();
    }

    /** Refuses a number before converting it: the conversion of a huge one is what costs. */
    private JsonNode numberTooLong(Loc path) {
      problem(
          path,
          ManifestProblem.Kind.TOO_LARGE,
          "number longer than the limit of " + maxNumberChars + " characters");
      return NODES.missingNode();
    }

    private JsonNode tooDeep(Loc path) throws IOException {
      problem(
          path,
          ManifestProblem.Kind.TOO_LARGE,
          "nested deeper than the limit of " + maxDepth + " levels");
      skip(path);
      return NODES.nullNode();
    }

    private ObjectNode object(Loc path, int depth) throws IOException {
      ObjectNode node = NODES.objectNode();
      // Names seen, kept apart from the node: a null value is not kept but still takes its name.
      Set<String> seen = new HashSet<>();
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        budget.take(path);
        Loc childPath = path.field(name);
        JsonNode child = value(parser.nextToken(), childPath, depth + 1);
        if (!seen.add(name)) {
          problem(childPath, ManifestProblem.Kind.INVALID_VALUE, "duplicate key \"" + name + "\"");
        } else if (!child.isNull() && !child.isMissingNode()) {
          node.set(name, child);
        }
      }
      expectEnd(token, JsonToken.END_OBJECT, path);
      return node;
    }

    private ArrayNode array(Loc path, int depth) throws IOException {
      ArrayNode node = NODES.arrayNode();
      JsonToken token;
      int i = 0;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
        Loc childPath = path.index(i);
        JsonNode child = value(token, childPath, depth + 1);
        if (child.isNull()) {
          problem(childPath, ManifestProblem.Kind.INVALID_VALUE, "null is not allowed in a list");
        }
        node.add(child);
        i++;
      }
      expectEnd(token, JsonToken.END_ARRAY, path);
      return node;
    }

    /**
     * Skips the mapping or list the parser is at, as {@link JsonParser#skipChildren()} does, but
     * paying for every node skipped: a refused value cannot hide a million nodes.
     */
    private void skip(Loc path) throws IOException {
      JsonToken current = parser.currentToken();
      if (current != JsonToken.START_OBJECT && current != JsonToken.START_ARRAY) {
        return;
      }
      int open = 1;
      JsonToken token;
      while (open > 0 && (token = parser.nextToken()) != null) {
        budget.take(path);
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          open++;
        } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          open--;
        }
      }
    }

    private void expectEnd(JsonToken token, JsonToken expected, Loc path) {
      if (token != expected) {
        problem(path, ManifestProblem.Kind.SYNTAX, "unexpected end of input");
      }
    }

    private void problem(Loc path, ManifestProblem.Kind kind, String message) {
      problemCount++;
      problems.add(new ManifestProblem(source, index, path.toString(), kind, message));
    }
  }
}
