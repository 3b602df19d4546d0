package dev.terway4j.allocator;

import static dev.terway4j.allocator.AllocatorFixture.NODE1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.model.Annotations;
import dev.terway4j.model.ImmutableNode;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The {@code alibabacloud.com/instance-type-info} node annotation (issue 16 item 5): Terway's ECS
 * limit provider reads a node's limits from it instead of calling DescribeInstanceTypes ({@code
 * GetLimitFromAnno}: member ENIs = EniTotalQuantity - EniQuantity, 0 without trunk support) and
 * fails on JSON it cannot decode. The sample is the one Terway's own limit test decodes.
 */
class InstanceTypeInfoTest {

  /** An ecs.ebmre7p.32xlarge as DescribeInstanceTypes describes it, as in Terway's test. */
  static final String EBMRE7P =
      "{\"InstancePpsTx\":24000000,\"NvmeSupport\":\"unsupported\",\"PrimaryEniQueueNumber\":32,"
          + "\"TotalEniQueueQuantity\":528,\"EniTrunkSupported\":true,"
          + "\"InstanceTypeFamily\":\"ecs.ebmre7p\",\"InstancePpsRx\":24000000,\"EriQuantity\":0,"
          + "\"InstanceBandwidthRx\":65536000,\"EnhancedNetwork\":{},"
          + "\"InstanceBandwidthTx\":65536000,\"SecondaryEniQueueNumber\":16,"
          + "\"LocalStorageCategory\":\"\",\"InstanceTypeId\":\"ecs.ebmre7p.32xlarge\","
          + "\"EniIpv6AddressQuantity\":1,\"EniTotalQuantity\":110,\"EniQuantity\":32,"
          + "\"DiskQuantity\":17,\"EniPrivateIpAddressQuantity\":15}";

  private static Node annotated(Node node, String value) {
    return ImmutableNode.copyOf(node)
        .withMetadata(
            ObjectMeta.builder()
                .from(node.metadata())
                .putAnnotations(Annotations.INSTANCE_TYPE_INFO, value)
                .build());
  }

  @Nested
  class Parsing {

    @Test
    void terwaysSample_givesItsLimits_issue16item5() {
      InstanceType type = InstanceTypeInfo.parse(EBMRE7P, "");
      assertEquals(new InstanceType("ecs.ebmre7p.32xlarge", 32, 110, true, 15, 1), type);
      assertEquals(78, type.memberEniLimit());
    }

    @Test
    void fieldNames_matchWithoutRegardToCase_asGoDecodesThem_issue16item5() {
      InstanceType type =
          InstanceTypeInfo.parse(
              "{\"eniQuantity\":3,\"ENITOTALQUANTITY\":10,\"eniTrunkSupported\":true}",
              "ecs.g7.large");
      assertEquals(7, type.memberEniLimit());
      assertEquals("ecs.g7.large", type.id());
    }

    @Test
    void missingFields_areZeroAndFalse_soWithoutTrunkSupportTheLimitIsZero_issue16item5() {
      assertEquals(
          0, InstanceTypeInfo.parse("{\"DiskQuantity\":8}", "ecs.g7.large").memberEniLimit());
    }

    @Test
    void everyBadFieldIsNamed_inOneError_issue16item5() {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  InstanceTypeInfo.parse(
                      "{\"EniQuantity\":-1,\"EniTotalQuantity\":\"ten\",\"EniTrunkSupported\":1}",
                      "t"));
      assertTrue(
          e.getMessage().contains("EniQuantity must be a non-negative integer"), e::getMessage);
      assertTrue(e.getMessage().contains("EniTotalQuantity must be a non-negative integer"));
      assertTrue(e.getMessage().contains("EniTrunkSupported must be a boolean"));
    }

    @Test
    void invalidJsonHugeNumbersDeepNestingAndOversizedText_areRefusedTyped_issue16item5() {
      for (String bad :
          List.of(
              "{",
              "invalid-json",
              "[1]",
              "{\"EniQuantity\":" + "9".repeat(40) + "}",
              "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}",
              " ".repeat(InstanceTypeInfo.MAX_CHARS + 1))) {
        assertThrows(IllegalArgumentException.class, () -> InstanceTypeInfo.parse(bad, "t"), bad);
      }
    }

    @Test
    void controlCharactersInTheAnnotation_areEscapedInTheError_issue16item5() {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> InstanceTypeInfo.parse("{\"EniQuantity\":\"\\u001b]0;x\\u0007\"}", "t"));
      assertTrue(e.getMessage().chars().noneMatch(c -> c == 0x1b || c == 0x07), e::getMessage);
    }
  }

  @Nested
  class InTheAllocator {

    private final AllocatorFixture f = new AllocatorFixture();
    private final Namespace apps = AllocatorFixture.namespace("apps", Map.of());

    @AfterEach
    void close() throws Exception {
      f.close();
    }

    private void webNetworking() {
      f.apply(AllocatorFixture.elasticWeb());
    }

    @Test
    void theAnnotationsLimit_winsOverDescribeInstanceTypes_issue16item5() {
      webNetworking();
      // One member ENI, whatever DescribeInstanceTypes says of the node's type.
      Node node =
          annotated(NODE1, "{\"EniQuantity\":2,\"EniTotalQuantity\":3,\"EniTrunkSupported\":true}");
      f.allocator.podScheduled(
          f.deploymentPod("apps", "web-1", Map.of("app", "web"), node), apps, node);

      AllocationException full =
          assertThrows(
              AllocationException.class,
              () ->
                  f.allocator.podScheduled(
                      f.deploymentPod("apps", "web-2", Map.of("app", "web"), node), apps, node));
      assertEquals(AllocationException.Reason.NODE_CAPACITY_FULL, full.reason());
      assertTrue(full.getMessage().contains("1 of 1 member ENIs"), full::getMessage);
    }

    @Test
    void anUnreadableAnnotation_makesTheNodeNotReady_andCreatesNothing_issue16item5() {
      webNetworking();
      Node node = annotated(NODE1, "{");
      long calls = f.allocator.callStats().totalCalls();

      AllocationException e =
          assertThrows(
              AllocationException.class,
              () ->
                  f.allocator.podScheduled(
                      f.deploymentPod("apps", "web-1", Map.of("app", "web"), node), apps, node));
      assertEquals(AllocationException.Reason.NODE_NOT_READY, e.reason());
      assertTrue(e.getMessage().contains(Annotations.INSTANCE_TYPE_INFO), e::getMessage);
      assertEquals(calls, f.allocator.callStats().totalCalls());
      assertEquals(Optional.empty(), f.allocator.podEni("apps", "web-1"));
    }
  }
}
