package dev.terway4j.selector;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.model.Namespace;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.selector.internal.CompiledPodNetworking;
import dev.terway4j.selector.internal.ResolverIndex;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the PodNetworking of a pod, as Terway's pod webhook ({@code matchOnePodNetworking}) with
 * this library's rules (docs/behaviour.md, "Matching a pod to a PodNetworking"):
 *
 * <ol>
 *   <li>only PodNetworkings whose {@code status.status} is {@code Ready} take part;
 *   <li>a {@code Fixed} PodNetworking only matches fixed-name pods ({@link FixedNamePolicy});
 *   <li>the pod selector must match the pod's labels and the namespace selector the namespace's; an
 *       absent selector is not set, {@code {}} matches everything, and a PodNetworking with neither
 *       selector is never matched;
 *   <li>several matches give an {@linkplain Resolution.Outcome#AMBIGUOUS ambiguous} resolution
 *       whose winner is the lowest name.
 * </ol>
 *
 * <p>A PodNetworking whose selector breaks the Kubernetes label rules never matches (Terway fails
 * the whole admission instead); {@link #explain} reports it as {@link
 * Verdict.Reason#INVALID_SELECTOR} with every violation.
 *
 * <p>Resolution is indexed (see {@code ResolverIndex}): its cost grows with the pod's and
 * namespace's labels and the real candidates, not with the number of PodNetworkings.
 *
 * <p>Thread-safe: readers use an immutable snapshot held in a volatile field and never block;
 * {@link #put}, {@link #remove} and {@link #replaceAll} are serialized and publish a new snapshot
 * (copy-on-write, linear in the number of PodNetworkings, which change rarely). A resolution sees
 * either the state before or after a concurrent change, never a mix.
 */
public final class PodNetworkingResolver {

  private final FixedNamePolicy fixedNamePolicy;
  private final Object writeLock = new Object();
  private volatile ResolverIndex index = ResolverIndex.EMPTY;

  private PodNetworkingResolver(FixedNamePolicy fixedNamePolicy) {
    this.fixedNamePolicy = checkNotNull(fixedNamePolicy, "fixedNamePolicy");
  }

  /** Returns an empty resolver that uses the given fixed-name policy. */
  public static PodNetworkingResolver create(FixedNamePolicy fixedNamePolicy) {
    return new PodNetworkingResolver(fixedNamePolicy);
  }

  /**
   * Returns a resolver of some PodNetworkings with the default policy ({@code StatefulSet} only).
   *
   * @throws IllegalArgumentException if a name is empty or appears twice
   */
  public static PodNetworkingResolver of(Collection<PodNetworking> podNetworkings) {
    return of(podNetworkings, FixedNamePolicy.defaults());
  }

  /**
   * Returns a resolver of some PodNetworkings.
   *
   * @throws IllegalArgumentException if a name is empty or appears twice
   */
  public static PodNetworkingResolver of(
      Collection<PodNetworking> podNetworkings, FixedNamePolicy fixedNamePolicy) {
    PodNetworkingResolver resolver = new PodNetworkingResolver(fixedNamePolicy);
    resolver.replaceAll(podNetworkings);
    return resolver;
  }

  /** Returns the policy that decides whether a pod is fixed-name. */
  public FixedNamePolicy fixedNamePolicy() {
    return fixedNamePolicy;
  }

  /**
   * Adds a PodNetworking, or replaces the one with the same name.
   *
   * @return the one replaced, if any
   * @throws IllegalArgumentException if its name is empty
   */
  public Optional<PodNetworking> put(PodNetworking podNetworking) {
    CompiledPodNetworking compiled = compile(podNetworking);
    synchronized (writeLock) {
      Map<String, CompiledPodNetworking> next = new HashMap<>(index.all());
      CompiledPodNetworking previous = next.put(compiled.name(), compiled);
      index = ResolverIndex.of(next);
      return Optional.ofNullable(previous).map(CompiledPodNetworking::podNetworking);
    }
  }

  /**
   * Removes the PodNetworking with this name.
   *
   * @return the one removed, if any
   */
  public Optional<PodNetworking> remove(String name) {
    checkNotNull(name, "name");
    synchronized (writeLock) {
      if (!index.all().containsKey(name)) {
        return Optional.empty();
      }
      Map<String, CompiledPodNetworking> next = new HashMap<>(index.all());
      CompiledPodNetworking previous = next.remove(name);
      index = ResolverIndex.of(next);
      return Optional.of(previous.podNetworking());
    }
  }

  /**
   * Replaces every PodNetworking, e.g. after an informer resync.
   *
   * @throws IllegalArgumentException if a name is empty or appears twice
   */
  public void replaceAll(Collection<PodNetworking> podNetworkings) {
    checkNotNull(podNetworkings, "podNetworkings");
    Map<String, CompiledPodNetworking> next = new HashMap<>();
    for (PodNetworking podNetworking : podNetworkings) {
      CompiledPodNetworking compiled = compile(podNetworking);
      checkArgument(
          next.put(compiled.name(), compiled) == null,
          "two PodNetworkings named %s",
          compiled.name());
    }
    ResolverIndex built = ResolverIndex.of(next);
    synchronized (writeLock) {
      index = built;
    }
  }

  private static CompiledPodNetworking compile(PodNetworking podNetworking) {
    checkNotNull(podNetworking, "podNetworking");
    checkArgument(
        !podNetworking.metadata().name().isEmpty(),
        "PodNetworking without a name: %s",
        podNetworking);
    return CompiledPodNetworking.compile(podNetworking);
  }

  /** Returns the PodNetworking with this name. */
  public Optional<PodNetworking> get(String name) {
    checkNotNull(name, "name");
    return Optional.ofNullable(index.all().get(name)).map(CompiledPodNetworking::podNetworking);
  }

  /** Returns every PodNetworking, sorted by name (a snapshot). */
  public List<PodNetworking> podNetworkings() {
    List<PodNetworking> out = new ArrayList<>(index.all().size());
    index.all().values().forEach(c -> out.add(c.podNetworking()));
    return out;
  }

  /** Returns how many PodNetworkings the resolver holds. */
  public int size() {
    return index.all().size();
  }

  /**
   * Resolves a pod in its namespace.
   *
   * @throws IllegalArgumentException if the pod names a namespace other than {@code namespace}
   */
  public Resolution resolve(Pod pod, Namespace namespace) {
    checkSameNamespace(pod, namespace);
    return resolve(
        pod.metadata().labels(), namespace.metadata().labels(), fixedNamePolicy.isFixedName(pod));
  }

  /**
   * Resolves a pod given by its labels, its namespace's labels and whether it is fixed-name.
   *
   * @throws NullPointerException if a map is null
   */
  public Resolution resolve(
      Map<String, String> podLabels, Map<String, String> namespaceLabels, boolean fixedNamePod) {
    checkNotNull(podLabels, "podLabels");
    checkNotNull(namespaceLabels, "namespaceLabels");
    return index.resolve(podLabels, namespaceLabels, fixedNamePod);
  }

  /**
   * Resolves a pod and says, for every PodNetworking, why it did or did not match. Linear in the
   * number of PodNetworkings: meant for diagnostics, not the admission path.
   *
   * @throws IllegalArgumentException if the pod names a namespace other than {@code namespace}
   */
  public Explanation explain(Pod pod, Namespace namespace) {
    checkSameNamespace(pod, namespace);
    return explain(
        pod.metadata().labels(), namespace.metadata().labels(), fixedNamePolicy.isFixedName(pod));
  }

  /** Explains a pod given by its labels, its namespace's labels and whether it is fixed-name. */
  public Explanation explain(
      Map<String, String> podLabels, Map<String, String> namespaceLabels, boolean fixedNamePod) {
    checkNotNull(podLabels, "podLabels");
    checkNotNull(namespaceLabels, "namespaceLabels");
    return index.explain(podLabels, namespaceLabels, fixedNamePod);
  }

  private static void checkSameNamespace(Pod pod, Namespace namespace) {
    checkNotNull(pod, "pod");
    checkNotNull(namespace, "namespace");
    String podNamespace = pod.metadata().namespace();
    String name = namespace.metadata().name();
    checkArgument(
        podNamespace.isEmpty() || name.isEmpty() || podNamespace.equals(name),
        "pod %s is in namespace %s, not %s",
        pod.metadata().name(),
        podNamespace,
        name);
  }

  @Override
  public String toString() {
    return "PodNetworkingResolver{" + size() + " PodNetworkings, " + fixedNamePolicy + "}";
  }
}
