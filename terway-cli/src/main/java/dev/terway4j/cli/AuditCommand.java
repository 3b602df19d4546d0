package dev.terway4j.cli;

import static dev.terway4j.cli.TerwayCommand.count;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.terway4j.allocator.AllocatorSettings;
import dev.terway4j.allocator.InMemoryPodEniStore;
import dev.terway4j.allocator.PodEniStore;
import dev.terway4j.allocator.audit.AuditFinding;
import dev.terway4j.allocator.audit.AuditReport;
import dev.terway4j.allocator.audit.EniAudit;
import dev.terway4j.cli.scenario.Scenario;
import dev.terway4j.cli.scenario.ScenarioException;
import dev.terway4j.cli.scenario.Simulation;
import dev.terway4j.cloud.spi.CloudException;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.UnauthorizedException;
import dev.terway4j.kubernetes.KubernetesPodEniStore;
import dev.terway4j.kubernetes.PodEniStoreException;
import dev.terway4j.model.DocumentCheck;
import dev.terway4j.model.GoDurations;
import dev.terway4j.model.ManifestCheck;
import dev.terway4j.model.ManifestDocument;
import dev.terway4j.model.ManifestProblem;
import dev.terway4j.model.ManifestValidator;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.ReadOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code terway audit}: compares the PodENI records with the cloud's ENIs ({@link EniAudit}) and
 * reports leaked ENIs (tagged as the cluster's, referenced by no PodENI), missing ENIs, ENIs shared
 * by two PodENIs, and attachment, VLAN and address mismatches, like {@code calicoctl ipam check}.
 * PodENIs in a transitional phase and unreferenced ENIs younger than the leak guard age are listed,
 * not judged.
 *
 * <p>The PodENIs come from manifest files ({@code --podenis}, e.g. {@code kubectl get podenis -A -o
 * yaml}), from a cluster ({@code --kubeconfig}, {@code --in-cluster}), or from the simulated run of
 * a scenario ({@code --cloud fake --scenario S --run-steps}). The audit only reads.
 *
 * <p>Exit code 0 when consistent, 1 when anything was found, 2 when the audit could not run.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Compares the PodENI records with the cloud's ENIs, like calicoctl ipam check.",
      "Reports leaked ENIs (tagged ack.aliyun.com=<cluster> and creator=",
      "terway-controller, referenced by no PodENI), missing ENIs, ENIs shared by two",
      "PodENIs, and attachment, VLAN and address mismatches. PodENIs in transition",
      "and unreferenced ENIs younger than the leak guard age are listed, not judged.",
      "Only reads.",
      "",
      "The PodENIs come from one of: --podenis FILE|DIR... (e.g. the output of",
      "kubectl get podenis -A -o yaml), --kubeconfig PATH, --in-cluster, or the",
      "simulated run of --run-steps.",
      ""
    },
    footer = {
      "",
      "Exit codes: 0 consistent, 1 findings, 2 could not run (unreadable input,",
      "a bad option, the cluster or the cloud refused)."
    })
final class AuditCommand implements Callable<Integer> {

  @Mixin private CommonOptions common;

  @Mixin private CloudOptions cloudOptions;

  @Spec private CommandSpec spec;

  @Option(
      names = "--podenis",
      arity = "1..*",
      paramLabel = "FILE|DIR",
      description =
          "PodENI manifests (directories are searched for .yaml, .yml and .json; other kinds are"
              + " ignored), e.g. the output of kubectl get podenis -A -o yaml.")
  private List<Path> podEniFiles;

  @Option(
      names = "--kubeconfig",
      paramLabel = "PATH",
      description = "Read the PodENI resources of the current context of this kubeconfig.")
  private Path kubeconfig;

  @Option(
      names = "--in-cluster",
      description = "Read the PodENI resources with the pod's service account.")
  private boolean inCluster;

  @Option(
      names = "--run-steps",
      description =
          "--cloud fake: run the scenario's steps first; without another source, audit the"
              + " PodENIs the run left.")
  private boolean runSteps;

