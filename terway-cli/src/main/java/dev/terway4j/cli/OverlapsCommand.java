package dev.terway4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.ReadOptions;
import dev.terway4j.selector.Overlap;
import dev.terway4j.selector.Overlaps;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code terway overlaps FILE|DIR...}: every pair of PodNetworkings that one pod could match at the
 * same time, found without any pod, each with a witness: a pod and a namespace both match. Terway
 * gives such a pod an arbitrary one of the two, so a pipeline can run this before applying.
 *
 * <p>Readiness is treated as {@code explain} treats it ({@link ReadinessOptions}): a PodNetworking
 * that is not Ready matches no pod there, so it overlaps with nothing here.
 *
 * <p>Exit code 0 when no pair overlaps, 1 when some do, 2 when an input cannot be read.
 */
@Command(
    name = "overlaps",
    mixinStandardHelpOptions = true,
    description = {
      "Finds the pairs of PodNetworkings that can match one pod, each with a witness.",
      "Static analysis, without any pod: the witness is a pod and a namespace both match.",
      ""
    },
    footer = {"", "Exit codes: 0 no overlap, 1 overlaps found, 2 unreadable input."})
final class OverlapsCommand implements Callable<Integer> {

  @Mixin private CommonOptions common;

  @Spec private CommandSpec spec;

  @Mixin private ReadinessOptions readiness;

  @Parameters(
      paramLabel = "FILE|DIR",
      arity = "1..*",
      description =
          "The PodNetworkings (documents of other kinds in these files are skipped and listed).")
  private List<Path> inputs;

  /** Creates the command; picocli fills its fields. */
  OverlapsCommand() {}

  @Override
  public Integer call() {
    ManifestFiles.PodNetworkings read =
        ManifestFiles.readPodNetworkings(inputs, ReadOptions.DEFAULT);
    List<PodNetworking> podNetworkings = readiness.apply(read.podNetworkings());
    // As explain: a PodNetworking that is not Ready matches no pod, so it overlaps with nothing.
    List<String> notReady = ReadinessOptions.notReady(podNetworkings);
    List<Overlap> overlaps =
        Overlaps.find(podNetworkings.stream().filter(PodNetworking::ready).toList());
    List<String> neverMatched =
        podNetworkings.stream()
            .filter(
                pn ->
                    pn.spec().selector().podSelector().isEmpty()
                        && pn.spec().selector().namespaceSelector().isEmpty())
            .map(pn -> pn.metadata().name())
            .sorted()
            .toList();
    PrintWriter out = TerminalWriter.of(spec.commandLine().getOut());
    if (common.output == OutputFormat.TABLE) {
      printTable(out, podNetworkings.size(), overlaps, neverMatched);
      if (!notReady.isEmpty()) {
        out.println(
            "Not Ready, so matched by no pod ("
                + readiness.describe()
                + "): "
                + String.join(", ", notReady));
      }
      if (!read.skipped().isEmpty()) {
        out.println("Skipped (other kinds): " + String.join(", ", read.skipped()));
      }
    } else {
      ObjectNode root = tree(podNetworkings.size(), overlaps, neverMatched);
      root.put("readiness", readiness.describe());
      notReady.forEach(root.putArray("notReady")::add);
      read.skipped().forEach(root.putArray("skipped")::add);
      common.output.write(root, out);
    }
    out.flush();
    return overlaps.isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
  }

  private static String labels(Map<String, String> labels) {
    return labels.isEmpty()
        ? "(any)"
        : new TreeMap<>(labels)
            .entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
  }

  private static String summary(int podNetworkings, List<Overlap> overlaps) {
    return TerwayCommand.count(podNetworkings, "PodNetworking")
        + ", "
        + (overlaps.isEmpty()
            ? "no overlapping pair"
            : TerwayCommand.count(overlaps.size(), "overlapping pair"));
  }

  private static void printTable(
      PrintWriter out, int count, List<Overlap> overlaps, List<String> neverMatched) {
    if (!overlaps.isEmpty()) {
      TextTable table =
          new TextTable("FIRST", "SECOND", "WITNESS POD LABELS", "NAMESPACE LABELS", "POD KIND");
      for (Overlap overlap : overlaps) {
        table.row(
            overlap.first().metadata().name(),
            overlap.second().metadata().name(),
            labels(overlap.witness().podLabels()),
            labels(overlap.witness().namespaceLabels()),
            overlap.witness().fixedNamePod() ? "fixed-name (e.g. a StatefulSet's)" : "any");
      }
      table.print(out, "");
      out.println();
      out.println(
          "A pod matching two PodNetworkings gets an arbitrary one in Terway (the lowest name here).");
    }
    if (!neverMatched.isEmpty()) {
      out.println("Never matched automatically (no selector): " + String.join(", ", neverMatched));
    }
    out.println(summary(count, overlaps));
  }

  private static ObjectNode tree(int count, List<Overlap> overlaps, List<String> neverMatched) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("podNetworkings", count);
    ArrayNode pairs = root.putArray("overlaps");
    for (Overlap overlap : overlaps) {
      ObjectNode pair = pairs.addObject();
      pair.put("first", overlap.first().metadata().name());
      pair.put("second", overlap.second().metadata().name());
      ObjectNode witness = pair.putObject("witness");
      new TreeMap<>(overlap.witness().podLabels()).forEach(witness.putObject("podLabels")::put);
      new TreeMap<>(overlap.witness().namespaceLabels())
          .forEach(witness.putObject("namespaceLabels")::put);
      witness.put("fixedNamePod", overlap.witness().fixedNamePod());
    }
    ArrayNode never = root.putArray("neverMatched");
    neverMatched.forEach(never::add);
    root.put("summary", summary(count, overlaps));
    return root;
  }
}
