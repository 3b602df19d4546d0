package dev.terway4j.cloud.fake.internal;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.net.InetAddresses;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The addresses of one CIDR block, handed out at random (from a caller-supplied, seeded {@link
 * Random}) and never twice at the same time. The platform's reserved addresses at the head and the
 * tail of the block are never handed out: on Alibaba Cloud the first and the last three of an IPv4
 * block (a /24 offers 252), the first and the last nine of an IPv6 block.
 *
 * <p>Not thread-safe: the fake cloud guards it with its lock.
 */
public final class AddressPool {
  private final String cidr;
  private final boolean ipv4;
  private final BigInteger network;
  private final BigInteger size;
  private final int reservedHead;
  private final int reservedTail;
  private final BigInteger usable;
  private final Set<BigInteger> used = new HashSet<>();

  private AddressPool(String cidr, int reservedHead, int reservedTail) {
    this.cidr = checkNotNull(cidr, "cidr");
    int slash = cidr.indexOf('/');
    checkArgument(slash > 0, "not a CIDR block: %s", cidr);
    checkArgument(
        InetAddresses.isInetAddress(cidr.substring(0, slash)), "not a CIDR block: %s", cidr);
    InetAddress address = InetAddresses.forString(cidr.substring(0, slash));
    this.ipv4 = address instanceof Inet4Address;
    int bits = ipv4 ? 32 : 128;
    int prefix;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a CIDR block: " + cidr, e);
    }
    checkArgument(prefix >= 0 && prefix <= bits, "bad prefix length in %s", cidr);
    this.network = InetAddresses.toBigInteger(address);
    this.size = BigInteger.ONE.shiftLeft(bits - prefix);
    checkArgument(
        network.mod(size).signum() == 0, "%s has host bits set (not a network address)", cidr);
    this.reservedHead = reservedHead;
    this.reservedTail = reservedTail;
    this.usable =
        size.subtract(BigInteger.valueOf(reservedHead + reservedTail)).max(BigInteger.ZERO);
  }

  /**
   * Returns the pool of an IPv4 block, reserving its first address and its last three.
   *
   * @param cidr e.g. {@code 10.0.0.0/24}
   * @return an empty pool
   * @throws IllegalArgumentException if {@code cidr} is not an IPv4 network
   */
  public static AddressPool ipv4(String cidr) {
    AddressPool pool = new AddressPool(cidr, 1, 3);
    checkArgument(pool.ipv4, "not an IPv4 block: %s", cidr);
    return pool;
  }

  /**
   * Returns the pool of an IPv6 block, reserving its first address and its last nine.
   *
   * @param cidr e.g. {@code 2408:4000:1:2::/64}
   * @return an empty pool
   * @throws IllegalArgumentException if {@code cidr} is not an IPv6 network
   */
  public static AddressPool ipv6(String cidr) {
    AddressPool pool = new AddressPool(cidr, 1, 9);
    checkArgument(!pool.ipv4, "not an IPv6 block: %s", cidr);
    return pool;
  }

  /**
   * Returns the block, as given.
   *
   * @return the CIDR block
   */
  public String cidr() {
    return cidr;
  }

  /**
   * Returns how many addresses the block may hand out in all.
   *
   * @return the usable count (block size minus reserved addresses)
   */
  public BigInteger usableCount() {
    return usable;
  }

  /**
   * Returns how many addresses are free, capped at {@link Long#MAX_VALUE}.
   *
   * @return the free count
   */
  public long availableCount() {
    BigInteger free = usable.subtract(BigInteger.valueOf(used.size()));
    return free.min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
  }

  /**
   * Hands out a free address: a random usable one, or the next free one after it.
   *
   * @param random the source of randomness (seeded by the caller, for determinism)
   * @return the address, or empty when none is free
   */
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
    return Optional.of(format(offset.add(BigInteger.valueOf(reservedHead))));
  }

  /**
   * Returns an address to the pool. Returning a free or foreign address is a no-op.
   *
   * @param address an address handed out by {@link #allocate}
   */
  public void release(String address) {
    BigInteger index = indexOf(address);
    if (index != null) {
      used.remove(index.subtract(BigInteger.valueOf(reservedHead)));
    }
  }

  /**
   * Returns whether an address is inside the block.
   *
   * @param address an address
   * @return {@code true} if inside
   */
  public boolean contains(String address) {
    return indexOf(address) != null;
  }

  /**
   * Returns whether an address is one of the block's reserved addresses.
   *
   * @param address an address
   * @return {@code true} if reserved
   */
  public boolean isReserved(String address) {
    BigInteger index = indexOf(address);
    return index != null
        && (index.compareTo(BigInteger.valueOf(reservedHead)) < 0
            || index.compareTo(size.subtract(BigInteger.valueOf(reservedTail))) >= 0);
  }

  private BigInteger indexOf(String address) {
    if (!InetAddresses.isInetAddress(address)) {
      return null;
    }
    InetAddress parsed = InetAddresses.forString(address);
    if ((parsed instanceof Inet4Address) != ipv4) {
      return null;
    }
    BigInteger index = InetAddresses.toBigInteger(parsed).subtract(network);
    return index.signum() >= 0 && index.compareTo(size) < 0 ? index : null;
  }

  private String format(BigInteger index) {
    BigInteger value = network.add(index);
    return InetAddresses.toAddrString(
        ipv4 ? InetAddresses.fromIPv4BigInteger(value) : InetAddresses.fromIPv6BigInteger(value));
  }
}
