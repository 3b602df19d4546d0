package dev.terway4j.testkit.reliability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a concurrent history of allocator calls against a sequential specification (Wing and
 * Gong's search with memoisation, as in Lowe's "Testing for linearizability"): is there one order
 * of the calls, consistent with their real-time order, in which the specification allows every
 * outcome that was seen?
 *
 * <p>The specification is nondeterministic where the allocator is asynchronous: a deleted pod's
 * member slot (and an Elastic pod's address) comes back at some later tick, so the model keeps an
 * upper bound of the slots still held by deleted pods per node, lowered only when an outcome proves
 * that some were given back. It allows:
 *
 * <ul>
 *   <li>{@code podScheduled} returning a record: if the node has a slot that is certainly free
 *       ({@code held < limit});
 *   <li>{@code podScheduled} failing with {@code NODE_CAPACITY_FULL}: if the held slots plus those
 *       possibly still held by deleted pods reach the limit;
 *   <li>{@code podDeleted}: always; the pod's slot becomes possibly-held.
 * </ul>
 *
 * <p>Addresses are checked apart from that order, by real time: of two pods that were given the
 * same address, one must be an Elastic pod whose {@code podDeleted} began before the other's {@code
 * podScheduled} returned (a Fixed pod never gives its address back). A {@code podScheduled} takes
 * its slot and its address at two different moments (the allocator reserves the slot, then creates
 * the ENI), and in between another pod, even on another node, may be given that address and give it
 * back; so no single point in the call can be where both happen, and checking the address at the
 * call's point rejected real histories. Where only one order of two such pods is possible, the
 * first one's slot was released (before its ENI was deleted) before the second's call returned: it
 * counts as free for every call invoked after that return, and no earlier (the second pod may have
 * reserved its slot while the first still held one).
 *
 * <p>Not thread-safe; one per history.
 */
final class LinearizabilityChecker {
  private static final int UNBOUNDED = Integer.MAX_VALUE / 2;
  private static final long STATE_BUDGET = 2_000_000;

  /** What a call returned. */
  enum Outcome {
    BOUND,
    NODE_FULL,
    DELETED
  }

  /**
   * One completed call.
   *
   * @param thread the calling thread
   * @param pod the pod's index
   * @param node the node's index
   * @param fixed whether the pod is Fixed (it keeps its address when deleted)
   * @param outcome what it returned
   * @param ip the address returned, for {@link Outcome#BOUND}
   * @param invoked the ticket taken before the call
   * @param returned the ticket taken after it
   */
  record Call(
      int thread,
      int pod,
      int node,
      boolean fixed,
      Outcome outcome,
      String ip,
      long invoked,
      long returned) {}

  private static final byte NONE = 0;
  private static final byte HELD = 1;
  private static final byte RELEASING = 2;
  private static final long NEVER = Long.MAX_VALUE;

  private final List<List<Call>> byThread;
  private final int[] limits;
  private final int pods;
  private final int[] podNodes;
  private final boolean[] podFixed;
  private final long[] freedBy;
  private String addressConflict;
  private final Set<String> visited = new HashSet<>();
  private long explored;

  LinearizabilityChecker(List<List<Call>> byThread, int[] limits, int pods) {
    this.byThread = byThread;
    this.limits = limits.clone();
    this.pods = pods;
    this.podNodes = new int[pods];
    this.podFixed = new boolean[pods];
    for (List<Call> calls : byThread) {
      for (Call c : calls) {
        podNodes[c.pod()] = c.node();
        podFixed[c.pod()] = c.fixed();
      }
    }
    this.freedBy = new long[pods];
    Arrays.fill(freedBy, NEVER);
    checkAddresses();
  }

  /**
   * Checks that pods given the same address held it one after the other, and notes the releases
   * this proves (see the class Javadoc).
   */
  private void checkAddresses() {
    Call[] bound = new Call[pods];
    Call[] deleted = new Call[pods];
    for (List<Call> calls : byThread) {
      for (Call c : calls) {
        if (c.outcome() == Outcome.BOUND) {
          bound[c.pod()] = c;
        } else if (c.outcome() == Outcome.DELETED) {
          deleted[c.pod()] = c;
        }
      }
    }
    for (int p = 0; p < pods; p++) {
      for (int q = p + 1; q < pods; q++) {
        if (bound[p] == null || bound[q] == null || !bound[p].ip().equals(bound[q].ip())) {
          continue;
        }
        boolean pFirst = gaveBackBefore(p, deleted[p], bound[q]);
        boolean qFirst = gaveBackBefore(q, deleted[q], bound[p]);
        if (!pFirst && !qFirst) {
          addressConflict =
              "address " + bound[p].ip() + " held at once by " + bound[p] + " and " + bound[q];
          return;
        }
        if (pFirst && !qFirst) {
          freedBy[p] = Math.min(freedBy[p], bound[q].returned());
        } else if (qFirst && !pFirst) {
          freedBy[q] = Math.min(freedBy[q], bound[p].returned());
        }
      }
    }
  }

