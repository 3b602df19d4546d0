package dev.terway4j.allocator;

import static dev.terway4j.allocator.AllocatorFixture.NODE1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.allocator.micrometer.MicrometerAllocatorMetrics;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.VSwitchSelectionPolicy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the allocator reports to its {@link AllocatorMetrics}, seen through the Micrometer bridge.
 */
class AllocatorMetricsTest {
  private final AllocatorFixture f = new AllocatorFixture();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final Namespace apps = AllocatorFixture.namespace("apps", Map.of());

  @Test
  void allocator_reportsCallsByOutcome_rateLimiterWaits_andPodEnisByPhase() {
    f.settings =
        AllocatorSettings.builder(AllocatorFixture.CLUSTER)
            .vpcId(AllocatorFixture.VPC)
            .rateLimits(
                RateLimits.terwayDefaults().with(CloudOperation.CREATE_NETWORK_INTERFACE, 1))
            .build();
    f.metrics = new MicrometerAllocatorMetrics(registry);
    f.allocator = f.newAllocator();
    f.apply(
        AllocatorFixture.podNetworking(
            "web",
            AllocationType.elastic(),
            Map.of("app", "web"),
            List.of("vsw-h1"),
            VSwitchSelectionPolicy.ORDERED,
            "sg-web"));

    f.allocator.podScheduled(
        f.deploymentPod("apps", "web-0", Map.of("app", "web"), NODE1), apps, NODE1);
    f.cloud.faults().throttle(CloudOperation.ATTACH_NETWORK_INTERFACE, 1);
    // The bucket allows one create a minute: this one waits for the next token.
    f.allocator.podScheduled(
        f.deploymentPod("apps", "web-1", Map.of("app", "web"), NODE1), apps, NODE1);
    f.advance(f.settings.releaseCheckInterval());
    f.settle();

    assertEquals(2, count("CreateNetworkInterface", "success"));
    assertEquals(1, count("AttachNetworkInterface", "Throttling"));
    assertEquals(2, count("AttachNetworkInterface", "success"));
    // The counters agree with the allocator's own tally, API by API.
    CloudCallStats stats = f.allocator.callStats();
    for (CloudOperation operation : CloudOperation.values()) {
      double counted =
          registry
              .find(MicrometerAllocatorMetrics.CLOUD_CALLS)
              .tag("api", operation.apiName())
              .counters()
              .stream()
              .mapToDouble(Counter::count)
              .sum();
      assertEquals(stats.calls(operation), (long) counted, operation.apiName());
    }
    var createWait =
        registry
            .get(MicrometerAllocatorMetrics.RATE_LIMITER_WAIT)
            .tag("api", "CreateNetworkInterface")
            .timer();
    assertEquals(1, createWait.count());
    assertTrue(createWait.totalTime(TimeUnit.SECONDS) > 50, createWait.toString());
    assertEquals(
        2, registry.get(MicrometerAllocatorMetrics.POD_ENIS).tag("phase", "Bind").gauge().value());
    assertEquals(
        0,
        registry.get(MicrometerAllocatorMetrics.POD_ENIS).tag("phase", "Initial").gauge().value());
  }

  private double count(String api, String outcome) {
    return registry
        .get(MicrometerAllocatorMetrics.CLOUD_CALLS)
        .tags("api", api, "outcome", outcome)
        .counter()
        .count();
  }

  /**
   * Micrometer is an optional dependency: the allocator must load and run without it, so no class
   * outside the bridge's package may refer to it (a reference is what would fail to link).
   */
  @Test
  void noClassOutsideTheMicrometerPackage_refersToMicrometer() throws URISyntaxException {
    Path classes =
        Path.of(TrunkAllocator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path bridge = classes.resolve("dev/terway4j/allocator/micrometer");
    List<Path> classFiles;
    try (Stream<Path> walk = Files.walk(classes)) {
      classFiles = walk.filter(p -> p.toString().endsWith(".class")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertFalse(classFiles.isEmpty(), "no classes under " + classes);
    for (Path classFile : classFiles) {
      boolean refers = refersToMicrometer(classFile);
      if (classFile.startsWith(bridge)) {
        continue;
      }
      assertFalse(refers, classFile + " refers to Micrometer");
    }
    // The check can see a reference: the bridge itself has them.
    assertTrue(refersToMicrometer(bridge.resolve("MicrometerAllocatorMetrics.class")));
  }

  private static boolean refersToMicrometer(Path classFile) {
    try {
      // Class names sit in the constant pool in internal form, as (modified) UTF-8.
      return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1)
          .contains("io/micrometer/");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
