package dev.terway4j.cli;

import static dev.terway4j.cli.TerwayCommand.count;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.terway4j.cli.scenario.Scenario;
import dev.terway4j.cli.scenario.ScenarioException;
import dev.terway4j.cli.scenario.ScenarioReader;
import dev.terway4j.cli.scenario.Simulation;
import dev.terway4j.cli.scenario.SyntheticLoad;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.model.GoDurations;
import dev.terway4j.model.Manifests;
import dev.terway4j.model.PodEni;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code terway simulate SCENARIO.yaml}: runs a scenario on the in-memory cloud with the real
 * allocator and prints a timeline (per step and pod: the PodNetworking chosen, vSwitch, ENI, IP,
 * VLAN id, PodENI phase, the allocator's events and the expectations' outcome), then the PodENI
 * records as YAML and the cloud call counts. {@code terway simulate --pods N --nodes M} runs a
 * synthetic load instead and prints its throughput.
 *
 * <p>Exit code 0 when every expectation holds (a synthetic load: every pod bound, nothing left in
 * the cloud), 1 when one does not, 2 when the scenario cannot be read or set up.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a scenario on the in-memory cloud and prints its timeline.",
      "Per step: the pod, PodNetworking chosen, vSwitch, ENI, IP, VLAN id and PodENI phase; then",
      "the PodENI records as YAML and the cloud call counts. With --pods and --nodes, runs a",
      "synthetic load instead and prints its throughput.",
      ""
    },
    footer = {
      "",
      "Exit codes: 0 every expectation holds, 1 one fails, 2 the scenario cannot be read."
    })
final class SimulateCommand implements Callable<Integer> {

  @Mixin private CommonOptions common;

  @Spec private CommandSpec spec;

  @Parameters(
      paramLabel = "SCENARIO.yaml",
      arity = "0..1",
      description = "The scenario (see examples/scenarios); - reads standard input.")
  private Path scenarioFile;

  @Option(
      names = "--pods",
      paramLabel = "N",
      description = "Synthetic load: how many pods (half Elastic, half Fixed).")
  private Integer pods;

  @Option(names = "--nodes", paramLabel = "M", description = "Synthetic load: how many nodes.")
  private Integer nodes;

  @Option(
      names = "--seed",
      paramLabel = "SEED",
      description = "The seed (ids, MACs, addresses); a scenario's own seed by default, else 0.")
  private Long seed;

  @Option(names = "--no-records", description = "Leave the PodENI records out of the table output.")
  private boolean noRecords;

  /** Creates the command; picocli fills its fields. */
  SimulateCommand() {}

  @Override
  public Integer call() {
    boolean synthetic = pods != null || nodes != null;
    if (synthetic && scenarioFile != null) {
      throw new ParameterException(
          spec.commandLine(), "give a SCENARIO.yaml or --pods and --nodes, not both");
    }
    if (synthetic) {
      if (pods == null || nodes == null) {
        throw new ParameterException(
            spec.commandLine(), "a synthetic load needs both --pods N and --nodes M");
      }
      if (pods < 1
          || pods > SyntheticLoad.MAX_PODS
          || nodes < 1
          || nodes > SyntheticLoad.MAX_NODES) {
        throw new ParameterException(
            spec.commandLine(),
            "--pods must be 1 to "
                + SyntheticLoad.MAX_PODS
                + " and --nodes 1 to "
                + SyntheticLoad.MAX_NODES
                + ", but were "
                + pods
                + " and "
                + nodes);
      }
      return load();
    }
    if (scenarioFile == null) {
      throw new ParameterException(
          spec.commandLine(), "give a SCENARIO.yaml, or --pods N --nodes M for a synthetic load");
    }
    return scenario();
  }

  // ------------------------------------------------------------------ scenario

  private int scenario() {
    Scenario scenario;
    Simulation simulation;
    try {
      scenario = ScenarioReader.read(scenarioFile);
      if (seed != null) {
        scenario =
            new Scenario(
                scenario.source(),
                scenario.name(),
                scenario.description(),
                seed,
                scenario.cloud(),
                scenario.nodes(),
                scenario.namespaces(),
                scenario.podNetworkings(),
                scenario.steps());
      }
      simulation = Simulation.start(scenario);
    } catch (ScenarioException e) {
      throw new CliException(e.getMessage(), e.problems(), e);
    }
    List<Simulation.StepResult> results = simulation.runAll(result -> {});
    Simulation.Summary summary = simulation.summary();
    boolean passed = results.stream().allMatch(Simulation.StepResult::passed);
    int exitCode = passed ? ExitCodes.OK : ExitCodes.FINDINGS;
    PrintWriter out = TerminalWriter.of(spec.commandLine().getOut());
    if (common.output == OutputFormat.TABLE) {
      printTimeline(out, simulation, results, summary);
    } else {
      common.output.write(tree(simulation, results, summary, exitCode), out);
    }
    out.flush();
    return exitCode;
  }

