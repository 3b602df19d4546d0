package dev.terway4j.model;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.net.InetAddresses;
import dev.terway4j.model.internal.Paths;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validates PodNetworkings, PodENIs and the core views against the rules of docs/behaviour.md,
 * "Validation", reporting every violation at once with its field path. Unlike Terway, the same
 * rules apply to creation and to updates.
 *
 * <p>Immutable and thread-safe; one instance can serve any number of threads.
 */
public final class ManifestValidator {

  private static final Pattern MAC = Pattern.compile("([0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}");
  private static final int MAX_INTERFACE_NAME = 5;
  private static final int MAX_VLAN_ID = 4094;

  private final ValidationPolicy policy;

  private ManifestValidator(ValidationPolicy policy) {
    this.policy = checkNotNull(policy, "policy");
  }

  /** Returns a validator with this library's default policy. */
  public static ManifestValidator defaults() {
    return new ManifestValidator(ValidationPolicy.DEFAULT);
  }

  /** Returns a validator with the given policy. */
  public static ManifestValidator of(ValidationPolicy policy) {
    return new ManifestValidator(policy);
  }

  /** Returns the policy. */
  public ValidationPolicy policy() {
    return policy;
  }

  /** Validates any supported object. */
  public ValidationResult validate(KubernetesObject object) {
    checkNotNull(object, "object");
    if (object instanceof PodNetworking pn) {
      return validate(pn);
    }
    if (object instanceof PodEni eni) {
      return validate(eni);
    }
    Report report = new Report(name(object));
    requireName(report, object.metadata(), object instanceof Pod);
    return report.result();
  }

  /** Validates a PodNetworking. */
  public ValidationResult validate(PodNetworking pn) {
    checkNotNull(pn, "pn");
    Report report = new Report(name(pn));
    requireName(report, pn.metadata(), false);
    if (!pn.metadata().namespace().isEmpty()) {
      report.warning(
          "metadata.namespace",
          "PodNetworking is cluster-scoped; namespace \""
              + pn.metadata().namespace()
              + "\" is ignored");
    }
    PodNetworkingSpec spec = pn.spec();
    List<String> groups = spec.securityGroupIDs();
    if (groups.isEmpty()) {
      report.error("spec.securityGroupIDs", "at least one security group is required");
    } else if (groups.size() > policy.maxSecurityGroups()) {
      report.error(
          "spec.securityGroupIDs",
          "at most "
              + policy.maxSecurityGroups()
              + " security groups are allowed but "
              + groups.size()
              + " are set");
    }
    ids(report, "spec.securityGroupIDs", groups, CloudIds.Type.SECURITY_GROUP);
    if (spec.vSwitchOptions().isEmpty()) {
      report.error("spec.vSwitchOptions", "at least one vSwitch is required");
    }
    ids(report, "spec.vSwitchOptions", spec.vSwitchOptions(), CloudIds.Type.VSWITCH);
    allocationType(report, "spec.allocationType", spec.allocationType());
    PodNetworkingSelector selector = spec.selector();
    selector.podSelector().ifPresent(s -> labelSelector(report, "spec.selector.podSelector", s));
    selector
        .namespaceSelector()
        .ifPresent(s -> labelSelector(report, "spec.selector.namespaceSelector", s));
    if (selector.podSelector().isEmpty() && selector.namespaceSelector().isEmpty()) {
      report.warning(
          "spec.selector",
          "neither podSelector nor namespaceSelector is set: no pod matches this PodNetworking"
              + " automatically; pods can only name it in "
              + Annotations.POD_NETWORKS_REQUEST);
    }
    pn.status()
        .ifPresent(
            status -> {
              for (int i = 0; i < status.vSwitches().size(); i++) {
                String id = status.vSwitches().get(i).id();
                String path = "status.vSwitches[" + i + "].id";
                CloudIds.error(CloudIds.Type.VSWITCH, id).ifPresent(m -> report.error(path, m));
              }
            });
    return report.result();
  }

