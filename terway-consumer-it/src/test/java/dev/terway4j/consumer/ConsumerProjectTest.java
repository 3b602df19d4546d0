package dev.terway4j.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The consumer project (src/it/three-users) is what a user would write: its samples are the
 * README's, it imports only public packages, and it takes every terway4j version from the BOM.
 * invoker:run then builds and tests it against this build's jars.
 */
@DisplayName("consumer project of the README's three users, issue 14 item 12")
class ConsumerProjectTest {
  private static final Path PROJECT = Path.of("src/it/three-users");
  private static final Path SOURCES = PROJECT.resolve("src/test/java/com/example");
  private static final String BEGIN = "// README sample begins";
  private static final String END = "// README sample ends";

  /** The marked lines of a consumer source, less the indentation of the begin marker. */
  static String sample(String source) {
    List<String> lines = source.lines().toList();
    int begin = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().equals(BEGIN)) {
        begin = i;
      } else if (lines.get(i).strip().equals(END)) {
        end = i;
      }
    }
    assertTrue(begin >= 0 && end > begin, "no '" + BEGIN + "' ... '" + END + "' block");
    String indent = lines.get(begin).substring(0, lines.get(begin).indexOf(BEGIN));
    StringBuilder sample = new StringBuilder();
    for (String line : lines.subList(begin + 1, end)) {
      sample.append(line.startsWith(indent) ? line.substring(indent.length()) : line).append('\n');
    }
    return sample.toString();
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private static List<Path> consumerSources() throws IOException {
    try (Stream<Path> files = Files.walk(PROJECT.resolve("src"))) {
      return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    }
  }

  @Test
  void eachUsersSample_isTheReadmesVerbatim() throws IOException {
    String readme = read(Path.of("../README.md"));
    for (String source :
        List.of(
            "scheduler/SchedulerPluginSampleTest.java",
            "operator/OperatorLoopSampleTest.java",
            "MyControllerProperties.java")) {
      String sample = sample(read(SOURCES.resolve(source)));
      assertTrue(
          readme.contains("```java\n" + sample + "```\n"),
          "README.md has no ```java block equal to the marked lines of "
              + source
              + "; copy them again:\n"
              + sample);
    }
  }

  @Test
  void sampleExtraction_dropsTheMarkersIndentation() {
    assertEquals(
        "int a = 1;\n  f(a);\n",
        sample(
            "class A {\n  void m() {\n    " + BEGIN + "\n    int a = 1;\n      f(a);\n    " + END));
  }

  @Test
  void consumerSources_importOnlyPublicPackages() throws IOException {
    List<Path> sources = consumerSources();
    assertEquals(3, sources.size(), "the three users' samples: " + sources);
    Pattern importLine = Pattern.compile("(?m)^import (?:static )?([\\w.]+)(?:\\.\\*)?;$");
    List<String> problems = new ArrayList<>();
    for (Path source : sources) {
      String text = read(source);
      problems.addAll(forbiddenReferences(source.getFileName().toString(), text));
      Matcher imports = importLine.matcher(text);
      while (imports.find()) {
        String name = imports.group(1);
        if (!(name.startsWith("dev.terway4j.")
            || name.startsWith("java.")
            || name.startsWith("org.junit.jupiter.api.")
            || name.startsWith("org.slf4j."))) {
          problems.add(source.getFileName() + " imports " + name + ", not a package it may use");
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  /** References to internal packages or to classes that Immutables generates. */
  static List<String> forbiddenReferences(String file, String text) {
    List<String> problems = new ArrayList<>();
    Matcher internal = Pattern.compile("\\.internal\\b").matcher(text);
    while (internal.find()) {
      problems.add(file + " refers to an internal package at offset " + internal.start());
    }
    Matcher generated = Pattern.compile("\\bImmutable[A-Z]\\w*").matcher(text);
    while (generated.find()) {
      problems.add(file + " refers to the generated class " + generated.group());
    }
    return problems;
  }

  @Test
  void forbiddenReferences_findInternalPackagesAndGeneratedClasses() {
    assertEquals(
        List.of(
            "A.java refers to an internal package at offset 19",
            "A.java refers to the generated class ImmutablePod"),
        forbiddenReferences(
            "A.java",
            "import dev.terway4j.internal.X;\nimport dev.terway4j.model.ImmutablePod;\n"));
    assertEquals(
        List.of(), forbiddenReferences("A.java", "import dev.terway4j.model.Pod; // internally"));
  }

  @Test
  void consumerPom_takesEveryTerway4jVersionFromTheBom() throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document pom = factory.newDocumentBuilder().parse(PROJECT.resolve("pom.xml").toFile());
    Element project = pom.getDocumentElement();
    assertEquals(0, project.getElementsByTagName("parent").getLength(), "no terway4j parent");
    assertEquals(0, project.getElementsByTagName("repositories").getLength(), "no repositories");
    NodeList dependencies = project.getElementsByTagName("dependency");
    List<String> terway = new ArrayList<>();
    for (int i = 0; i < dependencies.getLength(); i++) {
      Element dependency = (Element) dependencies.item(i);
      if (!text(dependency, "groupId").equals("dev.terway4j")) {
        continue;
      }
      boolean managed =
          ((Element) dependency.getParentNode().getParentNode())
              .getTagName()
              .equals("dependencyManagement");
      terway.add(
          (managed ? "managed " : "")
              + text(dependency, "artifactId")
              + ":"
              + text(dependency, "version")
              + ":"
              + text(dependency, "scope"));
    }
    assertEquals(
        List.of(
            "managed terway-bom:@project.version@:import",
            "terway-allocator::",
            "terway-cloud-fake::test",
            "terway-testkit::test"),
        terway);
    assertFalse(read(PROJECT.resolve("pom.xml")).contains("<classifier>"), "no test jars");
  }

  private static String text(Element parent, String tag) {
    NodeList children = parent.getElementsByTagName(tag);
    return children.getLength() == 0 ? "" : children.item(0).getTextContent().strip();
  }
}
