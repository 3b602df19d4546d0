package dev.terway4j.cloud.fake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AddressPoolTest {
  private final Random random = new Random(1);

  @Test
  void ipv4_slash29_offersFourAddressesBetweenTheReservedOnes() {
    AddressPool pool = AddressPool.ipv4("192.168.5.8/29");
    assertEquals(BigInteger.valueOf(4), pool.usableCount());
    Set<String> handedOut = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      handedOut.add(pool.allocate(random).orElseThrow());
    }
    assertEquals(Set.of("192.168.5.9", "192.168.5.10", "192.168.5.11", "192.168.5.12"), handedOut);
    assertEquals(Optional.empty(), pool.allocate(random));
    assertTrue(pool.isReserved("192.168.5.8"));
    assertTrue(pool.isReserved("192.168.5.13"));
    assertTrue(pool.isReserved("192.168.5.15"));
    assertFalse(pool.isReserved("192.168.5.12"));
  }

  @Test
  void release_makesTheAddressAvailableAgain() {
    AddressPool pool = AddressPool.ipv4("10.0.0.0/29");
    String a = pool.allocate(random).orElseThrow();
    assertEquals(3, pool.availableCount());
    pool.release(a);
    assertEquals(4, pool.availableCount());
    pool.release("172.16.0.1"); // foreign: no-op
    assertEquals(4, pool.availableCount());
  }

  @Test
  void ipv4_slash30_offersNothing() {
    AddressPool pool = AddressPool.ipv4("10.0.0.0/30");
    assertEquals(0, pool.availableCount());
    assertEquals(Optional.empty(), pool.allocate(random));
  }

  @Test
  void ipv6_slash64_reportsAHugeCountCappedAtLongMax() {
    AddressPool pool = AddressPool.ipv6("2408:4000:1:2::/64");
    assertEquals(Long.MAX_VALUE, pool.availableCount());
    assertTrue(pool.contains(pool.allocate(random).orElseThrow()));
    assertTrue(pool.isReserved("2408:4000:1:2:ffff:ffff:ffff:fff7"));
    assertFalse(pool.isReserved("2408:4000:1:2:ffff:ffff:ffff:fff6"));
  }

  @Test
  void cidrWithHostBits_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> AddressPool.ipv4("10.0.0.1/24"));
    assertThrows(IllegalArgumentException.class, () -> AddressPool.ipv4("2408::/64"));
    assertThrows(IllegalArgumentException.class, () -> AddressPool.ipv6("10.0.0.0/24"));
    assertThrows(IllegalArgumentException.class, () -> AddressPool.ipv4("10.0.0.0"));
  }
}
