package dev.terway4j.selector;

import static dev.terway4j.selector.TestObjects.labels;
import static dev.terway4j.selector.TestObjects.map;
import static dev.terway4j.selector.TestObjects.namespace;
import static dev.terway4j.selector.TestObjects.pn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.model.Annotations;
import dev.terway4j.model.EniAttachType;
import dev.terway4j.model.EniOptions;
import dev.terway4j.model.ImmutablePodEniSpec;
import dev.terway4j.model.ImmutablePodNetworking;
import dev.terway4j.model.ImmutablePodNetworkingSpec;
import dev.terway4j.model.ImmutablePodSpec;
import dev.terway4j.model.Labels;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.ObjectMeta;
import dev.terway4j.model.OwnerReference;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.selector.AdmissionResult.Decision;
import dev.terway4j.selector.AdmissionResult.ExtendedResource;
import dev.terway4j.selector.AdmissionResult.Rejection;
import dev.terway4j.selector.AdmissionResult.ZoneAffinity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Admission hints, mirroring the behaviour of Terway's pod mutating webhook
 * (pkg/controller/webhook/mutating.go; docs/behaviour.md, "Admission").
 */
class AdmissionHintsTest {

  private static final Namespace NS = namespace(map("team", "a"));
  private static final PodNetworking WEB = pn("web", labels("app", "web"), null);
  private static final PodNetworking FIXED = pn("fixed", labels("app", "db"), null, true, true);
  private static final PodNetworking NAMED =
      ImmutablePodNetworking.copyOf(pn("named", null, null))
          .withSpec(
              ImmutablePodNetworkingSpec.copyOf(pn("named", null, null).spec())
                  .withVSwitchOptions("vsw-n")
                  .withEniOptions(EniOptions.of(EniAttachType.ENI)));
  private static final PodNetworkingResolver RESOLVER =
      PodNetworkingResolver.of(List.of(WEB, FIXED, NAMED));

  private static Pod pod(
      Map<String, String> labels, Map<String, String> annotations, String... owners) {
    return Pod.builder()
        .metadata(
            ObjectMeta.builder()
                .namespace("ns")
                .name("p-0")
                .labels(labels)
                .annotations(annotations)
                .ownerReferences(
                    java.util.Arrays.stream(owners).map(k -> OwnerReference.of(k, "o")).toList())
                .build())
        .build();
  }

  private static AdmissionResult evaluate(Pod pod) {
    return AdmissionHints.evaluate(
        pod, NS, Optional.empty(), RESOLVER, AdmissionSettings.defaults());
  }

  @Test
  void evaluate_matchedPod_getsAnnotationsResourceAndVSwitchZones() {
    AdmissionResult result = evaluate(pod(map("app", "web"), map(), "ReplicaSet"));
    assertEquals(Decision.PATCHED, result.decision());
    assertEquals("web", result.annotations().get(Annotations.POD_NETWORKING));
    assertEquals("true", result.annotations().get(Annotations.POD_ENI));
    assertEquals(
        "{\"podNetworks\":[{\"vSwitchOptions\":[\"vsw-a\",\"vsw-b\"],\"securityGroupIDs\":[\"sg-1\"],"
            + "\"interface\":\"eth0\",\"eniOptions\":{\"eniType\":\"Default\"},"
            + "\"vSwitchSelectOptions\":{\"vSwitchSelectionPolicy\":\"ordered\"},"
            + "\"allocationType\":{\"type\":\"Elastic\"}}]}",
        result.annotations().get(Annotations.POD_NETWORKS));
    assertEquals(Optional.of(new ExtendedResource("aliyun/member-eni", 1)), result.resource());
    // Zones of the vSwitches, sorted.
    assertEquals(
        List.of(new ZoneAffinity(Labels.ZONE, List.of("zone-a", "zone-b"))), result.zoneAffinity());
    assertTrue(result.resolution().isMatched());
  }

  @Test
  void evaluate_hostNetworkPod_isSkipped() {
    Pod pod =
        Pod.builder()
            .from(pod(map("app", "web"), map()))
            .spec(ImmutablePodSpec.builder().hostNetwork(true).build())
            .build();
    assertEquals(Decision.SKIPPED, evaluate(pod).decision());
  }

  @Test
  void evaluate_podLabelledIgnoreByTerway_isSkipped() {
    Pod pod = pod(map("app", "web", Labels.IGNORE_BY_TERWAY, "true"), map());
    assertEquals(Decision.SKIPPED, evaluate(pod).decision());
  }

  @Test
  void evaluate_twoNetworkAnnotations_isRejectedAsMutuallyExclusive() {
    Pod pod =
        pod(
            map("app", "web"),
            map(Annotations.POD_NETWORKING, "web", Annotations.POD_NETWORKS_REQUEST, "[]"));
    AdmissionResult result = evaluate(pod);
    assertEquals(Decision.REJECTED, result.decision());
    assertEquals(Optional.of(Rejection.MUTUALLY_EXCLUSIVE_ANNOTATIONS), result.rejection());
    assertTrue(result.message().contains("must be mutually exclusive"));
  }

