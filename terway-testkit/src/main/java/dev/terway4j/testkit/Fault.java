package dev.terway4j.testkit;

import java.util.EnumSet;
import java.util.Set;

/**
 * What {@link ControllerHarness} may do to a controller besides pod events and time: the fake
 * cloud's fault kinds, crashes and restarts.
 *
 * <p>Cloud faults hit one operation ({@code CreateNetworkInterface}, {@code
 * AttachNetworkInterface}, {@code DetachNetworkInterface}, {@code DeleteNetworkInterface} or {@code
 * DescribeNetworkInterfaces}) for 1 to 7 calls; latency lasts a few steps.
 */
public enum Fault {
  /** Calls fail with {@code Throttling} (a {@link dev.terway4j.cloud.spi.RateLimitedException}). */
  THROTTLING,
  /** Calls fail with {@code InternalError} or {@code ServiceUnavailable} (retryable). */
  SERVICE_ERROR,
  /** Calls take 1 to 30 seconds of fake time (the clock moves while the controller waits). */
  LATENCY,
  /**
   * Calls take effect and then time out: the caller sees an outcome-unknown {@link
   * dev.terway4j.cloud.spi.CloudClientException}, as when a reply is lost.
   */
  LOST_REPLY,
  /**
   * Creating an ENI succeeds and attaching it then fails with a non-retryable error ({@code
   * InvalidParameter} or {@code InvalidOperation.InvalidEniState}): the failure between create and
   * attach that must be rolled back.
   */
  ATTACH_FAILURE,
  /** Calls are refused with {@code InvalidParameter}, a non-retryable error. */
  REFUSAL,
  /**
   * The controller's process dies: right after a create, an attach, a detach or a delete took
   * effect, or right before an attach (between create and attach). Nothing after that point of the
   * reaction runs; the harness then restarts the controller on the same cloud and store.
   */
  CRASH,
  /** A clean restart: the controller is closed and created again on the same cloud and store. */
  RESTART,
  /**
   * The PodENI store refuses its next 1 to 3 writes (creates and updates, or also deletions) with
   * an exception, as an API server does on a conflict, an outage or a rejecting webhook; nothing is
   * written. The harness treats the exception as a requeue.
   */
  STORE_FAILURE,
  /**
   * The {@linkplain SimulatedCluster#controllerClock() controller's clock} jumps ten years ahead,
   * to {@link java.time.Instant#MAX}, or a day behind; the controller is told time passed and the
   * live pods are re-delivered; then the clock comes back and the same happens again.
   */
  CLOCK_JUMP;

  /**
   * Returns every fault.
   *
   * @return a new mutable set of all faults
   */
  public static Set<Fault> all() {
    return EnumSet.allOf(Fault.class);
  }

  /**
   * Returns no fault.
   *
   * @return a new mutable, empty set
   */
  public static Set<Fault> none() {
    return EnumSet.noneOf(Fault.class);
  }
}