  @Option(
      names = "--leak-guard-age",
      paramLabel = "DURATION",
      description =
          "How old an ENI referenced by no PodENI must be to count as leaked; a younger one may"
              + " be being created and is listed as young (default: the allocator's, 10m0s).")
  private String leakGuardAge;

  /** Creates the command; picocli fills its fields. */
  AuditCommand() {}

  /** Where the records come from, and how to describe it. */
  private record Records(PodEniStore store, String description) {}

  @Override
  public Integer call() {
    CommandLine commandLine = spec.commandLine();
    cloudOptions.check(commandLine);
    int sources =
        (podEniFiles != null ? 1 : 0) + (kubeconfig != null ? 1 : 0) + (inCluster ? 1 : 0);
    if (sources > 1) {
      throw new ParameterException(
          commandLine, "give one source of PodENIs: --podenis, --kubeconfig or --in-cluster");
    }
    if (runSteps && cloudOptions.backend != CloudOptions.Backend.FAKE) {
      throw new ParameterException(commandLine, "--run-steps applies to --cloud fake only");
    }
    if (sources == 0 && !runSteps) {
      throw new ParameterException(
          commandLine,
          "no PodENIs to audit: give --podenis FILE|DIR..., --kubeconfig PATH or --in-cluster"
              + " (or --run-steps with --cloud fake)");
    }
    Duration guard = leakGuardAge(commandLine);

    // Read the local inputs before connecting anywhere: a typo fails fast.
    Records fromFiles = podEniFiles == null ? null : readFiles();
    Optional<Scenario> scenario =
        cloudOptions.backend == CloudOptions.Backend.FAKE
            ? Optional.of(cloudOptions.readScenario())
            : Optional.empty();
    String clusterId = cloudOptions.clusterId(scenario);
    Optional<String> vpcId = cloudOptions.vpcId(scenario);
    AllocatorSettings settings = settings(commandLine, clusterId, vpcId, guard);

    CloudProvider cloud;
    Supplier<Instant> now;
    String cloudDescription;
    Records simulated = null;
    if (scenario.isPresent()) {
      Simulation simulation;
      try {
        simulation = Simulation.start(scenario.get());
      } catch (ScenarioException e) {
        throw new CliException(e.getMessage(), e.problems(), e);
      }
      String name = scenario.get().name();
      if (runSteps) {
        simulation.runAll(result -> {});
        int steps = scenario.get().steps().size();
        cloudDescription =
            "the fake cloud of scenario " + name + " after its " + count(steps, "step");
        InMemoryPodEniStore store = new InMemoryPodEniStore();
        simulation.summary().podEnis().forEach(store::put);
        simulated = new Records(store, "the simulated run of scenario " + name);
      } else {
        cloudDescription = "the fake cloud of scenario " + name + ", before any step";
      }
      cloud = simulation.cloud();
      now = simulation::now;
    } else {
      cloud = cloudOptions.openAliyun();
      now = Clock.systemUTC()::instant;
      cloudDescription = "the " + cloudOptions.describeAliyun();
    }

    KubernetesClient client = null;
    try (CloudProvider closing = cloud) {
      Records records;
      if (fromFiles != null) {
        records = fromFiles;
      } else if (kubeconfig != null || inCluster) {
        client =
            kubeconfig != null
                ? KubernetesClients.fromKubeconfig(kubeconfig)
                : KubernetesClients.inCluster();
        records =
            new Records(
                KubernetesPodEniStore.create(client),
                "the cluster at "
                    + client.getMasterUrl()
                    + (kubeconfig != null ? " (kubeconfig " + kubeconfig + ")" : " (in cluster)"));
      } else {
        records = simulated;
      }
      AuditReport report = audit(EniAudit.of(settings), records, closing, now.get());
      int exitCode = report.consistent() ? ExitCodes.OK : ExitCodes.FINDINGS;
      PrintWriter out = TerminalWriter.of(commandLine.getOut());
      if (common.output == OutputFormat.TABLE) {
        printTable(out, settings, guard, report, records.description(), cloudDescription);
      } else {
        common.output.write(
            tree(settings, guard, report, records.description(), cloudDescription, exitCode), out);
      }
      out.flush();
      return exitCode;
    } finally {
      if (client != null) {
        client.close();
      }
    }
  }

