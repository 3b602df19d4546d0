package dev.terway4j.cloud.spi;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.base.CharMatcher;

/**
 * Checks cloud resource ids against their prefixes before they are used in a request.
 *
 * <p>A malformed id is reported as an {@link InvalidArgumentException} with code {@code
 * InvalidParameter} and no request id; {@code null} is a programming error ({@link
 * NullPointerException}). An id is well formed when it is the prefix followed by 1 to 64 ASCII
 * letters, digits, {@code -} or {@code _}. Stateless and thread-safe.
 */
public final class ResourceIds {
  /** The prefix of vSwitch ids. */
  public static final String VSWITCH_PREFIX = "vsw-";

  /** The prefix of security group ids. */
  public static final String SECURITY_GROUP_PREFIX = "sg-";

  /** The prefix of network interface (ENI) ids. */
  public static final String NETWORK_INTERFACE_PREFIX = "eni-";

  /** The prefix of ECS instance ids. */
  public static final String INSTANCE_PREFIX = "i-";

  /** The prefix of VPC ids. */
  public static final String VPC_PREFIX = "vpc-";

  private static final CharMatcher ID_CHARS =
      CharMatcher.inRange('a', 'z')
          .or(CharMatcher.inRange('A', 'Z'))
          .or(CharMatcher.inRange('0', '9'))
          .or(CharMatcher.anyOf("-_"))
          .precomputed();

  private ResourceIds() {}

  /**
   * Checks a vSwitch id.
   *
   * @param id the id
   * @return the id
   * @throws InvalidArgumentException if it does not start with {@code vsw-}
   */
  public static String checkVSwitchId(String id) {
    return check(id, VSWITCH_PREFIX, "vSwitchId");
  }

  /**
   * Checks a security group id.
   *
   * @param id the id
   * @return the id
   * @throws InvalidArgumentException if it does not start with {@code sg-}
   */
  public static String checkSecurityGroupId(String id) {
    return check(id, SECURITY_GROUP_PREFIX, "securityGroupId");
  }

  /**
   * Checks a network interface id.
   *
   * @param id the id
   * @return the id
   * @throws InvalidArgumentException if it does not start with {@code eni-}
   */
  public static String checkNetworkInterfaceId(String id) {
    return check(id, NETWORK_INTERFACE_PREFIX, "networkInterfaceId");
  }

  /**
   * Checks an instance id.
   *
   * @param id the id
   * @return the id
   * @throws InvalidArgumentException if it does not start with {@code i-}
   */
  public static String checkInstanceId(String id) {
    return check(id, INSTANCE_PREFIX, "instanceId");
  }

  /**
   * Checks a VPC id.
   *
   * @param id the id
   * @return the id
   * @throws InvalidArgumentException if it does not start with {@code vpc-}
   */
  public static String checkVpcId(String id) {
    return check(id, VPC_PREFIX, "vpcId");
  }

  private static String check(String id, String prefix, String field) {
    checkNotNull(id, "%s", field);
    String rest = id.startsWith(prefix) ? id.substring(prefix.length()) : "";
    if (rest.isEmpty() || rest.length() > 64 || !ID_CHARS.matchesAllOf(rest)) {
      throw InvalidArgumentException.local(
          "invalid %s: '%s' (expected '%s' followed by 1-64 letters, digits, '-' or '_')",
          field, id, prefix);
    }
    return id;
  }

  private static final CharMatcher RESOURCE_GROUP_CHARS =
      CharMatcher.inRange('a', 'z').or(CharMatcher.inRange('0', '9')).or(CharMatcher.is('-'));

  /**
   * Checks a resource group id as the service would: {@code rg-} and lower-case letters, digits and
   * hyphens, at most 64 characters.
   *
   * @param id the id
   * @return the id
   * @throws InvalidArgumentException if it is malformed
   */
  public static String checkResourceGroupId(String id) {
    checkNotNull(id, "resourceGroupId");
    if (!id.startsWith("rg-")
        || id.length() < 4
        || id.length() > 64
        || !RESOURCE_GROUP_CHARS.matchesAllOf(id)) {
      throw InvalidArgumentException.local(
          "resourceGroupId must be rg- and 1-61 lower-case letters, digits or hyphens: '%s'", id);
    }
    return id;
  }
}
