package dev.terway4j.cloud.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceIdsTest {
  @Test
  void check_whenPrefixMatches_returnsTheId() {
    assertEquals("vsw-bp1abc", ResourceIds.checkVSwitchId("vsw-bp1abc"));
    assertEquals("sg-bp1abc", ResourceIds.checkSecurityGroupId("sg-bp1abc"));
    assertEquals("eni-bp1abc", ResourceIds.checkNetworkInterfaceId("eni-bp1abc"));
    assertEquals("i-bp1abc", ResourceIds.checkInstanceId("i-bp1abc"));
    assertEquals("vpc-bp1abc", ResourceIds.checkVpcId("vpc-bp1abc"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "vsw-", "vpc-bp1abc", "VSW-bp1", "vsw-a b", "vsw-a/b", " vsw-a"})
  void checkVSwitchId_whenMalformed_throwsInvalidArgumentNamingTheValue(String id) {
    InvalidArgumentException e =
        assertThrows(InvalidArgumentException.class, () -> ResourceIds.checkVSwitchId(id));
    assertTrue(e.getMessage().contains("vSwitchId: '" + id + "'"), e.getMessage());
  }

  @Test
  void check_whenTooLong_throwsInvalidArgument() {
    assertThrows(
        InvalidArgumentException.class, () -> ResourceIds.checkInstanceId("i-" + "a".repeat(65)));
  }

  @Test
  void check_whenNull_throwsNullPointer() {
    assertThrows(NullPointerException.class, () -> ResourceIds.checkNetworkInterfaceId(null));
  }
}
