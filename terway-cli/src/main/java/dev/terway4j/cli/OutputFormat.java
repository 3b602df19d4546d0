package dev.terway4j.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/**
 * How a command prints its result: an aligned table for people, or the same facts as JSON or YAML
 * for programs.
 */
enum OutputFormat {
  /** Aligned text, for a terminal. */
  TABLE,
  /** One indented JSON document. */
  JSON,
  /** One YAML document. */
  YAML;

  private static final ObjectWriter JSON_WRITER =
      new ObjectMapper()
          .writer(
              new DefaultPrettyPrinter()
                  .withSeparators(
                      Separators.createDefaultInstance()
                          .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                  .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE));
  private static final ObjectMapper YAML_MAPPER =
      new ObjectMapper(
          new YAMLFactory()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));

  /** Returns the lower-case name used on the command line. */
  String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Writes a result tree as JSON or YAML.
   *
   * @throws IllegalStateException for {@link #TABLE}, which each command renders itself
   */
  void write(JsonNode tree, PrintWriter out) {
    ObjectWriter writer =
        switch (this) {
          case JSON -> JSON_WRITER;
          case YAML -> YAML_MAPPER.writer();
          case TABLE -> throw new IllegalStateException("a table is rendered by its command");
        };
    try {
      String text = writer.writeValueAsString(tree);
      // Line by line: a TerminalWriter escapes line feeds inside a print, not println's own.
      text.lines().forEach(out::println);
      out.flush();
    } catch (JsonProcessingException e) {
      // A tree of plain nodes is always writable.
      throw new IllegalStateException("cannot write the result as " + optionValue(), e);
    }
  }

  /** Converts {@code table}, {@code json} or {@code yaml} (any case) for picocli. */
  static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
    @Override
    public OutputFormat convert(String value) {
      for (OutputFormat format : values()) {
        if (format.optionValue().equalsIgnoreCase(value)) {
          return format;
        }
      }
      throw new CommandLine.TypeConversionException(
          "expected one of table, json, yaml but was '" + value + "'");
    }
  }

  /** The values picocli lists in the help text. */
  static final class Candidates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(values())
          .map(OutputFormat::optionValue)
          .collect(Collectors.toList())
          .iterator();
    }
  }
}