  /** Validates a PodENI. */
  public ValidationResult validate(PodEni podEni) {
    checkNotNull(podEni, "podEni");
    Report report = new Report(name(podEni));
    requireName(report, podEni.metadata(), true);
    Set<String> interfaces = new HashSet<>();
    List<Allocation> allocations = podEni.spec().allocations();
    for (int i = 0; i < allocations.size(); i++) {
      String path = "spec.allocations[" + i + "]";
      Allocation allocation = allocations.get(i);
      allocationType(report, path + ".allocationType", allocation.allocationType());
      Eni eni = allocation.eni();
      if (eni.id().isEmpty()) {
        report.error(path + ".eni.id", "an ENI id is required");
      } else {
        id(report, path + ".eni.id", eni.id(), CloudIds.Type.ENI);
      }
      optionalId(report, path + ".eni.vSwitchID", eni.vSwitchID(), CloudIds.Type.VSWITCH);
      optionalId(report, path + ".eni.vpcID", eni.vpcID(), CloudIds.Type.VPC);
      ids(
          report,
          path + ".eni.securityGroupIDs",
          eni.securityGroupIDs(),
          CloudIds.Type.SECURITY_GROUP);
      if (!eni.mac().isEmpty() && !MAC.matcher(eni.mac()).matches()) {
        report.error(path + ".eni.mac", "\"" + eni.mac() + "\" is not a MAC address");
      }
      address(report, path + ".ipv4", allocation.ipv4(), false);
      address(report, path + ".ipv6", allocation.ipv6(), true);
      cidr(report, path + ".ipv4CIDR", allocation.ipv4CIDR(), false);
      cidr(report, path + ".ipv6CIDR", allocation.ipv6CIDR(), true);
      String name = allocation.interfaceName();
      if (name.length() > MAX_INTERFACE_NAME) {
        report.error(
            path + ".interface",
            "interface name \"" + name + "\" is longer than " + MAX_INTERFACE_NAME + " characters");
      }
      String effective = name.isEmpty() ? "eth0" : name;
      if (!interfaces.add(effective)) {
        report.error(path + ".interface", "interface \"" + effective + "\" is allocated twice");
      }
      for (int r = 0; r < allocation.extraRoutes().size(); r++) {
        String dst = allocation.extraRoutes().get(r).dst();
        String routePath = path + ".extraRoutes[" + r + "].dst";
        if (dst.isEmpty()) {
          report.error(routePath, "a destination CIDR is required");
        } else {
          cidr(report, routePath, dst, dst.contains(":"));
        }
      }
    }
    podEni.status().ifPresent(status -> podEniStatus(report, status));
    return report.result();
  }

  private static void podEniStatus(Report report, PodEniStatus status) {
    optionalId(report, "status.instanceID", status.instanceID(), CloudIds.Type.INSTANCE);
    optionalId(report, "status.trunkENIID", status.trunkENIID(), CloudIds.Type.ENI);
    for (Map.Entry<String, EniInfo> entry : status.eniInfos().entrySet()) {
      String path = Paths.key("status.eniInfos", entry.getKey());
      id(report, path, entry.getKey(), CloudIds.Type.ENI);
      EniInfo info = entry.getValue();
      if (!info.id().isEmpty() && !info.id().equals(entry.getKey())) {
        report.error(
            path + ".id",
            "id \"" + info.id() + "\" differs from its key \"" + entry.getKey() + "\"");
      }
      if (info.vid() < 0 || info.vid() > MAX_VLAN_ID) {
        report.error(path + ".vid", "VLAN id " + info.vid() + " is outside 0.." + MAX_VLAN_ID);
      }
      if (info.vfID().isPresent() && (info.vfID().get() < 0 || info.vfID().get() > 0xFFFFFFFFL)) {
        report.error(
            path + ".vfID", "vfID " + info.vfID().get() + " is not an unsigned 32-bit value");
      }
    }
    if ((status.phase() == PodEniPhase.BIND || status.phase() == PodEniPhase.BINDING)
        && status.instanceID().isEmpty()) {
      report.warning("status.instanceID", "phase " + status.phase() + " without an instance");
    }
  }

  private void allocationType(Report report, String path, AllocationType type) {
    Optional<ReleaseStrategy> strategy = type.releaseStrategy();
    String after = type.releaseAfter();
    if (type.type() == IpAllocationType.ELASTIC) {
      strategy.ifPresent(
          s ->
              report.warning(
                  path + ".releaseStrategy",
                  "releaseStrategy " + s + " is ignored: it applies to type Fixed only"));
      if (!after.isEmpty()) {
        report.warning(
            path + ".releaseAfter",
            "releaseAfter \"" + after + "\" is ignored: it applies to type Fixed only");
      }
      return;
    }
    if (strategy.isEmpty()) {
      report.warning(
          path + ".releaseStrategy",
          "type Fixed without a releaseStrategy keeps the IP forever, as releaseStrategy Never");
      if (!after.isEmpty()) {
        report.warning(
            path + ".releaseAfter",
            "releaseAfter \"" + after + "\" is ignored without releaseStrategy TTL");
      }
      return;
    }
    if (strategy.get() == ReleaseStrategy.NEVER) {
      if (!after.isEmpty()) {
        report.error(
            path + ".releaseAfter",
            "releaseAfter must be empty when releaseStrategy is Never, but is \"" + after + "\"");
      }
      return;
    }
    if (after.isEmpty()) {
      report.error(path + ".releaseAfter", "releaseAfter is required when releaseStrategy is TTL");
      return;
    }
    Duration duration;
    try {
      duration = GoDurations.parse(after);
    } catch (DurationFormatException e) {
      report.error(
          path + ".releaseAfter",
          e.getMessage() + "; expected a Go duration such as 5m, 2h45m or 1.5h");
      return;
    }
    if (duration.isNegative()) {
      report.error(path + ".releaseAfter", "releaseAfter \"" + after + "\" is negative");
    } else if (duration.compareTo(policy.minReleaseAfter()) < 0) {
      report.error(
          path + ".releaseAfter",
          "releaseAfter \""
              + after
              + "\" is shorter than the minimum "
              + GoDurations.format(policy.minReleaseAfter()));
    }
  }

