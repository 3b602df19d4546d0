package dev.terway4j.model.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.terway4j.model.KubernetesObject;
import dev.terway4j.model.ManifestProblem;
import java.io.IOException;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds one JSON tree to a model type and turns every Jackson failure into a {@link
 * ManifestProblem} with a field path, so that no Jackson exception leaks out. Stateless and
 * thread-safe.
 */
public final class ManifestBinder {

  /**
   * Fields of Kubernetes {@code metadata} that the model does not keep but that are not unknown to
   * Kubernetes; strict reading does not report them.
   */
  private static final Set<String> KNOWN_METADATA_FIELDS =
      Set.of("generateName", "selfLink", "deletionGracePeriodSeconds", "managedFields");

  /** How many type errors of one document are reported at most. */
  private static final int MAX_PASSES = 100;

  private static final Pattern MISSING_ATTRIBUTES =
      Pattern.compile("some of required attributes are not set \\[([^\\]]*)\\]");

  private ManifestBinder() {}

  /**
   * What binding one tree gave: the object of the last successful pass (with every field that could
   * not be bound cut out, so possibly partial), the problems of the fields that could not be bound,
   * and the unknown fields.
   *
   * @param partial the object bound after cutting out the failing fields; empty when even that
   *     failed
   * @param errors the problems of the fields cut out, at most as many as there was room for
   * @param unknownFields the unknown fields, at most as many as there was room for
   * @param unknownDropped how many more unknown fields were found than are listed
   */
  public record Binding<T>(
      Optional<T> partial,
      List<ManifestProblem> errors,
      List<ManifestProblem> unknownFields,
      long unknownDropped) {

    /** Returns the object when it bound completely, with no error and no unknown field. */
    public Optional<T> complete() {
      return errors.isEmpty() && unknownFields.isEmpty() && unknownDropped == 0
          ? partial
          : Optional.empty();
    }
  }

  /**
   * Binds {@code tree} to {@code type}.
   *
   * @param prefix the path of {@code tree} within its document ({@code ""} or {@code items[i]})
   * @param reportUnknown whether unknown fields are problems
   * @param problems receives the problems found, as many as it keeps (binding stops there)
   * @return the object, or empty when a problem prevented binding
   */
  public static <T extends KubernetesObject> Optional<T> bind(
      JsonNode tree,
      Class<T> type,
      String source,
      int documentIndex,
      String prefix,
      boolean reportUnknown,
      ProblemList problems) {
    Binding<T> binding =
        bind(
            tree,
            type,
            source,
            documentIndex,
            prefix,
            reportUnknown,
            problems.roomFor(documentIndex));
    problems.addAll(binding.unknownFields());
    problems.addMore(documentIndex, binding.unknownDropped());
    problems.addAll(binding.errors());
    return binding.complete();
  }

