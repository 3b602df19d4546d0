package dev.terway4j.cloud.aliyun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.CloudProviderFactory;
import dev.terway4j.cloud.spi.CloudProviders;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AliyunCloudProviderFactoryTest {
  @Test
  void serviceLoader_findsTheBackendAsAliyunNextToTheFake() {
    assertTrue(
        CloudProviders.factories(getClass().getClassLoader()).stream()
            .map(CloudProviderFactory::id)
            .toList()
            .containsAll(java.util.List.of("aliyun", "fake")));
    try (CloudProvider provider =
        CloudProviders.load(
            "aliyun",
            Map.of("region", "cn-beijing", "accessKeyId", "ak", "accessKeySecret", "sk"))) {
      assertInstanceOf(AliyunCloudProvider.class, provider);
      assertEquals("cn-beijing", provider.regionId());
    }
  }

  @Test
  void config_readsEverySetting() {
    AliyunCloudConfig config =
        AliyunCloudProviderFactory.config(
            Map.of(
                "region", "cn-shanghai",
                "network", "public",
                "ecsEndpoint", "127.0.0.1:1234",
                "protocol", "http",
                "accessKeyId", "ak",
                "accessKeySecret", "sk",
                "securityToken", "tok",
                "connectTimeoutMillis", "1500",
                "readTimeoutMillis", "3000"));
    assertEquals("127.0.0.1:1234", config.ecsEndpoint());
    assertEquals("vpc.cn-shanghai.aliyuncs.com", config.vpcEndpoint());
    assertEquals(AliyunCloudConfig.Protocol.HTTP, config.protocol());
    assertEquals(AliyunCredentials.Kind.STS_TOKEN, config.credentials().kind());
    assertEquals(Duration.ofMillis(1500), config.connectTimeout());
    assertEquals(Duration.ofMillis(3000), config.readTimeout());
  }

  @Test
  void config_withDefaultCredentials_usesTheDefaultChain() {
    assertEquals(
        AliyunCredentials.Kind.DEFAULT_CHAIN,
        AliyunCloudProviderFactory.config(Map.of("region", "cn-hangzhou", "credentials", "default"))
            .credentials()
            .kind());
  }

  @Test
  void config_withUnknownKey_failsListingTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AliyunCloudProviderFactory.config(Map.of("region", "cn-hangzhou", "zone", "h")));
    assertTrue(e.getMessage().contains("[zone]"));
    assertTrue(e.getMessage().contains("accessKeyId"));
  }

  @Test
  void config_withHalfAKeyPair_failsWithoutShowingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AliyunCloudProviderFactory.config(
                    Map.of("region", "cn-hangzhou", "accessKeySecret", "s3cr3t-value")));
    assertFalse(e.getMessage().contains("s3cr3t-value"));
    assertTrue(e.getMessage().contains("only accessKeySecret is set"), e.getMessage());
  }

  @Test
  void config_withoutCredentialsOrRegion_fails() {
    assertThrows(
        IllegalArgumentException.class,
        () -> AliyunCloudProviderFactory.config(Map.of("region", "cn-hangzhou")));
    assertThrows(
        IllegalArgumentException.class,
        () -> AliyunCloudProviderFactory.config(Map.of("credentials", "default")));
  }
}