  private void printTimeline(
      PrintWriter out,
      Simulation simulation,
      List<Simulation.StepResult> results,
      Simulation.Summary summary) {
    Scenario scenario = simulation.scenario();
    out.println(
        "Scenario "
            + scenario.name()
            + (scenario.description().isEmpty() ? "" : ": " + scenario.description().strip()));
    out.println(
        "Cloud "
            + scenario.cloud().region()
            + ", "
            + count(scenario.cloud().vSwitches().size(), "pod vSwitch")
            + ", "
            + count(scenario.nodes().size(), "node")
            + ", cluster "
            + scenario.cloud().clusterId()
            + ", seed "
            + scenario.seed());
    for (Simulation.PodNetworkingState pn : simulation.podNetworkingStates()) {
      out.println(
          "PodNetworking "
              + pn.name()
              + ": "
              + (pn.ready() ? "Ready (" + pn.message() + ")" : "not Ready: " + pn.message()));
    }
    out.println();

    TextTable timeline =
        new TextTable(
            "STEP",
            "AT",
            "ACTION",
            "POD",
            "PODNETWORKING",
            "VSWITCH",
            "ENI",
            "IP",
            "VLAN",
            "PHASE",
            "EVENTS",
            "CHECKS");
    List<String> failures = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    int checked = 0;
    for (Simulation.StepResult result : results) {
      boolean first = true;
      for (Simulation.PodRow row : result.rows()) {
        List<String> events = new ArrayList<>(row.events());
        if (!row.error().isEmpty()) {
          events.add(row.error());
          errors.add(
              "step " + result.step().number() + " " + row.pod() + ": " + row.errorMessage());
        }
        timeline.row(
            first ? result.step().number() : "",
            first ? "+" + virtual(result.elapsed()) : "",
            first ? result.step().action().describe() : "",
            row.pod().isEmpty() ? "-" : row.pod(),
            podNetworking(row),
            blank(row.vSwitch()),
            blank(row.eni()),
            blank(row.ip()),
            row.vlan().isPresent() ? row.vlan().getAsInt() : "-",
            row.pod().isEmpty() ? "-" : row.phase(),
            events.isEmpty() ? "-" : String.join(", ", events),
            first ? checks(result) : "");
        first = false;
      }
      checked += result.checks().size();
      for (Simulation.CheckResult check : result.checks()) {
        if (!check.held()) {
          failures.add(
              "step " + result.step().number() + " (" + check.path() + "): " + check.message());
        }
      }
    }
    timeline.print(out, "");
    out.println();
    if (!errors.isEmpty()) {
      out.println("Allocation errors:");
      errors.forEach(e -> out.println("  " + e));
      out.println();
    }
    if (failures.isEmpty()) {
      out.println("Expectations: " + checked + " checked, all held.");
    } else {
      out.println("Expectations: " + checked + " checked, " + failures.size() + " FAILED:");
      failures.forEach(f -> out.println("  " + f));
    }
    out.println();

    if (!noRecords) {
      out.println(
          "PodENI records ("
              + summary.podEnis().size()
              + ")"
              + (summary.podEnis().isEmpty() ? ": none" : ":"));
      if (!summary.podEnis().isEmpty()) {
        Manifests.toYaml(summary.podEnis()).lines().forEach(out::println);
      }
      out.println();
    }
    printCalls(out, summary);
    out.println(
        "ENIs of cluster "
            + scenario.cloud().clusterId()
            + " left in the cloud: "
            + summary.clusterEnis().size()
            + " ("
            + summary.leakedEnis().size()
            + " leaked); virtual time "
            + virtual(summary.elapsed()));
  }

  // Virtual time to the millisecond: backoff jitter gives nanoseconds nobody needs to read.
  static String virtual(Duration d) {
    return GoDurations.format(d.truncatedTo(ChronoUnit.MILLIS));
  }

  private static String podNetworking(Simulation.PodRow row) {
    if (row.pod().isEmpty()) {
      return "-";
    }
    if (row.podNetworking().isEmpty()) {
      return "none";
    }
    return row.ambiguous()
        ? row.podNetworking() + " (ambiguous: " + String.join(",", row.candidates()) + ")"
        : row.podNetworking();
  }

