package dev.terway4j.kubernetes;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static dev.terway4j.model.ControlCharacters.escaped;

import dev.terway4j.allocator.AllocatorEvent;
import dev.terway4j.allocator.AllocatorListener;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the allocator's lifecycle events as core/v1 Kubernetes Events on the pods concerned, as
 * Terway's control plane does: reason {@code CreateENISucceed}, {@code AttachENIFailed}, ... (see
 * {@link AllocatorEvent.Type#reason()}), type {@code Normal} for successes and {@code Warning} for
 * failures, the allocator's message, source component {@code terway-controlplane/terway4j} (by
 * default), first and last timestamps from the event's time, count 1, and a name {@code
 * <pod>.<unique suffix>}. Events that concern no pod (a leaked ENI) are not written.
 *
 * <p><b>Not blocking the allocator.</b> {@link #onEvent} only builds the Event and offers it to a
 * small bounded queue; one daemon thread sends them, one at a time, with the client's own timeouts.
 * When the queue is full (the API server is slow or down) the event is dropped and counted ({@link
 * #dropped()}): Events are best-effort, and the allocator's worker must never wait for them.
 *
 * <p><b>Failures.</b> Nothing is thrown into the allocator: an Event the API server refuses is
 * logged (the first failure in a row at WARN, the rest at DEBUG) and dropped; it is not retried.
 *
 * <p><b>Thread safety:</b> thread-safe. {@link #onEvent} may be called from any number of threads
 * at once; {@link #close} from any thread, once or more.
 */
public final class PodEventRecorder implements AllocatorListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PodEventRecorder.class);

  /** The default source component, after Terway's {@code terway-controlplane/<controller>}. */
  public static final String DEFAULT_COMPONENT = "terway-controlplane/terway4j";

  /** The default capacity of the queue of Events waiting to be sent. */
  public static final int DEFAULT_QUEUE_CAPACITY = 256;

  private static final int MAX_NAME_LENGTH = 253;
  private static final int MAX_MESSAGE_LENGTH = 1024;

  private final KubernetesClient client;
  private final String component;
  private final String host;
  private final BiFunction<String, String, Optional<String>> podUid;
  private final BlockingQueue<Event> queue;
  private final Thread sender;
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private volatile boolean closed;
  private boolean failing; // confined to the sender thread

  private PodEventRecorder(Builder b) {
    this.client = b.client;
    this.component = b.component;
    this.host = b.host;
    this.podUid = b.podUid;
    this.queue = new ArrayBlockingQueue<>(b.queueCapacity);
    this.sender = new Thread(this::sendLoop, "terway-pod-events");
    this.sender.setDaemon(true);
    this.sender.start();
  }

  /**
   * Returns a builder.
   *
   * @param client the client Events are created with; the recorder does not close it
   * @return the builder
   */
  public static Builder builder(KubernetesClient client) {
    return new Builder(client);
  }

  /**
   * Returns a recorder with the defaults, its sender started.
   *
   * @param client the client Events are created with; the recorder does not close it
   * @return the recorder
   */
  public static PodEventRecorder create(KubernetesClient client) {
    return builder(client).build();
  }

  /**
   * Queues the Event for one allocator event, or drops it if the queue is full or the recorder is
   * closed. Returns at once; never throws for a well-formed event.
   *
   * @param event the event
   */
  @Override
  public void onEvent(AllocatorEvent event) {
    if (closed || event.namespace().isEmpty() || event.name().isEmpty()) {
      return;
    }
    Event built;
    try {
      built = toEvent(event);
    } catch (RuntimeException e) {
      log.debug(
          "pod {}/{}: building the Event failed",
          escaped(event.namespace()),
          escaped(event.name()),
          e);
      dropped.incrementAndGet();
      return;
    }
    if (!queue.offer(built)) {
      long n = dropped.incrementAndGet();
      log.debug(
          "pod {}/{}: Event {} dropped, the queue is full ({} dropped so far)",
          escaped(event.namespace()),
          escaped(event.name()),
          event.type().reason(),
          n);
    }
  }

  /** Builds the core/v1 Event for one allocator event. */
  Event toEvent(AllocatorEvent event) {
    String uid = lookUpUid(event.namespace(), event.name());
    String timestamp =
        DateTimeFormatter.ISO_INSTANT.format(event.at().truncatedTo(ChronoUnit.SECONDS));
    String message = event.message();
    if (message.length() > MAX_MESSAGE_LENGTH) {
      message = message.substring(0, MAX_MESSAGE_LENGTH - 3) + "...";
    }
    return new EventBuilder()
        .withNewMetadata()
        .withNamespace(event.namespace())
        .withName(eventName(event.name(), event.at()))
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion("v1")
        .withKind("Pod")
        .withNamespace(event.namespace())
        .withName(event.name())
        .withUid(uid)
        .endInvolvedObject()
        .withReason(event.type().reason())
        .withType(event.type().warning() ? "Warning" : "Normal")
        .withMessage(message)
        .withNewSource(component, host)
        .withReportingComponent(component)
        .withReportingInstance(host)
        .withFirstTimestamp(timestamp)
        .withLastTimestamp(timestamp)
        .withCount(1)
        .build();
  }

  private String lookUpUid(String namespace, String name) {
    try {
      return podUid.apply(namespace, name).filter(u -> !u.isEmpty()).orElse(null);
    } catch (RuntimeException e) {
      log.debug(
          "pod {}/{}: looking up its uid failed: {}",
          escaped(namespace),
          escaped(name),
          escaped(e.toString()));
      return null;
    }
  }

  /** {@code <pod>.<hex nanos><hex random>}, as client-go's {@code <name>.<hex nanos>}, unique. */
  static String eventName(String pod, Instant at) {
    long nanos = at.getEpochSecond() * 1_000_000_000L + at.getNano();
    String suffix =
        Long.toHexString(nanos)
            + String.format("%08x", ThreadLocalRandom.current().nextInt() & 0xffffffffL);
    String prefix = pod;
    if (prefix.length() + 1 + suffix.length() > MAX_NAME_LENGTH) {
      prefix = prefix.substring(0, MAX_NAME_LENGTH - 1 - suffix.length());
    }
    return prefix + "." + suffix;
  }

  private void sendLoop() {
    while (!closed) {
      Event event;
      try {
        event = queue.poll(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (event != null) {
        send(event);
      }
    }
  }

  private void send(Event event) {
    String pod = event.getMetadata().getNamespace() + "/" + event.getInvolvedObject().getName();
    try {
      client.v1().events().inNamespace(event.getMetadata().getNamespace()).resource(event).create();
      sent.incrementAndGet();
      failing = false;
      log.debug(
          "pod {}: Event {} {}",
          escaped(pod),
          escaped(event.getReason()),
          escaped(event.getMessage()));
    } catch (RuntimeException e) {
      failed.incrementAndGet();
      if (closed) {
        return;
      }
      if (!failing) {
        log.warn(
            "pod {}: writing Event {} failed: {}",
            escaped(pod),
            escaped(event.getReason()),
            escaped(e.toString()));
      } else {
        log.debug(
            "pod {}: writing Event {} failed: {}",
            escaped(pod),
            escaped(event.getReason()),
            escaped(e.toString()));
      }
      failing = true;
    }
  }

  /**
   * Returns how many Events were created.
   *
   * @return the count
   */
  public long sent() {
    return sent.get();
  }

  /**
   * Returns how many Events the API server refused or could not be reached for.
   *
   * @return the count
   */
  public long failed() {
    return failed.get();
  }

  /**
   * Returns how many Events were dropped without being sent because the queue was full.
   *
   * @return the count
   */
  public long dropped() {
    return dropped.get();
  }

  /**
   * Stops the sender: later events are ignored, queued ones are dropped, and a create under way is
   * interrupted (waiting at most a second for it). Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    sender.interrupt();
    try {
      sender.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    queue.clear();
  }

  @Override
  public String toString() {
    return "PodEventRecorder{" + component + ", queued=" + queue.size() + "}";
  }

  /** Builds a {@link PodEventRecorder}; not thread-safe. */
  public static final class Builder {
    private final KubernetesClient client;
    private String component = DEFAULT_COMPONENT;
    private String host;
    private int queueCapacity = DEFAULT_QUEUE_CAPACITY;
    private BiFunction<String, String, Optional<String>> podUid = (ns, name) -> Optional.empty();

    private Builder(KubernetesClient client) {
      this.client = checkNotNull(client, "client");
    }

    /**
     * Sets the Events' source (and reporting) component.
     *
     * @param component default {@link #DEFAULT_COMPONENT}
     * @return this builder
     */
    public Builder component(String component) {
      checkArgument(!component.isEmpty(), "component is empty");
      this.component = component;
      return this;
    }

    /**
     * Sets the Events' source host (and reporting instance), e.g. this instance's identity.
     *
     * @param host default none
     * @return this builder
     */
    public Builder host(String host) {
      this.host = host == null || host.isEmpty() ? null : host;
      return this;
    }

    /**
     * Sets how many Events may wait to be sent; more are dropped.
     *
     * @param queueCapacity default {@link #DEFAULT_QUEUE_CAPACITY}; at least 1
     * @return this builder
     */
    public Builder queueCapacity(int queueCapacity) {
      checkArgument(queueCapacity >= 1, "queueCapacity must be >= 1: %s", queueCapacity);
      this.queueCapacity = queueCapacity;
      return this;
    }

    /**
     * Sets how a pod's UID is found (for the Events' {@code involvedObject.uid}); called on the
     * allocator's thread, so it must be quick, e.g. an informer cache lookup.
     *
     * @param podUid (namespace, name) to the UID, if known; default none
     * @return this builder
     */
    public Builder podUid(BiFunction<String, String, Optional<String>> podUid) {
      this.podUid = checkNotNull(podUid, "podUid");
      return this;
    }

    /**
     * Builds the recorder and starts its sender thread.
     *
     * @return the recorder; close it when done
     */
    public PodEventRecorder build() {
      return new PodEventRecorder(this);
    }
  }
}
