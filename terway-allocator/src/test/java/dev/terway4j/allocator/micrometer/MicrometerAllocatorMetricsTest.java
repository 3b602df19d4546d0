package dev.terway4j.allocator.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.model.PodEniPhase;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerAllocatorMetricsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MicrometerAllocatorMetrics metrics = new MicrometerAllocatorMetrics(registry);

  private double calls(String api, String outcome) {
    return registry
        .get(MicrometerAllocatorMetrics.CLOUD_CALLS)
        .tags("api", api, "outcome", outcome)
        .counter()
        .count();
  }

  @Test
  void cloudCall_isCountedAndTimedPerApiAndOutcome() {
    metrics.cloudCall(CloudOperation.CREATE_NETWORK_INTERFACE, "success", Duration.ofMillis(80));
    metrics.cloudCall(CloudOperation.CREATE_NETWORK_INTERFACE, "success", Duration.ofMillis(120));
    metrics.cloudCall(CloudOperation.CREATE_NETWORK_INTERFACE, "Throttling", Duration.ofMillis(5));

    assertEquals(2, calls("CreateNetworkInterface", "success"));
    assertEquals(1, calls("CreateNetworkInterface", "Throttling"));
    var latency =
        registry
            .get(MicrometerAllocatorMetrics.CLOUD_CALL_LATENCY)
            .tags("api", "CreateNetworkInterface", "outcome", "success")
            .timer();
    assertEquals(2, latency.count());
    assertEquals(200, latency.totalTime(TimeUnit.MILLISECONDS), 0.001);
  }

  @Test
  void outcomesPastTheLimit_areCountedAsOther() {
    for (int i = 0; i < MicrometerAllocatorMetrics.MAX_OUTCOMES_PER_API + 5; i++) {
      metrics.cloudCall(CloudOperation.ATTACH_NETWORK_INTERFACE, "Code" + i, Duration.ZERO);
    }
    metrics.cloudCall(CloudOperation.ATTACH_NETWORK_INTERFACE, "Code0", Duration.ZERO);

    assertEquals(2, calls("AttachNetworkInterface", "Code0"));
    assertEquals(5, calls("AttachNetworkInterface", MicrometerAllocatorMetrics.OTHER_OUTCOME));
    assertEquals(
        MicrometerAllocatorMetrics.MAX_OUTCOMES_PER_API + 1,
        registry.find(MicrometerAllocatorMetrics.CLOUD_CALLS).counters().size());
  }

  @Test
  void rateLimiterWait_isTimedPerApi_andEveryApiStartsAtZero() {
    for (CloudOperation operation : CloudOperation.values()) {
      assertEquals(
          0,
          registry
              .get(MicrometerAllocatorMetrics.RATE_LIMITER_WAIT)
              .tags("api", operation.apiName())
              .timer()
              .count(),
          operation.apiName());
    }

    metrics.rateLimiterWait(CloudOperation.DETACH_NETWORK_INTERFACE, Duration.ofSeconds(3));

    var wait =
        registry
            .get(MicrometerAllocatorMetrics.RATE_LIMITER_WAIT)
            .tags("api", "DetachNetworkInterface")
            .timer();
    assertEquals(1, wait.count());
    assertEquals(3, wait.totalTime(TimeUnit.SECONDS), 0.001);
  }

  @Test
  void podEnisByPhase_setsOneGaugePerPhase_withTheEmptyPhaseNamedInitial() {
    metrics.podEnisByPhase(Map.of(PodEniPhase.BIND, 7L, PodEniPhase.INITIAL, 2L));
    metrics.podEnisByPhase(Map.of(PodEniPhase.BIND, 5L, PodEniPhase.UNBIND, 1L));

    assertEquals(5, gauge("Bind"));
    assertEquals(1, gauge("Unbind"));
    // A phase absent from the report is back at zero, not stuck at its last value.
    assertEquals(0, gauge("Initial"));
    assertEquals(
        PodEniPhase.values().length,
        registry.find(MicrometerAllocatorMetrics.POD_ENIS).gauges().size());
  }

  private double gauge(String phase) {
    return registry.get(MicrometerAllocatorMetrics.POD_ENIS).tag("phase", phase).gauge().value();
  }

  @Test
  void extraTags_areOnEveryMeter() {
    SimpleMeterRegistry tagged = new SimpleMeterRegistry();
    MicrometerAllocatorMetrics withCluster =
        new MicrometerAllocatorMetrics(tagged, Tags.of("cluster", "c-1"));
    withCluster.cloudCall(CloudOperation.DELETE_NETWORK_INTERFACE, "success", Duration.ZERO);

    tagged
        .getMeters()
        .forEach(
            meter ->
                assertEquals("c-1", meter.getId().getTag("cluster"), meter.getId().toString()));
    assertNull(registry.getMeters().get(0).getId().getTag("cluster"));
  }
}
