package dev.terway4j.testkit.internal;

import dev.terway4j.allocator.InMemoryPodEniStore;
import dev.terway4j.allocator.PodEniStore;
import dev.terway4j.model.PodEni;
import java.util.List;
import java.util.Optional;

/**
 * The harness's PodENI store: an in-memory store that can be told to refuse its next writes, as an
 * API server does on a conflict, an outage or a rejecting admission webhook. A refused write throws
 * {@link InjectedStoreFailure} and changes nothing. Thread-safe (the counters are guarded by this).
 */
final class FailingPodEniStore implements PodEniStore {
  private final InMemoryPodEniStore records = new InMemoryPodEniStore();
  private int putsToRefuse;
  private int deletesToRefuse;

  /** A write the harness refused on purpose; the harness treats it as a requeue. */
  static final class InjectedStoreFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InjectedStoreFailure(String message) {
      super(message);
    }
  }

  /** Refuses the next {@code puts} creates or updates and the next {@code deletes} deletions. */
  synchronized void refuse(int puts, int deletes) {
    putsToRefuse += puts;
    deletesToRefuse += deletes;
  }

  /** Returns how many refusals are still armed. */
  synchronized int pending() {
    return putsToRefuse + deletesToRefuse;
  }

  /** Disarms every refusal. */
  synchronized void clear() {
    putsToRefuse = 0;
    deletesToRefuse = 0;
  }

  @Override
  public Optional<PodEni> get(String namespace, String name) {
    return records.get(namespace, name);
  }

  @Override
  public List<PodEni> list() {
    return records.list();
  }

  @Override
  public PodEni put(PodEni podEni) {
    synchronized (this) {
      if (putsToRefuse > 0) {
        putsToRefuse--;
        throw new InjectedStoreFailure(
            "PodENI " + podEni.metadata().name() + " rejected (injected store failure)");
      }
    }
    return records.put(podEni);
  }

  @Override
  public boolean delete(String namespace, String name) {
    synchronized (this) {
      if (deletesToRefuse > 0) {
        deletesToRefuse--;
        throw new InjectedStoreFailure(
            "deleting PodENI " + name + " failed (injected store failure)");
      }
    }
    return records.delete(namespace, name);
  }

  @Override
  public String toString() {
    return "FailingPodEniStore{" + records + "}";
  }
}
