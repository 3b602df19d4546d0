package dev.terway4j.kubernetes;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static dev.terway4j.model.ControlCharacters.escaped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.util.concurrent.Striped;
import dev.terway4j.allocator.PodEniStore;
import dev.terway4j.kubernetes.internal.MetadataMerges;
import dev.terway4j.kubernetes.internal.ModelConversions;
import dev.terway4j.kubernetes.internal.StatusPatches;
import dev.terway4j.kubernetes.internal.TerwayResources;
import dev.terway4j.model.Annotations;
import dev.terway4j.model.ImmutableObjectMeta;
import dev.terway4j.model.ImmutablePodEni;
import dev.terway4j.model.ManifestException;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniStatus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.Lock;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link PodEniStore} on {@code PodENI} custom resources ({@code
 * network.alibabacloud.com/v1beta1}, same namespace and name as the pod) through the fabric8
 * client: what makes the allocator's state survive a restart and move to another process on
 * fail-over.
 *
 * <p><b>Writes.</b> {@link #put} creates the object when it is absent, else updates it: {@code
 * metadata} and {@code spec} through the resource (PUT), {@code status} through the {@code status}
 * subresource (the API server ignores {@code status} anywhere else) as a JSON Patch that also sets
 * {@code metadata.resourceVersion}; each only when it changed. Every write carries the {@code
 * resourceVersion} it is based on, so the API server refuses it (409) when someone wrote in
 * between. The store then reads the object again and decides:
 *
 * <ul>
 *   <li>if the other writer changed only metadata (a user's label, another controller's finalizer),
 *       our change is re-applied on top of theirs (a three-way merge of labels, annotations and
 *       finalizers against the version ours was based on) and written again;
 *   <li>if the other writer changed {@code spec} or {@code status} to something else than what we
 *       write, nothing is written and a {@link PodEniStoreException} with reason {@link
 *       PodEniStoreException.Reason#CONFLICT CONFLICT} carries the current object: a record is
 *       never overwritten blindly.
 * </ul>
 *
 * <p>The version a change is based on is the one this store last read or wrote for that pod (the
 * allocator always reads a record before writing it, and continues from the record {@link #put}
 * returns, never from an older copy); for a record the store has not seen, the record's own {@code
 * resourceVersion}. Metadata the model does not know (such as {@code managedFields}) is kept as it
 * is on the server, and a {@code spec} or {@code status} equal to the current one, as the model
 * reads them, is not rewritten (so fields only the server has survive there too); one that changed
 * is written whole, as the model writes it. Conflicting attempts are spread by a short random wait.
 *
 * <p><b>Terway's markers.</b> A created record always carries the finalizer {@code
 * network.alibabacloud.com/pod-eni}; the allocator writes the label {@code k8s.aliyun.com/node} and
 * the annotation {@code k8s.aliyun.com/pod-uid}. {@link #delete} deletes the object and then
 * removes both PodENI finalizers (current and deprecated), as Terway's finalizer handler does once
 * the ENIs are released.
 *
 * <p><b>Crash consistency.</b> Creating an object and setting its status are two calls. So that a
 * process dying between them leaves a record another process can finish, a create also writes the
 * intended status as the annotation {@value #INITIAL_STATUS_ANNOTATION}; while the object has no
 * status, reads return that one. The annotation is dropped by the next metadata or spec update once
 * the status is set, and never appears in the records this store returns.
 *
 * <p><b>Fencing.</b> An optional {@linkplain Builder#fence fence} is asked before every write; when
 * it says no (the process lost its leadership), the write fails with {@link
 * PodEniStoreException.Reason#NOT_LEADER NOT_LEADER} and nothing is sent.
 *
 * <p>Reads always go to the API server (no informer cache), so a record read after a write is that
 * write or a later one.
 *
 * <p><b>Thread safety:</b> thread-safe. Operations on one pod are serialized by a lock striped on
 * its namespace and name; different pods proceed in parallel.
 */
public final class KubernetesPodEniStore implements PodEniStore {
  private static final Logger log = LoggerFactory.getLogger(KubernetesPodEniStore.class);

  /**
   * The annotation that holds, as JSON, the status written with a create until the status
   * subresource holds it.
   */
  public static final String INITIAL_STATUS_ANNOTATION = "terway4j.dev/initial-status";

  private static final String METADATA = "metadata";
  private static final String SPEC = "spec";
  private static final String STATUS = "status";
  private static final String RESOURCE_VERSION = "resourceVersion";
  private static final long MAX_BACKOFF_MILLIS = 200;

  private final KubernetesClient client;
  private final int maxAttempts;
  private final BooleanSupplier fence;
  private final Striped<Lock> locks = Striped.lock(256);
  // The version of each record this store last read or wrote: the base of its next change.
  private final Cache<String, Observed> observed;

  /** An object as read from the server: its JSON and its model (initial status applied). */
  private record Observed(ObjectNode raw, PodEni model) {
    String resourceVersion() {
      return model.metadata().resourceVersion();
    }
  }

  private KubernetesPodEniStore(Builder builder) {
    this.client = builder.client;
    this.maxAttempts = builder.maxAttempts;
    this.fence = builder.fence;
    this.observed = CacheBuilder.newBuilder().maximumSize(builder.maxTrackedRecords).build();
  }

  /**
   * Returns a store with the default settings.
   *
   * @param client the client; the store does not close it
   * @return the store
   */
  public static KubernetesPodEniStore create(KubernetesClient client) {
    return builder(client).build();
  }

  /**
   * Returns a builder.
   *
   * @param client the client; the store does not close it
   * @return the builder
   */
  public static Builder builder(KubernetesClient client) {
    return new Builder(client);
  }

  @Override
  public Optional<PodEni> get(String namespace, String name) {
    String key = key(namespace, name);
    Lock lock = locks.get(key);
    lock.lock();
    try {
      Optional<Observed> found = fetch(namespace, name);
      if (found.isEmpty()) {
        observed.invalidate(key);
        return Optional.empty();
      }
      observed.put(key, found.get());
      return Optional.of(found.get().model());
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>One LIST call over all namespaces.
   *
   * @throws PodEniStoreException with {@link PodEniStoreException.Reason#INVALID_OBJECT} if any
   *     object cannot be read as a PodENI: a record silently left out could have its ENI taken for
   *     a leak
   */
  @Override
  public List<PodEni> list() {
    GenericKubernetesResourceList list;
    try {
      list = client.genericKubernetesResources(TerwayResources.POD_ENIS).inAnyNamespace().list();
    } catch (KubernetesClientException e) {
      throw apiError("list PodENIs", e);
    }
    List<PodEni> records = new ArrayList<>(list.getItems().size());
    for (GenericKubernetesResource item : list.getItems()) {
      Observed seen = observe(ModelConversions.tree(client, item));
      // A list may be older than a write made meanwhile: it only fills gaps.
      observed
          .asMap()
          .putIfAbsent(
              key(seen.model().metadata().namespace(), seen.model().metadata().name()), seen);
      records.add(seen.model());
    }
    return List.copyOf(records);
  }

  /**
   * {@inheritDoc}
   *
   * @throws PodEniStoreException with {@link PodEniStoreException.Reason#CONFLICT} if another
   *     writer changed the record's spec or status (or created or deleted it) since this store last
   *     saw it, {@link PodEniStoreException.Reason#NOT_LEADER} if the fence refuses, or {@link
   *     PodEniStoreException.Reason#API_ERROR}
   */
  @Override
  public PodEni put(PodEni podEni) {
    checkNotNull(podEni, "podEni");
    String namespace = podEni.metadata().namespace();
    String name = podEni.metadata().name();
    checkArgument(!name.isEmpty(), "PodENI without a name: %s", podEni.metadata());
    checkArgument(!namespace.isEmpty(), "PodENI %s without a namespace", name);
    String key = key(namespace, name);
    Lock lock = locks.get(key);
    lock.lock();
    try {
      return put(key, podEni);
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Deletes the object, then removes the PodENI finalizers (current and deprecated) so that it
   * goes; finalizers of others are left, and the object stays until they are removed too.
   *
   * @throws PodEniStoreException with {@link PodEniStoreException.Reason#NOT_LEADER} if the fence
   *     refuses, or {@link PodEniStoreException.Reason#API_ERROR}
   */
  @Override
  public boolean delete(String namespace, String name) {
    String key = key(namespace, name);
    Lock lock = locks.get(key);
    lock.lock();
    try {
      checkFence(key);
      boolean existed;
      try {
        existed = !resources(namespace).withName(name).delete().isEmpty();
      } catch (KubernetesClientException e) {
        throw apiError("delete PodENI " + key, e);
      }
      observed.invalidate(key);
      for (int attempt = 1; attempt <= maxAttempts; attempt++) {
        Optional<Observed> current = fetch(namespace, name);
        if (current.isEmpty()) {
          return existed;
        }
        existed = true;
        ObjectNode raw = current.get().raw().deepCopy();
        if (!removeOurFinalizers(raw)) {
          return true; // others' finalizers hold it; it goes when they are removed
        }
        checkFence(key);
        try {
          resources(namespace).resource(ModelConversions.generic(client, raw)).update();
          return true;
        } catch (KubernetesClientException e) {
          if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
            log.debug("PodENI {} changed while its finalizers were removed; again", escaped(key));
            backOff(attempt);
            continue;
          }
          if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
            return true;
          }
          throw apiError("remove the finalizers of PodENI " + key, e);
        }
      }
      throw new PodEniStoreException(
          PodEniStoreException.Reason.CONFLICT,
          "PodENI " + key + ": finalizers not removed after " + maxAttempts + " conflicts",
          HttpURLConnection.HTTP_CONFLICT,
          fetch(namespace, name).map(Observed::model),
          null);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "KubernetesPodEniStore{" + client.getMasterUrl() + "}";
  }

  // ------------------------------------------------------------------ put

  /** Writes ours and returns the record as the server now holds it. */
  private PodEni put(String key, PodEni ours) {
    String namespace = ours.metadata().namespace();
    String name = ours.metadata().name();
    Observed base = observed.getIfPresent(key);
    // First try against what we saw last: no read when nobody else wrote.
    Optional<Observed> theirs = base != null ? Optional.of(base) : fetch(namespace, name);
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      checkFence(key);
      if (theirs.isEmpty()) {
        if (base != null) {
          throw conflict(key, "was deleted by another writer", Optional.empty());
        }
        try {
          Observed created = create(ours);
          observed.put(key, created);
          return created.model();
        } catch (KubernetesClientException e) {
          if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
            throw apiError("create PodENI " + key, e);
          }
          log.debug("PodENI {} was created meanwhile; reading it", escaped(key));
          theirs = fetch(namespace, name);
          continue;
        }
      }
      Observed current = theirs.get();
      PodEni baseModel = baseOf(key, base, ours, current);
      WriteResult result = update(ours, baseModel, current);
      if (result.done()) {
        if (result.observed() == null) {
          observed.invalidate(key);
          return ours; // the object went while its finalizers were removed: nothing is stored
        }
        observed.put(key, result.observed());
        return result.observed().model();
      }
      if (result.observed() != null) {
        base = result.observed(); // the metadata/spec write went through before the conflict
      } else if (base == null) {
        base = current;
      }
      log.debug("PodENI {} changed while written (attempt {}); reading it", escaped(key), attempt);
      backOff(attempt);
      theirs = fetch(namespace, name);
    }
    throw conflict(
        key, "still changing after " + maxAttempts + " attempts", theirs.map(Observed::model));
  }

  /** Returns what our change is based on, or throws if theirs changed what we want to write. */
  private PodEni baseOf(String key, Observed base, PodEni ours, Observed current) {
    PodEni theirs = current.model();
    if (base == null) {
      String version = ours.metadata().resourceVersion();
      if ((!version.isEmpty() && version.equals(current.resourceVersion()))
          || sameContent(ours, theirs)) {
        return theirs;
      }
      throw conflict(
          key,
          version.isEmpty()
              ? "was created by another writer"
              : "is at resourceVersion "
                  + current.resourceVersion()
                  + ", not "
                  + version
                  + " the write is based on",
          Optional.of(theirs));
    }
    if (!sameContent(base.model(), theirs) && !sameContent(ours, theirs)) {
      throw conflict(
          key,
          "spec or status changed by another writer since resourceVersion "
              + base.resourceVersion()
              + " (now "
              + current.resourceVersion()
              + ")",
          Optional.of(theirs));
    }
    return base.model();
  }

  private static boolean sameContent(PodEni a, PodEni b) {
    return a.spec().equals(b.spec()) && a.status().equals(b.status());
  }

  /**
   * The outcome of one update attempt: done (with the object as written, or null if it went), or
   * refused by a conflict (with the object as written by a first call that went through, if any).
   */
  private record WriteResult(boolean done, Observed observed) {}

  private WriteResult update(PodEni ours, PodEni base, Observed current) {
    String namespace = ours.metadata().namespace();
    ObjectNode raw = current.raw();
    ObjectNode merged = raw.deepCopy();
    ObjectNode metadata = (ObjectNode) merged.get(METADATA);
    boolean hasStatus = raw.hasNonNull(STATUS);
    Map<String, String> annotations =
        MetadataMerges.merge(
            base.metadata().annotations(),
            ours.metadata().annotations(),
            strings(metadata.path("annotations")));
    setMap(
        metadata,
        "labels",
        MetadataMerges.merge(
            base.metadata().labels(), ours.metadata().labels(), strings(metadata.path("labels"))));
    setMap(metadata, "annotations", annotations);
    setList(
        metadata,
        "finalizers",
        MetadataMerges.merge(
            base.metadata().finalizers(),
            ours.metadata().finalizers(),
            list(metadata.path("finalizers"))));
    ObjectNode oursTree = ModelConversions.tree(ours);
    if (!ours.spec().equals(current.model().spec())) {
      JsonNode spec = oursTree.get(SPEC);
      if (spec == null) {
        merged.remove(SPEC);
      } else {
        merged.set(SPEC, spec);
      }
    }
    ObjectNode written = raw;
    Observed afterMain = null;
    if (!withoutStatus(merged).equals(withoutStatus(raw))) {
      if (hasStatus && annotations.remove(INITIAL_STATUS_ANNOTATION) != null) {
        setMap(metadata, "annotations", annotations); // the status holds it now
      }
      try {
        GenericKubernetesResource result =
            resources(namespace).resource(ModelConversions.generic(client, merged)).update();
        if (result == null) {
          return new WriteResult(true, null); // finalizers gone while deleting: the object went
        }
        written = ModelConversions.tree(client, result);
        afterMain = observe(written);
      } catch (KubernetesClientException e) {
        if (retriable(e)) {
          return new WriteResult(false, null);
        }
        throw apiError("update PodENI " + key(ours), e);
      }
    }
    Optional<PodEniStatus> serverStatus = rawStatus(written);
    if (!serverStatus.equals(ours.status())) {
      try {
        written = writeStatus(written, oursTree.get(STATUS));
      } catch (KubernetesClientException e) {
        if (retriable(e)) {
          return new WriteResult(false, afterMain);
        }
        throw apiError("update the status of PodENI " + key(ours), e);
      }
    }
    return new WriteResult(true, written == raw ? current : observe(written));
  }

  /** Waits a random while, growing with the attempt, so that contending writers spread out. */
  private static void backOff(int attempt) {
    long bound = Math.min(MAX_BACKOFF_MILLIS, 5L << Math.min(attempt, 6));
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PodEniStoreException(
          PodEniStoreException.Reason.API_ERROR,
          "interrupted while writing a PodENI",
          0,
          Optional.empty(),
          e);
    }
  }

  private static boolean retriable(KubernetesClientException e) {
    // 404: deleted meanwhile; the next attempt reads it and reports the conflict.
    return e.getCode() == HttpURLConnection.HTTP_CONFLICT
        || e.getCode() == HttpURLConnection.HTTP_NOT_FOUND;
  }

  private Observed create(PodEni ours) {
    ObjectNode body = ModelConversions.tree(ours);
    ObjectNode metadata = (ObjectNode) body.get(METADATA);
    metadata.remove(RESOURCE_VERSION);
    metadata.remove("uid");
    metadata.remove("creationTimestamp");
    metadata.remove("deletionTimestamp");
    metadata.remove("generation");
    List<String> finalizers = new ArrayList<>(ours.metadata().finalizers());
    if (!finalizers.contains(Annotations.POD_ENI_FINALIZER)
        && !finalizers.contains(Annotations.POD_ENI_FINALIZER_DEPRECATED)) {
      finalizers.add(Annotations.POD_ENI_FINALIZER);
    }
    setList(metadata, "finalizers", finalizers);
    JsonNode status = body.get(STATUS);
    if (status != null) {
      Map<String, String> annotations = new LinkedHashMap<>(ours.metadata().annotations());
      annotations.put(INITIAL_STATUS_ANNOTATION, ModelConversions.json(status));
      setMap(metadata, "annotations", annotations);
    }
    GenericKubernetesResource created =
        resources(ours.metadata().namespace())
            .resource(ModelConversions.generic(client, body))
            .create();
    ObjectNode raw = ModelConversions.tree(client, created);
    if (status != null && !rawStatus(raw).equals(ours.status())) {
      // Should this fail (or the process die), the annotation carries the status until a later
      // put writes it.
      raw = writeStatus(raw, status);
    }
    return observe(raw);
  }

  /**
   * Writes (or removes) the status through the status subresource as a JSON Patch that also sets
   * {@code metadata.resourceVersion} to the version it is based on: the API server (and the mock)
   * then refuse it with 409 when the object changed, which a PUT to {@code /status} is not checked
   * for by the mock.
   */
  private ObjectNode writeStatus(ObjectNode current, JsonNode status) {
    JsonNode metadata = current.path(METADATA);
    GenericKubernetesResource result =
        resources(metadata.path("namespace").asText())
            .resource(ModelConversions.generic(client, current)) // no GET for the patch base
            .subresource(STATUS)
            .patch(
                PatchContext.of(PatchType.JSON),
                StatusPatches.replaceStatus(
                    metadata.path(RESOURCE_VERSION).asText(), status, current.has(STATUS)));
    return ModelConversions.tree(client, result);
  }

  // ------------------------------------------------------------------ reading

  private Optional<Observed> fetch(String namespace, String name) {
    GenericKubernetesResource found;
    try {
      found = resources(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      throw apiError("get PodENI " + namespace + "/" + name, e);
    }
    return found == null
        ? Optional.empty()
        : Optional.of(observe(ModelConversions.tree(client, found)));
  }

  /** Reads an object from the server as a record: the initial status applied, then hidden. */
  private Observed observe(ObjectNode raw) {
    PodEni model = read(raw);
    Map<String, String> annotations = new LinkedHashMap<>(model.metadata().annotations());
    String initial = annotations.remove(INITIAL_STATUS_ANNOTATION);
    if (initial != null) {
      ImmutablePodEni hidden =
          ImmutablePodEni.copyOf(model)
              .withMetadata(
                  ImmutableObjectMeta.copyOf(model.metadata()).withAnnotations(annotations));
      if (model.status().isEmpty()) {
        hidden = hidden.withStatus(initialStatus(raw, initial));
      }
      model = hidden;
    }
    return new Observed(raw, model);
  }

  private Optional<PodEniStatus> initialStatus(ObjectNode raw, String json) {
    ObjectNode wrapper = ModelConversions.tree("{}");
    wrapper.put("apiVersion", raw.path("apiVersion").asText());
    wrapper.put("kind", PodEni.KIND);
    wrapper.set(STATUS, ModelConversions.tree(json));
    return read(wrapper).status();
  }

  private Optional<PodEniStatus> rawStatus(ObjectNode raw) {
    if (!raw.hasNonNull(STATUS)) {
      return Optional.empty();
    }
    ObjectNode wrapper = ModelConversions.tree("{}");
    wrapper.put("apiVersion", raw.path("apiVersion").asText());
    wrapper.put("kind", PodEni.KIND);
    wrapper.set(STATUS, raw.get(STATUS));
    return read(wrapper).status();
  }

  private static PodEni read(ObjectNode raw) {
    try {
      return ModelConversions.model(raw, PodEni.class);
    } catch (ManifestException | IllegalArgumentException e) {
      JsonNode metadata = raw.path(METADATA);
      throw new PodEniStoreException(
          PodEniStoreException.Reason.INVALID_OBJECT,
          "PodENI "
              + metadata.path("namespace").asText()
              + "/"
              + metadata.path("name").asText()
              + " cannot be read: "
              + e.getMessage(),
          0,
          Optional.empty(),
          e);
    }
  }

  // ------------------------------------------------------------------ helpers

  private NonNamespaceOperation<
          GenericKubernetesResource,
          GenericKubernetesResourceList,
          Resource<GenericKubernetesResource>>
      resources(String namespace) {
    return client.genericKubernetesResources(TerwayResources.POD_ENIS).inNamespace(namespace);
  }

  private void checkFence(String key) {
    if (!fence.getAsBoolean()) {
      throw new PodEniStoreException(
          PodEniStoreException.Reason.NOT_LEADER,
          "PodENI " + key + " not written: this process is not the leader",
          0,
          Optional.empty(),
          null);
    }
  }

  private static PodEniStoreException conflict(String key, String what, Optional<PodEni> current) {
    return new PodEniStoreException(
        PodEniStoreException.Reason.CONFLICT,
        "PodENI " + key + " " + what,
        HttpURLConnection.HTTP_CONFLICT,
        current,
        null);
  }

  private static PodEniStoreException apiError(String what, KubernetesClientException e) {
    return new PodEniStoreException(
        PodEniStoreException.Reason.API_ERROR,
        "cannot " + what + ": " + e.getMessage(),
        Math.max(e.getCode(), 0),
        Optional.empty(),
        e);
  }

  private static String key(String namespace, String name) {
    checkNotNull(namespace, "namespace");
    checkNotNull(name, "name");
    return namespace + '/' + name;
  }

  private static String key(PodEni podEni) {
    return key(podEni.metadata().namespace(), podEni.metadata().name());
  }

  private static ObjectNode withoutStatus(ObjectNode raw) {
    ObjectNode copy = raw.deepCopy();
    copy.remove(STATUS);
    return copy;
  }

  private static boolean removeOurFinalizers(ObjectNode raw) {
    JsonNode finalizers = raw.path(METADATA).path("finalizers");
    boolean removed = false;
    if (finalizers instanceof ArrayNode array) {
      for (Iterator<JsonNode> it = array.iterator(); it.hasNext(); ) {
        String value = it.next().asText();
        if (value.equals(Annotations.POD_ENI_FINALIZER)
            || value.equals(Annotations.POD_ENI_FINALIZER_DEPRECATED)) {
          it.remove();
          removed = true;
        }
      }
    }
    return removed;
  }

  private static Map<String, String> strings(JsonNode node) {
    Map<String, String> map = new LinkedHashMap<>();
    node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
    return map;
  }

  private static List<String> list(JsonNode node) {
    List<String> list = new ArrayList<>();
    node.forEach(n -> list.add(n.asText()));
    return list;
  }

  private static void setMap(ObjectNode metadata, String field, Map<String, String> map) {
    if (map.isEmpty()) {
      metadata.remove(field);
      return;
    }
    ObjectNode node = metadata.putObject(field);
    map.forEach(node::put);
  }

  private static void setList(ObjectNode metadata, String field, List<String> list) {
    if (list.isEmpty()) {
      metadata.remove(field);
      return;
    }
    ArrayNode node = metadata.putArray(field);
    list.forEach(node::add);
  }

  /** Builds a {@link KubernetesPodEniStore}; not thread-safe. */
  public static final class Builder {
    private final KubernetesClient client;
    private int maxAttempts = 10;
    private long maxTrackedRecords = 100_000;
    private BooleanSupplier fence = () -> true;

    private Builder(KubernetesClient client) {
      this.client = checkNotNull(client, "client");
    }

    /**
     * Sets how many times a write refused by a conflict is re-read and tried again (when the
     * conflict only touched what can be merged) before it fails with a conflict; attempts are
     * spread by a random wait that grows with each one, up to 200 ms.
     *
     * @param maxAttempts default 10, at least 1
     * @return this builder
     */
    public Builder maxAttempts(int maxAttempts) {
      checkArgument(maxAttempts >= 1, "maxAttempts must be at least 1 but was %s", maxAttempts);
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets how many records the store remembers the last seen version of (the base of three-way
     * merges). A record no longer remembered is written only if its own {@code resourceVersion} is
     * current, else the write fails with a conflict.
     *
     * @param maxTrackedRecords default 100 000, at least 1
     * @return this builder
     */
    public Builder maxTrackedRecords(long maxTrackedRecords) {
      checkArgument(
          maxTrackedRecords >= 1,
          "maxTrackedRecords must be at least 1 but was %s",
          maxTrackedRecords);
      this.maxTrackedRecords = maxTrackedRecords;
      return this;
    }

    /**
     * Sets the fence asked before every write, such as "this process still leads".
     *
     * @param fence default always true; called from the writing thread, must be thread-safe and
     *     fast
     * @return this builder
     */
    public Builder fence(BooleanSupplier fence) {
      this.fence = checkNotNull(fence, "fence");
      return this;
    }

    /**
     * Builds the store.
     *
     * @return the store
     */
    public KubernetesPodEniStore build() {
      return new KubernetesPodEniStore(this);
    }
  }
}
