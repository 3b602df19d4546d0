package dev.terway4j.selector;

import static com.google.common.base.Preconditions.checkNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.terway4j.model.Annotations;
import dev.terway4j.model.EniAttachType;
import dev.terway4j.model.IpAllocationType;
import dev.terway4j.model.Labels;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.VSwitchZone;
import dev.terway4j.selector.AdmissionResult.Decision;
import dev.terway4j.selector.AdmissionResult.ExtendedResource;
import dev.terway4j.selector.AdmissionResult.Rejection;
import dev.terway4j.selector.AdmissionResult.ZoneAffinity;
import dev.terway4j.selector.internal.PodNetworksJson;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What Terway's pod mutating webhook does with a pod being created (docs/behaviour.md,
 * "Admission"), as a pure function for those who embed it in their own webhook or scheduler:
 *
 * <ol>
 *   <li>host-network pods and pods labelled {@code k8s.aliyun.com/ignore-by-terway=true} are
 *       skipped;
 *   <li>more than one of {@code pod-networks}, {@code pod-networks-request}, {@code pod-networking}
 *       is rejected;
 *   <li>the networks come from {@code pod-networks} if the pod has them, else from {@code
 *       pod-networks-request} (PodNetworkings named by the pod, Ready, without selectors, one
 *       {@code eniType}), else from the PodNetworking the resolver matches (then {@code
 *       pod-networking} is set); no match leaves the pod unchanged unless IPAM is centralized or
 *       the pod already asks for {@code pod-eni};
 *   <li>each network is checked (at most 10 security groups, interface names of 1 to 5 characters,
 *       unique; Fixed only for fixed-name pods), and the {@code eni-config} defaults fill the
 *       {@code eth0} network's missing vSwitches and security groups;
 *   <li>the result sets {@code pod-networks} (JSON) and {@code pod-eni: "true"}, requests {@code
 *       aliyun/member-eni} ({@code aliyun/eni} when trunking is off or a network is of type ENI),
 *       one per network, and requires {@code topology.kubernetes.io/zone} to be in the previous
 *       zone of a Fixed pod's PodENI and in the zones of the PodNetworking's vSwitches (not for
 *       DaemonSet pods).
 * </ol>
 *
 * <p>Stateless and thread-safe; it only reads the resolver's current snapshot.
 */
public final class AdmissionHints {

  /** The zone label the affinity is on. */
  public static final String ZONE_KEY = Labels.ZONE;

  /** The extended resource of a trunk member ENI. */
  public static final String MEMBER_ENI = "aliyun/member-eni";

  /** The extended resource of an exclusive ENI. */
  public static final String EXCLUSIVE_ENI = "aliyun/eni";

  private static final int MAX_SECURITY_GROUPS = 10;
  private static final String DEFAULT_INTERFACE = "eth0";

  private AdmissionHints() {}

