package dev.terway4j.allocator.micrometer;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.allocator.AllocatorMetrics;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.model.PodEniPhase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@link AllocatorMetrics} in a Micrometer {@link MeterRegistry}. Pass one to {@link
 * dev.terway4j.allocator.TrunkAllocator.Builder#metrics}.
 *
 * <p>Meters:
 *
 * <ul>
 *   <li>{@value #CLOUD_CALLS}, counter, tags {@code api} and {@code outcome}: cloud calls, each
 *       attempt of a retried call counted;
 *   <li>{@value #CLOUD_CALL_LATENCY}, timer, tags {@code api} and {@code outcome}: how long they
 *       took, on the allocator's clock;
 *   <li>{@value #RATE_LIMITER_WAIT}, timer, tag {@code api}: time the client-side rate limiter held
 *       a call back;
 *   <li>{@value #POD_ENIS}, gauge, tag {@code phase}: PodENIs per phase, as of the allocator's last
 *       release check.
 * </ul>
 *
 * <p>{@code api} is the cloud API's name ({@code CreateNetworkInterface}); {@code outcome} is
 * {@code success}, the error code of a failure ({@code Throttling}, {@code
 * InvalidVSwitchId.IpNotEnough}) or its kind ({@code outcome-unknown}, {@code client-error}). At
 * most {@value #MAX_OUTCOMES_PER_API} outcomes are kept per API and any further one is counted as
 * {@value #OTHER_OUTCOME}, so that a cloud returning ever new codes cannot grow the registry
 * without bound. {@code phase} is the PodENI phase as Terway writes it ({@code Bind}, {@code
 * Unbind}, ...), {@code Initial} for the phase written as the empty string. The rate-limiter timers
 * and the phase gauges exist from the start, at zero, so dashboards show every API and phase.
 *
 * <p>Thread-safe and quick: the meters are looked up once and then kept.
 */
public final class MicrometerAllocatorMetrics implements AllocatorMetrics {

  /** The name of the counter of cloud calls. */
  public static final String CLOUD_CALLS = "terway.allocator.cloud.calls";

  /** The name of the timer of cloud call latencies. */
  public static final String CLOUD_CALL_LATENCY = "terway.allocator.cloud.call.latency";

  /** The name of the timer of rate-limiter waits. */
  public static final String RATE_LIMITER_WAIT = "terway.allocator.rate.limiter.wait";

  /** The name of the gauge of PodENIs per phase. */
  public static final String POD_ENIS = "terway.allocator.podenis";

  /** How many distinct outcomes are kept per API. */
  public static final int MAX_OUTCOMES_PER_API = 32;

  /** The outcome tag of calls past {@link #MAX_OUTCOMES_PER_API}. */
  public static final String OTHER_OUTCOME = "other";

  private final MeterRegistry registry;
  private final Tags tags;
  private final Map<CloudOperation, Map<String, CallMeters>> calls =
      new EnumMap<>(CloudOperation.class);
  private final Map<CloudOperation, Timer> waits = new EnumMap<>(CloudOperation.class);
  private final Map<PodEniPhase, AtomicLong> phases = new EnumMap<>(PodEniPhase.class);

  private record CallMeters(Counter calls, Timer latency) {}

  /**
   * Registers the meters in a registry.
   *
   * @param registry the registry
   */
  public MicrometerAllocatorMetrics(MeterRegistry registry) {
    this(registry, Tags.empty());
  }

  /**
   * Registers the meters in a registry, each with extra tags (for instance the cluster).
   *
   * @param registry the registry
   * @param tags tags added to every meter
   */
  public MicrometerAllocatorMetrics(MeterRegistry registry, Iterable<Tag> tags) {
    this.registry = checkNotNull(registry, "registry");
    this.tags = Tags.of(checkNotNull(tags, "tags"));
    for (CloudOperation operation : CloudOperation.values()) {
      calls.put(operation, new ConcurrentHashMap<>());
      waits.put(
          operation,
          Timer.builder(RATE_LIMITER_WAIT)
              .description("Time a cloud call was held back by the client-side rate limiter")
              .tags(this.tags)
              .tag("api", operation.apiName())
              .register(registry));
    }
    for (PodEniPhase phase : PodEniPhase.values()) {
      AtomicLong count = new AtomicLong();
      phases.put(phase, count);
      Gauge.builder(POD_ENIS, count, AtomicLong::get)
          .description("PodENIs per phase, as of the allocator's last release check")
          .tags(this.tags)
          .tag("phase", phaseName(phase))
          // The registry would otherwise hold the count weakly; this object holds it too, but a
          // strong reference keeps the gauge alive even if a user keeps only the registry.
          .strongReference(true)
          .register(registry);
    }
  }

  private static String phaseName(PodEniPhase phase) {
    return phase.wireValue().isEmpty() ? "Initial" : phase.wireValue();
  }

  @Override
  public void cloudCall(CloudOperation operation, String outcome, Duration latency) {
    CallMeters meters = callMeters(operation, outcome);
    meters.calls().increment();
    meters.latency().record(latency);
  }

  private CallMeters callMeters(CloudOperation operation, String outcome) {
    Map<String, CallMeters> byOutcome = calls.get(operation);
    CallMeters meters = byOutcome.get(outcome);
    if (meters != null) {
      return meters;
    }
    // Racing threads may go a little past the limit; it bounds the registry all the same.
    String tag = byOutcome.size() < MAX_OUTCOMES_PER_API ? outcome : OTHER_OUTCOME;
    return byOutcome.computeIfAbsent(tag, t -> newCallMeters(operation, t));
  }

  private CallMeters newCallMeters(CloudOperation operation, String outcome) {
    Tags callTags = tags.and("api", operation.apiName(), "outcome", outcome);
    return new CallMeters(
        Counter.builder(CLOUD_CALLS)
            .description("Cloud calls made by the allocator, each attempt counted")
            .tags(callTags)
            .register(registry),
        Timer.builder(CLOUD_CALL_LATENCY)
            .description("How long the allocator's cloud calls took")
            .tags(callTags)
            .register(registry));
  }

  @Override
  public void rateLimiterWait(CloudOperation operation, Duration waited) {
    waits.get(operation).record(waited);
  }

  @Override
  public void podEnisByPhase(Map<PodEniPhase, Long> counts) {
    phases.forEach((phase, count) -> count.set(counts.getOrDefault(phase, 0L)));
  }

  @Override
  public String toString() {
    return "MicrometerAllocatorMetrics{" + registry.getClass().getSimpleName() + "}";
  }
}
