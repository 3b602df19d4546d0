package dev.terway4j.kubernetes;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static dev.terway4j.model.ControlCharacters.escaped;

import dev.terway4j.kubernetes.internal.ModelConversions;
import dev.terway4j.kubernetes.internal.TerwayResources;
import dev.terway4j.model.ImmutableNode;
import dev.terway4j.model.ImmutableObjectMeta;
import dev.terway4j.model.ImmutablePod;
import dev.terway4j.model.KubernetesObject;
import dev.terway4j.model.ManifestException;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.selector.PodNetworkingResolver;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.Indexer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the control plane reads from the cluster, kept current by fabric8 informers (a list, then a
 * watch): Pods, Nodes, Namespaces, PodNetworkings and PodENIs of all namespaces, read as the
 * model's views.
 *
 * <ul>
 *   <li>Every PodNetworking is put in (and removed from) the {@link PodNetworkingResolver} as it
 *       changes, so that the resolver's snapshot is the cluster's; one that cannot be read as a
 *       PodNetworking is removed from it (and logged). Selection is done client-side by the
 *       resolver, not by the API's label filters.
 *   <li>The {@link Listener} hears which pod, node, namespace, PodNetworking or PodENI changed; a
 *       pod update is reported only when what the control plane reads changed (node, phase, UID,
 *       labels, annotations, owners, host network, deletion), not for every status heartbeat, and a
 *       namespace update only when its labels changed.
 *   <li>Lookups ({@link #pod}, {@link #node}, ...) read the informers' caches: no API call, and
 *       possibly a little behind the API server.
 * </ul>
 *
 * <p><b>Thread safety:</b> thread-safe. Listener methods are called from the informers' threads,
 * one event at a time per informer; they must be quick (hand the work to another thread).
 */
public final class ClusterView implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ClusterView.class);

  /**
   * Hears what changed in the cluster. Methods are called from informer threads and must not block;
   * the defaults ignore the event.
   *
   * <p>Implementations must be thread-safe.
   */
  public interface Listener {
    /**
     * A pod was added, deleted, or changed in what the control plane reads.
     *
     * @param namespace its namespace
     * @param name its name
     */
    default void podChanged(String namespace, String name) {}

    /**
     * A node was added, changed or deleted.
     *
     * @param name its name
     */
    default void nodeChanged(String name) {}

    /**
     * A PodNetworking was added, changed or deleted (the resolver already has the change).
     *
     * @param name its name
     */
    default void podNetworkingChanged(String name) {}

    /**
     * A PodENI was added, changed or deleted.
     *
     * @param namespace its namespace
     * @param name its name
     */
    default void podEniChanged(String namespace, String name) {}

    /**
     * A namespace was added or deleted, or its labels changed (they decide which PodNetworking
     * selects its pods). {@link ClusterView#podsIn} lists its pods from the cache.
     *
     * @param name its name
     */
    default void namespaceChanged(String name) {}
  }

  private final KubernetesClient client;
  private final PodNetworkingResolver resolver;
  private final Listener listener;
  private final SharedIndexInformer<io.fabric8.kubernetes.api.model.Pod> pods;
  private final SharedIndexInformer<io.fabric8.kubernetes.api.model.Node> nodes;
  private final SharedIndexInformer<io.fabric8.kubernetes.api.model.Namespace> namespaces;
  private final SharedIndexInformer<GenericKubernetesResource> podNetworkings;
  private final SharedIndexInformer<GenericKubernetesResource> podEnis;

  private ClusterView(
      KubernetesClient client, PodNetworkingResolver resolver, Listener listener, Duration resync) {
    this.client = client;
    this.resolver = resolver;
    this.listener = listener;
    long resyncMillis = resync.toMillis();
    this.pods = client.pods().inAnyNamespace().runnableInformer(resyncMillis);
    this.nodes = client.nodes().runnableInformer(resyncMillis);
    this.namespaces = client.namespaces().runnableInformer(resyncMillis);
    this.podNetworkings =
        client
            .genericKubernetesResources(TerwayResources.POD_NETWORKINGS)
            .runnableInformer(resyncMillis);
    this.podEnis =
        client
            .genericKubernetesResources(TerwayResources.POD_ENIS)
            .inAnyNamespace()
            .runnableInformer(resyncMillis);
    pods.addEventHandler(new PodHandler());
    nodes.addEventHandler(
        handler(n -> listener.nodeChanged(n.getMetadata().getName()), this::nodeChanged));
    namespaces.addEventHandler(
        handler(
            n -> listener.namespaceChanged(n.getMetadata().getName()),
            (a, b) -> !Objects.equals(a.getMetadata().getLabels(), b.getMetadata().getLabels())));
    podNetworkings.addEventHandler(new PodNetworkingHandler());
    podEnis.addEventHandler(
        handler(
            e -> listener.podEniChanged(e.getMetadata().getNamespace(), e.getMetadata().getName()),
            (a, b) -> true));
  }

  /**
   * Starts the informers and waits until each has listed what exists.
   *
   * @param client the client; the view does not close it
   * @param resolver the resolver to keep in step with the cluster's PodNetworkings
   * @param listener who hears changes
   * @param resync how often the informers replay their caches to the listener (zero: never)
   * @param timeout how long to wait for the first lists
   * @return the started view
   * @throws IllegalStateException if an informer fails to start (the CRDs are missing, RBAC
   *     refuses, ...) or does not list within the timeout; the view is closed then
   */
  public static ClusterView start(
      KubernetesClient client,
      PodNetworkingResolver resolver,
      Listener listener,
      Duration resync,
      Duration timeout) {
    checkNotNull(client, "client");
    checkNotNull(resolver, "resolver");
    checkNotNull(listener, "listener");
    checkArgument(!resync.isNegative(), "resync is negative: %s", resync);
    checkArgument(timeout.compareTo(Duration.ZERO) > 0, "timeout must be positive: %s", timeout);
    ClusterView view = new ClusterView(client, resolver, listener, resync);
    try {
      List<CompletableFuture<Void>> started = new ArrayList<>();
      for (SharedIndexInformer<?> informer : view.informers()) {
        started.add(informer.start().toCompletableFuture());
      }
      CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
          .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      view.close();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      throw new IllegalStateException("cluster view did not start: " + cause, cause);
    } catch (InterruptedException e) {
      view.close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the cluster view started", e);
    }
    return view;
  }

  private List<SharedIndexInformer<?>> informers() {
    return List.of(namespaces, nodes, podNetworkings, podEnis, pods);
  }

  /**
   * Returns a pod.
   *
   * @param namespace its namespace
   * @param name its name
   * @return the pod, if the cache has it (and it can be read)
   */
  public Optional<Pod> pod(String namespace, String name) {
    return Optional.ofNullable(pods.getStore().getByKey(namespace + "/" + name))
        .flatMap(p -> read(p, Pod.class));
  }

  /**
   * Returns every pod (a snapshot of the cache).
   *
   * @return the pods
   */
  public List<Pod> pods() {
    return readAll(pods.getStore().list(), Pod.class);
  }

  /**
   * Returns the pods scheduled to a node.
   *
   * @param nodeName the node's name
   * @return the pods with that {@code spec.nodeName}
   */
  public List<Pod> podsOn(String nodeName) {
    List<io.fabric8.kubernetes.api.model.Pod> on = new ArrayList<>();
    for (io.fabric8.kubernetes.api.model.Pod pod : pods.getStore().list()) {
      if (pod.getSpec() != null && nodeName.equals(pod.getSpec().getNodeName())) {
        on.add(pod);
      }
    }
    return readAll(on, Pod.class);
  }

  /**
   * Returns the pods of a namespace (a snapshot of the cache, read through its namespace index).
   *
   * @param namespace the namespace's name
   * @return the pods in that namespace
   */
  public List<Pod> podsIn(String namespace) {
    checkNotNull(namespace, "namespace");
    Indexer<io.fabric8.kubernetes.api.model.Pod> indexer = pods.getIndexer();
    if (indexer.getIndexers().containsKey(Cache.NAMESPACE_INDEX)) {
      return readAll(indexer.byIndex(Cache.NAMESPACE_INDEX, namespace), Pod.class);
    }
    List<io.fabric8.kubernetes.api.model.Pod> in = new ArrayList<>();
    for (io.fabric8.kubernetes.api.model.Pod pod : pods.getStore().list()) {
      if (namespace.equals(pod.getMetadata().getNamespace())) {
        in.add(pod);
      }
    }
    return readAll(in, Pod.class);
  }

  /**
   * Returns a node.
   *
   * @param name its name
   * @return the node, if the cache has it
   */
  public Optional<Node> node(String name) {
    return Optional.ofNullable(nodes.getStore().getByKey(name)).flatMap(n -> read(n, Node.class));
  }

  /**
   * Returns a namespace.
   *
   * @param name its name
   * @return the namespace, if the cache has it
   */
  public Optional<Namespace> namespace(String name) {
    return Optional.ofNullable(namespaces.getStore().getByKey(name))
        .flatMap(n -> read(n, Namespace.class));
  }

  /**
   * Returns every PodNetworking that can be read (a snapshot of the cache).
   *
   * @return the PodNetworkings
   */
  public List<PodNetworking> podNetworkings() {
    return readAll(podNetworkings.getStore().list(), PodNetworking.class);
  }

  /**
   * Returns a PodENI as the cache has it.
   *
   * @param namespace its namespace
   * @param name its name
   * @return the PodENI, if the cache has it
   */
  public Optional<PodEni> podEni(String namespace, String name) {
    return Optional.ofNullable(podEnis.getStore().getByKey(namespace + "/" + name))
        .flatMap(e -> read(e, PodEni.class));
  }

  /**
   * Returns the resolver this view keeps in step.
   *
   * @return the resolver
   */
  public PodNetworkingResolver resolver() {
    return resolver;
  }

  /** Stops the informers. Idempotent. */
  @Override
  public void close() {
    for (SharedIndexInformer<?> informer : informers()) {
      try {
        informer.stop();
      } catch (RuntimeException e) {
        log.debug("stopping an informer failed: {}", escaped(e.toString()));
      }
    }
  }

  // ------------------------------------------------------------------ conversions

  private <T extends KubernetesObject> Optional<T> read(Object object, Class<T> type) {
    try {
      return Optional.of(ModelConversions.model(client, object, type));
    } catch (ManifestException | IllegalArgumentException e) {
      HasMetadata meta = (HasMetadata) object;
      log.warn(
          "{} {}/{} cannot be read, ignored: {}",
          type.getSimpleName(),
          escaped(Objects.toString(meta.getMetadata().getNamespace(), "")),
          escaped(meta.getMetadata().getName()),
          escaped(e.getMessage()));
      return Optional.empty();
    }
  }

  private <T extends KubernetesObject> List<T> readAll(List<?> objects, Class<T> type) {
    List<T> models = new ArrayList<>(objects.size());
    for (Object object : objects) {
      read(object, type).ifPresent(models::add);
    }
    return models;
  }

  private boolean nodeChanged(
      io.fabric8.kubernetes.api.model.Node before, io.fabric8.kubernetes.api.model.Node after) {
    return !Objects.equals(relevantNode(before), relevantNode(after));
  }

  /** The node as the control plane reads it, without what changes on every heartbeat. */
  private Optional<Node> relevantNode(io.fabric8.kubernetes.api.model.Node node) {
    return read(node, Node.class)
        .map(
            n ->
                ImmutableNode.copyOf(n)
                    .withMetadata(
                        ImmutableObjectMeta.copyOf(n.metadata())
                            .withResourceVersion("")
                            .withGeneration(Optional.empty())));
  }

  private static <T extends HasMetadata> ResourceEventHandler<T> handler(
      java.util.function.Consumer<T> changed, java.util.function.BiPredicate<T, T> relevant) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T object) {
        changed.accept(object);
      }

      @Override
      public void onUpdate(T before, T after) {
        if (relevant.test(before, after)) {
          changed.accept(after);
        }
      }

      @Override
      public void onDelete(T object, boolean finalStateUnknown) {
        changed.accept(object);
      }
    };
  }

  private final class PodHandler
      implements ResourceEventHandler<io.fabric8.kubernetes.api.model.Pod> {
    @Override
    public void onAdd(io.fabric8.kubernetes.api.model.Pod pod) {
      notify(pod);
    }

    @Override
    public void onUpdate(
        io.fabric8.kubernetes.api.model.Pod before, io.fabric8.kubernetes.api.model.Pod after) {
      if (!Objects.equals(relevant(before), relevant(after))) {
        notify(after);
      }
    }

    @Override
    public void onDelete(io.fabric8.kubernetes.api.model.Pod pod, boolean finalStateUnknown) {
      notify(pod);
    }

    private void notify(io.fabric8.kubernetes.api.model.Pod pod) {
      listener.podChanged(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
    }

    private Optional<Pod> relevant(io.fabric8.kubernetes.api.model.Pod pod) {
      return read(pod, Pod.class)
          .map(
              p ->
                  ImmutablePod.copyOf(p)
                      .withMetadata(
                          ImmutableObjectMeta.copyOf(p.metadata())
                              .withResourceVersion("")
                              .withGeneration(Optional.empty())));
    }
  }

  private final class PodNetworkingHandler
      implements ResourceEventHandler<GenericKubernetesResource> {
    @Override
    public void onAdd(GenericKubernetesResource object) {
      changed(object);
    }

    @Override
    public void onUpdate(GenericKubernetesResource before, GenericKubernetesResource after) {
      changed(after);
    }

    @Override
    public void onDelete(GenericKubernetesResource object, boolean finalStateUnknown) {
      String name = object.getMetadata().getName();
      resolver.remove(name);
      listener.podNetworkingChanged(name);
    }

    private void changed(GenericKubernetesResource object) {
      String name = object.getMetadata().getName();
      Optional<PodNetworking> model = read(object, PodNetworking.class);
      if (model.isPresent()) {
        resolver.put(model.get());
      } else {
        resolver.remove(name);
      }
      listener.podNetworkingChanged(name);
    }
  }
}
