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
 *   <li>{@code podScheduled} returning a record with address {@code ip}: if the node has a slot
 *       that is certainly free ({@code held < limit}) and no live pod, and no Fixed pod ever, holds
 *       {@code ip}; an Elastic deleted pod that held {@code ip} must have been released by then;
 *   <li>{@code podScheduled} failing with {@code NODE_CAPACITY_FULL}: if the held slots plus those
 *       possibly still held by deleted pods reach the limit;
 *   <li>{@code podDeleted}: always; the pod's slot becomes possibly-held.
 * </ul>
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
  private static final byte DONE = 3;

  private final List<List<Call>> byThread;
  private final int[] limits;
  private final int pods;
  private final String[] podIps;
  private final int[] podNodes;
  private final boolean[] podFixed;
  private final Set<String> visited = new HashSet<>();
  private long explored;

  LinearizabilityChecker(List<List<Call>> byThread, int[] limits, int pods) {
    this.byThread = byThread;
    this.limits = limits.clone();
    this.pods = pods;
    this.podIps = new String[pods];
    this.podNodes = new int[pods];
    this.podFixed = new boolean[pods];
    for (List<Call> calls : byThread) {
      for (Call c : calls) {
        podNodes[c.pod()] = c.node();
        podFixed[c.pod()] = c.fixed();
        if (c.outcome() == Outcome.BOUND) {
          podIps[c.pod()] = c.ip();
        }
      }
    }
  }

  /**
   * Searches for a linearization.
   *
   * @return empty if the history is linearizable, else why not
   */
  Optional<String> check() {
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
    int releasing = Math.min(caps[node], count(states, node, RELEASING));
    switch (call.outcome()) {
      case BOUND -> {
        if (held >= limits[node]) {
          return false;
        }
        for (int p = 0; p < pods; p++) {
          if (p == call.pod() || !call.ip().equals(podIps[p])) {
            continue;
          }
          boolean keeps = states[p] == HELD || (podFixed[p] && states[p] == RELEASING);
          if (keeps) {
            return false;
          }
          if (states[p] == RELEASING) {
            states[p] = DONE; // its address was reused: its release has completed
          }
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
