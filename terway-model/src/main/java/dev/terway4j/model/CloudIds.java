package dev.terway4j.model;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The forms of Alibaba Cloud resource ids: a type prefix ({@code vsw-}, {@code sg-}, {@code eni-},
 * {@code i-}, {@code vpc-}) then lower-case letters and digits. Stateless and thread-safe.
 */
public final class CloudIds {

  private static final Pattern BODY = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** The kinds of ids and their prefixes. */
  public enum Type {
    /** A vSwitch. */
    VSWITCH("vsw-"),
    /** A security group. */
    SECURITY_GROUP("sg-"),
    /** An elastic network interface. */
    ENI("eni-"),
    /** An ECS instance. */
    INSTANCE("i-"),
    /** A VPC. */
    VPC("vpc-");

    private final String prefix;

    Type(String prefix) {
      this.prefix = prefix;
    }

    /** Returns the prefix, for example {@code vsw-}. */
    public String prefix() {
      return prefix;
    }
  }

  private CloudIds() {}

  /** Returns what is wrong with {@code id} as an id of {@code type}, or empty if it is valid. */
  public static Optional<String> error(Type type, String id) {
    checkNotNull(type, "type");
    checkNotNull(id, "id");
    if (!id.startsWith(type.prefix())) {
      return Optional.of(
          "\""
              + ControlCharacters.escape(id)
              + "\" is not "
              + describe(type)
              + " id ("
              + type.prefix()
              + "...)");
    }
    if (!BODY.matcher(id.substring(type.prefix().length())).matches()) {
      return Optional.of(
          "\""
              + ControlCharacters.escape(id)
              + "\" is not "
              + describe(type)
              + " id: after \""
              + type.prefix()
              + "\" only 1 to 64 letters, digits, '-' or '_' may follow");
    }
    return Optional.empty();
  }

  /** Returns whether {@code id} is a valid id of {@code type}. */
  public static boolean isValid(Type type, String id) {
    return error(type, id).isEmpty();
  }

  /**
   * Returns {@code id} when it is a valid id of {@code type}.
   *
   * @throws IllegalArgumentException naming the id and the expected form otherwise
   */
  public static String check(Type type, String id) {
    error(type, id)
        .ifPresent(
            message -> {
              throw new IllegalArgumentException(message);
            });
    return id;
  }

  private static String describe(Type type) {
    switch (type) {
      case VSWITCH:
        return "a vSwitch";
      case SECURITY_GROUP:
        return "a security group";
      case ENI:
        return "an ENI";
      case INSTANCE:
        return "an instance";
      default:
        return "a VPC";
    }
  }
}
