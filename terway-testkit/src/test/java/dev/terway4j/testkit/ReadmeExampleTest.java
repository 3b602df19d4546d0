package dev.terway4j.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The testkit example of the project README is {@code com.example.MyControllerProperties} (which
 * runs as a property test of its own), word for word from its class declaration on.
 */
class ReadmeExampleTest {

  @Test
  void readmeExample_isTheExampleTest() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int begin = readme.indexOf("```java\n", readme.indexOf("<!-- example:begin -->"));
    int end = readme.indexOf("```\n<!-- example:end -->");
    String example = readme.substring(begin + "```java\n".length(), end);
    String source =
        Files.readString(Path.of("src/test/java/com/example/MyControllerProperties.java"));
    assertEquals(source.substring(source.indexOf("class MyControllerProperties")), example);
  }
}
