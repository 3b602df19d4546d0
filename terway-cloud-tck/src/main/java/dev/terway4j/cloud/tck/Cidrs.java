package dev.terway4j.cloud.tck;

import com.google.common.net.InetAddresses;
import java.math.BigInteger;
import java.net.InetAddress;

/** CIDR containment for assertions. Stateless and thread-safe. */
final class Cidrs {
  private Cidrs() {}

  /** Returns whether {@code address} lies in {@code cidr}. */
  static boolean contains(String cidr, String address) {
    int slash = cidr.indexOf('/');
    InetAddress network = InetAddresses.forString(cidr.substring(0, slash));
    if (!InetAddresses.isInetAddress(address)) {
      return false;
    }
    InetAddress candidate = InetAddresses.forString(address);
    if (network.getAddress().length != candidate.getAddress().length) {
      return false;
    }
    int hostBits = network.getAddress().length * 8 - Integer.parseInt(cidr.substring(slash + 1));
    return InetAddresses.toBigInteger(network)
        .shiftRight(hostBits)
        .equals(InetAddresses.toBigInteger(candidate).shiftRight(hostBits));
  }

  /** Returns the number of addresses in {@code cidr}. */
  static BigInteger size(String cidr) {
    int slash = cidr.indexOf('/');
    int bits = InetAddresses.forString(cidr.substring(0, slash)).getAddress().length * 8;
    return BigInteger.ONE.shiftLeft(bits - Integer.parseInt(cidr.substring(slash + 1)));
  }
}