  @Test
  void evaluate_unmatchedPod_isUnchangedUnlessCentralizedIpamOrPodEni() {
    Pod pod = pod(map("app", "other"), map(), "ReplicaSet");
    assertEquals(Decision.UNCHANGED, evaluate(pod).decision());
    AdmissionResult crd =
        AdmissionHints.evaluate(
            pod,
            NS,
            Optional.empty(),
            RESOLVER,
            AdmissionSettings.defaults()
                .withCentralizedIpam(true)
                .withEniConfigDefaults(List.of("vsw-d"), List.of("sg-d")));
    assertEquals(Decision.PATCHED, crd.decision());
    assertEquals(
        "{\"podNetworks\":[{\"interface\":\"eth0\",\"allocationType\":{\"type\":\"Elastic\"},"
            + "\"vSwitchOptions\":[\"vsw-d\"],\"securityGroupIDs\":[\"sg-d\"]}]}",
        crd.annotations().get(Annotations.POD_NETWORKS));
    assertEquals(List.of(), crd.zoneAffinity());
    Pod asking = pod(map("app", "other"), map(Annotations.POD_ENI, "true"), "ReplicaSet");
    assertEquals(Decision.PATCHED, evaluate(asking).decision());
  }

  @Test
  void evaluate_fixedPodWithExistingPodEni_isPinnedToItsPreviousZone() {
    Pod pod = pod(map("app", "db"), map(), "StatefulSet");
    PodEni previous =
        PodEni.builder()
            .metadata(ObjectMeta.named("ns", "p-0"))
            .spec(
                ImmutablePodEniSpec.builder()
                    .zone("zone-b")
                    .addAllocations(dev.terway4j.model.ImmutableAllocation.builder().build())
                    .build())
            .build();
    AdmissionResult result =
        AdmissionHints.evaluate(
            pod, NS, Optional.of(previous), RESOLVER, AdmissionSettings.defaults());
    assertEquals(Decision.PATCHED, result.decision());
    assertEquals(
        List.of(
            new ZoneAffinity(Labels.ZONE, List.of("zone-b")),
            new ZoneAffinity(Labels.ZONE, List.of("zone-a", "zone-b"))),
        result.zoneAffinity());
    // A PodENI being deleted gives no previous zone.
    PodEni deleting =
        PodEni.builder()
            .from(previous)
            .metadata(
                ObjectMeta.builder()
                    .from(previous.metadata())
                    .deletionTimestamp(Instant.EPOCH)
                    .build())
            .build();
    assertEquals(
        1,
        AdmissionHints.evaluate(
                pod, NS, Optional.of(deleting), RESOLVER, AdmissionSettings.defaults())
            .zoneAffinity()
            .size());
  }

  @Test
  void evaluate_elasticPodWithExistingPodEni_getsNoPreviousZone() {
    Pod pod = pod(map("app", "web"), map());
    PodEni previous =
        PodEni.builder()
            .metadata(ObjectMeta.named("ns", "p-0"))
            .spec(
                ImmutablePodEniSpec.builder()
                    .zone("zone-x")
                    .addAllocations(dev.terway4j.model.ImmutableAllocation.builder().build())
                    .build())
            .build();
    AdmissionResult result =
        AdmissionHints.evaluate(
            pod, NS, Optional.of(previous), RESOLVER, AdmissionSettings.defaults());
    assertEquals(
        List.of(new ZoneAffinity(Labels.ZONE, List.of("zone-a", "zone-b"))), result.zoneAffinity());
  }

  @Test
  void evaluate_daemonSetPod_getsNoZoneAffinity() {
    AdmissionResult result = evaluate(pod(map("app", "web"), map(), "DaemonSet"));
    assertEquals(Decision.PATCHED, result.decision());
    assertEquals(List.of(), result.zoneAffinity());
  }

  @Test
  void evaluate_userFixedNetworkForNonStatefulPod_isRejected() {
    String networks =
        "{\"podNetworks\":[{\"interface\":\"eth0\",\"vSwitchOptions\":[\"vsw-a\"],"
            + "\"securityGroupIDs\":[\"sg-1\"],\"allocationType\":{\"type\":\"Fixed\"}}]}";
    AdmissionResult result =
        evaluate(pod(map(), map(Annotations.POD_NETWORKS, networks), "ReplicaSet"));
    assertEquals(Optional.of(Rejection.FIXED_IP_NEEDS_FIXED_NAME_POD), result.rejection());
    assertEquals("fixed ip only support for fixed name pod", result.message());
    AdmissionResult stateful =
        evaluate(pod(map(), map(Annotations.POD_NETWORKS, networks), "StatefulSet"));
    assertEquals(Decision.PATCHED, stateful.decision());
  }

