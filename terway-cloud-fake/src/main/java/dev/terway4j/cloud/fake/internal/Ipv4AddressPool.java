package dev.terway4j.cloud.fake.internal;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * The {@link AddressPool} of an IPv4 block, on {@code long} offsets: every create and delete of the
 * fake goes through it, so it neither parses nor allocates big numbers. Besides the string API it
 * hands out and takes back offsets ({@link #allocateOffset}, {@link #releaseOffset}), which the
 * fake keeps next to each address so that a release need not parse it.
 *
 * <p>An offset counts from the first usable address (the network address plus the reserved head).
 * The draw is the one {@code new BigInteger(bitLength(usable) + 8, random).mod(usable)} makes,
 * computed on a {@code long}, so the same seed gives the same addresses as a {@link BigInteger}
 * pool.
 *
 * <p>Not thread-safe: the fake cloud guards it with its lock.
 */
public final class Ipv4AddressPool extends AddressPool {
  /**
   * Up to this many usable addresses (a /12; vSwitches are /16 at most) the used set is a bitmap of
   * at most 128 KiB; larger blocks use a hash set.
   */
  private static final long BITMAP_LIMIT = 1L << 20;

  private final long network;
  private final long size;
  private final int reservedHead;
  private final long usable;
  private final byte[] draw;
  private final int firstByteMask;
  // Not a java.util.BitSet: its clear() rescans for the highest word in use, which on a large,
  // nearly empty block is a walk over the whole bitmap on every release.
  private final long[] usedBits;
  private final Set<Long> usedSet;
  private long usedCount;

  Ipv4AddressPool(String cidr, long network, long size, int reservedHead, int reservedTail) {
    super(cidr);
    this.network = network;
    this.size = size;
    this.reservedHead = reservedHead;
    this.usable = Math.max(0, size - reservedHead - reservedTail);
    // BigInteger(numBits, random) reads ceil(numBits / 8) random bytes, big-endian, and masks the
    // excess high bits of the first one; numBits is at most 33 + 8, so a long holds the value.
    int numBits = (64 - Long.numberOfLeadingZeros(usable)) + 8;
    this.draw = new byte[(numBits + 7) / 8];
    this.firstByteMask = (1 << (8 - (8 * draw.length - numBits))) - 1;
    this.usedBits = usable <= BITMAP_LIMIT ? new long[(int) ((usable + 63) >>> 6)] : null;
    this.usedSet = usedBits == null ? new HashSet<>() : null;
  }

  @Override
  public BigInteger usableCount() {
    return BigInteger.valueOf(usable);
  }

  @Override
  public long availableCount() {
    return usable - usedCount;
  }

  @Override
  public Optional<String> allocate(Random random) {
    long offset = allocateOffset(random);
    return offset < 0 ? Optional.empty() : Optional.of(format(offset));
  }

  /**
   * Hands out a free address as its offset.
   *
   * @param random the source of randomness
   * @return the offset, or -1 when none is free
   */
  public long allocateOffset(Random random) {
    if (usedCount >= usable) {
      return -1;
    }
    random.nextBytes(draw);
    long value = draw[0] & firstByteMask;
    for (int i = 1; i < draw.length; i++) {
      value = (value << 8) | (draw[i] & 0xff);
    }
    long offset = value % usable;
    if (usedBits != null) {
      long next = nextFree(offset);
      if (next < 0) {
        next = nextFree(0);
      }
      usedBits[(int) (next >>> 6)] |= 1L << next;
      offset = next;
    } else {
      while (usedSet.contains(offset)) {
        offset = offset + 1 >= usable ? 0 : offset + 1;
      }
      usedSet.add(offset);
    }
    usedCount++;
    return offset;
  }

  /**
   * Returns the first free offset at or after {@code from}, or -1 if there is none up to the end.
   */
  private long nextFree(long from) {
    int word = (int) (from >>> 6);
    long free = ~usedBits[word] & (-1L << from);
    while (free == 0) {
      if (++word == usedBits.length) {
        return -1;
      }
      free = ~usedBits[word];
    }
    long next = ((long) word << 6) + Long.numberOfTrailingZeros(free);
    return next < usable ? next : -1;
  }

  /**
   * Returns an address, given as its offset, to the pool. Returning a free offset is a no-op.
   *
   * @param offset an offset handed out by {@link #allocateOffset}
   */
  public void releaseOffset(long offset) {
    if (offset < 0 || offset >= usable) {
      return;
    }
    boolean wasUsed;
    if (usedBits != null) {
      int word = (int) (offset >>> 6);
      wasUsed = (usedBits[word] & (1L << offset)) != 0;
      usedBits[word] &= ~(1L << offset);
    } else {
      wasUsed = usedSet.remove(offset);
    }
    if (wasUsed) {
      usedCount--;
    }
  }

  /**
   * Returns the dotted-quad form of an offset.
   *
   * @param offset an offset from the first usable address
   * @return the address
   */
  public String format(long offset) {
    long value = network + reservedHead + offset;
    StringBuilder s = new StringBuilder(15);
    s.append(value >>> 24 & 0xff)
        .append('.')
        .append(value >>> 16 & 0xff)
        .append('.')
        .append(value >>> 8 & 0xff)
        .append('.')
        .append(value & 0xff);
    return s.toString();
  }

  @Override
  public void release(String address) {
    BigInteger index = index(address);
    if (index != null) {
      releaseOffset(index.longValueExact() - reservedHead);
    }
  }

  @Override
  public boolean contains(String address) {
    return index(address) != null;
  }

  @Override
  public boolean isReserved(String address) {
    BigInteger index = index(address);
    if (index == null) {
      return false;
    }
    long i = index.longValueExact();
    return i < reservedHead || i >= reservedHead + usable;
  }

  private BigInteger index(String address) {
    return indexOf(address, true, BigInteger.valueOf(network), BigInteger.valueOf(size));
  }
}
