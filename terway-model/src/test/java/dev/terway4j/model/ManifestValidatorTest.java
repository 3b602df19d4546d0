package dev.terway4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per rule of docs/behaviour.md "Validation", plus the PodENI checks. */
class ManifestValidatorTest {

  private static final PodNetworking VALID =
      PodNetworking.builder()
          .metadata(ObjectMeta.named("web"))
          .spec(
              ImmutablePodNetworkingSpec.builder()
                  .allocationType(AllocationType.fixedTtl(Duration.ofHours(1)))
                  .selector(
                      ImmutablePodNetworkingSelector.builder()
                          .podSelector(LabelSelector.matchLabels(java.util.Map.of("app", "web")))
                          .build())
                  .addSecurityGroupIDs("sg-bp1a")
                  .addVSwitchOptions("vsw-bp1a", "vsw-bp1b")
                  .build())
          .build();

  private static ImmutablePodNetworking with(UnaryOperator<ImmutablePodNetworkingSpec> change) {
    ImmutablePodNetworking pn = ImmutablePodNetworking.copyOf(VALID);
    return pn.withSpec(change.apply(ImmutablePodNetworkingSpec.copyOf(pn.spec())));
  }

  private static PodNetworking fixed(ReleaseStrategy strategy, String releaseAfter) {
    return with(
        s -> s.withAllocationType(allocation(IpAllocationType.FIXED, strategy, releaseAfter)));
  }

  private static PodNetworking podSelector(LabelSelector selector) {
    return with(
        s ->
            s.withSelector(ImmutablePodNetworkingSelector.builder().podSelector(selector).build()));
  }

  private static PodNetworking namespaceSelector(LabelSelector selector) {
    return with(
        s ->
            s.withSelector(
                ImmutablePodNetworkingSelector.builder().namespaceSelector(selector).build()));
  }

  private static AllocationType allocation(
      IpAllocationType type, ReleaseStrategy strategy, String after) {
    return ImmutableAllocationType.builder()
        .type(type)
        .releaseStrategy(java.util.Optional.ofNullable(strategy))
        .releaseAfter(after)
        .build();
  }

