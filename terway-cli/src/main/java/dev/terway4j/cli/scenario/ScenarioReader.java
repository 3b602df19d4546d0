package dev.terway4j.cli.scenario;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.common.net.InetAddresses;
import dev.terway4j.allocator.AllocationException;
import dev.terway4j.cli.internal.InputFiles;
import dev.terway4j.cli.scenario.Scenario.Action;
import dev.terway4j.cli.scenario.Scenario.Expectation;
import dev.terway4j.cli.scenario.Scenario.FaultKind;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.model.CloudIds;
import dev.terway4j.model.DurationFormatException;
import dev.terway4j.model.GoDurations;
import dev.terway4j.model.KubernetesNames;
import dev.terway4j.model.ManifestDocument;
import dev.terway4j.model.ManifestException;
import dev.terway4j.model.ManifestProblem;
import dev.terway4j.model.ManifestValidator;
import dev.terway4j.model.Manifests;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.ReadOptions;
import dev.terway4j.model.ValidationResult;
import dev.terway4j.model.Violation;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads a scenario file and checks it entirely: unknown fields, wrong types, bad ids, durations and
 * CIDRs, and references (a step's node, an expectation's node or API) are all reported at once,
 * each with its place in the file. The PodNetworkings are read by the model's reader and validated
 * with the default policy, as Terway's webhook would before accepting them.
 *
 * <p>Stateless and thread-safe. The format is described in the README (section "terway simulate").
 */
public final class ScenarioReader {

  /** The largest scenario file accepted. */
  static final long MAX_BYTES = 4L * 1024 * 1024;

  /** The most pods one create step may make. */
  static final int MAX_REPLICAS = 10_000;

