package dev.terway4j.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.terway4j.model.KubernetesObject;
import dev.terway4j.model.ManifestDocument;
import dev.terway4j.model.ManifestException;
import dev.terway4j.model.ManifestProblem;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.ObjectMeta;
import dev.terway4j.model.OwnerReference;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.ReadOptions;
import dev.terway4j.selector.AdmissionHints;
import dev.terway4j.selector.AdmissionResult;
import dev.terway4j.selector.AdmissionSettings;
import dev.terway4j.selector.Explanation;
import dev.terway4j.selector.FixedNamePolicy;
import dev.terway4j.selector.PodNetworkingResolver;
import dev.terway4j.selector.Resolution;
import dev.terway4j.selector.Verdict;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code terway explain --pod POD.yaml --namespace NS.yaml --networkings FILE|DIR...}: which
 * PodNetworking a pod gets (matched, ambiguous or none), why each PodNetworking did or did not
 * match, and what Terway's pod webhook would add to the pod (annotations, extended resource, zone
 * affinity).
 *
 * <p>Exit code 0 when the pod matches one PodNetworking or none, 1 when several match (ambiguous)
 * or the webhook would reject the pod, 2 when an input cannot be read.
 */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = {
      "Explains which PodNetworking a pod gets and what Terway's webhook adds to it.",
      "For each PodNetworking: why it matches or not. Then the admission hints: annotations,",
      "extended resource and zone affinity.",
      ""
    },
    footer = {
      "",
      "Exit codes: 0 matched or none, 1 ambiguous or rejected by the webhook, 2 unreadable input."
    })
final class ExplainCommand implements Callable<Integer> {

  @Mixin private CommonOptions common;

  @Spec private CommandSpec spec;

  @Mixin private ReadinessOptions readiness;

  @Option(
      names = "--pod",
      required = true,
      paramLabel = "POD.yaml",
      description = "The pod (e.g. kubectl get pod NAME -o yaml); - reads standard input.")
  private Path podFile;

  @Option(
      names = "--namespace",
      paramLabel = "NS.yaml",
      description =
          "Its namespace (kubectl get ns NAME -o yaml). Without it: the pod's namespace with only"
              + " the kubernetes.io/metadata.name label the API server sets.")
  private Path namespaceFile;

  @Option(
      names = "--networkings",
      required = true,
      arity = "1..*",
      paramLabel = "FILE|DIR",
      description =
          "The PodNetworkings (documents of other kinds in these files are skipped and listed).")
  private List<Path> networkings;

  @Option(
      names = "--pod-eni",
      paramLabel = "PODENI.yaml",
      description = "The pod's existing PodENI, if any: a Fixed pod is pinned to its zone.")
  private Path podEniFile;

  @Option(
      names = "--stateful-kind",
      paramLabel = "KIND",
      description =
          "An owner kind that makes a pod fixed-name besides StatefulSet (repeatable), like"
              + " Terway's customStatefulWorkloadKinds.")
  private List<String> statefulKinds = new ArrayList<>();

  /** Creates the command; picocli fills its fields. */
  ExplainCommand() {}

  @Override
  public Integer call() {
    for (String kind : statefulKinds) {
      // A usage error, not the library's IllegalArgumentException (issue 13 item 15).
      if (kind.isBlank()) {
        throw new ParameterException(
            spec.commandLine(),
            "--stateful-kind needs a kind name such as CloneSet, got '" + kind + "'");
      }
    }
    Pod pod = readOne(podFile, Pod.class);
    Namespace namespace = namespace(pod);
    Optional<PodEni> podEni =
        Optional.ofNullable(podEniFile).map(file -> readOne(file, PodEni.class));
    ManifestFiles.PodNetworkings read =
        ManifestFiles.readPodNetworkings(networkings, ReadOptions.DEFAULT);
    List<PodNetworking> podNetworkings = readiness.apply(read.podNetworkings());
    FixedNamePolicy policy =
        statefulKinds.isEmpty()
            ? FixedNamePolicy.defaults()
            : FixedNamePolicy.withCustomKinds(statefulKinds);
    PodNetworkingResolver resolver = PodNetworkingResolver.of(podNetworkings, policy);
    Explanation explanation = resolver.explain(pod, namespace);
    AdmissionResult admission =
        AdmissionHints.evaluate(pod, namespace, podEni, resolver, AdmissionSettings.defaults());
    boolean fixedName = policy.isFixedName(pod);

    PrintWriter out = TerminalWriter.of(spec.commandLine().getOut());
    if (common.output == OutputFormat.TABLE) {
      printTable(out, pod, namespace, fixedName, explanation, admission, resolver);
      out.println();
      out.println("Readiness: " + readiness.describe() + ".");
      if (!read.skipped().isEmpty()) {
        out.println("Skipped (other kinds): " + String.join(", ", read.skipped()));
      }
    } else {
      ObjectNode root = tree(pod, namespace, fixedName, explanation, admission, resolver);
      root.put("readiness", readiness.describe());
      read.skipped().forEach(root.putArray("skipped")::add);
      common.output.write(root, out);
    }
    out.flush();
    Resolution resolution = explanation.resolution();
    return resolution.isAmbiguous() || admission.decision() == AdmissionResult.Decision.REJECTED
        ? ExitCodes.FINDINGS
        : ExitCodes.OK;
  }

