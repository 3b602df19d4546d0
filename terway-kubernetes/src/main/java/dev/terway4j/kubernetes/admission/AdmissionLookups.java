package dev.terway4j.kubernetes.admission;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.kubernetes.ClusterView;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.PodEni;
import dev.terway4j.selector.AdmissionSettings;
import dev.terway4j.selector.PodNetworkingResolver;
import java.util.Optional;

/**
 * What the pod webhook needs to know of the cluster: the pod's namespace, the PodENI a Fixed pod
 * may already have, the PodNetworkings (through a resolver) and the control-plane settings.
 *
 * <p>Implementations must be thread-safe: the server calls them from several request threads.
 * {@link #of(ClusterView, AdmissionSettings)} adapts the informer-fed {@link ClusterView}.
 */
public interface AdmissionLookups {
  /**
   * Returns a namespace.
   *
   * @param name its name
   * @return the namespace, empty if not known (yet)
   */
  Optional<Namespace> namespace(String name);

  /**
   * Returns the PodENI of a pod, which gives a Fixed pod its previous zone.
   *
   * @param namespace the pod's namespace
   * @param name the pod's name
   * @return the PodENI, empty if none
   */
  Optional<PodEni> podEni(String namespace, String name);

  /**
   * Returns the resolver over the current PodNetworkings.
   *
   * @return the resolver
   */
  PodNetworkingResolver resolver();

  /**
   * Returns the control-plane settings the webhook applies.
   *
   * @return the settings
   */
  AdmissionSettings settings();

  /**
   * Adapts an informer-fed view of the cluster.
   *
   * @param view the view
   * @param settings the settings
   * @return lookups that read the view's caches
   */
  static AdmissionLookups of(ClusterView view, AdmissionSettings settings) {
    checkNotNull(view, "view");
    checkNotNull(settings, "settings");
    return new AdmissionLookups() {
      @Override
      public Optional<Namespace> namespace(String name) {
        return view.namespace(name);
      }

      @Override
      public Optional<PodEni> podEni(String namespace, String name) {
        return view.podEni(namespace, name);
      }

      @Override
      public PodNetworkingResolver resolver() {
        return view.resolver();
      }

      @Override
      public AdmissionSettings settings() {
        return settings;
      }
    };
  }
}
