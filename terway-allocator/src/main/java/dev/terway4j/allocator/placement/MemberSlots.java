package dev.terway4j.allocator.placement;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The member-ENI slots of one node: how many its trunk carries now and how many its instance type
 * allows ({@code EniTotalQuantity - EniQuantity}, 0 without trunk support).
 *
 * <p>Immutable and thread-safe.
 *
 * @param used slots held now, at least 0 (may exceed the limit after the limit shrank)
 * @param limit slots the instance type allows, at least 0
 */
public record MemberSlots(int used, int limit) {

  /** Checks the counts. */
  public MemberSlots {
    checkArgument(used >= 0, "used is negative: %s", used);
    checkArgument(limit >= 0, "limit is negative: %s", limit);
  }

  /**
   * Returns how many slots are free.
   *
   * @return {@code limit - used}, never negative
   */
  public int free() {
    return Math.max(0, limit - used);
  }

  /**
   * Returns whether no slot is free.
   *
   * @return {@code used >= limit}
   */
  public boolean full() {
    return used >= limit;
  }

  /** Returns e.g. {@code 3/4}. */
  @Override
  public String toString() {
    return used + "/" + limit;
  }
}
