package dev.terway4j.allocator;

import static dev.terway4j.allocator.AllocatorFixture.NODE1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.terway4j.cloud.spi.InvalidArgumentException;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.model.Namespace;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Member ENIs in a resource group (issue 16 item 5): Terway's CreateNetworkInterface carries a
 * {@code ResourceGroupId} when one is configured, and none otherwise (terway-semantics.md, "New
 * PodENI creation"); so does the allocator with {@link AllocatorSettings#resourceGroupId()}.
 */
class ResourceGroupTest {

  private final AllocatorFixture f = new AllocatorFixture();
  private final Namespace apps = AllocatorFixture.namespace("apps", Map.of());

  @AfterEach
  void close() throws Exception {
    f.close();
  }

  private NetworkInterface memberEni() {
    f.apply(AllocatorFixture.elasticWeb());
    String eniId =
        f.allocator
            .podScheduled(
                f.deploymentPod("apps", "web-1", Map.of("app", "web"), NODE1), apps, NODE1)
            .orElseThrow()
            .spec()
            .allocations()
            .get(0)
            .eni()
            .id();
    return f.cloud.describeNetworkInterface(eniId).orElseThrow();
  }

  @Test
  void configuredResourceGroup_isWhereMemberEnisAreCreated_issue16item5() {
    f.settings =
        AllocatorSettings.builder(AllocatorFixture.CLUSTER)
            .vpcId(AllocatorFixture.VPC)
            .resourceGroupId("rg-acfmweb")
            .build();
    f.allocator = f.newAllocator();

    assertEquals(Optional.of("rg-acfmweb"), memberEni().resourceGroupId());
  }

  @Test
  void withoutOne_noResourceGroupIsSent_asTerwayByDefault_issue16item5() {
    assertEquals(Optional.empty(), memberEni().resourceGroupId());
  }

  @Test
  void aMalformedResourceGroup_isRefusedWhenTheSettingsAreBuilt_issue16item5() {
    AllocatorSettings.Builder builder =
        AllocatorSettings.builder(AllocatorFixture.CLUSTER).resourceGroupId("RG-Web");
    assertThrows(InvalidArgumentException.class, builder::build);
  }
}
