package dev.terway4j.kubernetes;

import dev.terway4j.model.Allocation;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.Annotations;
import dev.terway4j.model.EniBindStatus;
import dev.terway4j.model.EniType;
import dev.terway4j.model.ImmutableAllocation;
import dev.terway4j.model.ImmutableEni;
import dev.terway4j.model.ImmutableEniInfo;
import dev.terway4j.model.ImmutableObjectMeta;
import dev.terway4j.model.ImmutablePodEni;
import dev.terway4j.model.ImmutablePodEniSpec;
import dev.terway4j.model.ImmutablePodEniStatus;
import dev.terway4j.model.Labels;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import dev.terway4j.model.Route;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** PodENI records for tests, and small helpers around the mock API server. */
final class PodEniFixtures {

  private PodEniFixtures() {}

  /** A Fixed (TTL) PodENI in phase Bind with every field the model has set. */
  static PodEni bound(String namespace, String name) {
    Allocation allocation =
        ImmutableAllocation.builder()
            .allocationType(AllocationType.fixedTtl(java.time.Duration.ofMinutes(10)))
            .eni(
                ImmutableEni.builder()
                    .id("eni-" + name)
                    .vpcID("vpc-t4j")
                    .mac("00:16:3e:00:00:01")
                    .zone("cn-hangzhou-h")
                    .vSwitchID("vsw-h1")
                    .resourceGroupID("rg-1")
                    .addSecurityGroupIDs("sg-web", "sg-db")
                    .build())
            .ipv4("10.0.1.7")
            .ipv6("2408:4005::7")
            .ipv4CIDR("10.0.1.0/24")
            .ipv6CIDR("2408:4005::/64")
            .interfaceName("eth0")
            .defaultRoute(true)
            .addExtraRoutes(Route.to("172.16.0.0/12"))
            .putExtraConfig("k", "v")
            .build();
    return ImmutablePodEni.builder()
        .metadata(
            ImmutableObjectMeta.builder()
                .namespace(namespace)
                .name(name)
                .addFinalizers(Annotations.POD_ENI_FINALIZER)
                .putLabels(Labels.NODE, "node1")
                .putAnnotations(Annotations.POD_UID, "uid-" + name)
                .build())
        .spec(
            ImmutablePodEniSpec.builder().addAllocations(allocation).zone("cn-hangzhou-h").build())
        .status(
            ImmutablePodEniStatus.builder()
                .phase(PodEniPhase.BIND)
                .instanceID("i-node1")
                .trunkENIID("eni-trunk1")
                .podLastSeen(Instant.parse("2025-01-01T00:00:00Z"))
                .putEniInfos(
                    "eni-" + name,
                    ImmutableEniInfo.builder()
                        .id("eni-" + name)
                        .type(EniType.MEMBER)
                        .vid(7)
                        .status(EniBindStatus.BIND)
                        .build())
                .build())
        .build();
  }

  /** Returns the record with another phase. */
  static PodEni withPhase(PodEni record, PodEniPhase phase) {
    return ImmutablePodEni.copyOf(record)
        .withStatus(ImmutablePodEniStatus.copyOf(record.status().get()).withPhase(phase));
  }

  /** Returns the record with a label set. */
  static PodEni withLabel(PodEni record, String key, String value) {
    return ImmutablePodEni.copyOf(record)
        .withMetadata(
            ImmutableObjectMeta.copyOf(record.metadata())
                .withLabels(
                    com.google.common.collect.ImmutableMap.<String, String>builder()
                        .putAll(record.metadata().labels())
                        .put(key, value)
                        .buildKeepingLast()));
  }

  /** Returns the record without what the API server assigns (uid, version, timestamps). */
  static PodEni withoutServerFields(PodEni record) {
    return ImmutablePodEni.copyOf(record)
        .withMetadata(
            ImmutableObjectMeta.copyOf(record.metadata())
                .withUid("")
                .withResourceVersion("")
                .withCreationTimestamp(java.util.Optional.empty())
                .withGeneration(java.util.Optional.empty()));
  }

  /** Installs the CRDs into the mock server. */
  static void installCrds(KubernetesClient client) {
    KubernetesCrds.install(client);
  }

  /** Waits until a condition holds, polling; fails after the timeout. */
  static void await(String what, long timeoutMillis, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeoutMillis + " ms waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
