package dev.terway4j.model.internal;

import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.StringReader;
import org.yaml.snakeyaml.parser.ParserImpl;

/**
 * A {@link YAMLFactory} whose parsers read a {@code String} through {@link CodePointReader}, in
 * time linear in the text's length whatever the length of one token. Thread-safe once built, like
 * every Jackson factory.
 */
final class ManifestYamlFactory extends YAMLFactory {

  private static final long serialVersionUID = 1L;

  ManifestYamlFactory(YAMLFactoryBuilder builder) {
    super(builder);
  }

  @Override
  public YAMLParser createParser(String text) throws IOException {
    IOContext context = _createContext(_createContentReference(text), true);
    ParserImpl events = new ParserImpl(new CodePointReader(text), _loaderOptions);
    return new YAMLParser(
        context,
        _parserFeatures,
        _yamlParserFeatures,
        _objectCodec,
        new StringReader(""),
        events) {};
  }
}
