package dev.terway4j.cloud.aliyun;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Long region ids and endpoints are refused, not matched by recursion (issue 13 item 4). */
class AliyunCloudConfigLongInputTest {

  private static AliyunCloudConfig.Builder valid() {
    return AliyunCloudConfig.builder()
        .regionId("cn-hangzhou")
        .credentials(AliyunCredentials.accessKey("LTAI-test-id", "test-secret-value"));
  }

  @Test
  void build_longDottedEndpoint_isIllegalArgumentNotStackOverflow_issue13item4() {
    String host = "a.".repeat(20_000) + "a";
    assertThrows(IllegalArgumentException.class, () -> valid().endpoint(host).build());
    assertThrows(IllegalArgumentException.class, () -> valid().ecsEndpoint(host + ":80").build());
  }

  @Test
  void build_longDashedRegion_isIllegalArgumentNotStackOverflow_issue13item4() {
    assertThrows(
        IllegalArgumentException.class, () -> valid().regionId("cn" + "-a".repeat(20_000)).build());
  }
}
