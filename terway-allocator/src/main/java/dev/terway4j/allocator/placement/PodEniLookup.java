package dev.terway4j.allocator.placement;

import dev.terway4j.model.PodEni;
import java.util.Optional;

/**
 * Finds a pod's PodENI record by the pod's namespace and name. A placement check asks it once per
 * pod: a Fixed pod's kept ENI ties it to a zone, and a pod whose record already names a node holds
 * its slot there.
 *
 * <p>{@link PodEniLedger} is one; so is any {@link dev.terway4j.allocator.PodEniStore} ({@code
 * store::get}) whose reads are local (an informer cache, memory), since a scheduler filter must not
 * wait on a network call.
 *
 * <p><b>Thread safety:</b> implementations must be thread-safe.
 */
@FunctionalInterface
public interface PodEniLookup {

  /**
   * Returns the record of a pod.
   *
   * @param namespace the pod's namespace
   * @param name the pod's name
   * @return the record, if any
   */
  Optional<PodEni> get(String namespace, String name);

  /**
   * Returns a lookup that finds nothing (no pod has a record).
   *
   * @return the empty lookup
   */
  static PodEniLookup none() {
    return (namespace, name) -> Optional.empty();
  }
}
