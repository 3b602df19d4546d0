package dev.terway4j.cloud.fake.internal;

import com.google.common.net.InetAddresses;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The {@link AddressPool} of an IPv6 block, on {@link BigInteger} offsets (a /64 holds more
 * addresses than a {@code long} counts). Off the hot path: only dual-stack creates use it.
 *
 * <p>Not thread-safe: the fake cloud guards it with its lock.
 */
final class Ipv6AddressPool extends AddressPool {
  private final BigInteger network;
  private final BigInteger size;
  private final int reservedHead;
  private final int reservedTail;
  private final BigInteger usable;
  private final Set<BigInteger> used = new HashSet<>();

  Ipv6AddressPool(
      String cidr, BigInteger network, BigInteger size, int reservedHead, int reservedTail) {
    super(cidr);
    this.network = network;
    this.size = size;
    this.reservedHead = reservedHead;
    this.reservedTail = reservedTail;
    this.usable =
        size.subtract(BigInteger.valueOf(reservedHead + reservedTail)).max(BigInteger.ZERO);
  }

  @Override
  public BigInteger usableCount() {
    return usable;
  }

  @Override
  public long availableCount() {
    BigInteger free = usable.subtract(BigInteger.valueOf(used.size()));
    return free.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
  }

  @Override
  public Optional<String> allocate(Random random) {
    if (BigInteger.valueOf(used.size()).compareTo(usable) >= 0) {
      return Optional.empty();
    }
    BigInteger offset = new BigInteger(usable.bitLength() + 8, random).mod(usable);
    while (used.contains(offset)) {
      offset = offset.add(BigInteger.ONE);
      if (offset.compareTo(usable) >= 0) {
        offset = BigInteger.ZERO;
      }
    }
    used.add(offset);
    BigInteger value = network.add(offset).add(BigInteger.valueOf(reservedHead));
    return Optional.of(InetAddresses.toAddrString(InetAddresses.fromIPv6BigInteger(value)));
  }

  @Override
  public void release(String address) {
    BigInteger index = indexOf(address, false, network, size);
    if (index != null) {
      used.remove(index.subtract(BigInteger.valueOf(reservedHead)));
    }
  }

  @Override
  public boolean contains(String address) {
    return indexOf(address, false, network, size) != null;
  }

  @Override
  public boolean isReserved(String address) {
    BigInteger index = indexOf(address, false, network, size);
    return index != null
        && (index.compareTo(BigInteger.valueOf(reservedHead)) < 0
            || index.compareTo(size.subtract(BigInteger.valueOf(reservedTail))) >= 0);
  }
}
