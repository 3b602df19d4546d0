package dev.terway4j.allocator;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.terway4j.allocator.internal.Instants;
import dev.terway4j.cloud.spi.CloudException;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.NotFoundException;
import dev.terway4j.cloud.spi.VSwitch;
import dev.terway4j.model.VSwitchSelectionPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The vSwitch facts the allocator needs (zone, CIDRs, free IPv4 addresses), cached, and the
 * selection of a pod's vSwitch among its PodNetworking's options (docs/behaviour.md, "vSwitch
 * selection", which lists where it differs from Terway).
 *
 * <ul>
 *   <li>A fact is described once ({@code DescribeVSwitches}) and kept for a TTL (default 20 min);
 *       concurrent lookups of the same vSwitch share one call in flight. Failed lookups are not
 *       cached.
 *   <li>The free count is decremented by {@link #allocated} and incremented by {@link #released}
 *       between refreshes, so {@code most} spreads load; {@link #block} sets it to zero until the
 *       next refresh (after {@code InvalidVSwitchId.IpNotEnough} or {@code
 *       QuotaExceeded.PrivateIpAddress}).
 *   <li>{@link #select}: only vSwitches in the node's zone with free addresses are eligible; {@code
 *       ordered} keeps the listed order, {@code most} sorts by free count (descending, ties in list
 *       order), {@code random} shuffles with a seeded source.
 * </ul>
 *
 * <p>Thread-safe: facts live in concurrent maps, counts are atomic, the random source is locked.
 */
public final class VSwitchPool {

  /** The default time a vSwitch fact is kept, as Terway's controlplane {@code vSwitchCacheTTL}. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(20);

  private final CloudProvider cloud;
  private final Clock clock;
  private final Duration ttl;
  private final Random random;
  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, CompletableFuture<Entry>> inFlight =
      new ConcurrentHashMap<>();

  private static final class Entry {
    final VSwitch vSwitch;
    final Instant describedAt;
    final Instant expiresAt;
    final AtomicLong free;
    volatile boolean blocked;

    Entry(VSwitch vSwitch, Instant describedAt, Instant expiresAt) {
      this.vSwitch = vSwitch;
      this.describedAt = describedAt;
      this.expiresAt = expiresAt;
      this.free = new AtomicLong(vSwitch.availableIpAddressCount());
    }
  }

  /**
   * The outcome of {@link #select}: the eligible vSwitches in the order to try them, and why each
   * of the others was left out.
   *
   * @param candidates the vSwitches to try, best first
   * @param rejected vSwitch id to the reason it was left out, in list order
   */
  public record Selection(List<VSwitch> candidates, Map<String, String> rejected) {
    /** Copies the values. */
    public Selection {
      candidates = ImmutableList.copyOf(candidates);
      rejected = ImmutableMap.copyOf(rejected);
    }
  }

  private VSwitchPool(CloudProvider cloud, Clock clock, Duration ttl, long seed) {
    this.cloud = checkNotNull(cloud, "cloud");
    this.clock = checkNotNull(clock, "clock");
    checkNotNull(ttl, "ttl");
    checkArgument(!ttl.isNegative() && !ttl.isZero(), "ttl must be positive: %s", ttl);
    this.ttl = ttl;
    this.random = new Random(seed);
  }

  /**
   * Creates a pool.
   *
   * @param cloud where facts come from; pass one with rate limits and retries
   * @param clock the clock the TTL is measured on
   * @param ttl how long a fact is kept, positive
   * @param seed the seed of the {@code random} policy
   * @return the pool
   */
  public static VSwitchPool create(CloudProvider cloud, Clock clock, Duration ttl, long seed) {
    return new VSwitchPool(cloud, clock, ttl, seed);
  }

  /**
   * Returns a vSwitch's facts, from the cache or described now. The free count is the cache's.
   *
   * @param vSwitchId the vSwitch
   * @return its facts
   * @throws NotFoundException if it does not exist
   * @throws CloudException if describing it failed
   */
  public VSwitch get(String vSwitchId) {
    Entry entry = entry(vSwitchId);
    return withFree(entry);
  }

  private static VSwitch withFree(Entry entry) {
    VSwitch v = entry.vSwitch;
    long free = entry.blocked ? 0 : Math.max(0, entry.free.get());
    return free == v.availableIpAddressCount()
        ? v
        : new VSwitch(v.id(), v.vpcId(), v.zoneId(), v.ipv4CidrBlock(), v.ipv6CidrBlock(), free);
  }

  private Entry entry(String vSwitchId) {
    checkNotNull(vSwitchId, "vSwitchId");
    Entry entry = entries.get(vSwitchId);
    Instant now = clock.instant();
    // An entry described "in the future" (the clock jumped forward and came back) is stale too:
    // otherwise it, and a block on it, would last until the clock caught up.
    if (entry != null && now.isBefore(entry.expiresAt) && !now.isBefore(entry.describedAt)) {
      return entry;
    }
    CompletableFuture<Entry> mine = new CompletableFuture<>();
    CompletableFuture<Entry> running = inFlight.putIfAbsent(vSwitchId, mine);
    if (running != null) {
      try {
        return running.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    try {
      VSwitch described = cloud.describeVSwitch(vSwitchId);
      Instant at = clock.instant();
      Entry fresh = new Entry(described, at, Instants.plusSaturating(at, ttl));
      entries.put(vSwitchId, fresh);
      mine.complete(fresh);
      return fresh;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(vSwitchId, mine);
    }
  }

  /**
   * Returns the cached free count of a vSwitch, without describing it.
   *
   * @param vSwitchId the vSwitch
   * @return the count, or empty if not cached
   */
  public OptionalLong cachedFreeCount(String vSwitchId) {
    Entry entry = entries.get(checkNotNull(vSwitchId, "vSwitchId"));
    return entry == null
        ? OptionalLong.empty()
        : OptionalLong.of(withFree(entry).availableIpAddressCount());
  }

  /**
   * Returns a vSwitch's cached facts, with the cache's free count, without describing it (a fact
   * past its TTL is still returned: it is what the next selection would refresh).
   *
   * @param vSwitchId the vSwitch
   * @return its facts, or empty if not cached
   */
  public Optional<VSwitch> cached(String vSwitchId) {
    Entry entry = entries.get(checkNotNull(vSwitchId, "vSwitchId"));
    return entry == null ? Optional.empty() : Optional.of(withFree(entry));
  }

  /**
   * Orders the vSwitches a pod on a node of {@code zone} may get an address from.
   *
   * @param zone the node's zone
   * @param vSwitchIds the PodNetworking's {@code vSwitchOptions}
   * @param policy the selection policy
   * @return the candidates and the reasons of the others
   */
  public Selection select(String zone, List<String> vSwitchIds, VSwitchSelectionPolicy policy) {
    checkNotNull(zone, "zone");
    checkNotNull(vSwitchIds, "vSwitchIds");
    checkNotNull(policy, "policy");
    List<String> order = new ArrayList<>(new java.util.LinkedHashSet<>(vSwitchIds));
    if (policy == VSwitchSelectionPolicy.RANDOM) {
      synchronized (random) {
        Collections.shuffle(order, random);
      }
    }
    List<VSwitch> eligible = new ArrayList<>();
    Map<String, String> rejected = new LinkedHashMap<>();
    for (String id : order) {
      VSwitch v;
      try {
        v = get(id);
      } catch (NotFoundException e) {
        rejected.put(id, "not found");
        continue;
      } catch (CloudException e) {
        rejected.put(id, "describe failed: " + e.getMessage());
        continue;
      }
      if (!v.zoneId().equals(zone)) {
        rejected.put(id, "in zone " + v.zoneId() + ", not " + zone);
      } else if (v.availableIpAddressCount() <= 0) {
        Entry e = entries.get(id);
        rejected.put(
            id,
            e != null && e.blocked
                ? "no IP left (blocked after IpNotEnough until " + e.expiresAt + ")"
                : "no IP left");
      } else {
        eligible.add(v);
      }
    }
    if (policy == VSwitchSelectionPolicy.MOST) {
      // List.sort is stable: ties keep the listed order.
      eligible.sort(Comparator.comparingLong(VSwitch::availableIpAddressCount).reversed());
    }
    return new Selection(eligible, rejected);
  }

  /**
   * Marks a vSwitch as having no free address until its next refresh.
   *
   * @param vSwitchId the vSwitch
   */
  public void block(String vSwitchId) {
    Entry entry = entries.get(checkNotNull(vSwitchId, "vSwitchId"));
    if (entry != null) {
      entry.blocked = true;
    }
  }

  /**
   * Counts one address taken from a vSwitch.
   *
   * @param vSwitchId the vSwitch
   */
  public void allocated(String vSwitchId) {
    Entry entry = entries.get(checkNotNull(vSwitchId, "vSwitchId"));
    if (entry != null) {
      entry.free.decrementAndGet();
    }
  }

  /**
   * Counts one address given back to a vSwitch.
   *
   * @param vSwitchId the vSwitch
   */
  public void released(String vSwitchId) {
    Entry entry = entries.get(checkNotNull(vSwitchId, "vSwitchId"));
    if (entry != null) {
      entry.free.incrementAndGet();
    }
  }

  /** Forgets every cached fact. */
  public void invalidateAll() {
    entries.clear();
  }
}
