package dev.terway4j.allocator.placement;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PodENI records indexed by pod and by the instance whose member slot each holds: what a scheduler
 * or a second controller process needs to know about member-ENI capacity, computed from the records
 * alone, so that it agrees with the allocator that wrote them without sharing its memory.
 *
 * <p><b>The slot rule.</b> A PodENI holds one member slot on the ECS instance its {@code
 * status.instanceID} names, whatever its phase, and none when that field is empty
 * (docs/behaviour.md, "Placement"). Terway sets {@code status.instanceID} when it starts an attach
 * (phases Initial and Binding) and clears it in the same status write that makes the record Unbind
 * after a detach; so a record holds its slot while Initial, Binding, Bind, Detaching and Deleting
 * (the ENI still hangs on the trunk, or may), and not while Unbind (a kept Fixed ENI is off the
 * trunk). A record being deleted ({@code metadata.deletionTimestamp} set) still holds its slot
 * until it is gone: its finalizer detaches the ENI first. This is exactly the rule {@link
 * dev.terway4j.allocator.MemberEniCapacity} follows for the records the allocator writes, reads and
 * recovers, which is what makes the two counts equal (a property test checks it).
 *
 * <p><b>Feeding it.</b> From a list ({@link #of}, {@link #replaceAll}) or incrementally, as an
 * informer's event handler does: {@link #put} on add and update, {@link #remove} on delete, {@link
 * #replaceAll} on a relist. Records are keyed by namespace and name; a newer record replaces the
 * older one. The ledger trusts the order of the events it is given (an informer delivers them in
 * order per object).
 *
 * <p><b>Thread safety:</b> thread-safe. Writes are serialized; reads never block and see each write
 * either wholly or not at all for any one instance's count.
 */
public final class PodEniLedger implements PodEniLookup {

  private record Key(String namespace, String name) {}

  private final ConcurrentHashMap<Key, PodEni> records = new ConcurrentHashMap<>();
  // Instance id -> the pods whose record names it. Changed only under writeLock.
  private final ConcurrentHashMap<String, Set<Key>> holders = new ConcurrentHashMap<>();
  private final Object writeLock = new Object();

  private PodEniLedger() {}

  /**
   * Returns an empty ledger.
   *
   * @return the ledger
   */
  public static PodEniLedger create() {
    return new PodEniLedger();
  }

  /**
   * Returns a ledger of some records (a listing).
   *
   * @param podEnis the records; of two with the same namespace and name, the later wins
   * @return the ledger
   */
  public static PodEniLedger of(Collection<PodEni> podEnis) {
    PodEniLedger ledger = new PodEniLedger();
    ledger.replaceAll(podEnis);
    return ledger;
  }

  /**
   * Returns the instance on which a record holds a member slot (the slot rule above).
   *
   * @param podEni the record
   * @return its {@code status.instanceID}, or empty if it names none
   */
  public static Optional<String> slotInstance(PodEni podEni) {
    checkNotNull(podEni, "podEni");
    String instanceId = podEni.status().map(PodEniStatus::instanceID).orElse("");
    return instanceId.isEmpty() ? Optional.empty() : Optional.of(instanceId);
  }

  /**
   * Counts the member slots some records hold on an instance, from scratch (the slot rule above).
   *
   * @param podEnis the records, one per pod
   * @param instanceId the instance
   * @return how many of them name it
   */
  public static int slotsUsed(Collection<PodEni> podEnis, String instanceId) {
    checkNotNull(podEnis, "podEnis");
    checkNotNull(instanceId, "instanceId");
    int used = 0;
    for (PodEni podEni : podEnis) {
      if (slotInstance(podEni).filter(instanceId::equals).isPresent()) {
        used++;
      }
    }
    return used;
  }

  /**
   * Adds a record, or replaces the one of the same namespace and name (an informer's add or
   * update).
   *
   * @param podEni the record
   */
  public void put(PodEni podEni) {
    checkNotNull(podEni, "podEni");
    Key key = keyOf(podEni);
    synchronized (writeLock) {
      PodEni before = records.put(key, podEni);
      move(key, before, podEni);
    }
  }

  /**
   * Removes the record of a pod (an informer's delete).
   *
   * @param namespace the pod's namespace
   * @param name the pod's name
   * @return whether there was one
   */
  public boolean remove(String namespace, String name) {
    Key key = new Key(checkNotNull(namespace, "namespace"), checkNotNull(name, "name"));
    synchronized (writeLock) {
      PodEni before = records.remove(key);
      move(key, before, null);
      return before != null;
    }
  }

  /**
   * Replaces every record by a listing (an informer's relist).
   *
   * @param podEnis the records; of two with the same namespace and name, the later wins
   */
  public void replaceAll(Collection<PodEni> podEnis) {
    checkNotNull(podEnis, "podEnis");
    Map<Key, PodEni> next = new HashMap<>();
    for (PodEni podEni : podEnis) {
      checkNotNull(podEni, "podEni");
      next.put(keyOf(podEni), podEni);
    }
    synchronized (writeLock) {
      for (Key key : new ArrayList<>(records.keySet())) {
        if (!next.containsKey(key)) {
          move(key, records.remove(key), null);
        }
      }
      next.forEach(
          (key, podEni) -> {
            PodEni before = records.put(key, podEni);
            move(key, before, podEni);
          });
    }
  }

  // Under writeLock: the pod's slot goes from where `before` names to where `after` names.
  private void move(Key key, PodEni before, PodEni after) {
    Optional<String> from = before == null ? Optional.empty() : slotInstance(before);
    Optional<String> to = after == null ? Optional.empty() : slotInstance(after);
    if (from.equals(to)) {
      return;
    }
    from.ifPresent(
        instance ->
            holders.computeIfPresent(
                instance,
                (id, set) -> {
                  set.remove(key);
                  return set.isEmpty() ? null : set;
                }));
    to.ifPresent(
        instance ->
            holders.computeIfAbsent(instance, id -> ConcurrentHashMap.newKeySet()).add(key));
  }

  private static Key keyOf(PodEni podEni) {
    return new Key(podEni.metadata().namespace(), podEni.metadata().name());
  }

  @Override
  public Optional<PodEni> get(String namespace, String name) {
    checkNotNull(namespace, "namespace");
    checkNotNull(name, "name");
    return Optional.ofNullable(records.get(new Key(namespace, name)));
  }

  /**
   * Returns how many member slots the records hold on an instance.
   *
   * @param instanceId the instance
   * @return the count
   */
  public int slotsUsed(String instanceId) {
    Set<Key> set = holders.get(checkNotNull(instanceId, "instanceId"));
    return set == null ? 0 : set.size();
  }

  /**
   * Returns the instances on which the records hold slots, with how many each (a snapshot).
   *
   * @return instance id to slots used, only instances with at least one
   */
  public Map<String, Integer> slotsByInstance() {
    Map<String, Integer> out = new HashMap<>();
    holders.forEach((instance, set) -> out.put(instance, set.size()));
    out.values().removeIf(n -> n == 0);
    return out;
  }

  /**
   * Returns every record (a snapshot, in no particular order).
   *
   * @return the records
   */
  public List<PodEni> list() {
    return new ArrayList<>(records.values());
  }

  /**
   * Returns how many records the ledger holds.
   *
   * @return the count
   */
  public int size() {
    return records.size();
  }

  @Override
  public String toString() {
    return "PodEniLedger{" + records.size() + " records, " + holders.size() + " instances}";
  }
}
