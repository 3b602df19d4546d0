package dev.terway4j.cloud.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.CloudProviders;
import dev.terway4j.cloud.spi.NetworkInterfaceQuery;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeCloudProviderFactoryTest {
  @Test
  void load_fake_findsTheFakeThroughServiceLoader() {
    try (CloudProvider cloud = CloudProviders.load("fake", Map.of("region", "cn-beijing"))) {
      assertInstanceOf(FakeCloudProvider.class, cloud);
      assertEquals("cn-beijing", cloud.regionId());
      assertEquals("cn-beijing-a", cloud.describeVSwitch("vsw-fake-a").zoneId());
      assertEquals(8, cloud.describeInstanceType("ecs.g7.large").orElseThrow().memberEniLimit());
      assertEquals(
          2,
          cloud
              .describeAllNetworkInterfaces(
                  NetworkInterfaceQuery.builder().instanceId("i-fake-a").build())
              .size());
    }
  }

  @Test
  void load_withSameSeed_givesTheSameCloud() {
    CloudProvider a = CloudProviders.load("fake", Map.of("seed", "9"));
    CloudProvider b = CloudProviders.load("fake", Map.of("seed", "9"));
    assertEquals(
        a.describeAllNetworkInterfaces(NetworkInterfaceQuery.all()),
        b.describeAllNetworkInterfaces(NetworkInterfaceQuery.all()));
  }

  @Test
  void load_withUnknownSetting_throwsIllegalArgumentNamingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CloudProviders.load("fake", Map.of("endpoint", "x")));
    assertTrue(e.getMessage().contains("endpoint"), e.getMessage());
  }

  @Test
  void load_whenIdIsUnknown_listsTheIdsFound() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> CloudProviders.load("nope", Map.of()));
    assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    assertTrue(e.getMessage().contains("fake"), e.getMessage());
  }
}