  static final String DEFAULT_NAMESPACE = "default";

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION));

  private static final Set<String> PHASES = phases();

  private static final Set<String> ERRORS = errors();

  private final List<String> problems = new ArrayList<>();
  private final Path file;

  private ScenarioReader(Path file) {
    this.file = file;
  }

  /**
   * Reads a scenario file.
   *
   * @param file the file, a named pipe, or {@code -} for standard input; {@code file:} references
   *     in it are relative to its folder (to the working directory for {@code -})
   * @return the scenario
   * @throws ScenarioException naming every problem of the file
   */
  public static Scenario read(Path file) {
    checkNotNull(file, "file");
    return new ScenarioReader(file).read();
  }

  private Scenario read() {
    String text;
    try {
      if (!InputFiles.exists(file) || Files.isDirectory(file)) {
        throw fail("no such file: " + file);
      }
      if (Files.isRegularFile(file) && Files.size(file) > MAX_BYTES) {
        throw fail(file + " has " + Files.size(file) + " bytes, over the limit of " + MAX_BYTES);
      }
      // Bounded by the stream, not by the size a named pipe or standard input (-) reports.
      text = InputFiles.read(file, MAX_BYTES);
    } catch (IOException e) {
      throw fail("cannot read " + InputFiles.describe(file) + ": " + e.getMessage());
    }
    JsonNode root;
    try {
      root = YAML.readTree(text);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw fail(
          "malformed YAML" + where + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw fail("the file is empty; a scenario needs at least nodes and steps");
    }
    ObjectNode top = mapping(root, "");
    if (top == null) {
      throw summary();
    }
    allow(
        top,
        "",
        "name",
        "description",
        "seed",
        "cloud",
        "nodes",
        "namespaces",
        "podNetworkings",
        "steps");
    String name = string(top, "name", "", fileName());
    String description = string(top, "description", "", "");
    long seed = top.has("seed") ? integer(top.get("seed"), "seed", Long.MIN_VALUE) : 0;
    Scenario.Cloud cloud = cloud(top.get("cloud"));
    List<Scenario.Node> nodes = nodes(top.get("nodes"), cloud);
    List<Scenario.Namespace> namespaces = namespaces(top.get("namespaces"));
    List<PodNetworking> podNetworkings = podNetworkings(top.get("podNetworkings"));
    List<Scenario.Step> steps = steps(top.get("steps"), nodes);
    if (!problems.isEmpty()) {
      throw summary();
    }
    return new Scenario(
        file, name, description, seed, cloud, nodes, namespaces, podNetworkings, steps);
  }

  private String fileName() {
    if (InputFiles.isStandardInput(file)) {
      return "stdin";
    }
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }

  // ------------------------------------------------------------------ sections

  private Scenario.Cloud cloud(JsonNode node) {
    ObjectNode cloud = node == null ? YAML.createObjectNode() : mapping(node, "cloud");
    if (cloud == null) {
      cloud = YAML.createObjectNode();
    }
    allow(
        cloud,
        "cloud",
        "region",
        "clusterId",
        "vpc",
        "vSwitches",
        "instanceTypes",
        "securityGroups",
        "transitionDelay");
    String region = string(cloud, "region", "cloud", "cn-hangzhou");
    String clusterId = string(cloud, "clusterId", "cloud", "c-terway4j");
    String vpc = string(cloud, "vpc", "cloud", "vpc-terway4j");
    id(CloudIds.Type.VPC, vpc, "cloud.vpc");
    Duration delay = duration(cloud.get("transitionDelay"), "cloud.transitionDelay", Duration.ZERO);

    List<Scenario.VSwitch> vSwitches = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    forEachItem(
        cloud.get("vSwitches"),
        "cloud.vSwitches",
        false,
        (item, path) -> {
          ObjectNode v = mapping(item, path);
          if (v == null) {
            return;
          }
          allow(v, path, "id", "zone", "cidr");
          String id = required(v, "id", path);
          String zone = required(v, "zone", path);
          String cidr = required(v, "cidr", path);
          if (id != null) {
            id(CloudIds.Type.VSWITCH, id, path + ".id");
            if (!ids.add(id)) {
              problem(path + ".id", "vSwitch \"" + id + "\" is declared twice");
            }
          }
          if (cidr != null) {
            cidr(cidr, path + ".cidr");
          }
          if (id != null && zone != null && cidr != null) {
            vSwitches.add(new Scenario.VSwitch(id, zone, cidr));
          }
        });

    List<InstanceType> types = new ArrayList<>();
    Set<String> typeIds = new HashSet<>();
    if (cloud.has("instanceTypes")) {
      forEachItem(
          cloud.get("instanceTypes"),
          "cloud.instanceTypes",
          true,
          (item, path) -> {
            ObjectNode t = mapping(item, path);
            if (t == null) {
              return;
            }
            allow(t, path, "id", "eniQuantity", "eniTotalQuantity", "trunk", "ipsPerEni");
            String id = required(t, "id", path);
            int eniQuantity = int32(t.get("eniQuantity"), path + ".eniQuantity", 1);
            int total = int32(t.get("eniTotalQuantity"), path + ".eniTotalQuantity", 0);
            boolean trunk = bool(t.get("trunk"), path + ".trunk", true);
            int ips = t.has("ipsPerEni") ? int32(t.get("ipsPerEni"), path + ".ipsPerEni", 1) : 10;
            if (!t.has("eniQuantity")) {
              problem(
                  path,
                  "missing field \"eniQuantity\" (ENIs attachable directly, primary included)");
            }
            if (!t.has("eniTotalQuantity")) {
              problem(
                  path, "missing field \"eniTotalQuantity\" (all ENIs, trunk members included)");
            }
            if (id != null && !typeIds.add(id)) {
              problem(path + ".id", "instance type \"" + id + "\" is declared twice");
            }
            if (id != null && !id.isEmpty() && eniQuantity >= 1 && total >= 0) {
              types.add(new InstanceType(id, eniQuantity, total, trunk, ips, 0));
            }
          });
    } else {
      // A trunk-capable type with 8 member slots, so small scenarios need not declare one.
      types.add(new InstanceType("ecs.g7.large", 3, 11, true, 10, 0));
    }

    Optional<List<String>> securityGroups = Optional.empty();
    if (cloud.has("securityGroups")) {
      List<String> groups = new ArrayList<>();
      forEachItem(
          cloud.get("securityGroups"),
          "cloud.securityGroups",
          false,
          (item, path) -> {
            String sg = text(item, path);
            if (sg != null) {
              id(CloudIds.Type.SECURITY_GROUP, sg, path);
              groups.add(sg);
            }
          });
      securityGroups = Optional.of(groups);
    }
    return new Scenario.Cloud(region, clusterId, vpc, vSwitches, types, securityGroups, delay);
  }

  private List<Scenario.Node> nodes(JsonNode node, Scenario.Cloud cloud) {
    List<Scenario.Node> nodes = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<String> cloudIds = new HashSet<>();
    Set<String> types =
        cloud.instanceTypes().stream().map(InstanceType::id).collect(Collectors.toSet());
    if (node == null) {
      problem("nodes", "missing: a scenario needs at least one node");
      return nodes;
    }
    forEachItem(
        node,
        "nodes",
        true,
        (item, path) -> {
          ObjectNode n = mapping(item, path);
          if (n == null) {
            return;
          }
          allow(n, path, "name", "zone", "instanceType", "instanceId", "trunkEni");
          String name = required(n, "name", path);
          String zone = required(n, "zone", path);
          String type =
              string(
                  n,
                  "instanceType",
                  path,
                  cloud.instanceTypes().size() == 1 ? cloud.instanceTypes().get(0).id() : null);
          if (type == null) {
            problem(path, "missing field \"instanceType\" (several instance types are declared)");
          } else if (!types.contains(type)) {
            problem(
                path + ".instanceType",
                "no instance type \"" + type + "\"; declared: " + String.join(", ", types));
          }
          if (name == null || zone == null || type == null) {
            return;
          }
          for (String error : KubernetesNames.dns1123SubdomainErrors(name)) {
            problem(path + ".name", "invalid node name \"" + name + "\": " + error);
          }
          if (!names.add(name)) {
            problem(path + ".name", "node \"" + name + "\" is declared twice");
          }
          // Cloud ids are lower-case letters and digits after the prefix (CloudIds).
          String suffix = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
          String instanceId = string(n, "instanceId", path, "i-" + suffix);
          String trunk = string(n, "trunkEni", path, "eni-trunk" + suffix);
          id(CloudIds.Type.INSTANCE, instanceId, path + ".instanceId");
          id(CloudIds.Type.ENI, trunk, path + ".trunkEni");
          if (!cloudIds.add(instanceId)) {
            problem(
                path + ".instanceId",
                "instance id \"" + instanceId + "\" is used twice; set instanceId");
          }
          if (!cloudIds.add(trunk)) {
            problem(path + ".trunkEni", "ENI id \"" + trunk + "\" is used twice; set trunkEni");
          }
          nodes.add(new Scenario.Node(name, zone, type, instanceId, trunk));
        });
    return nodes;
  }

  private List<Scenario.Namespace> namespaces(JsonNode node) {
    List<Scenario.Namespace> namespaces = new ArrayList<>();
    Set<String> names = new HashSet<>();
    forEachItem(
        node,
        "namespaces",
        false,
        (item, path) -> {
          ObjectNode n = mapping(item, path);
          if (n == null) {
            return;
          }
          allow(n, path, "name", "labels");
          String name = required(n, "name", path);
          Map<String, String> labels = stringMap(n.get("labels"), path + ".labels");
          if (name != null) {
            if (!names.add(name)) {
              problem(path + ".name", "namespace \"" + name + "\" is declared twice");
            }
            namespaces.add(new Scenario.Namespace(name, labels));
          }
        });
    return namespaces;
  }

  private List<PodNetworking> podNetworkings(JsonNode node) {
    List<PodNetworking> podNetworkings = new ArrayList<>();
    Map<String, String> origins = new LinkedHashMap<>();
    ManifestValidator validator = ManifestValidator.defaults();
    forEachItem(
        node,
        "podNetworkings",
        false,
        (item, path) -> {
          ObjectNode entry = mapping(item, path);
          if (entry == null) {
            return;
          }
          List<ManifestDocument> documents;
          String prefix;
          if (entry.has("file") && entry.size() == 1) {
            String ref = text(entry.get("file"), path + ".file");
            if (ref == null) {
              return;
            }
            Path target = file.toAbsolutePath().getParent().resolve(ref).normalize();
            prefix = path + " (" + ref + ")";
            try {
              documents = Manifests.readDocuments(target, ReadOptions.DEFAULT);
            } catch (ManifestException e) {
              e.problems().forEach(p -> problem(prefix, describe(p)));
              return;
            } catch (java.io.UncheckedIOException e) {
              problem(path + ".file", "cannot read " + ref + ": " + describeIo(e.getCause()));
              return;
            }
          } else {
            prefix = path;
            try {
              documents =
                  Manifests.readDocuments(YAML.writeValueAsString(entry), "", ReadOptions.DEFAULT);
            } catch (ManifestException e) {
              e.problems().forEach(p -> problem(join(path, p.path()), p.message()));
              return;
            } catch (JsonProcessingException e) {
              problem(path, "cannot re-read: " + e.getOriginalMessage());
              return;
            }
          }
          boolean found = false;
          for (ManifestDocument document : documents) {
            if (!(document.object() instanceof PodNetworking pn)) {
              continue;
            }
            found = true;
            ValidationResult result = validator.validate(pn);
            for (Violation error : result.errors()) {
              problem(join(prefix, error.path()), error.message());
            }
            String name = pn.metadata().name();
            if (name.isEmpty()) {
              continue;
            }
            String first = origins.putIfAbsent(name, prefix);
            if (first != null) {
              problem(prefix, "PodNetworking \"" + name + "\" is also defined at " + first);
              continue;
            }
            podNetworkings.add(pn);
          }
          if (!found) {
            problem(prefix, "no PodNetworking here (an entry is a PodNetworking or {file: PATH})");
          }
        });
    return podNetworkings;
  }

  private List<Scenario.Step> steps(JsonNode node, List<Scenario.Node> nodes) {
    List<Scenario.Step> steps = new ArrayList<>();
    if (node == null) {
      problem("steps", "missing: a scenario needs at least one step");
      return steps;
    }
    Set<String> nodeNames =
        nodes.stream()
            .map(Scenario.Node::name)
            .collect(Collectors.toCollection(LinkedHashSet::new));
    forEachItem(
        node,
        "steps",
        true,
        (item, path) -> {
          ObjectNode s = mapping(item, path);
          if (s == null) {
            return;
          }
          allow(
              s, path, "create", "delete", "release", "advance", "fault", "restart", "expect",
              "settle");
          List<String> actions = new ArrayList<>();
          for (String key : List.of("create", "delete", "release", "advance", "fault", "restart")) {
            if (s.has(key)) {
              actions.add(key);
            }
          }
          if (actions.size() > 1) {
            problem(path, "one action per step, but found " + String.join(", ", actions));
            return;
          }
          if (actions.isEmpty() && !s.has("expect")) {
            problem(
                path,
                "no action: expected one of create, delete, release, advance, fault, restart,"
                    + " or expect alone");
            return;
          }
          String action = actions.isEmpty() ? "expect" : actions.get(0);
          String at = path + "." + action;
          Action parsed =
              switch (action) {
                case "create" -> create(s.get("create"), at, nodeNames);
                case "delete" -> delete(s.get("delete"), at);
                case "release" -> release(s.get("release"), at);
                case "advance" -> advance(s.get("advance"), at);
                case "fault" -> fault(s.get("fault"), at);
                case "restart" -> restart(s.get("restart"), at);
                default -> new Scenario.Check();
              };
          boolean settle = bool(s.get("settle"), path + ".settle", true);
          List<Expectation> expectations =
              expectations(s.get("expect"), path + ".expect", parsed, nodeNames);
          if (parsed != null) {
            steps.add(new Scenario.Step(steps.size() + 1, path, parsed, expectations, settle));
          }
        });
    return steps;
  }

  // ------------------------------------------------------------------ actions

  private Action create(JsonNode node, String path, Set<String> nodeNames) {
    ObjectNode c = mapping(node, path);
    if (c == null) {
      return null;
    }
    allow(c, path, "pod", "namespace", "replicas", "labels", "annotations", "owner", "node");
    String pod = required(c, "pod", path);
    String namespace = string(c, "namespace", path, DEFAULT_NAMESPACE);
    int replicas = c.has("replicas") ? int32(c.get("replicas"), path + ".replicas", 1) : 0;
    if (replicas > MAX_REPLICAS) {
      problem(path + ".replicas", "at most " + MAX_REPLICAS + " pods per step, but " + replicas);
      return null;
    }
    Map<String, String> labels = stringMap(c.get("labels"), path + ".labels");
    Map<String, String> annotations = stringMap(c.get("annotations"), path + ".annotations");
    String owner = string(c, "owner", path, "none");
    String nodeName = required(c, "node", path);
    if (nodeName != null && !nodeNames.contains(nodeName)) {
      problem(
          path + ".node",
          "no node \"" + nodeName + "\"; declared: " + String.join(", ", nodeNames));
    }
    if (pod == null || nodeName == null || owner == null) {
      return null;
    }
    List<String> names = names(pod, replicas);
    for (String name : names) {
      for (String error : KubernetesNames.dns1123SubdomainErrors(name)) {
        problem(path + ".pod", "invalid pod name \"" + name + "\": " + error);
        return null;
      }
    }
    Optional<String> ownerKind = Optional.empty();
    String ownerName = "";
    if (!owner.equalsIgnoreCase("none")) {
      int slash = owner.indexOf('/');
      ownerKind = Optional.of(slash < 0 ? owner : owner.substring(0, slash));
      ownerName =
          slash < 0 ? defaultOwnerName(pod, replicas, ownerKind.get()) : owner.substring(slash + 1);
      if (ownerKind.get().isEmpty() || ownerName.isEmpty()) {
        problem(
            path + ".owner",
            "expected KIND or KIND/NAME (e.g. StatefulSet/web) but was \"" + owner + "\"");
        return null;
      }
    }
    return new Scenario.CreatePods(
        namespace, names, labels, annotations, ownerKind, ownerName, nodeName);
  }

  // A StatefulSet's pods are <set>-<ordinal>; other owners get the pod's name.
  private static String defaultOwnerName(String pod, int replicas, String kind) {
    if (replicas > 0) {
      return pod;
    }
    if (kind.equals("StatefulSet") && hasOrdinalSuffix(pod)) {
      return pod.substring(0, pod.lastIndexOf('-'));
    }
    return pod;
  }

  // <anything>-<digits>, scanned from the end rather than by a backtracking expression.
  private static boolean hasOrdinalSuffix(String pod) {
    int i = pod.length();
    while (i > 0 && pod.charAt(i - 1) >= '0' && pod.charAt(i - 1) <= '9') {
      i--;
    }
    return i < pod.length() && i > 0 && pod.charAt(i - 1) == '-';
  }

  private static List<String> names(String pod, int replicas) {
    if (replicas <= 0) {
      return List.of(pod);
    }
    List<String> names = new ArrayList<>(replicas);
    for (int i = 0; i < replicas; i++) {
      names.add(pod + "-" + i);
    }
    return names;
  }

  private Action delete(JsonNode node, String path) {
    if (node != null && node.isTextual()) {
      String[] ref = podRef(node.asText(), DEFAULT_NAMESPACE);
      return new Scenario.DeletePods(ref[0], List.of(ref[1]));
    }
    ObjectNode d = mapping(node, path);
    if (d == null) {
      return null;
    }
    allow(d, path, "pod", "namespace", "replicas");
    String pod = required(d, "pod", path);
    String namespace = string(d, "namespace", path, DEFAULT_NAMESPACE);
    int replicas = d.has("replicas") ? int32(d.get("replicas"), path + ".replicas", 1) : 0;
    if (pod == null || replicas > MAX_REPLICAS) {
      return null;
    }
    return new Scenario.DeletePods(namespace, names(pod, replicas));
  }

  private Action release(JsonNode node, String path) {
    String ref = text(node, path);
    if (ref == null) {
      return null;
    }
    String[] parts = podRef(ref, DEFAULT_NAMESPACE);
    return new Scenario.ReleasePodEni(parts[0], parts[1]);
  }

  private Action advance(JsonNode node, String path) {
    Duration tickEvery = Duration.ofMinutes(1);
    Duration duration;
    if (node != null && node.isObject()) {
      ObjectNode a = (ObjectNode) node;
      allow(a, path, "duration", "tickEvery");
      duration = duration(a.get("duration"), path + ".duration", null);
      tickEvery = duration(a.get("tickEvery"), path + ".tickEvery", tickEvery);
    } else {
      duration = duration(node, path, null);
    }
    if (duration == null) {
      // A duration that did not parse is reported already; only a missing one is not.
      if (node == null || node.isNull()) {
        problem(path, "expected a duration such as 30m or 1h30m");
      } else if (node.isObject() && !node.has("duration")) {
        problem(path, "missing field \"duration\"");
      }
      return null;
    }
    if (duration.isZero() || duration.isNegative()) {
      problem(path, "the duration must be positive");
      return null;
    }
    if (tickEvery == null || tickEvery.isZero() || tickEvery.isNegative()) {
      problem(path + ".tickEvery", "must be a positive duration");
      return null;
    }
    if (duration.dividedBy(tickEvery) > 1_000_000) {
      problem(path, "over a million ticks; advance less or tick less often (tickEvery)");
      return null;
    }
    return new Scenario.Advance(duration, tickEvery);
  }

  private Action fault(JsonNode node, String path) {
    if (node != null && node.isTextual() && node.asText().equals("clear")) {
      return new Scenario.InjectFault(FaultKind.CLEAR, Optional.empty(), "", 0, Duration.ZERO, 0);
    }
    ObjectNode f = mapping(node, path);
    if (f == null) {
      return null;
    }
    allow(f, path, "operation", "error", "times", "throttle", "timeout", "latency", "rateLimit");
    String api = required(f, "operation", path);
    Optional<CloudOperation> operation = Optional.empty();
    if (api != null) {
      operation =
          Arrays.stream(CloudOperation.values()).filter(o -> o.apiName().equals(api)).findFirst();
      if (operation.isEmpty()) {
        problem(path + ".operation", "unknown API \"" + api + "\"; expected one of " + apiNames());
      }
    }
    List<String> kinds = new ArrayList<>();
    for (String key : List.of("error", "throttle", "timeout", "latency", "rateLimit")) {
      if (f.has(key)) {
        kinds.add(key);
      }
    }
    if (kinds.size() != 1) {
      problem(
          path,
          "expected exactly one of error, throttle, timeout, latency, rateLimit (or fault: clear)"
              + (kinds.isEmpty() ? "" : " but found " + String.join(", ", kinds)));
      return null;
    }
    if (f.has("times") && !f.has("error")) {
      problem(path + ".times", "only with error; throttle and timeout take the count themselves");
    }
    if (operation.isEmpty()) {
      return null;
    }
    return switch (kinds.get(0)) {
      case "error" -> {
        String code = text(f.get("error"), path + ".error");
        int times = f.has("times") ? int32(f.get("times"), path + ".times", 1) : 1;
        yield code == null
            ? null
            : new Scenario.InjectFault(FaultKind.ERROR, operation, code, times, Duration.ZERO, 0);
      }
      case "throttle" ->
          new Scenario.InjectFault(
              FaultKind.THROTTLE,
              operation,
              "",
              int32(f.get("throttle"), path + ".throttle", 1),
              Duration.ZERO,
              0);
      case "timeout" ->
          new Scenario.InjectFault(
              FaultKind.TIMEOUT,
              operation,
              "",
              int32(f.get("timeout"), path + ".timeout", 1),
              Duration.ZERO,
              0);
      case "latency" -> {
        Duration latency = duration(f.get("latency"), path + ".latency", null);
        yield latency == null
            ? null
            : new Scenario.InjectFault(FaultKind.LATENCY, operation, "", 0, latency, 0);
      }
      default ->
          new Scenario.InjectFault(
              FaultKind.RATE_LIMIT,
              operation,
              "",
              0,
              Duration.ZERO,
              int32(f.get("rateLimit"), path + ".rateLimit", 1));
    };
  }

  private Action restart(JsonNode node, String path) {
    if (node == null || !node.isBoolean() || !node.asBoolean()) {
      problem(path, "expected restart: true");
      return null;
    }
    return new Scenario.Restart();
  }

  // ------------------------------------------------------------------ expectations

  private List<Expectation> expectations(
      JsonNode node, String path, Action action, Set<String> nodeNames) {
    List<Expectation> out = new ArrayList<>();
    if (node == null) {
      return out;
    }
    if (node.isArray()) {
      forEachItem(node, path, true, (item, p) -> expectation(item, p, action, nodeNames, out));
    } else {
      expectation(node, path, action, nodeNames, out);
    }
    return out;
  }

  private void expectation(
      JsonNode node, String path, Action action, Set<String> nodeNames, List<Expectation> out) {
    ObjectNode e = mapping(node, path);
    if (e == null) {
      return;
    }
    allow(
        e,
        path,
        "pod",
        "podNetworking",
        "ambiguous",
        "vSwitch",
        "ip",
        "sameIpAsBefore",
        "sameEniAsBefore",
        "phase",
        "node",
        "error",
        "noLeakedEnis",
        "enis",
        "memberEnis",
        "podsPerVSwitch",
        "calls");
    Optional<String> pod = Optional.ofNullable(string(e, "pod", path, null));
    String stepNamespace = DEFAULT_NAMESPACE;
    List<String> stepPods = List.of();
    if (action instanceof Scenario.CreatePods c) {
      stepNamespace = c.namespace();
      stepPods = c.names();
    } else if (action instanceof Scenario.DeletePods d) {
      stepNamespace = d.namespace();
      stepPods = d.names();
    } else if (action instanceof Scenario.ReleasePodEni r) {
      stepNamespace = r.namespace();
      stepPods = List.of(r.name());
    }
    if (pod.isPresent()) {
      String[] ref = podRef(pod.get(), stepNamespace);
      pod = Optional.of(ref[0] + "/" + ref[1]);
    } else if (stepPods.size() == 1) {
      pod = Optional.of(stepNamespace + "/" + stepPods.get(0));
    }
    Optional<String> phase = Optional.ofNullable(string(e, "phase", path, null));
    if (phase.isPresent() && !PHASES.contains(phase.get().toLowerCase(Locale.ROOT))) {
      problem(
          path + ".phase",
          "unknown phase \""
              + phase.get()
              + "\"; expected one of Initial, Binding, Bind, Detaching, Unbind, Deleting, none");
    }
    Optional<String> error = Optional.ofNullable(string(e, "error", path, null));
    if (error.isPresent()) {
      if (!ERRORS.contains(error.get())) {
        problem(
            path + ".error",
            "unknown error \"" + error.get() + "\"; expected one of " + String.join(", ", ERRORS));
      }
      if (!(action instanceof Scenario.CreatePods)) {
        problem(path + ".error", "only a create step has an allocation error to expect");
      }
    }
    Optional<String> nodeName = Optional.ofNullable(string(e, "node", path, null));
    if (nodeName.isPresent() && !nodeNames.contains(nodeName.get())) {
      problem(
          path + ".node",
          "no node \"" + nodeName.get() + "\"; declared: " + String.join(", ", nodeNames));
    }
    Map<String, Integer> memberEnis = intMap(e.get("memberEnis"), path + ".memberEnis");
    for (String key : memberEnis.keySet()) {
      if (!nodeNames.contains(key)) {
        problem(
            path + ".memberEnis[" + key + "]",
            "no node \"" + key + "\"; declared: " + String.join(", ", nodeNames));
      }
    }
    Map<String, Integer> calls = intMap(e.get("calls"), path + ".calls");
    for (String key : calls.keySet()) {
      if (Arrays.stream(CloudOperation.values()).noneMatch(o -> o.apiName().equals(key))) {
        problem(
            path + ".calls[" + key + "]",
            "unknown API \"" + key + "\"; expected one of " + apiNames());
      }
    }
    Expectation expectation =
        new Expectation(
            path,
            pod,
            Optional.ofNullable(string(e, "podNetworking", path, null)),
            optionalBool(e, "ambiguous", path),
            Optional.ofNullable(string(e, "vSwitch", path, null)),
            Optional.ofNullable(string(e, "ip", path, null)),
            optionalBool(e, "sameIpAsBefore", path),
            optionalBool(e, "sameEniAsBefore", path),
            phase,
            nodeName,
            error,
            optionalBool(e, "noLeakedEnis", path),
            e.has("enis") ? Optional.of(int32(e.get("enis"), path + ".enis", 0)) : Optional.empty(),
            memberEnis,
            intMap(e.get("podsPerVSwitch"), path + ".podsPerVSwitch"),
            calls.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, x -> (long) x.getValue())));
    if (expectation.aboutAPod() && expectation.pod().isEmpty()) {
      problem(
          path,
          "say which pod: add pod: NAMESPACE/NAME (the step concerns "
              + (stepPods.isEmpty() ? "no pod" : stepPods.size() + " pods")
              + ")");
      return;
    }
    out.add(expectation);
  }

  // ------------------------------------------------------------------ helpers

  private static String[] podRef(String ref, String defaultNamespace) {
    int slash = ref.indexOf('/');
    return slash < 0
        ? new String[] {defaultNamespace, ref}
        : new String[] {ref.substring(0, slash), ref.substring(slash + 1)};
  }

  private static String apiNames() {
    return Arrays.stream(CloudOperation.values())
        .map(CloudOperation::apiName)
        .collect(Collectors.joining(", "));
  }

  private static Set<String> phases() {
    Set<String> phases = new HashSet<>();
    for (PodEniPhase phase : PodEniPhase.values()) {
      phases.add(phase.name().toLowerCase(Locale.ROOT));
    }
    phases.add("none");
    return phases;
  }

  private static Set<String> errors() {
    Set<String> errors = new LinkedHashSet<>();
    errors.add("none");
    for (AllocationException.Reason reason : AllocationException.Reason.values()) {
      errors.add(reason.name());
    }
    errors.add(Simulation.UNSCHEDULABLE);
    errors.add(Simulation.REJECTED);
    return errors;
  }

  private interface ItemVisitor {
    void visit(JsonNode item, String path);
  }

  private void forEachItem(JsonNode node, String path, boolean nonEmpty, ItemVisitor visitor) {
    if (node == null || node.isNull()) {
      if (nonEmpty) {
        problem(path, "missing: expected a non-empty list");
      }
      return;
    }
    if (!node.isArray()) {
      problem(path, "expected a list but found " + describe(node));
      return;
    }
    if (nonEmpty && node.isEmpty()) {
      problem(path, "expected a non-empty list");
    }
    for (int i = 0; i < node.size(); i++) {
      visitor.visit(node.get(i), path + "[" + i + "]");
    }
  }

  private ObjectNode mapping(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      problem(path, "expected a mapping but found " + describe(node));
      return null;
    }
    return (ObjectNode) node;
  }

  private void allow(ObjectNode node, String path, String... keys) {
    Set<String> allowed = new LinkedHashSet<>(List.of(keys));
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        problem(
            join(path, key),
            "unknown field \"" + key + "\"; expected one of " + String.join(", ", allowed));
      }
    }
  }

  private String required(ObjectNode node, String key, String path) {
    if (!node.has(key) || node.get(key).isNull()) {
      problem(path, "missing field \"" + key + "\"");
      return null;
    }
    return text(node.get(key), join(path, key));
  }

  private String string(ObjectNode node, String key, String path, String defaultValue) {
    if (!node.has(key) || node.get(key).isNull()) {
      return defaultValue;
    }
    return text(node.get(key), join(path, key));
  }

  private String text(JsonNode node, String path) {
    if (node == null || !(node.isTextual() || node.isNumber() || node.isBoolean())) {
      problem(path, "expected a string but found " + describe(node));
      return null;
    }
    return node.asText();
  }

  private long integer(JsonNode node, String path, long min) {
    return integer(node, path, min, Long.MAX_VALUE);
  }

  // A count or a size: out of int range is an error, never truncated (issue 13 item 8).
  private int int32(JsonNode node, String path, int min) {
    return (int) integer(node, path, min, Integer.MAX_VALUE);
  }

  // Returns min after a problem: the scenario is rejected, and nothing sized by it grows.
  private long integer(JsonNode node, String path, long min, long max) {
    if (node == null || !node.isIntegralNumber()) {
      problem(path, "expected a whole number but found " + describe(node));
      return Math.max(min, 0);
    }
    BigInteger value = node.bigIntegerValue();
    if (value.compareTo(BigInteger.valueOf(min)) < 0) {
      problem(path, "must be at least " + min + " but was " + value);
      return min;
    }
    if (value.compareTo(BigInteger.valueOf(max)) > 0) {
      problem(path, "must be at most " + max + " but was " + value);
      return min;
    }
    return value.longValueExact();
  }

  private boolean bool(JsonNode node, String path, boolean defaultValue) {
    if (node == null || node.isNull()) {
      return defaultValue;
    }
    if (!node.isBoolean()) {
      problem(path, "expected true or false but found " + describe(node));
      return defaultValue;
    }
    return node.asBoolean();
  }

  private Optional<Boolean> optionalBool(ObjectNode node, String key, String path) {
    return node.has(key)
        ? Optional.of(bool(node.get(key), join(path, key), false))
        : Optional.empty();
  }

  private Duration duration(JsonNode node, String path, Duration defaultValue) {
    if (node == null || node.isNull()) {
      return defaultValue;
    }
    String text = text(node, path);
    if (text == null) {
      return null;
    }
    try {
      return GoDurations.parse(text);
    } catch (DurationFormatException e) {
      problem(path, e.getMessage());
      return null;
    }
  }

  private Map<String, String> stringMap(JsonNode node, String path) {
    return map(node, path, v -> text(v.node, v.path));
  }

  private Map<String, Integer> intMap(JsonNode node, String path) {
    return map(node, path, v -> int32(v.node, v.path, 0));
  }

  private record Value(JsonNode node, String path) {}

  private <T> Map<String, T> map(JsonNode node, String path, Function<Value, T> convert) {
    Map<String, T> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (!node.isObject()) {
      problem(path, "expected a mapping but found " + describe(node));
      return out;
    }
    node.fields()
        .forEachRemaining(
            e -> {
              T value = convert.apply(new Value(e.getValue(), path + "[" + e.getKey() + "]"));
              if (value != null) {
                out.put(e.getKey(), value);
              }
            });
    return out;
  }

  private void id(CloudIds.Type type, String id, String path) {
    CloudIds.error(type, id).ifPresent(message -> problem(path, message));
  }

  private void cidr(String cidr, String path) {
    int slash = cidr.indexOf('/');
    String address = slash < 0 ? cidr : cidr.substring(0, slash);
    String prefix = slash < 0 ? "" : cidr.substring(slash + 1);
    if (slash < 0
        || !InetAddresses.isInetAddress(address)
        || !address.contains(".")
        || prefix.isEmpty()
        || prefix.length() > 2
        || !prefix.chars().allMatch(c -> c >= '0' && c <= '9')) {
      problem(path, "\"" + cidr + "\" is not an IPv4 CIDR block such as 192.168.0.0/24");
      return;
    }
    int bits = Integer.parseInt(prefix);
    if (bits < 8 || bits > 29) {
      problem(path, "\"" + cidr + "\": a vSwitch block is /8 to /29 (a /29 offers 4 addresses)");
    }
  }

  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isTextual()) {
      return "the string \"" + node.asText() + "\"";
    }
    if (node.isArray()) {
      return "a list";
    }
    if (node.isObject()) {
      return "a mapping";
    }
    return node.getNodeType().toString().toLowerCase(Locale.ROOT) + " " + node;
  }

  private static String describe(ManifestProblem p) {
    StringBuilder sb = new StringBuilder();
    if (p.documentIndex() >= 0) {
      sb.append("document ").append(p.documentIndex()).append(' ');
    }
    if (!p.path().isEmpty()) {
      sb.append(p.path()).append(' ');
    }
    return sb.append(p.message()).toString().strip();
  }

  private static String describeIo(Throwable e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static String join(String path, String field) {
    if (path.isEmpty()) {
      return field;
    }
    return field.isEmpty() ? path : path + "." + field;
  }

  private void problem(String path, String message) {
    problems.add((path.isEmpty() ? "" : path + ": ") + message);
  }

  private ScenarioException fail(String message) {
    return new ScenarioException("cannot read scenario " + file, List.of(message));
  }

  private ScenarioException summary() {
    return new ScenarioException(
        "cannot read scenario "
            + file
            + ": "
            + problems.size()
            + (problems.size() == 1 ? " problem" : " problems"),
        problems);
  }
}
