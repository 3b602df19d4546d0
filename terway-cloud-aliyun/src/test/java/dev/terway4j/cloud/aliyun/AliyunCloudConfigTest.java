package dev.terway4j.cloud.aliyun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AliyunCloudConfigTest {
  private static final String ID = "LTAI5tExampleKeyId";
  private static final String SECRET = "example-secret-value";
  private static final String TOKEN = "example-sts-token-value";

  private static AliyunCloudConfig.Builder valid() {
    return AliyunCloudConfig.builder()
        .regionId("cn-hangzhou")
        .credentials(AliyunCredentials.accessKey(ID, SECRET));
  }

  @Test
  void build_withDefaults_usesTheVpcEndpointsOverHttpsWithTerwaysTimeouts() {
    AliyunCloudConfig config = valid().build();
    assertEquals("ecs-vpc.cn-hangzhou.aliyuncs.com", config.ecsEndpoint());
    assertEquals("vpc-vpc.cn-hangzhou.aliyuncs.com", config.vpcEndpoint());
    assertEquals(AliyunCloudConfig.Protocol.HTTPS, config.protocol());
    assertEquals(Duration.ofSeconds(20), config.readTimeout());
    assertEquals(Duration.ofSeconds(5), config.connectTimeout());
    assertFalse(config.endpointOverridden());
  }

  @Test
  void build_withPublicNetwork_usesThePublicRegionalEndpoints() {
    AliyunCloudConfig config = valid().network(AliyunCloudConfig.Network.PUBLIC).build();
    assertEquals("ecs.cn-hangzhou.aliyuncs.com", config.ecsEndpoint());
    assertEquals("vpc.cn-hangzhou.aliyuncs.com", config.vpcEndpoint());
  }

  @Test
  void build_withOneEndpointOverride_usesItForBothServicesUnlessOneIsSetApart() {
    AliyunCloudConfig config =
        valid().endpoint("127.0.0.1:8080").vpcEndpoint("vpc.example.internal").build();
    assertEquals("127.0.0.1:8080", config.ecsEndpoint());
    assertEquals("vpc.example.internal", config.vpcEndpoint());
    assertTrue(config.endpointOverridden());
  }

  @Test
  void build_withEndpointWithScheme_failsNamingTheSettingAndTheFix() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> valid().endpoint("http://127.0.0.1:8080").build());
    assertTrue(e.getMessage().contains("ecsEndpoint must be host[:port] without a scheme"));
    assertTrue(e.getMessage().contains("Protocol.HTTP"));
  }

  @Test
  void build_withEndpointWithPathOrBadPort_fails() {
    assertThrows(IllegalArgumentException.class, () -> valid().endpoint("host/path").build());
    assertThrows(IllegalArgumentException.class, () -> valid().endpoint("host:0").build());
    assertThrows(IllegalArgumentException.class, () -> valid().endpoint("host:http").build());
    assertThrows(IllegalArgumentException.class, () -> valid().endpoint("").build());
  }

  @Test
  void build_withIpv6LiteralEndpoint_isAccepted() {
    assertEquals("[::1]:9000", valid().endpoint("[::1]:9000").build().ecsEndpoint());
  }

  @Test
  void build_withoutCredentials_failsListingTheChoices() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AliyunCloudConfig.builder().regionId("cn-hangzhou").build());
    assertTrue(e.getMessage().startsWith("no credentials"), e.getMessage());
    assertTrue(e.getMessage().contains("defaultChain()"));
  }

  @Test
  void build_withoutOrWithMalformedRegion_fails() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            AliyunCloudConfig.builder()
                .credentials(AliyunCredentials.accessKey(ID, SECRET))
                .build());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> valid().regionId("Hangzhou").build());
    assertTrue(e.getMessage().contains("'Hangzhou'"));
  }

  @Test
  void build_withZeroOrHugeTimeout_fails() {
    assertThrows(IllegalArgumentException.class, () -> valid().readTimeout(Duration.ZERO).build());
    assertThrows(
        IllegalArgumentException.class, () -> valid().connectTimeout(Duration.ofHours(1)).build());
  }

  @Test
  void credentials_withBlankSecret_failWithoutShowingAnyValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> AliyunCredentials.accessKey(ID, " "));
    assertEquals("accessKeySecret is blank", e.getMessage());
  }

  @Test
  void toString_neverShowsCredentials() {
    AliyunCloudConfig config =
        valid().credentials(AliyunCredentials.stsToken(ID, SECRET, TOKEN)).build();
    String text = config + " " + config.credentials();
    assertFalse(text.contains(ID), text);
    assertFalse(text.contains(SECRET), text);
    assertFalse(text.contains(TOKEN), text);
    assertTrue(text.contains("STS_TOKEN"), text);
    String provider = AliyunCloudProvider.create(config).toString();
    assertFalse(provider.contains(SECRET) || provider.contains(TOKEN) || provider.contains(ID));
  }
}
