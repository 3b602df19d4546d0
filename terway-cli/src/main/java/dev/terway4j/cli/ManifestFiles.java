package dev.terway4j.cli;

import dev.terway4j.cli.internal.InputFiles;
import dev.terway4j.model.DocumentCheck;
import dev.terway4j.model.ManifestCheck;
import dev.terway4j.model.ManifestDocument;
import dev.terway4j.model.ManifestException;
import dev.terway4j.model.ManifestProblem;
import dev.terway4j.model.ManifestValidator;
import dev.terway4j.model.Manifests;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.ReadOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds manifest files on the command line's {@code FILE|DIR} arguments and reads them: a file is
 * read whatever its name, and so is a named pipe or {@code -} (standard input); a directory is
 * walked (hidden entries skipped) for {@code .yaml}, {@code .yml} and {@code .json} files, in path
 * order. A directory without any is an error for every command, as a missing file is: a command
 * that checked nothing must not report success.
 */
final class ManifestFiles {

  private ManifestFiles() {}

  /**
   * Returns the manifest files an argument names: itself when it is a file, a named pipe or {@code
   * -}, else the manifest files under it, sorted.
   *
   * @throws CliException if the path does not exist, or is a directory that cannot be listed or
   *     holds no manifest file
   */
  static List<Path> expand(Path argument) {
    if (!InputFiles.exists(argument)) {
      throw new CliException("no such file or directory: " + argument);
    }
    if (!Files.isDirectory(argument)) {
      return List.of(argument); // a file, a named pipe, a device or standard input
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(argument)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(p -> !hidden(argument, p))
              .filter(ManifestFiles::manifestName)
              .sorted()
              .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new CliException("cannot list " + argument + ": " + e.getMessage(), List.of(), e);
    }
    if (files.isEmpty()) {
      throw new CliException("no .yaml, .yml or .json file found in " + argument);
    }
    return files;
  }

  /**
   * Returns the manifest files all arguments name, each once, in argument order.
   *
   * @throws CliException if an argument does not exist, or none names a manifest file
   */
  static List<Path> expandAll(List<Path> arguments) {
    List<Path> files = new ArrayList<>();
    for (Path argument : arguments) {
      for (Path file : expand(argument)) {
        if (!files.contains(file)) {
          files.add(file);
        }
      }
    }
    if (files.isEmpty()) {
      throw new CliException("no .yaml, .yml or .json file found in " + arguments);
    }
    return files;
  }

  /**
   * Reads every object of one file.
   *
   * @throws ManifestException naming every problem of the file
   * @throws CliException if the file cannot be read at all
   */
  static List<ManifestDocument> read(Path file, ReadOptions options) {
    if (InputFiles.isStream(file)) {
      // Standard input and named pipes report no size: read at most the limit from the stream.
      String text;
      try {
        text = InputFiles.read(file, options.maxChars() * 4L);
      } catch (IOException e) {
        throw new CliException(
            "cannot read " + InputFiles.describe(file) + ": " + describe(e), List.of(), e);
      }
      return Manifests.readDocuments(text, InputFiles.describe(file), options);
    }
    try {
      return Manifests.readDocuments(file, options);
    } catch (UncheckedIOException e) {
      throw new CliException(
          "cannot read " + file + ": " + describe(e.getCause()), List.of(), e.getCause());
    }
  }

  /**
   * Reads and validates each document of one file on its own.
   *
   * @throws CliException if the file cannot be read at all
   */
  static ManifestCheck check(Path file, ReadOptions options, ManifestValidator validator) {
    if (InputFiles.isStream(file)) {
      String text;
      try {
        text = InputFiles.read(file, options.maxChars() * 4L);
      } catch (IOException e) {
        throw new CliException(
            "cannot read " + InputFiles.describe(file) + ": " + describe(e), List.of(), e);
      }
      return Manifests.check(text, InputFiles.describe(file), options, validator);
    }
    try {
      return Manifests.check(file, options, validator);
    } catch (UncheckedIOException e) {
      throw new CliException(
          "cannot read " + file + ": " + describe(e.getCause()), List.of(), e.getCause());
    }
  }

  /**
   * The PodNetworkings of some files, and the documents of other kinds skipped on the way.
   *
   * @param podNetworkings the PodNetworkings, in file and document order
   * @param skipped each skipped document, as {@code FILE document N Kind/name}
   */
  record PodNetworkings(List<PodNetworking> podNetworkings, List<String> skipped) {}

  /**
   * Reads the PodNetworkings of some files and directories, skipping (and listing) documents of
   * other kinds, as a Helm or kustomize bundle holds.
   *
   * @throws CliException naming every problem of every PodNetworking, or two of one name
   */
  static PodNetworkings readPodNetworkings(List<Path> arguments, ReadOptions options) {
    ReadOptions only = options.withKinds(Set.of(PodNetworking.KIND)).withSkipOtherKinds(true);
    Map<String, Path> origins = new LinkedHashMap<>();
    List<PodNetworking> podNetworkings = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    List<String> duplicates = new ArrayList<>();
    for (Path file : expandAll(arguments)) {
      ManifestCheck check = check(file, only, ManifestValidator.defaults());
      check.problems().stream().map(ManifestProblem::toString).forEach(problems::add);
      check.skipped().forEach(s -> skipped.add(file + " " + s));
      for (DocumentCheck document : check.documents()) {
        document.readProblems().stream().map(ManifestProblem::toString).forEach(problems::add);
        if (document.object().orElse(null) instanceof PodNetworking pn) {
          String name = pn.metadata().name();
          if (name.isEmpty()) {
            problems.add(
                file + " document " + document.documentIndex() + ": PodNetworking has no name");
            continue;
          }
          Path first = origins.putIfAbsent(name, file);
          if (first != null) {
            duplicates.add(
                "PodNetworking \"" + name + "\" is defined in " + first + " and in " + file);
            continue;
          }
          podNetworkings.add(pn);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new CliException(
          "cannot read the PodNetworkings: "
              + problems.size()
              + (problems.size() == 1 ? " problem" : " problems"),
          problems);
    }
    if (!duplicates.isEmpty()) {
      throw new CliException("PodNetworking names must be unique", duplicates);
    }
    return new PodNetworkings(List.copyOf(podNetworkings), List.copyOf(skipped));
  }

  /** Returns a short description of an I/O failure, naming its kind when the message is bare. */
  static String describe(Throwable e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }

  private static boolean manifestName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
  }

  private static boolean hidden(Path root, Path file) {
    for (Path part : root.relativize(file)) {
      if (part.toString().startsWith(".")) {
        return true;
      }
    }
    return false;
  }
}
