package dev.terway4j.examples;

import dev.terway4j.model.KubernetesObject;
import dev.terway4j.model.ManifestDocument;
import dev.terway4j.model.ManifestException;
import dev.terway4j.model.ManifestProblem;
import dev.terway4j.model.ManifestValidator;
import dev.terway4j.model.Manifests;
import dev.terway4j.model.ReadOptions;
import dev.terway4j.model.ValidationResult;
import dev.terway4j.model.Violation;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the product guide's sample manifests (or the files and folders given as arguments),
 * validates every object and prints it back as YAML, with every problem and warning by path.
 *
 * <p>Exit code 0 when everything is valid, 1 when some object is invalid or unreadable. The guide's
 * own PodENI sample holds placeholders ({@code 2021-xx-xx}) and is reported as unreadable, by
 * design: it shows what a reading error looks like.
 */
public final class GuideSamples {

  private static final List<String> GUIDE_SAMPLES =
      List.of(
          "podnetworking-example.yaml",
          "namespace-example.yaml",
          "statefulset-pod.yaml",
          "pod-annotations.yaml",
          "podeni-example.yaml",
          "podeni-example-filled.yaml");

  private GuideSamples() {}

  /** Runs the program; see the class description. */
  public static void main(String[] args) {
    int status = run(args, System.out);
    if (status != 0) {
      System.exit(status);
    }
  }

  /** Runs the program, printing to {@code out}; returns the exit code. */
  static int run(String[] args, PrintStream out) {
    boolean demo = args.length == 0;
    List<Source> sources = demo ? guideSamples() : files(args);
    ManifestValidator validator = ManifestValidator.defaults();
    int invalid = 0;
    int objects = 0;
    for (Source source : sources) {
      out.println("# " + source.name());
      List<ManifestDocument> documents;
      try {
        documents = Manifests.readDocuments(source.text(), source.name(), ReadOptions.DEFAULT);
      } catch (ManifestException e) {
        invalid++;
        out.println("# unreadable:");
        for (ManifestProblem problem : e.problems()) {
          out.println("#   " + problem.kind() + " " + problem);
        }
        out.println();
        continue;
      }
      List<KubernetesObject> valid = new ArrayList<>();
      for (ManifestDocument document : documents) {
        objects++;
        ValidationResult result = validator.validate(document.object());
        out.println(
            "# "
                + result.object()
                + (result.valid() ? ": valid" : ": INVALID")
                + (result.warnings().isEmpty()
                    ? ""
                    : ", " + result.warnings().size() + " warning(s)"));
        for (Violation violation : result.errors()) {
          out.println("#   error: " + violation.path() + ": " + violation.message());
        }
        for (Violation violation : result.warnings()) {
          out.println("#   warning: " + violation.path() + ": " + violation.message());
        }
        if (!result.valid()) {
          invalid++;
        }
        valid.add(document.object());
      }
      out.print(Manifests.toYaml(valid));
      out.println();
    }
    out.println(
        "# "
            + objects
            + " object(s) read from "
            + sources.size()
            + " source(s); "
            + invalid
            + " invalid or unreadable");
    return demo || invalid == 0 ? 0 : 1;
  }

  private record Source(String name, String text) {}

  private static List<Source> guideSamples() {
    List<Source> sources = new ArrayList<>();
    for (String name : GUIDE_SAMPLES) {
      try (InputStream in = GuideSamples.class.getResourceAsStream("guide/" + name)) {
        if (in == null) {
          throw new IllegalStateException("missing bundled sample " + name);
        }
        sources.add(
            new Source("guide/" + name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return sources;
  }

  private static List<Source> files(String[] args) {
    List<Source> sources = new ArrayList<>();
    for (String arg : args) {
      Path path = Path.of(arg);
      try (Stream<Path> walk = Files.isDirectory(path) ? Files.walk(path) : Stream.of(path)) {
        for (Path file :
            walk.filter(Files::isRegularFile)
                .filter(p -> p.toString().matches(".*\\.(ya?ml|json)$") || p.equals(path))
                .sorted()
                .toList()) {
          sources.add(new Source(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
      }
    }
    return sources;
  }
}