  private static void labelSelector(Report report, String path, LabelSelector selector) {
    for (Map.Entry<String, String> label : selector.matchLabels().entrySet()) {
      String labelPath = Paths.key(path + ".matchLabels", label.getKey());
      for (String error : KubernetesNames.labelKeyErrors(label.getKey())) {
        report.error(labelPath, "invalid key \"" + label.getKey() + "\": " + error);
      }
      for (String error : KubernetesNames.labelValueErrors(label.getValue())) {
        report.error(labelPath, "invalid value \"" + label.getValue() + "\": " + error);
      }
    }
    List<LabelSelectorRequirement> expressions = selector.matchExpressions();
    for (int i = 0; i < expressions.size(); i++) {
      String exprPath = path + ".matchExpressions[" + i + "]";
      LabelSelectorRequirement requirement = expressions.get(i);
      for (String error : KubernetesNames.labelKeyErrors(requirement.key())) {
        report.error(exprPath + ".key", "invalid key \"" + requirement.key() + "\": " + error);
      }
      LabelSelectorOperator op = requirement.operator();
      List<String> values = requirement.values();
      if ((op == LabelSelectorOperator.IN || op == LabelSelectorOperator.NOT_IN)
          && values.isEmpty()) {
        report.error(exprPath + ".values", "must be specified when operator is " + op.wireValue());
      }
      if ((op == LabelSelectorOperator.EXISTS || op == LabelSelectorOperator.DOES_NOT_EXIST)
          && !values.isEmpty()) {
        report.error(
            exprPath + ".values", "may not be specified when operator is " + op.wireValue());
      }
      for (int v = 0; v < values.size(); v++) {
        for (String error : KubernetesNames.labelValueErrors(values.get(v))) {
          report.error(
              exprPath + ".values[" + v + "]", "invalid value \"" + values.get(v) + "\": " + error);
        }
      }
    }
  }

  private static void requireName(Report report, ObjectMeta metadata, boolean namespaced) {
    if (metadata.name().isEmpty()) {
      report.error("metadata.name", "a name is required");
    } else {
      for (String error : KubernetesNames.dns1123SubdomainErrors(metadata.name())) {
        report.error("metadata.name", "invalid name \"" + metadata.name() + "\": " + error);
      }
    }
    if (namespaced && metadata.namespace().isEmpty()) {
      report.error("metadata.namespace", "a namespace is required");
    }
  }

  private static void ids(Report report, String path, List<String> ids, CloudIds.Type type) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < ids.size(); i++) {
      String itemPath = path + "[" + i + "]";
      id(report, itemPath, ids.get(i), type);
      if (!seen.add(ids.get(i))) {
        report.warning(itemPath, "\"" + ids.get(i) + "\" is listed more than once");
      }
    }
  }

  private static void id(Report report, String path, String id, CloudIds.Type type) {
    CloudIds.error(type, id).ifPresent(message -> report.error(path, message));
  }

  private static void optionalId(Report report, String path, String id, CloudIds.Type type) {
    if (!id.isEmpty()) {
      id(report, path, id, type);
    }
  }

  private static void address(Report report, String path, String value, boolean v6) {
    if (value.isEmpty()) {
      return;
    }
    if (!isAddress(value, v6)) {
      report.error(path, "\"" + value + "\" is not an " + (v6 ? "IPv6" : "IPv4") + " address");
    }
  }

  private static void cidr(Report report, String path, String value, boolean v6) {
    if (value.isEmpty()) {
      return;
    }
    int slash = value.indexOf('/');
    boolean ok = slash > 0 && isAddress(value.substring(0, slash), v6);
    if (ok) {
      String bits = value.substring(slash + 1);
      ok = bits.matches("[0-9]{1,3}") && Integer.parseInt(bits) <= (v6 ? 128 : 32);
    }
    if (!ok) {
      report.error(path, "\"" + value + "\" is not an " + (v6 ? "IPv6" : "IPv4") + " CIDR");
    }
  }

  private static boolean isAddress(String value, boolean v6) {
    if (!InetAddresses.isInetAddress(value)) {
      return false;
    }
    InetAddress address = InetAddresses.forString(value);
    return v6 ? address instanceof Inet6Address : address instanceof Inet4Address;
  }

  private static String name(KubernetesObject object) {
    ObjectMeta meta = object.metadata();
    String name = meta.namespace().isEmpty() ? meta.name() : meta.namespace() + "/" + meta.name();
    return object.kind() + "/" + (name.isEmpty() ? "<unnamed>" : name);
  }

  /** Collects violations in the order found. */
  private static final class Report {
    private final String object;
    private final List<Violation> errors = new ArrayList<>();
    private final List<Violation> warnings = new ArrayList<>();

    Report(String object) {
      this.object = object;
    }

    void error(String path, String message) {
      errors.add(Violation.error(path, message));
    }

    void warning(String path, String message) {
      warnings.add(Violation.warning(path, message));
    }

    ValidationResult result() {
      return new ValidationResult(object, errors, warnings);
    }
  }
}
