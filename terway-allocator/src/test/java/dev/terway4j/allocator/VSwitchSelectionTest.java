package dev.terway4j.allocator;

import static dev.terway4j.allocator.AllocatorFixture.NODE1;
import static dev.terway4j.allocator.AllocatorFixture.NODE2;
import static dev.terway4j.allocator.AllocatorFixture.ZONE_H;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.spi.CloudErrorCodes;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.cloud.spi.VSwitch;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.VSwitchSelectionPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** vSwitch selection: zone, policies, the cache, and exhaustion. */
class VSwitchSelectionTest {

  private final Namespace ns = AllocatorFixture.namespace("apps", Map.of());

  private String allocateOn(AllocatorFixture f, String name, Node node) {
    return f.allocator
        .podScheduled(f.deploymentPod("apps", name, Map.of("app", "web"), node), ns, node)
        .orElseThrow()
        .spec()
        .allocations()
        .get(0)
        .eni()
        .vSwitchID();
  }

  private static void web(AllocatorFixture f, VSwitchSelectionPolicy policy, String... vSwitches) {
    f.apply(
        AllocatorFixture.podNetworking(
            "web",
            AllocationType.elastic(),
            Map.of("app", "web"),
            List.of(vSwitches),
            policy,
            "sg-web"));
  }

  @Test
  void ordered_takesTheFirstVSwitchOfTheNodesZone() {
    AllocatorFixture f = new AllocatorFixture();
    web(f, VSwitchSelectionPolicy.ORDERED, "vsw-i1", "vsw-h2", "vsw-h1");

    assertEquals("vsw-h2", allocateOn(f, "a", NODE1));
  }

