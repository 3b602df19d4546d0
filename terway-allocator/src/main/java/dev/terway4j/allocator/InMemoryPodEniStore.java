package dev.terway4j.allocator;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.model.PodEni;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link PodEniStore} in a concurrent map: records live as long as the store object. Share one
 * between allocator instances to simulate a restart against a persistent store.
 *
 * <p>Thread-safe.
 */
public final class InMemoryPodEniStore implements PodEniStore {

  private final ConcurrentHashMap<Key, PodEni> records = new ConcurrentHashMap<>();

  /** Creates an empty store. */
  public InMemoryPodEniStore() {}

  /**
   * A record's key. A pair rather than a joined string: the strings' own cached hashes are reused
   * and nothing is copied on every lookup.
   */
  private record Key(String namespace, String name) {
    Key {
      checkNotNull(namespace, "namespace");
      checkNotNull(name, "name");
    }
  }

  private static Key key(String namespace, String name) {
    return new Key(namespace, name);
  }

  @Override
  public Optional<PodEni> get(String namespace, String name) {
    return Optional.ofNullable(records.get(key(namespace, name)));
  }

  @Override
  public List<PodEni> list() {
    return List.copyOf(records.values());
  }

  @Override
  public PodEni put(PodEni podEni) {
    checkNotNull(podEni, "podEni");
    checkArgument(!podEni.metadata().name().isEmpty(), "PodENI without a name: %s", podEni);
    records.put(key(podEni.metadata().namespace(), podEni.metadata().name()), podEni);
    return podEni;
  }

  @Override
  public boolean delete(String namespace, String name) {
    return records.remove(key(namespace, name)) != null;
  }

  /**
   * Returns how many records the store holds.
   *
   * @return the count
   */
  public int size() {
    return records.size();
  }

  @Override
  public String toString() {
    return "InMemoryPodEniStore{" + records.size() + " records}";
  }
}
