package dev.terway4j.allocator;

/**
 * Receives the allocator's lifecycle events, e.g. to emit Kubernetes Events.
 *
 * <p><b>Thread safety:</b> implementations must be thread-safe: events arrive on whichever thread
 * did the work, possibly several at once. They are delivered while the pod concerned is locked, so
 * an implementation must be quick and must not call back into the allocator. An exception thrown by
 * a listener is logged and otherwise ignored.
 */
@FunctionalInterface
public interface AllocatorListener {

  /**
   * Handles one event.
   *
   * @param event the event
   */
  void onEvent(AllocatorEvent event);

  /**
   * Returns a listener that ignores every event.
   *
   * @return the listener
   */
  static AllocatorListener none() {
    return event -> {};
  }
}