  private Namespace namespace(Pod pod) {
    String podNamespace =
        pod.metadata().namespace().isEmpty() ? "default" : pod.metadata().namespace();
    if (namespaceFile == null) {
      return Namespace.builder()
          .metadata(
              ObjectMeta.builder()
                  .name(podNamespace)
                  .putLabels("kubernetes.io/metadata.name", podNamespace)
                  .build())
          .build();
    }
    Namespace namespace = readOne(namespaceFile, Namespace.class);
    String name = namespace.metadata().name();
    if (!name.isEmpty() && !name.equals(podNamespace)) {
      throw new CliException(
          "pod "
              + pod.metadata().name()
              + " is in namespace \""
              + podNamespace
              + "\" but "
              + namespaceFile
              + " is namespace \""
              + name
              + "\"");
    }
    return namespace;
  }

  private static <T extends KubernetesObject> T readOne(Path file, Class<T> type) {
    List<ManifestDocument> documents;
    try {
      documents = ManifestFiles.read(file, ReadOptions.DEFAULT);
    } catch (ManifestException e) {
      throw new CliException(
          "cannot read " + file + ": " + TerwayCommand.count(e.problems().size(), "problem"),
          e.problems().stream().map(ManifestProblem::toString).toList(),
          e);
    }
    List<T> found =
        documents.stream()
            .map(ManifestDocument::object)
            .filter(type::isInstance)
            .map(type::cast)
            .toList();
    String kind = type == PodEni.class ? "PodENI" : type.getSimpleName();
    if (found.size() != 1) {
      throw new CliException(
          file
              + " must hold exactly one "
              + kind
              + " but holds "
              + found.size()
              + (documents.isEmpty()
                  ? ""
                  : " (kinds found: "
                      + documents.stream()
                          .map(d -> d.object().kind())
                          .distinct()
                          .collect(Collectors.joining(", "))
                      + ")"));
    }
    return found.get(0);
  }

  private static String podName(Pod pod) {
    String ns = pod.metadata().namespace().isEmpty() ? "default" : pod.metadata().namespace();
    return ns + "/" + (pod.metadata().name().isEmpty() ? "<unnamed>" : pod.metadata().name());
  }

  private static String fixedNameReason(Pod pod, boolean fixedName) {
    List<OwnerReference> owners = pod.metadata().ownerReferences();
    if (owners.isEmpty()) {
      return "fixed-name: a bare pod with no owner";
    }
    String by =
        owners.stream().map(o -> o.kind() + " " + o.name()).collect(Collectors.joining(", "));
    return (fixedName ? "fixed-name: owned by " : "not fixed-name: owned by ") + by;
  }