  /** Whether pod {@code p} may have given its address back before {@code next} returned. */
  private boolean gaveBackBefore(int p, Call deletedP, Call next) {
    return !podFixed[p] && deletedP != null && deletedP.invoked() < next.returned();
  }

  /**
   * Searches for a linearization.
   *
   * @return empty if the history is linearizable, else why not
   */
  Optional<String> check() {
    if (addressConflict != null) {
      return Optional.of(addressConflict);
    }
    int[] next = new int[byThread.size()];
    byte[] states = new byte[pods];
    int[] caps = new int[limits.length];
    Arrays.fill(caps, UNBOUNDED);
    if (search(next, states, caps)) {
      return Optional.empty();
    }
    if (explored >= STATE_BUDGET) {
      return Optional.of("gave up after " + explored + " states: the history is too concurrent");
    }
    return Optional.of("no order of the " + total() + " calls explains their outcomes");
  }

  private int total() {
    return byThread.stream().mapToInt(List::size).sum();
  }

  private boolean search(int[] next, byte[] states, int[] caps) {
    if (++explored > STATE_BUDGET) {
      return false;
    }
    long minReturned = Long.MAX_VALUE;
    boolean done = true;
    for (int t = 0; t < byThread.size(); t++) {
      if (next[t] < byThread.get(t).size()) {
        done = false;
        minReturned = Math.min(minReturned, byThread.get(t).get(next[t]).returned());
      }
    }
    if (done) {
      return true;
    }
    String key = Arrays.toString(next) + Arrays.toString(states) + Arrays.toString(caps);
    if (!visited.add(key)) {
      return false;
    }
    for (int t = 0; t < byThread.size(); t++) {
      if (next[t] >= byThread.get(t).size()) {
        continue;
      }
      Call call = byThread.get(t).get(next[t]);
      if (call.invoked() > minReturned) {
        continue; // some other call returned before this one began: it must come first
      }
      byte[] s = states.clone();
      int[] c = caps.clone();
      if (apply(call, s, c)) {
        next[t]++;
        boolean found = search(next, s, c);
        next[t]--;
        if (found) {
          return true;
        }
      }
    }
    return false;
  }

  /** Applies a call to a copy of the state; false if the specification forbids its outcome. */
  private boolean apply(Call call, byte[] states, int[] caps) {
    int node = call.node();
    int held = count(states, node, HELD);
    int releasing = Math.min(caps[node], possiblyHeld(states, node, call.invoked()));
    switch (call.outcome()) {
      case BOUND -> {
        if (held >= limits[node]) {
          return false;
        }
        if (held + releasing >= limits[node]) {
          caps[node] = limits[node] - held - 1;
        }
        states[call.pod()] = HELD;
        return true;
      }
      case NODE_FULL -> {
        return held + releasing >= limits[node];
      }
      case DELETED -> {
        if (states[call.pod()] == HELD) {
          caps[node] = releasing + 1;
          states[call.pod()] = RELEASING;
        }
        return true;
      }
      default -> throw new IllegalStateException(call.toString());
    }
  }

  /**
   * Deleted pods of a node whose slots may still be held when a call invoked at {@code at} runs.
   */
  private int possiblyHeld(byte[] states, int node, long at) {
    int n = 0;
    for (int p = 0; p < pods; p++) {
      if (states[p] == RELEASING && podNodes[p] == node && freedBy[p] >= at) {
        n++;
      }
    }
    return n;
  }

  private int count(byte[] states, int node, byte state) {
    int n = 0;
    for (int p = 0; p < pods; p++) {
      if (states[p] == state && podNodes[p] == node) {
        n++;
      }
    }
    return n;
  }

  static List<List<Call>> empty(int threads) {
    List<List<Call>> lists = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      lists.add(new ArrayList<>());
    }
    return lists;
  }
}
