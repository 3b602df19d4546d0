package dev.terway4j.allocator;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.cloud.spi.CloudException;
import dev.terway4j.cloud.spi.NotFoundException;
import dev.terway4j.cloud.spi.VSwitch;
import dev.terway4j.model.ImmutablePodNetworking;
import dev.terway4j.model.ImmutablePodNetworkingStatus;
import dev.terway4j.model.NetworkingStatus;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.PodNetworkingStatus;
import dev.terway4j.model.VSwitchZone;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Computes a PodNetworking's status as Terway's pod-networking controller does (docs/behaviour.md,
 * "PodNetworking status"): each vSwitch of {@code spec.vSwitchOptions} is looked up through the
 * (cached) {@link VSwitchPool}; if all exist the status is {@code Ready} with {@code vSwitches[{id,
 * zone}]} in spec order, else {@code Fail} with a message naming each vSwitch that could not be
 * found. A vSwitch with no free address still counts (only existence and zone are checked).
 *
 * <p>Only Ready PodNetworkings take part in resolution, so this is what makes a freshly written one
 * usable. A status is re-computed when there is none, when the set of vSwitches changed, or {@link
 * #RETRY_AFTER} after a failure.
 *
 * <p>Stateless apart from the pool; thread-safe.
 */
public final class PodNetworkingReconciler {

  /** How long after a failure the status is computed again, as Terway's requeue. */
  public static final Duration RETRY_AFTER = Duration.ofSeconds(30);

  private final VSwitchPool vSwitches;

  /**
   * Creates a reconciler.
   *
   * @param vSwitches where vSwitch facts come from (e.g. {@link TrunkAllocator#vSwitchPool()})
   */
  public PodNetworkingReconciler(VSwitchPool vSwitches) {
    this.vSwitches = checkNotNull(vSwitches, "vSwitches");
  }

  /**
   * Returns whether a PodNetworking's status must be computed (again): it has none, the set of
   * {@code spec.vSwitchOptions} differs from that of {@code status.vSwitches}, or it is {@code
   * Fail} and {@link #RETRY_AFTER} has passed since {@code updateAt}.
   *
   * @param podNetworking the PodNetworking
   * @param now the current time
   * @return {@code true} if {@link #reconcile} would write a new status
   */
  public boolean needsSync(PodNetworking podNetworking, Instant now) {
    checkNotNull(podNetworking, "podNetworking");
    checkNotNull(now, "now");
    Optional<PodNetworkingStatus> status = podNetworking.status();
    if (status.isEmpty() || status.get().status().isEmpty()) {
      return true;
    }
    if (status.get().status().get() == NetworkingStatus.FAIL) {
      Instant at = status.get().updateAt().orElse(Instant.EPOCH);
      return !now.isBefore(at.plus(RETRY_AFTER));
    }
    Set<String> spec = new HashSet<>(podNetworking.spec().vSwitchOptions());
    Set<String> seen = new HashSet<>();
    status.get().vSwitches().forEach(v -> seen.add(v.id()));
    return !spec.equals(seen);
  }

  /**
   * Computes the status now, whatever {@link #needsSync} says.
   *
   * @param podNetworking the PodNetworking
   * @param now the time written as {@code updateAt}
   * @return its new status
   */
  public PodNetworkingStatus computeStatus(PodNetworking podNetworking, Instant now) {
    checkNotNull(podNetworking, "podNetworking");
    checkNotNull(now, "now");
    List<VSwitchZone> zones = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (String id : podNetworking.spec().vSwitchOptions()) {
      try {
        VSwitch v = vSwitches.get(id);
        zones.add(VSwitchZone.of(v.id(), v.zoneId()));
      } catch (NotFoundException e) {
        problems.add("vSwitch " + id + " not found");
      } catch (CloudException | IllegalArgumentException e) {
        problems.add("vSwitch " + id + ": " + e.getMessage());
      }
    }
    if (podNetworking.spec().vSwitchOptions().isEmpty()) {
      problems.add("vSwitchOptions is not set");
    }
    ImmutablePodNetworkingStatus.Builder status =
        ImmutablePodNetworkingStatus.builder().updateAt(now);
    if (problems.isEmpty()) {
      return status.status(NetworkingStatus.READY).vSwitches(zones).message("").build();
    }
    return status.status(NetworkingStatus.FAIL).message(String.join("; ", problems)).build();
  }

  /**
   * Returns the PodNetworking with a fresh status if it needs one, as the controller would write
   * it.
   *
   * @param podNetworking the PodNetworking
   * @param now the current time
   * @return the updated PodNetworking, or empty if its status is current
   */
  public Optional<PodNetworking> reconcile(PodNetworking podNetworking, Instant now) {
    if (!needsSync(podNetworking, now)) {
      return Optional.empty();
    }
    return Optional.of(
        ImmutablePodNetworking.copyOf(podNetworking).withStatus(computeStatus(podNetworking, now)));
  }
}