  private Duration leakGuardAge(CommandLine commandLine) {
    if (leakGuardAge == null) {
      return AllocatorSettings.defaults("audit").leakGuardAge();
    }
    try {
      Duration parsed = GoDurations.parse(leakGuardAge);
      if (parsed.isNegative()) {
        throw new ParameterException(
            commandLine, "--leak-guard-age must not be negative, but is " + leakGuardAge);
      }
      return parsed;
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          commandLine,
          "--leak-guard-age: invalid duration '" + leakGuardAge + "': " + e.getMessage());
    }
  }

  private static AllocatorSettings settings(
      CommandLine commandLine, String clusterId, Optional<String> vpcId, Duration guard) {
    try {
      AllocatorSettings.Builder builder = AllocatorSettings.builder(clusterId).leakGuardAge(guard);
      vpcId.ifPresent(builder::vpcId);
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(commandLine, e.getMessage());
    }
  }

  private static AuditReport audit(
      EniAudit audit, Records records, CloudProvider cloud, Instant now) {
    try {
      return audit.audit(records.store(), cloud, now);
    } catch (UnauthorizedException e) {
      throw new CliException(
          "the cloud refused: " + e.getMessage(),
          List.of("the audit calls ecs:DescribeNetworkInterfaces; see the RAM policy in README.md"),
          e);
    } catch (CloudException e) {
      throw new CliException("cannot list the cloud's ENIs: " + e.getMessage(), List.of(), e);
    } catch (PodEniStoreException | KubernetesClientException e) {
      throw new CliException(
          "cannot list the PodENIs of " + records.description() + ": " + firstLine(e),
          List.of(),
          e);
    }
  }

  private static String firstLine(Throwable e) {
    return KubernetesClients.firstLine(e);
  }

  /**
   * Reads every PodENI of the {@code --podenis} files; other kinds are ignored.
   *
   * @throws CliException naming every problem of every file, or two PodENIs of one pod
   */
  private Records readFiles() {
    List<Path> files = ManifestFiles.expandAll(podEniFiles);
    List<String> problems = new ArrayList<>();
    Map<String, String> origins = new LinkedHashMap<>();
    InMemoryPodEniStore store = new InMemoryPodEniStore();
    List<String> skipped = new ArrayList<>();
    ReadOptions only =
        ReadOptions.DEFAULT.withKinds(java.util.Set.of(PodEni.KIND)).withSkipOtherKinds(true);
    for (Path file : files) {
      ManifestCheck check = ManifestFiles.check(file, only, ManifestValidator.defaults());
      check.problems().stream().map(ManifestProblem::toString).forEach(problems::add);
      check.skipped().forEach(s -> skipped.add(file + " " + s));
      for (DocumentCheck checked : check.documents()) {
        checked.readProblems().stream().map(ManifestProblem::toString).forEach(problems::add);
        if (!(checked.object().orElse(null) instanceof PodEni podEni)) {
          continue;
        }
        ManifestDocument document =
            new ManifestDocument(checked.documentIndex(), checked.path(), podEni);
        String where = file + " document " + document.documentIndex();
        String name = podEni.metadata().name();
        String namespace = podEni.metadata().namespace();
        if (name.isEmpty() || namespace.isEmpty()) {
          problems.add(where + ": a PodENI needs a name and a namespace (those of its pod)");
          continue;
        }
        String key = namespace + "/" + name;
        String first = origins.putIfAbsent(key, where);
        if (first != null) {
          problems.add(where + ": PodENI " + key + " is also in " + first);
          continue;
        }
        store.put(podEni);
      }
    }
    if (!problems.isEmpty()) {
      throw new CliException(
          "cannot read the PodENIs: " + count(problems.size(), "problem"), problems);
    }
    String description =
        count(files.size(), "file")
            + " ("
            + podEniFiles.stream().map(Path::toString).collect(Collectors.joining(", "))
            + ")"
            + (skipped.isEmpty() ? "" : "; skipped (other kinds): " + String.join(", ", skipped));
    return new Records(store, description);
  }

  // ------------------------------------------------------------------ output

  private static void printTable(
      PrintWriter out,
      AllocatorSettings settings,
      Duration guard,
      AuditReport report,
      String recordSource,
      String cloudSource) {
    out.println(
        "Audit of cluster "
            + settings.clusterId()
            + settings.vpcId().map(v -> " (VPC " + v + ")").orElse("")
            + " at "
            + report.at()
            + ", leak guard age "
            + GoDurations.format(guard));
    out.println("PodENIs  " + report.podEnis() + " from " + recordSource);
    out.println("ENIs     " + report.cloudEnis() + " of the cluster in " + cloudSource);
    out.println();
    if (!report.findings().isEmpty()) {
      TextTable table = new TextTable("FINDING", "ENI", "PODENI", "DETAIL");
      for (AuditFinding finding : report.findings()) {
        table.row(finding.kind(), finding.eniId(), finding.podEni().orElse("-"), finding.detail());
      }
      table.print(out, "");
      out.println();
    }
    if (!report.pending().isEmpty()) {
      out.println(
          "Pending, not judged (the allocator is still working on them): "
              + String.join(", ", report.pending()));
    }
    if (!report.young().isEmpty()) {
      out.println(
          "Young, not judged (referenced by no PodENI but younger than "
              + GoDurations.format(guard)
              + ", maybe being created): "
              + String.join(", ", report.young()));
    }
    out.println(summary(report));
  }

  private static String summary(AuditReport report) {
    String checked =
        count(report.podEnis(), "PodENI") + " and " + count(report.cloudEnis(), "ENI") + " checked";
    if (report.consistent()) {
      return "Consistent: " + checked + ", no finding.";
    }
    Map<AuditFinding.Kind, Integer> counts = counts(report);
    String kinds =
        counts.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", "));
    return "INCONSISTENT: "
        + checked
        + ", "
        + count(report.findings().size(), "finding")
        + " ("
        + kinds
        + ").";
  }

  private static Map<AuditFinding.Kind, Integer> counts(AuditReport report) {
    Map<AuditFinding.Kind, Integer> counts = new EnumMap<>(AuditFinding.Kind.class);
    for (AuditFinding.Kind kind : AuditFinding.Kind.values()) {
      counts.put(kind, report.findings(kind).size());
    }
    return counts;
  }

  private static ObjectNode tree(
      AllocatorSettings settings,
      Duration guard,
      AuditReport report,
      String recordSource,
      String cloudSource,
      int exitCode) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("clusterId", settings.clusterId());
    if (settings.vpcId().isPresent()) {
      root.put("vpcId", settings.vpcId().get());
    } else {
      root.putNull("vpcId");
    }
    root.put("at", report.at().toString());
    root.put("leakGuardAge", GoDurations.format(guard));
    root.put("podEniSource", recordSource);
    root.put("cloudSource", cloudSource);
    root.put("podEnis", report.podEnis());
    root.put("cloudEnis", report.cloudEnis());
    ArrayNode findings = root.putArray("findings");
    for (AuditFinding finding : report.findings()) {
      ObjectNode f = findings.addObject();
      f.put("kind", finding.kind().name());
      f.put("eniId", finding.eniId());
      if (finding.podEni().isPresent()) {
        f.put("podEni", finding.podEni().get());
      } else {
        f.putNull("podEni");
      }
      f.put("detail", finding.detail());
    }
    ObjectNode counts = root.putObject("counts");
    counts(report).forEach((kind, n) -> counts.put(kind.name(), n));
    ArrayNode pending = root.putArray("pending");
    report.pending().forEach(pending::add);
    ArrayNode young = root.putArray("young");
    report.young().forEach(young::add);
    root.put("consistent", report.consistent());
    root.put("settled", report.settled());
    root.put("exitCode", exitCode);
    return root;
  }
}