  /**
   * Binds {@code tree} to {@code type}, keeping the partial object: each field that cannot be bound
   * is reported and cut out, and binding goes on without it.
   *
   * @param prefix the path of {@code tree} within its document ({@code ""} or {@code items[i]})
   * @param collectUnknown whether unknown fields are collected (they are skipped either way)
   * @param room how many problems may be reported at most; binding stops there
   * @return what binding gave
   */
  public static <T extends KubernetesObject> Binding<T> bind(
      JsonNode tree,
      Class<T> type,
      String source,
      int documentIndex,
      String prefix,
      boolean collectUnknown,
      int room) {
    // Unknown fields are collected per pass, and those of the last pass reported: each pass sees
    // them up to its first type error, the last one (which succeeds, or stops at the limit) sees
    // the most. Only a bounded number is kept; the rest are counted.
    List<ManifestProblem> unknown = new ArrayList<>();
    long[] unknownCount = {0};
    DeserializationProblemHandler handler =
        new DeserializationProblemHandler() {
          @Override
          public boolean handleUnknownProperty(
              DeserializationContext ctxt,
              JsonParser p,
              JsonDeserializer<?> deserializer,
              Object beanOrClass,
              String propertyName)
              throws IOException {
            if (collectUnknown) {
              JsonStreamContext context = p.getParsingContext();
              if (p.currentToken() == JsonToken.START_ARRAY
                  || p.currentToken() == JsonToken.START_OBJECT) {
                // The parser already stepped into the value; its parent holds the field name.
                context = context.getParent();
              }
              boolean kept = unknown.size() < MAX_PASSES;
              boolean maybeKnown = KNOWN_METADATA_FIELDS.contains(propertyName);
              // The path is built only when needed: most unknown fields of a huge document are
              // only counted.
              String path = kept || maybeKnown ? join(prefix, pathOf(context)) : "";
              boolean knownMetadata =
                  maybeKnown
                      && path.equals(Paths.field(Paths.field(prefix, "metadata"), propertyName));
              if (!knownMetadata) {
                unknownCount[0]++;
                if (kept) {
                  unknown.add(
                      new ManifestProblem(
                          source,
                          documentIndex,
                          path,
                          ManifestProblem.Kind.UNKNOWN_FIELD,
                          "unknown field \"" + propertyName + "\""));
                }
              }
            }
            p.skipChildren();
            return true;
          }
        };
    // Jackson stops at the first type error. To report every one, the failing field is cut
    // out of a copy of the tree and binding runs again, until it succeeds, nothing more can be
    // cut, or the document has as many problems as may be reported. The copy is made before the
    // first cut only: a valid document is bound from its own tree.
    JsonNode work = tree;
    List<ManifestProblem> errors = new ArrayList<>();
    Optional<T> value = Optional.empty();
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      unknown.clear();
      unknownCount[0] = 0;
      try {
        value =
            Optional.of(ModelMappers.json().readerFor(type).withHandler(handler).readValue(work));
        break;
      } catch (JsonMappingException e) {
        ManifestProblem problem = translate(e, work, source, documentIndex, prefix);
        if (!missingBecauseCut(problem, errors)) {
          errors.add(problem);
        }
        if (errors.size() + unknownCount[0] > room) {
          break;
        }
        if (work == tree) {
          work = tree.deepCopy();
        }
        if (!cut(work, e.getPath())) {
          break;
        }
      } catch (IOException | RuntimeException e) {
        // Defensive: a tree read has no I/O, but nothing from Jackson may escape untranslated.
        errors.add(
            new ManifestProblem(
                source, documentIndex, prefix, ManifestProblem.Kind.INVALID_VALUE, e.toString()));
        break;
      }
    }
    return new Binding<>(
        value, List.copyOf(errors), List.copyOf(unknown), unknownCount[0] - unknown.size());
  }

  /**
   * Returns whether {@code problem} says a required field is missing only because an earlier pass
   * cut it out after reporting its bad value (issue 13 item 15: a bad operator was also reported as
   * a missing operator).
   */
  private static boolean missingBecauseCut(ManifestProblem problem, List<ManifestProblem> earlier) {
    if (problem.kind() != ManifestProblem.Kind.MISSING_FIELD) {
      return false;
    }
    String missing = problem.path();
    for (ManifestProblem reported : earlier) {
      String path = reported.path();
      if (path.equals(missing)
          || path.startsWith(missing + ".")
          || path.startsWith(missing + "[")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Removes the field that holds the failing value: the nearest field of an object on the path (a
   * whole list when an item failed, so that later items keep their indexes). Returns false when
   * there is nothing to remove (the root failed).
   */
  private static boolean cut(JsonNode tree, List<JsonMappingException.Reference> path) {
    for (int end = path.size() - 1; end >= 0; end--) {
      JsonMappingException.Reference ref = path.get(end);
      if (ref.getFieldName() == null) {
        continue;
      }
      JsonNode parent = tree.at(pointerOf(path.subList(0, end)));
      if (parent instanceof ObjectNode object && object.has(ref.getFieldName())) {
        object.remove(ref.getFieldName());
        return true;
      }
    }
    return false;
  }

  private static ManifestProblem translate(
      JsonMappingException e, JsonNode tree, String source, int documentIndex, String prefix) {
    String relative = pathOf(e.getPath());
    String path = join(prefix, relative);
    JsonNode found = tree.at(pointerOf(e.getPath()));
    if (e instanceof ValueInstantiationException) {
      Throwable cause = e.getCause();
      String message = cause == null ? null : cause.getMessage();
      if (cause instanceof IllegalStateException && message != null) {
        Matcher m = MISSING_ATTRIBUTES.matcher(message);
        if (m.find()) {
          String missing = m.group(1).trim();
          return new ManifestProblem(
              source,
              documentIndex,
              Paths.field(path, missing.split(",\\s*")[0]),
              ManifestProblem.Kind.MISSING_FIELD,
              "missing required field \"" + missing + "\"");
        }
      }
      if (cause instanceof NullPointerException) {
        return new ManifestProblem(
            source, documentIndex, path, ManifestProblem.Kind.INVALID_VALUE, "null not allowed");
      }
      return new ManifestProblem(
          source,
          documentIndex,
          path,
          ManifestProblem.Kind.INVALID_VALUE,
          message == null ? "invalid value" : message);
    }
    if (e instanceof InvalidFormatException ife) {
      Class<?> target = ife.getTargetType();
      if (target != null && Temporal.class.isAssignableFrom(target)) {
        return new ManifestProblem(
            source,
            documentIndex,
            path,
            ManifestProblem.Kind.INVALID_VALUE,
            "invalid timestamp \""
                + ife.getValue()
                + "\": expected RFC 3339, for example 2021-06-01T00:00:00Z");
      }
      if (!sameShape(target, found)) {
        return wrongType(source, documentIndex, path, target, found);
      }
      return new ManifestProblem(
          source,
          documentIndex,
          path,
          ManifestProblem.Kind.INVALID_VALUE,
          "invalid value \"" + ife.getValue() + "\"");
    }
    if (e instanceof MismatchedInputException mie) {
      return wrongType(source, documentIndex, path, mie.getTargetType(), found);
    }
    String message = e.getOriginalMessage();
    return new ManifestProblem(
        source,
        documentIndex,
        path,
        ManifestProblem.Kind.INVALID_VALUE,
        message == null ? e.getClass().getSimpleName() : firstLine(message));
  }

  private static ManifestProblem wrongType(
      String source, int documentIndex, String path, Class<?> target, JsonNode found) {
    return new ManifestProblem(
        source,
        documentIndex,
        path,
        ManifestProblem.Kind.WRONG_TYPE,
        "expected " + describe(target) + " but found " + describe(found));
  }

  private static boolean sameShape(Class<?> target, JsonNode found) {
    String expected = describe(target);
    switch (expected) {
      case "a string":
      case "a timestamp string":
        return found.isTextual();
      case "a boolean":
        return found.isBoolean();
      case "an integer":
        return found.isIntegralNumber();
      case "a number":
        return found.isNumber();
      case "a list":
        return found.isArray();
      default:
        return found.isObject();
    }
  }

  private static String describe(Class<?> target) {
    if (target == null) {
      return "another type";
    }
    if (CharSequence.class.isAssignableFrom(target) || target.isEnum()) {
      return "a string";
    }
    if (Temporal.class.isAssignableFrom(target)) {
      return "a timestamp string";
    }
    if (target == boolean.class || target == Boolean.class) {
      return "a boolean";
    }
    if (target == int.class
        || target == Integer.class
        || target == long.class
        || target == Long.class) {
      return "an integer";
    }
    if (Number.class.isAssignableFrom(target) || target.isPrimitive()) {
      return "a number";
    }
    if (Collection.class.isAssignableFrom(target) || target.isArray()) {
      return "a list";
    }
    return "a mapping";
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isTextual()) {
      String text = node.asText();
      return "the string \"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
    }
    if (node.isBoolean()) {
      return "the boolean " + node.asText();
    }
    if (node.isNumber()) {
      return "the number " + node.asText();
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    return node.getNodeType().toString().toLowerCase();
  }

  private static String pathOf(List<JsonMappingException.Reference> references) {
    String path = "";
    for (JsonMappingException.Reference ref : references) {
      if (ref.getFieldName() != null && ref.getFrom() instanceof java.util.Map) {
        path = Paths.key(path, ref.getFieldName());
      } else if (ref.getFieldName() != null) {
        path = Paths.field(path, ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path = Paths.index(path, ref.getIndex());
      }
    }
    return path;
  }

  private static String pointerOf(List<JsonMappingException.Reference> references) {
    StringBuilder pointer = new StringBuilder();
    for (JsonMappingException.Reference ref : references) {
      pointer.append('/');
      if (ref.getFieldName() != null) {
        pointer.append(ref.getFieldName().replace("~", "~0").replace("/", "~1"));
      } else {
        pointer.append(Math.max(ref.getIndex(), 0));
      }
    }
    return pointer.toString();
  }

  private static String pathOf(JsonStreamContext context) {
    List<JsonStreamContext> chain = new ArrayList<>();
    for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
      chain.add(0, c);
    }
    String path = "";
    for (JsonStreamContext c : chain) {
      if (c.inObject() && c.getCurrentName() != null) {
        path = Paths.field(path, c.getCurrentName());
      } else if (c.inArray()) {
        path = Paths.index(path, Math.max(c.getCurrentIndex(), 0));
      }
    }
    return path;
  }

  private static String join(String prefix, String relative) {
    if (prefix.isEmpty()) {
      return relative;
    }
    if (relative.isEmpty()) {
      return prefix;
    }
    return relative.startsWith("[") ? prefix + relative : prefix + "." + relative;
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
