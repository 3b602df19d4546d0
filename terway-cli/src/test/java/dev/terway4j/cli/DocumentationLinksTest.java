package dev.terway4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 item 11: no Javadoc or comment in any module's main sources (nor in the POMs) cites a
 * document that a user of the released jars cannot open. Every {@code *.md} or {@code *.txt} a
 * comment names must exist in the repository, and a section cited as {@code docs/behaviour.md,
 * "PodENI lifecycle"} must be a heading of that page.
 *
 * <p>The scan starts from the parent of the module directory (the repository root), so it covers
 * every module, not only this one. The scanner is tested on in-memory samples as well, so that a
 * scanner that finds nothing cannot pass for a clean tree.
 */
@DisplayName("documentation links (issue 14 item 11)")
class DocumentationLinksTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void mainSources_citeOnlyDocumentsThatExistInTheRepository_issue14item11() throws IOException {
    LinkScanner scanner = new LinkScanner(ROOT);
    List<String> problems = new ArrayList<>();
    int files = 0;
    for (Path file : scannedFiles()) {
      String relative = ROOT.relativize(file).toString().replace('\\', '/');
      problems.addAll(scanner.scan(relative, Files.readString(file)));
      files++;
    }
    assertTrue(files > 100, "only " + files + " files scanned: is " + ROOT + " the repository?");
    assertTrue(
        scanner.resolvedCitations() > 0,
        "no citation of docs/ found at all: the scanner reads no comments");
    assertEquals(List.of(), problems, "comments cite documents that are not in the repository");
  }

  @Test
  void scanner_givenCommentsCitingMissingDocuments_reportsEachWithItsLine_issue14item11() {
    String sample =
        String.join(
            "\n",
            "package x;",
            "/**",
            " * Follows DECISIONS.md and terway-semantics.md §3.2; see also",
            " * ack-trunk-eni-podnetworking.ja.txt.",
            " */",
            "class Sample {",
            "  // STYLE.md says so",
            "  String notAComment = \"peers.md\"; /* aliyun-sdk.md §4 */",
            "}");

    List<String> problems = new LinkScanner(ROOT).scan("terway-model/src/main/Sample.java", sample);

    assertEquals(
        List.of(
            "terway-model/src/main/Sample.java:3: cites DECISIONS.md, which is not in the repository",
            "terway-model/src/main/Sample.java:3: cites terway-semantics.md, which is not in the"
                + " repository",
            "terway-model/src/main/Sample.java:4: cites ack-trunk-eni-podnetworking.ja.txt, which is"
                + " not in the repository",
            "terway-model/src/main/Sample.java:7: cites STYLE.md, which is not in the repository",
            "terway-model/src/main/Sample.java:8: cites aliyun-sdk.md, which is not in the"
                + " repository"),
        problems);
  }

  @Test
  void scanner_givenCitationsOfDocumentsAndSectionsThatExist_acceptsThem_issue14item11() {
    String sample =
        String.join(
            "\n",
            "/**",
            " * The lifecycle of docs/behaviour.md, \"PodENI",
            " * lifecycle\" (see also README.md and docs/aliyun-wire.md, \"Errors\").",
            " */",
            "class Sample {}");

    LinkScanner scanner = new LinkScanner(ROOT);
    assertEquals(List.of(), scanner.scan("terway-allocator/src/main/Sample.java", sample));
    assertEquals(3, scanner.resolvedCitations());
  }

  @Test
  void scanner_givenASectionThatIsNotAHeading_reportsIt_issue14item11() {
    String sample = "/** See docs/behaviour.md, \"Lifecycle of pods\". */ class Sample {}";

    assertEquals(
        List.of(
            "terway-allocator/src/main/Sample.java:1: cites section \"Lifecycle of pods\" of"
                + " docs/behaviour.md, which has no such heading"),
        new LinkScanner(ROOT).scan("terway-allocator/src/main/Sample.java", sample));
  }

  @Test
  void scanner_ignoresStringsTextBlocksAndUrls_butReadsXmlAndHashComments_issue14item11() {
    String java =
        String.join(
            "\n",
            "class Sample {",
            "  char quote = '\"';",
            "  String block = \"\"\"",
            "      /* GONE.md */ // GONE.txt",
            "      \"\"\";",
            "  String escaped = \"\\\" // GONE.md\";",
            "  // https://github.com/AliyunContainerService/terway/blob/main/docs/terway-trunk.md",
            "}");
    String pom = "<project>\n  <!-- STYLE.md: tests --><name>GONE.md</name>\n</project>";
    String properties = "key=GONE.md\n# see DECISIONS.md\n";

    LinkScanner scanner = new LinkScanner(ROOT);
    assertEquals(List.of(), scanner.scan("terway-cli/src/main/Sample.java", java));
    assertEquals(
        List.of("terway-cloud-aliyun/pom.xml:2: cites STYLE.md, which is not in the repository"),
        scanner.scan("terway-cloud-aliyun/pom.xml", pom));
    assertEquals(
        List.of(
            "terway-cli/src/main/resources/x.properties:2: cites DECISIONS.md, which is not in the"
                + " repository"),
        scanner.scan("terway-cli/src/main/resources/x.properties", properties));
  }

  /** The POMs, and the Java, XML, properties and YAML files under every module's src/main. */
  private static List<Path> scannedFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(ROOT.resolve("pom.xml"));
    try (Stream<Path> modules = Files.list(ROOT)) {
      for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
        if (Files.isRegularFile(module.resolve("pom.xml"))) {
          files.add(module.resolve("pom.xml"));
        }
        Path main = module.resolve("src/main");
        if (!Files.isDirectory(main)) {
          continue;
        }
        try (Stream<Path> walk = Files.walk(main)) {
          walk.filter(Files::isRegularFile)
              .filter(p -> LinkScanner.kind(p.getFileName().toString()) != LinkScanner.Kind.OTHER)
              .sorted()
              .forEach(files::add);
        }
      }
    }
    return files;
  }

  /**
   * Finds the documents cited in the comments of one file and checks that they exist in the
   * repository. Not thread-safe (it counts resolved citations).
   */
  static final class LinkScanner {
    enum Kind {
      JAVA,
      XML,
      HASH,
      OTHER
    }

    // A file name or relative path ending in .md or .txt; URLs are removed before matching.
    private static final Pattern DOCUMENT =
        Pattern.compile(
            "(?<![A-Za-z0-9_./-])([A-Za-z0-9_.][A-Za-z0-9_./-]{0,200}\\.(?:md|txt))\\b");
    private static final Pattern URL = Pattern.compile("[a-z]+://\\S{0,500}");
    private static final Pattern SECTION =
        Pattern.compile("([A-Za-z0-9_][A-Za-z0-9_./-]{0,200}\\.md),? \"([^\"]{1,200})\"");
    private static final Pattern JAVADOC_MARGIN = Pattern.compile("\\n[ \\t]*(?:\\*|//)?");

    private final Path root;
    private final Map<String, Set<String>> headings = new HashMap<>();
    private Set<String> fileNames;
    private int resolved;

    LinkScanner(Path root) {
      this.root = root;
    }

    static Kind kind(String fileName) {
      if (fileName.endsWith(".java")) {
        return Kind.JAVA;
      }
      if (fileName.endsWith(".xml")) {
        return Kind.XML;
      }
      if (fileName.endsWith(".properties")
          || fileName.endsWith(".yaml")
          || fileName.endsWith(".yml")) {
        return Kind.HASH;
      }
      return Kind.OTHER;
    }

    /** How many citations were found and resolved so far. */
    int resolvedCitations() {
      return resolved;
    }

    /**
     * Returns a problem per missing document or section cited in a comment of the file.
     *
     * @param relativePath the file's path from the repository root, with {@code /}
     * @param text the file's content
     */
    List<String> scan(String relativePath, String text) {
      List<String> problems = new ArrayList<>();
      for (int[] comment : comments(kind(relativePath), text)) {
        String raw = text.substring(comment[0], comment[1]);
        String withoutUrls = URL.matcher(raw).replaceAll(m -> " ".repeat(m.group().length()));
        Matcher document = DOCUMENT.matcher(withoutUrls);
        while (document.find()) {
          String cited = document.group(1);
          int line = line(text, comment[0] + document.start());
          if (resolve(relativePath, cited) == null) {
            problems.add(
                relativePath
                    + ":"
                    + line
                    + ": cites "
                    + cited
                    + ", which is not in the repository");
          } else {
            resolved++;
          }
        }
        String flat = JAVADOC_MARGIN.matcher(withoutUrls).replaceAll(" ").replaceAll("\\s+", " ");
        Matcher section = SECTION.matcher(flat);
        while (section.find()) {
          Path doc = resolve(relativePath, section.group(1));
          String heading = section.group(2).trim();
          if (doc != null && !headings(doc).contains(heading)) {
            problems.add(
                relativePath
                    + ":"
                    + line(text, comment[0])
                    + ": cites section \""
                    + heading
                    + "\" of "
                    + section.group(1)
                    + ", which has no such heading");
          }
        }
      }
      return problems;
    }

    private Path resolve(String relativePath, String cited) {
      String path = cited.startsWith("./") ? cited.substring(2) : cited;
      Path file = root.resolve(relativePath).normalize();
      String module = relativePath.contains("/") ? relativePath.split("/", 2)[0] : "";
      for (Path candidate :
          List.of(
              root.resolve(path), root.resolve(module).resolve(path), file.resolveSibling(path))) {
        Path normal = candidate.normalize();
        if (normal.startsWith(root) && Files.isRegularFile(normal)) {
          return normal;
        }
      }
      if (!path.contains("/")) {
        return fileNames().contains(path) ? root.resolve(path) : null;
      }
      return null;
    }

    private Set<String> fileNames() {
      if (fileNames == null) {
        fileNames = new HashSet<>();
        try (Stream<Path> walk = Files.walk(root)) {
          walk.filter(p -> !ignored(root.relativize(p)))
              .filter(Files::isRegularFile)
              .forEach(p -> fileNames.add(p.getFileName().toString()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return fileNames;
    }

    private static boolean ignored(Path relative) {
      for (Path part : relative) {
        String name = part.toString();
        if (name.equals("target") || name.equals(".git") || name.equals("node_modules")) {
          return true;
        }
      }
      return false;
    }

    private Set<String> headings(Path doc) {
      return headings.computeIfAbsent(
          doc.toString(),
          d -> {
            Set<String> result = new HashSet<>();
            if (!Files.isRegularFile(doc)) {
              return result;
            }
            try {
              for (String line : Files.readAllLines(doc)) {
                if (line.startsWith("#")) {
                  result.add(line.replaceFirst("^#+", "").trim());
                }
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            return result;
          });
    }

    private static int line(String text, int offset) {
      int line = 1;
      for (int i = 0; i < offset; i++) {
        if (text.charAt(i) == '\n') {
          line++;
        }
      }
      return line;
    }

    /** Returns the [start, end) offsets of the comments of a file of the given kind. */
    static List<int[]> comments(Kind kind, String text) {
      return switch (kind) {
        case JAVA -> javaComments(text);
        case XML -> delimited(text, "<!--", "-->");
        case HASH -> hashComments(text);
        case OTHER -> List.of();
      };
    }

    private static List<int[]> delimited(String text, String open, String close) {
      List<int[]> result = new ArrayList<>();
      int from = 0;
      while (true) {
        int start = text.indexOf(open, from);
        if (start < 0) {
          return result;
        }
        int end = text.indexOf(close, start + open.length());
        end = end < 0 ? text.length() : end;
        result.add(new int[] {start + open.length(), end});
        from = end;
      }
    }

    private static List<int[]> hashComments(String text) {
      List<int[]> result = new ArrayList<>();
      int start = 0;
      while (start < text.length()) {
        int end = text.indexOf('\n', start);
        end = end < 0 ? text.length() : end;
        String line = text.substring(start, end);
        int hash = line.indexOf('#');
        if (hash >= 0 && line.substring(0, hash).isBlank()) {
          result.add(new int[] {start + hash + 1, end});
        }
        start = end + 1;
      }
      return result;
    }

    // A small lexer: skips string, text-block and char literals, collects // and /* */ comments.
    private static List<int[]> javaComments(String text) {
      List<int[]> result = new ArrayList<>();
      int i = 0;
      int n = text.length();
      while (i < n) {
        char c = text.charAt(i);
        if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
          int end = text.indexOf('\n', i);
          end = end < 0 ? n : end;
          result.add(new int[] {i + 2, end});
          i = end;
        } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
          int end = text.indexOf("*/", i + 2);
          end = end < 0 ? n : end;
          result.add(new int[] {i + 2, end});
          i = Math.min(n, end + 2);
        } else if (text.startsWith("\"\"\"", i)) {
          int end = i + 3;
          while (end < n && !text.startsWith("\"\"\"", end)) {
            end += text.charAt(end) == '\\' ? 2 : 1;
          }
          i = Math.min(n, end + 3);
        } else if (c == '"' || c == '\'') {
          int end = i + 1;
          while (end < n && text.charAt(end) != c && text.charAt(end) != '\n') {
            end += text.charAt(end) == '\\' ? 2 : 1;
          }
          i = Math.min(n, end + 1);
        } else {
          i++;
        }
      }
      return result;
    }
  }
}