  static Stream<Arguments> podNetworkingRules() {
    return Stream.of(
        Arguments.of(
            "no security group",
            with(s -> s.withSecurityGroupIDs(List.of())),
            "spec.securityGroupIDs",
            "at least one security group"),
        Arguments.of(
            "six security groups over the guide's five",
            with(
                s ->
                    s.withSecurityGroupIDs(
                        List.of("sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6"))),
            "spec.securityGroupIDs",
            "at most 5 security groups"),
        Arguments.of(
            "security group without sg- prefix",
            with(s -> s.withSecurityGroupIDs(List.of("sg-1", "group1"))),
            "spec.securityGroupIDs[1]",
            "is not a security group id"),
        Arguments.of(
            "no vSwitch",
            with(s -> s.withVSwitchOptions(List.of())),
            "spec.vSwitchOptions",
            "at least one vSwitch"),
        Arguments.of(
            "vSwitch with a space",
            with(s -> s.withVSwitchOptions(List.of("vsw-a b"))),
            "spec.vSwitchOptions[0]",
            "only 1 to 64 letters, digits"),
        Arguments.of(
            "TTL below five minutes",
            fixed(ReleaseStrategy.TTL, "4m59s"),
            "spec.allocationType.releaseAfter",
            "shorter than the minimum 5m0s"),
        Arguments.of(
            "TTL not a Go duration",
            fixed(ReleaseStrategy.TTL, "1 hour"),
            "spec.allocationType.releaseAfter",
            "time: unknown unit"),
        Arguments.of(
            "TTL negative",
            fixed(ReleaseStrategy.TTL, "-10m"),
            "spec.allocationType.releaseAfter",
            "is negative"),
        Arguments.of(
            "TTL without releaseAfter",
            fixed(ReleaseStrategy.TTL, ""),
            "spec.allocationType.releaseAfter",
            "required when releaseStrategy is TTL"),
        Arguments.of(
            "Never with releaseAfter",
            fixed(ReleaseStrategy.NEVER, "1h"),
            "spec.allocationType.releaseAfter",
            "must be empty when releaseStrategy is Never"),
        Arguments.of(
            "invalid label key",
            podSelector(LabelSelector.matchLabels(java.util.Map.of("-app", "x"))),
            "spec.selector.podSelector.matchLabels[-app]",
            "invalid key \"-app\""),
        Arguments.of(
            "label value over 63 characters",
            namespaceSelector(
                LabelSelector.matchLabels(
                    java.util.Map.of("app", String.join("", Collections.nCopies(64, "a"))))),
            "spec.selector.namespaceSelector.matchLabels[app]",
            "no more than 63 characters"),
        Arguments.of(
            "In without values",
            podSelector(
                LabelSelector.builder()
                    .addMatchExpressions(
                        LabelSelectorRequirement.of("tier", LabelSelectorOperator.IN))
                    .build()),
            "spec.selector.podSelector.matchExpressions[0].values",
            "must be specified when operator is In"),
        Arguments.of(
            "Exists with values",
            podSelector(
                LabelSelector.builder()
                    .addMatchExpressions(
                        LabelSelectorRequirement.of("tier", LabelSelectorOperator.EXISTS, "x"))
                    .build()),
            "spec.selector.podSelector.matchExpressions[0].values",
            "may not be specified when operator is Exists"),
        Arguments.of(
            "prefix not a DNS subdomain",
            podSelector(
                LabelSelector.builder()
                    .addMatchExpressions(
                        LabelSelectorRequirement.of(
                            "Example.com/tier", LabelSelectorOperator.EXISTS))
                    .build()),
            "spec.selector.podSelector.matchExpressions[0].key",
            "prefix part a lowercase RFC 1123 subdomain"),
        Arguments.of(
            "no name",
            ImmutablePodNetworking.copyOf(VALID).withMetadata(ObjectMeta.named("")),
            "metadata.name",
            "a name is required"),
        Arguments.of(
            "name not a DNS subdomain",
            ImmutablePodNetworking.copyOf(VALID).withMetadata(ObjectMeta.named("Web_1")),
            "metadata.name",
            "invalid name \"Web_1\""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("podNetworkingRules")
  void validate_podNetworkingRule_reportsErrorAtPath(
      String rule, PodNetworking pn, String path, String message) {
    ValidationResult result = ManifestValidator.defaults().validate(pn);

    assertEquals(1, result.errors().size(), result.errors().toString());
    Violation error = result.errors().get(0);
    assertEquals(path, error.path());
    assertTrue(error.message().contains(message), error.message());
  }

  @Test
  void validate_validPodNetworking_hasNoViolation() {
    ValidationResult result = ManifestValidator.defaults().validate(VALID);
    assertTrue(result.valid());
    assertEquals(List.of(), result.warnings());
  }

  @Test
  void validate_terwayCompatiblePolicy_acceptsTenSecurityGroupsAndShortTtl() {
    PodNetworking pn =
        with(
            s ->
                s.withSecurityGroupIDs(
                        List.of(
                            "sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6", "sg-7", "sg-8", "sg-9",
                            "sg-10"))
                    .withAllocationType(
                        allocation(IpAllocationType.FIXED, ReleaseStrategy.TTL, "1m")));
    assertTrue(ManifestValidator.of(ValidationPolicy.TERWAY_COMPATIBLE).validate(pn).valid());
    assertEquals(2, ManifestValidator.defaults().validate(pn).errors().size());
    PodNetworking eleven =
        with(
            s ->
                s.withSecurityGroupIDs(
                    List.of(
                        "sg-1", "sg-2", "sg-3", "sg-4", "sg-5", "sg-6", "sg-7", "sg-8", "sg-9",
                        "sg-10", "sg-11")));
    assertEquals(
        "at most 10 security groups are allowed but 11 are set",
        ManifestValidator.of(ValidationPolicy.TERWAY_COMPATIBLE)
            .validate(eleven)
            .errors()
            .get(0)
            .message());
  }

  @Test
  void validate_warnings_areApartFromErrors() {
    PodNetworking elastic =
        with(
            s ->
                s.withAllocationType(
                        allocation(IpAllocationType.ELASTIC, ReleaseStrategy.TTL, "1h"))
                    .withSelector(ImmutablePodNetworkingSelector.builder().build()));
    ValidationResult result = ManifestValidator.defaults().validate(elastic);
    assertTrue(result.valid());
    assertEquals(
        List.of(
            "spec.allocationType.releaseStrategy",
            "spec.allocationType.releaseAfter",
            "spec.selector"),
        result.warnings().stream().map(Violation::path).toList());
  }

  @Test
  void validate_fixedWithoutStrategy_warnsTreatedAsNever() {
    PodNetworking pn =
        with(s -> s.withAllocationType(allocation(IpAllocationType.FIXED, null, "")));
    ValidationResult result = ManifestValidator.defaults().validate(pn);
    assertTrue(result.valid());
    assertTrue(result.warnings().get(0).message().contains("as releaseStrategy Never"));
  }

  @Test
  void validate_manyProblems_areReportedAllAtOnce() {
    PodNetworking pn =
        ImmutablePodNetworking.copyOf(
                with(
                    s ->
                        s.withSecurityGroupIDs(List.of("x"))
                            .withVSwitchOptions(List.of())
                            .withAllocationType(
                                allocation(IpAllocationType.FIXED, ReleaseStrategy.TTL, "soon"))))
            .withMetadata(ObjectMeta.named(""));
    ValidationException e =
        assertThrows(
            ValidationException.class,
            () -> ManifestValidator.defaults().validate(pn).throwIfInvalid());
    assertEquals(
        List.of(
            "metadata.name",
            "spec.securityGroupIDs[0]",
            "spec.vSwitchOptions",
            "spec.allocationType.releaseAfter"),
        e.errors().stream().map(Violation::path).toList());
    assertTrue(e.getMessage().startsWith("PodNetworking/<unnamed> is invalid:"), e.getMessage());
  }

  @Test
  void validate_guideSamples_areValidAsTheGuideSays() {
    ManifestValidator validator = ManifestValidator.defaults();
    for (String resource :
        List.of(
            "guide/podnetworking-example.yaml",
            "guide/podeni-example-filled.yaml",
            "guide/namespace-example.yaml",
            "guide/statefulset-pod.yaml")) {
      for (KubernetesObject object : Manifests.read(Resources.text(resource))) {
        ValidationResult result = validator.validate(object);
        assertTrue(result.valid(), resource + ": " + result);
        assertEquals(List.of(), result.warnings(), resource);
      }
    }
  }

  @Test
  void validate_podEni_reportsEachBadField() {
    PodEni eni =
        PodEni.builder()
            .metadata(ObjectMeta.named("ns", "p"))
            .spec(
                ImmutablePodEniSpec.builder()
                    .addAllocations(
                        ImmutableAllocation.builder()
                            .eni(
                                ImmutableEni.builder()
                                    .id("eni-1")
                                    .mac("00:16:3e")
                                    .vSwitchID("sw-1")
                                    .addSecurityGroupIDs("sg-1")
                                    .build())
                            .ipv4("192.168.0.300")
                            .ipv4CIDR("192.168.0.0/33")
                            .ipv6("10.0.0.1")
                            .interfaceName("eth100")
                            .build(),
                        ImmutableAllocation.builder()
                            .eni(ImmutableEni.builder().build())
                            .interfaceName("eth0")
                            .build())
                    .build())
            .status(
                ImmutablePodEniStatus.builder()
                    .phase(PodEniPhase.BIND)
                    .instanceID("i-1")
                    .trunkENIID("trunk")
                    .putEniInfos("eni-1", ImmutableEniInfo.builder().id("eni-2").vid(5000).build())
                    .build())
            .build();
    List<String> paths =
        ManifestValidator.defaults().validate(eni).errors().stream().map(Violation::path).toList();
    assertEquals(
        List.of(
            "spec.allocations[0].eni.vSwitchID",
            "spec.allocations[0].eni.mac",
            "spec.allocations[0].ipv4",
            "spec.allocations[0].ipv6",
            "spec.allocations[0].ipv4CIDR",
            "spec.allocations[0].interface",
            "spec.allocations[1].eni.id",
            "status.trunkENIID",
            "status.eniInfos[eni-1].id",
            "status.eniInfos[eni-1].vid"),
        paths);
  }
}