  /**
   * Returns what the webhook does with a pod.
   *
   * @param pod the pod being created
   * @param namespace its namespace
   * @param existingPodEni the PodENI of the same namespace and name, if one exists (it gives a
   *     Fixed pod its previous zone)
   * @param resolver the PodNetworkings and the fixed-name policy
   * @param settings the control-plane settings
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the pod names a namespace other than {@code namespace}
   */
  public static AdmissionResult evaluate(
      Pod pod,
      Namespace namespace,
      Optional<PodEni> existingPodEni,
      PodNetworkingResolver resolver,
      AdmissionSettings settings) {
    checkNotNull(pod, "pod");
    checkNotNull(namespace, "namespace");
    checkNotNull(existingPodEni, "existingPodEni");
    checkNotNull(resolver, "resolver");
    checkNotNull(settings, "settings");
    Resolution resolution = Resolution.none();
    if (pod.spec().hostNetwork()) {
      return AdmissionResult.of(Decision.SKIPPED, "host-network pod", resolution);
    }
    if ("true".equals(pod.metadata().labels().get(Labels.IGNORE_BY_TERWAY))) {
      return AdmissionResult.of(
          Decision.SKIPPED, "pod labelled " + Labels.IGNORE_BY_TERWAY + "=true", resolution);
    }
    Map<String, String> podAnnotations = pod.metadata().annotations();
    int exclusive = 0;
    for (String key :
        List.of(
            Annotations.POD_NETWORKS,
            Annotations.POD_NETWORKS_REQUEST,
            Annotations.POD_NETWORKING)) {
      if (podAnnotations.containsKey(key)) {
        exclusive++;
      }
    }
    if (exclusive > 1) {
      return AdmissionResult.rejected(
          Rejection.MUTUALLY_EXCLUSIVE_ANNOTATIONS,
          Annotations.POD_NETWORKS
              + ", "
              + Annotations.POD_NETWORKS_REQUEST
              + " and "
              + Annotations.POD_NETWORKING
              + " must be mutually exclusive",
          resolution);
    }
    boolean fixedName = resolver.fixedNamePolicy().isFixedName(pod);
    String previousZone = fixedName ? previousZone(existingPodEni) : "";

    Map<String, String> annotations = new LinkedHashMap<>();
    Set<String> vSwitchZones = new TreeSet<>();
    List<ObjectNode> networks;
    try {
      networks = PodNetworksJson.parsePodNetworks(podAnnotations.get(Annotations.POD_NETWORKS));
    } catch (IllegalArgumentException e) {
      return AdmissionResult.rejected(
          Rejection.INVALID_ANNOTATION,
          "unable parse annotation field " + Annotations.POD_NETWORKS + ": " + e.getMessage(),
          resolution);
    }
    if (networks.isEmpty()) {
      String request = podAnnotations.get(Annotations.POD_NETWORKS_REQUEST);
      List<PodNetworksJson.NetworkRequest> requests;
      try {
        requests = PodNetworksJson.parseRequests(request);
      } catch (IllegalArgumentException e) {
        return AdmissionResult.rejected(
            Rejection.INVALID_ANNOTATION,
            "unable parse annotation field "
                + Annotations.POD_NETWORKS_REQUEST
                + ": "
                + e.getMessage(),
            resolution);
      }
      if (!requests.isEmpty()) {
        Optional<AdmissionResult> rejected =
            fromRequests(requests, resolver, networks, vSwitchZones);
        if (rejected.isPresent()) {
          return rejected.get();
        }
      } else {
        resolution = resolver.resolve(pod, namespace);
        if (resolution.isNone()) {
          boolean podEni = "true".equalsIgnoreCase(podAnnotations.get(Annotations.POD_ENI));
          if (!settings.centralizedIpam() && !podEni) {
            return AdmissionResult.of(
                Decision.UNCHANGED, "no PodNetworking matches the pod", resolution);
          }
          networks.add(PodNetworksJson.defaultNetwork(DEFAULT_INTERFACE));
        } else {
          if (resolution.isAmbiguous() && settings.rejectAmbiguous()) {
            return AdmissionResult.rejected(
                Rejection.AMBIGUOUS_MATCH,
                "several PodNetworkings match the pod: " + resolution.candidateNames(),
                resolution);
          }
          PodNetworking winner = resolution.winner().get();
          annotations.put(Annotations.POD_NETWORKING, winner.metadata().name());
          networks.add(PodNetworksJson.fromPodNetworking(winner, DEFAULT_INTERFACE));
          vSwitchZones.addAll(zones(winner));
        }
      }
    }

    Set<String> previousZones = new TreeSet<>();
    Set<String> interfaces = new HashSet<>();
    for (ObjectNode network : networks) {
      if (PodNetworksJson.strings(network, "securityGroupIDs").size() > MAX_SECURITY_GROUPS) {
        return AdmissionResult.rejected(
            Rejection.TOO_MANY_SECURITY_GROUPS, "security group can not more than 10", resolution);
      }
      String name = network.path("interface").asText("");
      if (name.isEmpty() || name.length() >= 6) {
        return AdmissionResult.rejected(
            Rejection.INVALID_INTERFACE, "interface name \"" + name + "\" is invalid", resolution);
      }
      if (!interfaces.add(name)) {
        return AdmissionResult.rejected(
            Rejection.INVALID_INTERFACE, "duplicated interface " + name, resolution);
      }
      JsonNode allocation = network.path("allocationType");
      if (!allocation.isObject()) {
        PodNetworksJson.setElastic(network);
        allocation = network.path("allocationType");
      }
      if (IpAllocationType.FIXED.wireValue().equals(allocation.path("type").asText(""))) {
        if (!fixedName) {
          return AdmissionResult.rejected(
              Rejection.FIXED_IP_NEEDS_FIXED_NAME_POD,
              "fixed ip only support for fixed name pod",
              resolution);
        }
        if (!previousZone.isEmpty()) {
          previousZones.add(previousZone);
        }
      }
    }
    for (ObjectNode network : networks) {
      if (DEFAULT_INTERFACE.equals(network.path("interface").asText(""))) {
        PodNetworksJson.fillDefaults(
            network, settings.defaultVSwitches(), settings.defaultSecurityGroups());
      }
    }

    annotations.put(Annotations.POD_NETWORKS, PodNetworksJson.write(networks));
    annotations.put(Annotations.POD_ENI, "true");

    Optional<ExtendedResource> resource = Optional.empty();
    if (settings.injectResource()) {
      boolean exclusiveEni =
          !settings.enableTrunk()
              || networks.stream()
                  .anyMatch(
                      n ->
                          EniAttachType.ENI
                              .wireValue()
                              .equals(n.path("eniOptions").path("eniType").asText("")));
      resource =
          Optional.of(
              new ExtendedResource(exclusiveEni ? EXCLUSIVE_ENI : MEMBER_ENI, networks.size()));
    }

    List<ZoneAffinity> affinity = new ArrayList<>();
    if (!pod.ownerKinds().contains("DaemonSet")) {
      if (!previousZones.isEmpty()) {
        affinity.add(new ZoneAffinity(ZONE_KEY, List.copyOf(previousZones)));
      }
      if (!vSwitchZones.isEmpty()) {
        affinity.add(new ZoneAffinity(ZONE_KEY, List.copyOf(vSwitchZones)));
      }
    }
    String message =
        annotations.containsKey(Annotations.POD_NETWORKING)
            ? "PodNetworking " + annotations.get(Annotations.POD_NETWORKING)
            : networks.size() + " network(s)";
    return new AdmissionResult(
        Decision.PATCHED, Optional.empty(), message, resolution, annotations, resource, affinity);
  }

