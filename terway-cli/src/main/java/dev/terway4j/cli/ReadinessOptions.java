package dev.terway4j.cli;

import dev.terway4j.model.NetworkingStatus;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.PodNetworkingStatus;
import dev.terway4j.model.VSwitchZone;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How {@code explain} and {@code overlaps} treat PodNetworkings kept in Git, which have no status:
 * both commands take these options and apply them the same way, so that they agree. A picocli
 * mixin.
 *
 * <p>Terway marks a PodNetworking Ready once it has found the zone of each of its vSwitches, and
 * only Ready PodNetworkings match pods. By default ({@code --assume-ready}), a PodNetworking
 * without a status is taken as Ready, its status listing those of its vSwitches whose zone a {@code
 * --vswitch-zone} gives (the zone affinity the webhook would add comes from them); {@code
 * --no-assume-ready} takes it as not Ready, as Terway does before its first sync. A PodNetworking
 * with a status is taken as it is.
 */
final class ReadinessOptions {

  @Option(
      names = "--assume-ready",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Take PodNetworkings without a status (as kept in Git) as Ready, with the zones that"
              + " --vswitch-zone gives their vSwitches (default); --no-assume-ready takes them as"
              + " not Ready.")
  boolean assumeReady = true;

  @Option(
      names = "--vswitch-zone",
      paramLabel = "VSW=ZONE",
      description =
          "The zone of a vSwitch, for PodNetworkings without a status (repeatable), e.g."
              + " vsw-bp1000001=cn-hangzhou-h.")
  Map<String, String> vSwitchZones = new LinkedHashMap<>();

  /** Returns the PodNetworkings as the commands see them: Ready when assumed so. */
  List<PodNetworking> apply(List<PodNetworking> podNetworkings) {
    if (!assumeReady) {
      return podNetworkings;
    }
    List<PodNetworking> out = new ArrayList<>(podNetworkings.size());
    for (PodNetworking pn : podNetworkings) {
      if (pn.status().isPresent()) {
        out.add(pn);
        continue;
      }
      List<VSwitchZone> zones = new ArrayList<>();
      for (String vSwitch : pn.spec().vSwitchOptions()) {
        String zone = vSwitchZones.get(vSwitch);
        if (zone != null && !zone.isEmpty()) {
          zones.add(VSwitchZone.of(vSwitch, zone));
        }
      }
      out.add(
          PodNetworking.builder()
              .from(pn)
              .status(
                  PodNetworkingStatus.builder()
                      .status(NetworkingStatus.READY)
                      .vSwitches(zones)
                      .build())
              .build());
    }
    return out;
  }

  /** Returns the names of the PodNetworkings that are not Ready, sorted. */
  static List<String> notReady(List<PodNetworking> podNetworkings) {
    return podNetworkings.stream()
        .filter(pn -> !pn.ready())
        .map(pn -> pn.metadata().name())
        .sorted()
        .toList();
  }

  /** Returns how readiness was treated, for the output. */
  String describe() {
    return assumeReady
        ? "PodNetworkings without a status assumed Ready"
            + (vSwitchZones.isEmpty() ? " (no vSwitch zone given)" : " (zones from --vswitch-zone)")
        : "status as given: PodNetworkings without a status are not Ready";
  }
}