  @Test
  void evaluate_invalidPodNetworksJson_isRejected() {
    AdmissionResult result = evaluate(pod(map(), map(Annotations.POD_NETWORKS, "{not json")));
    assertEquals(Optional.of(Rejection.INVALID_ANNOTATION), result.rejection());
  }

  @Test
  void evaluate_elevenSecurityGroups_isRejected() {
    StringBuilder groups = new StringBuilder();
    for (int i = 0; i < 11; i++) {
      groups.append(i == 0 ? "" : ",").append("\"sg-").append(i).append('"');
    }
    String networks =
        "{\"podNetworks\":[{\"interface\":\"eth0\",\"securityGroupIDs\":[" + groups + "]}]}";
    AdmissionResult result = evaluate(pod(map(), map(Annotations.POD_NETWORKS, networks)));
    assertEquals(Optional.of(Rejection.TOO_MANY_SECURITY_GROUPS), result.rejection());
    assertEquals("security group can not more than 10", result.message());
  }

  @Test
  void evaluate_badInterfaceNames_areRejected() {
    String longName = "{\"podNetworks\":[{\"interface\":\"eth012\"}]}";
    assertEquals(
        Optional.of(Rejection.INVALID_INTERFACE),
        evaluate(pod(map(), map(Annotations.POD_NETWORKS, longName))).rejection());
    String twice = "{\"podNetworks\":[{\"interface\":\"eth1\"},{\"interface\":\"eth1\"}]}";
    assertEquals(
        Optional.of(Rejection.INVALID_INTERFACE),
        evaluate(pod(map(), map(Annotations.POD_NETWORKS, twice))).rejection());
  }

  @Test
  void evaluate_networksRequest_usesNamedPodNetworkingsAndExclusiveEniResource() {
    String request =
        "[{\"interfaceName\":\"eth0\",\"network\":\"named\",\"defaultRoute\":true,"
            + "\"routes\":[{\"dst\":\"10.0.0.0/8\"}]}]";
    AdmissionResult result =
        evaluate(pod(map(), map(Annotations.POD_NETWORKS_REQUEST, request), "ReplicaSet"));
    assertEquals(Decision.PATCHED, result.decision());
    assertEquals(Optional.of(new ExtendedResource("aliyun/eni", 1)), result.resource());
    String networks = result.annotations().get(Annotations.POD_NETWORKS);
    assertTrue(networks.contains("\"defaultRoute\":true"), networks);
    assertTrue(networks.contains("\"extraRoutes\":[{\"dst\":\"10.0.0.0/8\"}]"), networks);
    assertEquals(null, result.annotations().get(Annotations.POD_NETWORKING));
  }

  @Test
  void evaluate_networksRequestProblems_areTypedRejections() {
    assertEquals(
        Optional.of(Rejection.UNKNOWN_POD_NETWORKING),
        evaluate(pod(map(), map(Annotations.POD_NETWORKS_REQUEST, "[{\"network\":\"nope\"}]")))
            .rejection());
    assertEquals(
        Optional.of(Rejection.POD_NETWORKING_HAS_SELECTORS),
        evaluate(pod(map(), map(Annotations.POD_NETWORKS_REQUEST, "[{\"network\":\"web\"}]")))
            .rejection());
    assertEquals(
        Optional.of(Rejection.INVALID_ANNOTATION),
        evaluate(pod(map(), map(Annotations.POD_NETWORKS_REQUEST, "{}"))).rejection());
  }

  @Test
  void evaluate_ambiguousMatch_isRejectedOnlyWhenAsked() {
    PodNetworkingResolver two =
        PodNetworkingResolver.of(List.of(WEB, pn("web-2", labels("app", "web"), null)));
    Pod pod = pod(map("app", "web"), map());
    AdmissionResult lenient =
        AdmissionHints.evaluate(pod, NS, Optional.empty(), two, AdmissionSettings.defaults());
    assertEquals("web", lenient.annotations().get(Annotations.POD_NETWORKING));
    assertTrue(lenient.resolution().isAmbiguous());
    AdmissionResult strict =
        AdmissionHints.evaluate(
            pod, NS, Optional.empty(), two, AdmissionSettings.defaults().withRejectAmbiguous(true));
    assertEquals(Optional.of(Rejection.AMBIGUOUS_MATCH), strict.rejection());
  }

  @Test
  void evaluate_trunkingOffOrNoInjection_changesTheResource() {
    Pod pod = pod(map("app", "web"), map());
    assertEquals(
        Optional.of(new ExtendedResource("aliyun/eni", 1)),
        AdmissionHints.evaluate(
                pod,
                NS,
                Optional.empty(),
                RESOLVER,
                AdmissionSettings.defaults().withEnableTrunk(false))
            .resource());
    assertEquals(
        Optional.empty(),
        AdmissionHints.evaluate(
                pod,
                NS,
                Optional.empty(),
                RESOLVER,
                AdmissionSettings.defaults().withInjectResource(false))
            .resource());
  }
}
