package dev.terway4j.allocator;

import dev.terway4j.model.PodEni;
import java.util.List;
import java.util.Optional;

/**
 * Where the allocator keeps the PodENI records, one per pod with a member ENI, keyed by the pod's
 * namespace and name. {@link InMemoryPodEniStore} is the default; a Kubernetes-backed store writes
 * the {@code PodENI} custom resources instead, which is what makes a restarted allocator able to
 * {@linkplain TrunkAllocator#recover() recover}.
 *
 * <p><b>Thread safety:</b> implementations must be thread-safe. The allocator never writes the same
 * key from two threads at once, but writes different keys and reads concurrently.
 */
public interface PodEniStore {

  /**
   * Returns the record of a pod.
   *
   * @param namespace the pod's namespace
   * @param name the pod's name
   * @return the record, if any
   */
  Optional<PodEni> get(String namespace, String name);

  /**
   * Returns every record, in no particular order (a snapshot).
   *
   * @return the records
   */
  List<PodEni> list();

  /**
   * Creates or replaces the record with the same namespace and name, and returns it as stored.
   *
   * <p>The returned record is what the caller must continue from: a store may add to it (a {@code
   * resourceVersion}, labels or finalizers another writer set meanwhile), and the allocator never
   * writes a copy older than the one a write returned.
   *
   * <p>Implementations may refuse the write and throw an unchecked exception, for instance when
   * another writer changed the record since this store last saw it (a conflict); nothing is written
   * then, and the allocator keeps the pod pending and tries again on a later tick.
   *
   * @param podEni the record
   * @return the record as stored
   */
  PodEni put(PodEni podEni);

  /**
   * Deletes a record.
   *
   * @param namespace the pod's namespace
   * @param name the pod's name
   * @return {@code true} if there was one
   */
  boolean delete(String namespace, String name);
}