  private static String checks(Simulation.StepResult result) {
    if (result.checks().isEmpty()) {
      return "-";
    }
    long held = result.checks().stream().filter(Simulation.CheckResult::held).count();
    return held == result.checks().size()
        ? "ok " + held + "/" + result.checks().size()
        : "FAILED " + (result.checks().size() - held) + "/" + result.checks().size();
  }

  private static Object blank(String value) {
    return value.isEmpty() ? "-" : value;
  }

  private static void printCalls(PrintWriter out, Simulation.Summary summary) {
    TextTable calls = new TextTable("CLOUD API", "CALLS", "FAILED");
    long total = 0;
    for (CloudOperation op : CloudOperation.values()) {
      long n = summary.calls().get(op);
      total += n;
      calls.row(op.apiName(), n, summary.failedCalls().get(op));
    }
    calls.row("total", total, summary.failedCalls().values().stream().mapToLong(x -> x).sum());
    calls.print(out, "");
  }

  private static ObjectNode tree(
      Simulation simulation,
      List<Simulation.StepResult> results,
      Simulation.Summary summary,
      int exitCode) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    Scenario scenario = simulation.scenario();
    ObjectNode s = root.putObject("scenario");
    s.put("name", scenario.name());
    s.put("description", scenario.description().strip());
    s.put("file", scenario.source().toString());
    s.put("seed", scenario.seed());
    ArrayNode pns = root.putArray("podNetworkings");
    for (Simulation.PodNetworkingState pn : simulation.podNetworkingStates()) {
      pns.addObject().put("name", pn.name()).put("ready", pn.ready()).put("message", pn.message());
    }
    ArrayNode steps = root.putArray("steps");
    for (Simulation.StepResult result : results) {
      ObjectNode step = steps.addObject();
      step.put("number", result.step().number());
      step.put("path", result.step().path());
      step.put("action", result.step().action().describe());
      step.put("at", virtual(result.elapsed()));
      ArrayNode rows = step.putArray("pods");
      for (Simulation.PodRow row : result.rows()) {
        ObjectNode r = rows.addObject();
        r.put("pod", row.pod());
        r.put("podNetworking", row.podNetworking());
        r.put("ambiguous", row.ambiguous());
        ArrayNode candidates = r.putArray("candidates");
        row.candidates().forEach(candidates::add);
        r.put("vSwitch", row.vSwitch());
        r.put("eni", row.eni());
        r.put("ip", row.ip());
        if (row.vlan().isPresent()) {
          r.put("vlan", row.vlan().getAsInt());
        } else {
          r.putNull("vlan");
        }
        r.put("phase", row.phase());
        r.put("node", row.node());
        r.put("error", row.error());
        r.put("errorMessage", row.errorMessage());
        ArrayNode events = r.putArray("events");
        row.events().forEach(events::add);
      }
      ArrayNode checks = step.putArray("checks");
      for (Simulation.CheckResult check : result.checks()) {
        checks
            .addObject()
            .put("path", check.path())
            .put("held", check.held())
            .put("message", check.message());
      }
    }
    ArrayNode records = root.putArray("podEnis");
    ObjectMapper mapper = new ObjectMapper();
    for (PodEni podEni : summary.podEnis()) {
      try {
        records.add(mapper.readTree(Manifests.toJson(podEni)));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot re-read a PodENI the model wrote", e);
      }
    }
    callsTree(root.putObject("calls"), summary);
    ArrayNode enis = root.putArray("clusterEnis");
    summary.clusterEnis().forEach(enis::add);
    ArrayNode leaked = root.putArray("leakedEnis");
    summary.leakedEnis().forEach(leaked::add);
    root.put("virtualTime", virtual(summary.elapsed()));
    root.put("passed", exitCode == ExitCodes.OK);
    root.put("exitCode", exitCode);
    return root;
  }

  private static void callsTree(ObjectNode node, Simulation.Summary summary) {
    for (CloudOperation op : CloudOperation.values()) {
      node.putObject(op.apiName())
          .put("calls", summary.calls().get(op))
          .put("failed", summary.failedCalls().get(op));
    }
  }

  // ------------------------------------------------------------------ synthetic load

  private int load() {
    PrintWriter err = spec.commandLine().getErr();
    boolean bar = common.output == OutputFormat.TABLE && System.console() != null;
    IntConsumer progress = bar ? new ProgressBar(err, pods) : done -> {};
    SyntheticLoad.Report report = SyntheticLoad.run(pods, nodes, seed == null ? 0 : seed, progress);
    if (bar) {
      err.print("\r" + " ".repeat(ProgressBar.WIDTH + 40) + "\r");
      err.flush();
    }
    int exitCode = report.passed() ? ExitCodes.OK : ExitCodes.FINDINGS;
    PrintWriter out = TerminalWriter.of(spec.commandLine().getOut());
    if (common.output == OutputFormat.TABLE) {
      printLoad(out, report);
    } else {
      common.output.write(loadTree(report, exitCode), out);
    }
    out.flush();
    return exitCode;
  }

  private static void printLoad(PrintWriter out, SyntheticLoad.Report report) {
    out.println(
        "Synthetic load: "
            + count(report.pods(), "pod")
            + " (half Elastic, half Fixed) on "
            + count(report.nodes(), "node")
            + " in 2 zones, "
            + report.memberLimit()
            + " member ENIs per node, seed "
            + report.seed());
    out.println();
    TextTable phases =
        new TextTable("PHASE", "PODS", "WALL TIME", "PODS/S", "VIRTUAL TIME", "FAILURES");
    for (SyntheticLoad.Phase phase : report.phases()) {
      phases.row(
          phase.name(),
          phase.pods(),
          wall(phase.wall()),
          String.format(Locale.ROOT, "%,.0f", phase.podsPerSecond()),
          virtual(phase.virtual()),
          phase.failures());
    }
    phases.print(out, "");
    out.println();
    out.println("PodENIs after create: " + report.phasesAfterCreate());
    if (!report.failuresByReason().isEmpty()) {
      out.println("Failed allocations: " + report.failuresByReason());
    }
    out.println(
        "Virtual time is what the client-side rate limits (Terway's defaults) make the load take"
            + " on a real cloud.");
    out.println();
    printCalls(out, report.summary());
    out.println(
        "ENIs left in the cloud: "
            + report.summary().clusterEnis().size()
            + " ("
            + report.summary().leakedEnis().size()
            + " leaked); "
            + (report.passed() ? "every pod was bound and released." : "FAILED."));
  }

  private static String wall(Duration d) {
    return String.format(Locale.ROOT, "%.2fs", d.toNanos() / 1e9);
  }

  private static ObjectNode loadTree(SyntheticLoad.Report report, int exitCode) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("pods", report.pods());
    root.put("nodes", report.nodes());
    root.put("seed", report.seed());
    root.put("memberEnisPerNode", report.memberLimit());
    ArrayNode phases = root.putArray("phases");
    for (SyntheticLoad.Phase phase : report.phases()) {
      phases
          .addObject()
          .put("name", phase.name())
          .put("pods", phase.pods())
          .put("wallSeconds", phase.wall().toNanos() / 1e9)
          .put("podsPerSecond", phase.podsPerSecond())
          .put("virtualTime", virtual(phase.virtual()))
          .put("failures", phase.failures());
    }
    ObjectNode after = root.putObject("podEnisAfterCreate");
    report.phasesAfterCreate().forEach(after::put);
    ObjectNode failures = root.putObject("failuresByReason");
    report.failuresByReason().forEach(failures::put);
    callsTree(root.putObject("calls"), report.summary());
    root.put("enisLeft", report.summary().clusterEnis().size());
    root.put("leakedEnis", report.summary().leakedEnis().size());
    root.put("passed", report.passed());
    root.put("exitCode", exitCode);
    return root;
  }

  /** A one-line progress bar on a terminal, redrawn at each whole percent. */
  static final class ProgressBar implements IntConsumer {
    static final int WIDTH = 30;
    private final PrintWriter err;
    private final int total;
    private int lastPercent = -1;
    private int phase;

    ProgressBar(PrintWriter err, int total) {
      this.err = err;
      this.total = total;
    }

    @Override
    public void accept(int done) {
      if (done == 1) {
        phase++;
        lastPercent = -1;
      }
      int percent = (int) (100L * done / total);
      if (percent == lastPercent) {
        return;
      }
      lastPercent = percent;
      int filled = WIDTH * percent / 100;
      err.print(
          "\r"
              + (phase == 1 ? "creating " : "deleting ")
              + "["
              + "#".repeat(filled)
              + " ".repeat(WIDTH - filled)
              + "] "
              + done
              + "/"
              + total
              + " pods");
      err.flush();
    }
  }
}
