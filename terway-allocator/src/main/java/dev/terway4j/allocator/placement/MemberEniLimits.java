package dev.terway4j.allocator.placement;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableMap;
import dev.terway4j.cloud.spi.InstanceType;
import java.util.Collection;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The member-ENI limit of each known instance type ({@link InstanceType#memberEniLimit()}: {@code
 * EniTotalQuantity - EniQuantity}, 0 when {@code EniTrunkSupported} is false, as Terway's {@code
 * MemberAdapterLimit}), taken once from a {@code DescribeInstanceTypes} answer or a table, so that
 * a check never describes a type.
 *
 * <p>Immutable and thread-safe.
 */
public final class MemberEniLimits {

  private static final MemberEniLimits NONE = new MemberEniLimits(ImmutableMap.of());

  private final ImmutableMap<String, Integer> byType;

  private MemberEniLimits(ImmutableMap<String, Integer> byType) {
    this.byType = byType;
  }

  /**
   * Returns the limits of some described instance types.
   *
   * @param instanceTypes the types; a type listed twice must have the same limit both times
   * @return the limits
   * @throws IllegalArgumentException if a type is listed twice with different limits
   */
  public static MemberEniLimits of(Collection<InstanceType> instanceTypes) {
    checkNotNull(instanceTypes, "instanceTypes");
    Map<String, Integer> limits = new java.util.HashMap<>();
    for (InstanceType type : instanceTypes) {
      checkNotNull(type, "instance type");
      Integer before = limits.put(type.id(), type.memberEniLimit());
      checkArgument(
          before == null || before == type.memberEniLimit(),
          "instance type %s listed with limits %s and %s",
          type.id(),
          before,
          type.memberEniLimit());
    }
    return new MemberEniLimits(ImmutableMap.copyOf(limits));
  }

  /**
   * Returns limits given as a table of instance type to member-ENI limit.
   *
   * @param limitsByType the table
   * @return the limits
   * @throws IllegalArgumentException if a type is empty or a limit negative
   */
  public static MemberEniLimits ofTable(Map<String, Integer> limitsByType) {
    checkNotNull(limitsByType, "limitsByType");
    limitsByType.forEach(
        (type, limit) -> {
          checkArgument(type != null && !type.isEmpty(), "empty instance type in %s", limitsByType);
          checkArgument(limit != null && limit >= 0, "member-ENI limit of %s is %s", type, limit);
        });
    return new MemberEniLimits(ImmutableMap.copyOf(limitsByType));
  }

  /**
   * Returns no limits: every type is unknown.
   *
   * @return the empty table
   */
  public static MemberEniLimits none() {
    return NONE;
  }

  /**
   * Returns the limit of an instance type.
   *
   * @param instanceType the type
   * @return the limit, or empty if the type is unknown
   */
  public OptionalInt limit(String instanceType) {
    Integer limit = byType.get(checkNotNull(instanceType, "instanceType"));
    return limit == null ? OptionalInt.empty() : OptionalInt.of(limit);
  }

  /**
   * Returns the table.
   *
   * @return instance type to member-ENI limit
   */
  public Map<String, Integer> asMap() {
    return byType;
  }

  @Override
  public String toString() {
    return "MemberEniLimits" + byType;
  }
}
