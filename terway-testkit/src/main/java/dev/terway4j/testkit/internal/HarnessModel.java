package dev.terway4j.testkit.internal;

import dev.terway4j.model.AllocationType;
import dev.terway4j.model.IpAllocationType;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.ReleaseStrategy;
import dev.terway4j.testkit.CloudScenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The harness's reference model: which pods exist, and what each Fixed pod was given. Not
 * thread-safe; one per try.
 */
public final class HarnessModel {
  /** The app label of pods that no PodNetworking selects. */
  public static final String STRAY_APP = "stray";

  /** Whether the setup step ran. */
  boolean ready;

  CloudScenario scenario;
  List<PodNetworking> podNetworkings = List.of();

  /** Every pod name a sequence may use, {@code <app>-<n>}. */
  final List<String> podNames = new ArrayList<>();

  /** The pods that exist now. */
  final Set<String> live = new TreeSet<>();

  /** A Fixed pod's address, learned when its record was first seen bound. */
  record FixedIp(String ip, Optional<Duration> ttl) {}

  final Map<String, FixedIp> fixedIps = new HashMap<>();

  /** The last time each Fixed pod was seen live with a bound record, after a step. */
  final Map<String, Instant> lastBoundLive = new HashMap<>();

  void setUp(CloudScenario scenario, List<PodNetworking> podNetworkings) {
    this.scenario = scenario;
    this.podNetworkings = List.copyOf(podNetworkings);
    for (PodNetworking pn : podNetworkings) {
      int count = pn.spec().allocationType().type() == IpAllocationType.FIXED ? 2 : 3;
      for (int i = 0; i < count; i++) {
        podNames.add(pn.metadata().name() + "-" + i);
      }
    }
    podNames.add(STRAY_APP + "-0");
    ready = true;
  }

  /**
   * Returns the app of a pod name.
   *
   * @param pod the pod name
   * @return the app label value
   */
  static String app(String pod) {
    return pod.substring(0, pod.lastIndexOf('-'));
  }

  /** Returns the PodNetworking that selects a pod, if any. */
  Optional<PodNetworking> podNetworking(String pod) {
    String app = app(pod);
    return podNetworkings.stream().filter(pn -> pn.metadata().name().equals(app)).findFirst();
  }

  /** Returns whether a pod's PodNetworking is Fixed. */
  boolean fixed(String pod) {
    return podNetworking(pod)
        .map(pn -> pn.spec().allocationType().type() == IpAllocationType.FIXED)
        .orElse(false);
  }

  /** Returns the TTL of a Fixed allocation type; empty for Never (or no strategy). */
  static Optional<Duration> ttl(AllocationType type) {
    if (type.releaseStrategy().orElse(null) != ReleaseStrategy.TTL) {
      return Optional.empty();
    }
    try {
      return type.releaseAfterDuration();
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "HarnessModel{live=" + live + ", fixedIps=" + fixedIps + "}";
  }
}
