package dev.terway4j.cloud.fake.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
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
  void ipv4_drawsTheOffsetsABigIntegerPoolDraws() {
    // The long-based pool must give the addresses the BigInteger one gave for a seed, or the same
    // seed would give other addresses than before.
    for (String cidr : List.of("10.0.0.0/29", "10.0.0.0/28", "10.0.0.0/24", "10.8.0.0/16")) {
      AddressPool pool = AddressPool.ipv4(cidr);
      BigInteger usable = pool.usableCount();
      for (long seed = 0; seed < 50; seed++) {
        Random reference = new Random(seed);
        BigInteger offset = new BigInteger(usable.bitLength() + 8, reference).mod(usable);
        Ipv4AddressPool fresh = AddressPool.ipv4(cidr);
        assertEquals(offset.longValueExact(), fresh.allocateOffset(new Random(seed)), cidr);
      }
    }
  }

  @Test
  void ipv4_offsets_formatAndReleaseLikeTheirAddresses() {
    Ipv4AddressPool pool = AddressPool.ipv4("192.168.5.8/29");
    long offset = pool.allocateOffset(random);
    String address = pool.format(offset);
    assertTrue(pool.contains(address));
    assertFalse(pool.isReserved(address));
    assertEquals(3, pool.availableCount());
    pool.releaseOffset(offset);
    pool.releaseOffset(offset); // free already: no-op
    assertEquals(4, pool.availableCount());
    assertEquals("192.168.5.9", pool.format(0));
  }

  @Test
  void cidrWithHostBits_isRejected() {
    assertThrows(IllegalArgumentException.class, () -> AddressPool.ipv4("10.0.0.1/24"));
    assertThrows(IllegalArgumentException.class, () -> AddressPool.ipv4("2408::/64"));
    assertThrows(IllegalArgumentException.class, () -> AddressPool.ipv6("10.0.0.0/24"));
    assertThrows(IllegalArgumentException.class, () -> AddressPool.ipv4("10.0.0.0"));
  }
}