  private static String previousZone(Optional<PodEni> podEni) {
    if (podEni.isEmpty()) {
      return "";
    }
    PodEni eni = podEni.get();
    if (eni.metadata().deletionTimestamp().isPresent() || eni.spec().allocations().isEmpty()) {
      return "";
    }
    return eni.spec().zone();
  }

  private static Set<String> zones(PodNetworking podNetworking) {
    Set<String> zones = new TreeSet<>();
    podNetworking
        .status()
        .ifPresent(
            s -> {
              for (VSwitchZone v : s.vSwitches()) {
                if (!v.zone().isEmpty()) {
                  zones.add(v.zone());
                }
              }
            });
    return zones;
  }

  // Terway's pod-networks-request handling; returns a rejection or fills networks and zones.
  private static Optional<AdmissionResult> fromRequests(
      List<PodNetworksJson.NetworkRequest> requests,
      PodNetworkingResolver resolver,
      List<ObjectNode> networks,
      Set<String> zones) {
    EniAttachType eniType = null;
    Set<String> intersection = null;
    for (PodNetworksJson.NetworkRequest request : requests) {
      Optional<PodNetworking> found = resolver.get(request.network());
      if (found.isEmpty()) {
        return Optional.of(
            AdmissionResult.rejected(
                Rejection.UNKNOWN_POD_NETWORKING,
                "podNetworking " + request.network() + " not found",
                Resolution.none()));
      }
      PodNetworking pn = found.get();
      if (!pn.ready()) {
        return Optional.of(
            AdmissionResult.rejected(
                Rejection.POD_NETWORKING_NOT_READY,
                "pod networking " + request.network() + " is not ready",
                Resolution.none()));
      }
      if (pn.spec().selector().podSelector().isPresent()
          || pn.spec().selector().namespaceSelector().isPresent()) {
        return Optional.of(
            AdmissionResult.rejected(
                Rejection.POD_NETWORKING_HAS_SELECTORS,
                "podNetworking " + request.network() + " should not have selector",
                Resolution.none()));
      }
      EniAttachType type = pn.spec().eniOptions().eniType();
      if (eniType != null && eniType != type) {
        return Optional.of(
            AdmissionResult.rejected(
                Rejection.DIFFERENT_ENI_TYPES,
                "podNetworking " + request.network() + " has different eni attach type",
                Resolution.none()));
      }
      eniType = type;
      String name = request.interfaceName().isEmpty() ? DEFAULT_INTERFACE : request.interfaceName();
      ObjectNode network = PodNetworksJson.fromPodNetworking(pn, name);
      PodNetworksJson.applyRequest(network, request);
      networks.add(network);
      Set<String> pnZones = zones(pn);
      if (intersection == null) {
        intersection = new TreeSet<>(pnZones);
      } else {
        intersection.retainAll(pnZones);
      }
    }
    if (intersection != null) {
      zones.addAll(intersection);
    }
    return Optional.empty();
  }
}