  @Test
  void most_prefersMoreFreeIps_tiesInListOrder_andSpreadsAsCountsDrop() {
    // vsw-h1 is a /29 (4 usable), vsw-h2 a /24 (252): a fresh pool has 252 vs 4 and h2 wins.
    AllocatorFixture f = new AllocatorFixture(20, "10.0.1.0/28", 0);
    VSwitchPool pool = f.allocator.vSwitchPool();
    VSwitchPool.Selection selection =
        pool.select(ZONE_H, List.of("vsw-h1", "vsw-h2"), VSwitchSelectionPolicy.MOST);
    assertEquals(
        List.of("vsw-h2", "vsw-h1"), selection.candidates().stream().map(VSwitch::id).toList());

    // Equal counts keep the listed order.
    AllocatorFixture g = new AllocatorFixture(20, "10.0.1.0/24", 0);
    assertEquals(
        List.of("vsw-h1", "vsw-h2"),
        g
            .allocator
            .vSwitchPool()
            .select(ZONE_H, List.of("vsw-h1", "vsw-h2"), VSwitchSelectionPolicy.MOST)
            .candidates()
            .stream()
            .map(VSwitch::id)
            .toList());

    // Allocations decrement the cached count, so `most` alternates between equal vSwitches.
    web(g, VSwitchSelectionPolicy.MOST, "vsw-h1", "vsw-h2");
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      chosen.add(allocateOn(g, "p" + i, i % 2 == 0 ? NODE1 : NODE2));
    }
    assertEquals(List.of("vsw-h1", "vsw-h2", "vsw-h1", "vsw-h2"), chosen);
    assertEquals(
        2, g.cloud.callCount(CloudOperation.DESCRIBE_VSWITCHES), "one describe per vSwitch");
  }

  @Test
  void random_isSeeded_soTheSameSeedGivesTheSameChoices() {
    List<List<String>> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      AllocatorFixture f = new AllocatorFixture(20, "10.0.1.0/24", 42);
      List<String> chosen = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        chosen.add(
            f.allocator
                .vSwitchPool()
                .select(ZONE_H, List.of("vsw-h1", "vsw-h2"), VSwitchSelectionPolicy.RANDOM)
                .candidates()
                .get(0)
                .id());
      }
      runs.add(chosen);
    }
    assertEquals(runs.get(0), runs.get(1));
    assertTrue(runs.get(0).contains("vsw-h1") && runs.get(0).contains("vsw-h2"), runs.toString());
  }

  @Test
  void allocate_whenVSwitchExhausted_triesNext() {
    AllocatorFixture f = new AllocatorFixture(20, "10.0.1.0/28", 0);
    web(f, VSwitchSelectionPolicy.ORDERED, "vsw-h1", "vsw-h2");
    long usable = f.allocator.vSwitchPool().get("vsw-h1").availableIpAddressCount();

    List<String> chosen = new ArrayList<>();
    for (int i = 0; i <= usable; i++) {
      chosen.add(allocateOn(f, "p" + i, i % 2 == 0 ? NODE1 : NODE2));
    }

    assertEquals(usable, chosen.stream().filter("vsw-h1"::equals).count());
    assertEquals("vsw-h2", chosen.get(chosen.size() - 1));
  }

  @Test
  void allocate_whenCreateSaysIpNotEnough_blocksTheVSwitchUntilRefresh_andMovesOn() {
    for (String code :
        List.of(CloudErrorCodes.VSWITCH_IP_NOT_ENOUGH, CloudErrorCodes.QUOTA_EXCEEDED_PRIVATE_IP)) {
      AllocatorFixture f = new AllocatorFixture();
      web(f, VSwitchSelectionPolicy.ORDERED, "vsw-h1", "vsw-h2");
      f.cloud.faults().failWith(CloudOperation.CREATE_NETWORK_INTERFACE, code, 1);

      assertEquals("vsw-h2", allocateOn(f, "a", NODE1), code);
      assertEquals("vsw-h2", allocateOn(f, "b", NODE1), code + ": still blocked");

      f.advance(VSwitchPool.DEFAULT_TTL);
      assertEquals("vsw-h1", allocateOn(f, "c", NODE2), code + ": refreshed");
    }
  }

  @Test
  void allocate_whenNoVSwitchIsLeft_failsWithOneErrorSayingWhyForEachVSwitch() {
    AllocatorFixture f = new AllocatorFixture();
    web(f, VSwitchSelectionPolicy.ORDERED, "vsw-i1", "vsw-h1");
    // A Ready PodNetworking whose vSwitch was deleted since its status was computed.
    f.resolver.put(
        dev.terway4j.model.ImmutablePodNetworking.copyOf(
                AllocatorFixture.podNetworking(
                    "web",
                    AllocationType.elastic(),
                    Map.of("app", "web"),
                    List.of("vsw-i1", "vsw-gone", "vsw-h1"),
                    VSwitchSelectionPolicy.ORDERED,
                    "sg-web"))
            .withStatus(f.resolver.get("web").orElseThrow().status()));
    f.cloud
        .faults()
        .failWith(
            CloudOperation.CREATE_NETWORK_INTERFACE, CloudErrorCodes.VSWITCH_IP_NOT_ENOUGH, 1);

    NoAvailableVSwitchException e =
        assertThrows(NoAvailableVSwitchException.class, () -> allocateOn(f, "a", NODE1));

    assertEquals(List.of("vsw-i1", "vsw-gone", "vsw-h1"), List.copyOf(e.reasons().keySet()));
    assertTrue(e.reasons().get("vsw-i1").contains("in zone cn-hangzhou-i"), e.getMessage());
    assertEquals("not found", e.reasons().get("vsw-gone"));
    assertTrue(e.reasons().get("vsw-h1").contains("InvalidVSwitchId.IpNotEnough"), e.getMessage());
    assertEquals(AllocationException.Reason.NO_AVAILABLE_VSWITCH, e.reason());
    assertEquals(0, f.allocator.capacity().used("i-node1"), "the slot is given back");
    assertTrue(f.ourEniIds().isEmpty());
  }

  @Test
  void cache_describesEachVSwitchOncePerTtl() {
    AllocatorFixture f = new AllocatorFixture();
    VSwitchPool pool = f.allocator.vSwitchPool();
    pool.get("vsw-h1");
    pool.get("vsw-h1");
    assertEquals(1, f.cloud.callCount(CloudOperation.DESCRIBE_VSWITCHES));
    f.advance(Duration.ofMinutes(19));
    pool.get("vsw-h1");
    assertEquals(1, f.cloud.callCount(CloudOperation.DESCRIBE_VSWITCHES));
    f.advance(Duration.ofMinutes(1));
    pool.get("vsw-h1");
    assertEquals(2, f.cloud.callCount(CloudOperation.DESCRIBE_VSWITCHES));
  }
}
