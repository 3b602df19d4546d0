package dev.terway4j.cloud.fake.internal;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.net.InetAddresses;
import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Random;

/**
 * The addresses of one CIDR block, handed out at random (from a caller-supplied, seeded {@link
 * Random}) and never twice at the same time. The platform's reserved addresses at the head and the
 * tail of the block are never handed out: on Alibaba Cloud the first and the last three of an IPv4
 * block (a /24 offers 252), the first and the last nine of an IPv6 block.
 *
 * <p>A pick is a uniform draw of an offset among the usable addresses, moved on to the next free
 * one (wrapping) when taken. {@link Ipv4AddressPool} does this on {@code long}s, since it sits on
 * the fake's hot path; {@link #ipv6} pools keep {@link BigInteger}s, as a /64 does not fit a {@code
 * long}. Both draw exactly the same offsets from the same {@link Random}.
 *
 * <p>Not thread-safe: the fake cloud guards it with its lock.
 */
public abstract class AddressPool {
  private final String cidr;

  AddressPool(String cidr) {
    this.cidr = cidr;
  }

  /**
   * Returns the pool of an IPv4 block, reserving its first address and its last three.
   *
   * @param cidr e.g. {@code 10.0.0.0/24}
   * @return an empty pool
   * @throws IllegalArgumentException if {@code cidr} is not an IPv4 network
   */
  public static Ipv4AddressPool ipv4(String cidr) {
    Block block = Block.parse(cidr);
    checkArgument(block.ipv4, "not an IPv4 block: %s", cidr);
    return new Ipv4AddressPool(
        cidr, block.network.longValueExact(), block.size.longValueExact(), 1, 3);
  }

  /**
   * Returns the pool of an IPv6 block, reserving its first address and its last nine.
   *
   * @param cidr e.g. {@code 2408:4000:1:2::/64}
   * @return an empty pool
   * @throws IllegalArgumentException if {@code cidr} is not an IPv6 network
   */
  public static AddressPool ipv6(String cidr) {
    Block block = Block.parse(cidr);
    checkArgument(!block.ipv4, "not an IPv6 block: %s", cidr);
    return new Ipv6AddressPool(cidr, block.network, block.size, 1, 9);
  }

  /**
   * Returns the block, as given.
   *
   * @return the CIDR block
   */
  public final String cidr() {
    return cidr;
  }

  /**
   * Returns how many addresses the block may hand out in all.
   *
   * @return the usable count (block size minus reserved addresses)
   */
  public abstract BigInteger usableCount();

  /**
   * Returns how many addresses are free, capped at {@link Long#MAX_VALUE}.
   *
   * @return the free count
   */
  public abstract long availableCount();

  /**
   * Hands out a free address: a random usable one, or the next free one after it.
   *
   * @param random the source of randomness (seeded by the caller, for determinism)
   * @return the address, or empty when none is free
   */
  public abstract Optional<String> allocate(Random random);

  /**
   * Returns an address to the pool. Returning a free or foreign address is a no-op.
   *
   * @param address an address handed out by {@link #allocate}
   */
  public abstract void release(String address);

  /**
   * Returns whether an address is inside the block.
   *
   * @param address an address
   * @return {@code true} if inside
   */
  public abstract boolean contains(String address);

  /**
   * Returns whether an address is one of the block's reserved addresses.
   *
   * @param address an address
   * @return {@code true} if reserved
   */
  public abstract boolean isReserved(String address);

  /**
   * Returns the offset of an address from the block's network address, or null if it is not an
   * address of the block's family inside the block.
   */
  final BigInteger indexOf(String address, boolean ipv4, BigInteger network, BigInteger size) {
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

  /** A parsed, checked CIDR block. */
  private record Block(boolean ipv4, BigInteger network, BigInteger size) {
    static Block parse(String cidr) {
      checkNotNull(cidr, "cidr");
      int slash = cidr.indexOf('/');
      checkArgument(slash > 0, "not a CIDR block: %s", cidr);
      checkArgument(
          InetAddresses.isInetAddress(cidr.substring(0, slash)), "not a CIDR block: %s", cidr);
      InetAddress address = InetAddresses.forString(cidr.substring(0, slash));
      boolean ipv4 = address instanceof Inet4Address;
      int bits = ipv4 ? 32 : 128;
      int prefix;
      try {
        prefix = Integer.parseInt(cidr.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a CIDR block: " + cidr, e);
      }
      checkArgument(prefix >= 0 && prefix <= bits, "bad prefix length in %s", cidr);
      BigInteger network = InetAddresses.toBigInteger(address);
      BigInteger size = BigInteger.ONE.shiftLeft(bits - prefix);
      checkArgument(
          network.mod(size).signum() == 0, "%s has host bits set (not a network address)", cidr);
      return new Block(ipv4, network, size);
    }
  }
}