  private static String labels(Map<String, String> labels) {
    if (labels.isEmpty()) {
      return "(no labels)";
    }
    return new TreeMap<>(labels)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(", "));
  }

  private static String verdict(Verdict verdict, Resolution resolution) {
    if (!verdict.matched()) {
      return "no";
    }
    if (!resolution.isAmbiguous()) {
      return "MATCHED";
    }
    return resolution.winner().get().metadata().name().equals(verdict.podNetworking())
        ? "AMBIGUOUS (winner)"
        : "AMBIGUOUS";
  }

  private static String reason(Verdict verdict, Resolution resolution) {
    if (verdict.matched()) {
      if (!resolution.isAmbiguous()) {
        return "every rule holds";
      }
      return resolution.winner().get().metadata().name().equals(verdict.podNetworking())
          ? "every rule holds; lowest name of " + resolution.candidateNames()
          : "every rule holds, but " + resolution.winner().get().metadata().name() + " sorts first";
    }
    String details =
        !verdict.mismatches().isEmpty()
            ? verdict.mismatches().stream()
                .map(Verdict.Mismatch::toString)
                .collect(Collectors.joining("; ", ": ", ""))
            : verdict.violations().isEmpty()
                ? ""
                : verdict.violations().stream()
                    .map(Object::toString)
                    .collect(Collectors.joining("; ", ": ", ""));
    return verdict.reason().description() + details;
  }

  private static void printTable(
      PrintWriter out,
      Pod pod,
      Namespace namespace,
      boolean fixedName,
      Explanation explanation,
      AdmissionResult admission,
      PodNetworkingResolver resolver) {
    Resolution resolution = explanation.resolution();
    TextTable facts = new TextTable("POD", podName(pod));
    facts.row("owner", fixedNameReason(pod, fixedName));
    facts.row("labels", labels(pod.metadata().labels()));
    facts.row(
        "namespace",
        namespace.metadata().name() + " (" + labels(namespace.metadata().labels()) + ")");
    facts.row("result", resolution.toString());
    facts.print(out, "");
    out.println();

    TextTable verdicts = new TextTable("PODNETWORKING", "TYPE", "READY", "MATCH", "REASON");
    for (Verdict verdict : explanation.verdicts()) {
      PodNetworking pn = resolver.get(verdict.podNetworking()).orElseThrow();
      verdicts.row(
          verdict.podNetworking(),
          pn.spec().allocationType().type().wireValue(),
          pn.ready() ? "yes" : "no",
          verdict(verdict, resolution),
          reason(verdict, resolution));
    }
    if (verdicts.isEmpty()) {
      out.println("no PodNetworking given");
    } else {
      verdicts.print(out, "");
    }
    out.println();

    TextTable hints = new TextTable("ADMISSION", admissionHeadline(admission));
    new TreeMap<>(admission.annotations())
        .forEach((key, value) -> hints.row("annotation", key + ": " + yamlScalar(value)));
    admission
        .resource()
        .ifPresent(
            r -> hints.row("resource", r.name() + ": " + r.count() + " (requests and limits)"));
    for (AdmissionResult.ZoneAffinity affinity : admission.zoneAffinity()) {
      hints.row("zone affinity", affinity.key() + " In " + affinity.zones());
    }
    if (admission.decision() == AdmissionResult.Decision.PATCHED
        && admission.zoneAffinity().isEmpty()) {
      hints.row("zone affinity", "none (no vSwitch zone in the PodNetworking's status)");
    }
    hints.print(out, "");
  }

  // Quotes a value as YAML must, so that "true" reads as the string Kubernetes stores.
  private static String yamlScalar(String value) {
    boolean ambiguous =
        value.isEmpty()
            || value.matches("(?i)true|false|yes|no|on|off|null|~|[-+]?[0-9][0-9._]*(e[0-9]+)?");
    return ambiguous ? "\"" + value + "\"" : value;
  }

  private static String admissionHeadline(AdmissionResult admission) {
    return admission.decision()
        + admission.rejection().map(r -> " " + r).orElse("")
        + ": "
        + admission.message();
  }

  private static ObjectNode tree(
      Pod pod,
      Namespace namespace,
      boolean fixedName,
      Explanation explanation,
      AdmissionResult admission,
      PodNetworkingResolver resolver) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode root = f.objectNode();
    ObjectNode podNode = root.putObject("pod");
    podNode.put("name", podName(pod));
    podNode.put("fixedName", fixedName);
    podNode.put("owner", fixedNameReason(pod, fixedName));
    labelsNode(podNode.putObject("labels"), pod.metadata().labels());
    ObjectNode nsNode = root.putObject("namespace");
    nsNode.put("name", namespace.metadata().name());
    labelsNode(nsNode.putObject("labels"), namespace.metadata().labels());

    Resolution resolution = explanation.resolution();
    ObjectNode resolutionNode = root.putObject("resolution");
    resolutionNode.put("outcome", resolution.outcome().name());
    resolution.winner().ifPresent(w -> resolutionNode.put("winner", w.metadata().name()));
    ArrayNode candidates = resolutionNode.putArray("candidates");
    resolution.candidateNames().forEach(candidates::add);

    ArrayNode verdicts = root.putArray("verdicts");
    for (Verdict verdict : explanation.verdicts()) {
      PodNetworking pn = resolver.get(verdict.podNetworking()).orElseThrow();
      ObjectNode node = verdicts.addObject();
      node.put("podNetworking", verdict.podNetworking());
      node.put("allocationType", pn.spec().allocationType().type().wireValue());
      node.put("ready", pn.ready());
      node.put("matched", verdict.matched());
      node.put("reason", verdict.reason().name());
      node.put("explanation", reason(verdict, resolution));
      ArrayNode mismatches = node.putArray("mismatches");
      for (Verdict.Mismatch m : verdict.mismatches()) {
        ObjectNode mismatch = mismatches.addObject();
        mismatch.put("selector", m.scope().field());
        mismatch.put("requirement", m.requirement().toString());
        mismatch.put("key", m.key());
        if (m.actualValue().isPresent()) {
          mismatch.put("actualValue", m.actualValue().get());
        } else {
          mismatch.putNull("actualValue");
        }
      }
      ArrayNode violations = node.putArray("violations");
      verdict.violations().forEach(v -> violations.add(v.toString()));
    }

    ObjectNode admissionNode = root.putObject("admission");
    admissionNode.put("decision", admission.decision().name());
    admission.rejection().ifPresent(r -> admissionNode.put("rejection", r.name()));
    admissionNode.put("message", admission.message());
    labelsNode(admissionNode.putObject("annotations"), admission.annotations());
    admission
        .resource()
        .ifPresent(
            r -> admissionNode.putObject("resource").put("name", r.name()).put("count", r.count()));
    ArrayNode affinity = admissionNode.putArray("zoneAffinity");
    for (AdmissionResult.ZoneAffinity z : admission.zoneAffinity()) {
      ObjectNode node = affinity.addObject();
      node.put("key", z.key());
      node.put("operator", "In");
      ArrayNode zones = node.putArray("values");
      z.zones().forEach(zones::add);
    }
    return root;
  }

  private static void labelsNode(ObjectNode node, Map<String, String> labels) {
    new TreeMap<>(labels).forEach(node::put);
  }
}
