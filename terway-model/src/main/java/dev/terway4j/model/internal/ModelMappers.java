package dev.terway4j.model.internal;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;

/**
 * The two configured Jackson mappers of the model, built once. Jackson mappers are thread-safe once
 * configured, and nothing reconfigures these.
 */
public final class ModelMappers {

  private static final ObjectMapper JSON = configure(JsonMapper.builder().build());

  private static final ObjectMapper YAML =
      configure(
          YAMLMapper.builder(
                  YAMLFactory.builder()
                      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                      // A label value "1" must come back as the string "1", not a number.
                      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                      .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                      .build())
              .build());

  private ModelMappers() {}

  /** Returns the JSON mapper. */
  public static ObjectMapper json() {
    return JSON;
  }

  /** Returns the YAML mapper. */
  public static ObjectMapper yaml() {
    return YAML;
  }

  private static ObjectMapper configure(ObjectMapper mapper) {
    mapper.registerModule(new Jdk8Module());
    mapper.registerModule(new JavaTimeModule());
    // Only annotated attributes are properties: derived methods such as ready() never leak out.
    mapper.disable(MapperFeature.AUTO_DETECT_GETTERS);
    mapper.disable(MapperFeature.AUTO_DETECT_IS_GETTERS);
    // Only explicit @JsonCreator factories build values: Jackson would otherwise take a private
    // one-string constructor of a generated class and read {dst: x} from a bare string.
    mapper.setVisibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.NONE);
    mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.NONE);
    mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    mapper.registerModule(
        new SimpleModule("rfc3339").addDeserializer(Instant.class, new TimestampDeserializer()));
    mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    mapper.disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    mapper.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    // Go's omitempty: empty strings, lists, maps and absent optionals are not written; but the
    // contents of maps are written whole (a label may have the value "").
    mapper.setDefaultPropertyInclusion(
        JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.ALWAYS));
    // Kubernetes does not turn 1 into "1" or "true" into true; neither do we.
    for (LogicalType type :
        new LogicalType[] {
          LogicalType.Textual,
          LogicalType.Integer,
          LogicalType.Float,
          LogicalType.Boolean,
          LogicalType.Enum,
          LogicalType.DateTime
        }) {
      for (CoercionInputShape shape :
          new CoercionInputShape[] {
            CoercionInputShape.Integer,
            CoercionInputShape.Float,
            CoercionInputShape.Boolean,
            CoercionInputShape.String
          }) {
        if (!isNatural(type, shape)) {
          mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
      }
    }
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder().maxNestingDepth(256).maxStringLength(1 << 22).build());
    return mapper;
  }

  private static boolean isNatural(LogicalType type, CoercionInputShape shape) {
    switch (type) {
      case Textual:
      case Enum:
      case DateTime:
        return shape == CoercionInputShape.String;
      case Integer:
        return shape == CoercionInputShape.Integer;
      case Float:
        return shape == CoercionInputShape.Float || shape == CoercionInputShape.Integer;
      case Boolean:
        return shape == CoercionInputShape.Boolean;
      default:
        return true;
    }
  }
}
