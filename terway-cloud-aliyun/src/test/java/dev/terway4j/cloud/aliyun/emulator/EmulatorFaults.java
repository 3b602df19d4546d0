package dev.terway4j.cloud.aliyun.emulator;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Wire-level faults of an {@link AliyunEmulator}, one-shot and per API action: each queued fault is
 * consumed by the next request for that action, in the order added. Unlike the fake cloud's own
 * faults (which surface as ordinary error replies), these change what goes over HTTP: a reply that
 * comes too late, a reply that is not JSON, a connection closed without a reply.
 *
 * <p>Thread-safe.
 */
public final class EmulatorFaults {
  /** What a fault does. */
  enum Kind {
    /** Answer with an error reply, without touching the cloud. */
    ERROR,
    /** Answer with a raw status, content type and body, without touching the cloud. */
    RAW,
    /** Apply the request, then wait before answering. */
    DELAY,
    /** Apply the request, then close the connection without answering. */
    DROP
  }

  /** One queued fault. */
  record Fault(
      Kind kind, int status, String code, String contentType, String body, Duration delay) {}

  private final Map<String, Deque<Fault>> pending = new HashMap<>();

  EmulatorFaults() {}

  /**
   * Answers the next request for an action with a JSON error reply, e.g. 503 {@code
   * ServiceUnavailable}; the cloud is not touched.
   *
   * @param action the API action, e.g. {@code CreateNetworkInterface}
   * @param status the HTTP status
   * @param code the error code
   * @return this
   */
  public EmulatorFaults error(String action, int status, String code) {
    checkArgument(status >= 400 && status <= 599, "not an error status: %s", status);
    return add(action, new Fault(Kind.ERROR, status, checkNotNull(code), null, null, null));
  }

  /**
   * Answers the next request for an action with a raw body, e.g. a proxy's HTML 502 or an empty
   * 200; the cloud is not touched.
   *
   * @param action the API action
   * @param status the HTTP status
   * @param contentType the Content-Type header
   * @param body the body
   * @return this
   */
  public EmulatorFaults raw(String action, int status, String contentType, String body) {
    return add(
        action,
        new Fault(Kind.RAW, status, null, checkNotNull(contentType), checkNotNull(body), null));
  }

  /**
   * Applies the next request for an action, then answers only after a delay (longer than the
   * client's read timeout, it is the ambiguous timeout: applied, but the caller cannot know).
   *
   * @param action the API action
   * @param delay how long to wait before answering
   * @return this
   */
  public EmulatorFaults delay(String action, Duration delay) {
    checkArgument(!delay.isNegative(), "negative delay: %s", delay);
    return add(action, new Fault(Kind.DELAY, 0, null, null, null, delay));
  }

  /**
   * Applies the next request for an action, then closes the connection without answering.
   *
   * @param action the API action
   * @return this
   */
  public EmulatorFaults drop(String action) {
    return add(action, new Fault(Kind.DROP, 0, null, null, null, null));
  }

  /**
   * Removes every queued fault.
   *
   * @return this
   */
  public synchronized EmulatorFaults clear() {
    pending.clear();
    return this;
  }

  private synchronized EmulatorFaults add(String action, Fault fault) {
    checkNotNull(action, "action");
    pending.computeIfAbsent(action, a -> new ArrayDeque<>()).add(fault);
    return this;
  }

  /** Takes the next fault for an action, or null. */
  synchronized Fault next(String action) {
    Deque<Fault> queue = pending.get(action);
    return queue == null ? null : queue.poll();
  }
}
