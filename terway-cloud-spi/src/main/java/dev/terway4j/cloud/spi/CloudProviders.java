package dev.terway4j.cloud.spi;

import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Finds {@link CloudProviderFactory} implementations through {@link ServiceLoader}. Stateless and
 * thread-safe.
 */
public final class CloudProviders {
  private CloudProviders() {}

  /**
   * Creates a provider of the backend with the given id, found on the class path of this class's
   * class loader.
   *
   * @param id the backend id, e.g. {@code fake}
   * @param config the backend's settings
   * @return a new provider
   * @throws IllegalStateException if no backend or several backends have that id; the message lists
   *     the ids found
   */
  public static CloudProvider load(String id, Map<String, String> config) {
    return load(id, config, CloudProviders.class.getClassLoader());
  }

  /**
   * Creates a provider of the backend with the given id, found through a class loader.
   *
   * @param id the backend id, e.g. {@code fake}
   * @param config the backend's settings
   * @param classLoader where to look for factories
   * @return a new provider
   * @throws IllegalStateException if no backend or several backends have that id; the message lists
   *     the ids found
   */
  public static CloudProvider load(String id, Map<String, String> config, ClassLoader classLoader) {
    return factory(id, classLoader).create(checkNotNull(config, "config"));
  }

  /**
   * Returns the one factory with the given id.
   *
   * @param id the backend id
   * @param classLoader where to look for factories
   * @return the factory
   * @throws IllegalStateException if none or several have that id
   */
  public static CloudProviderFactory factory(String id, ClassLoader classLoader) {
    checkNotNull(id, "id");
    List<CloudProviderFactory> all = factories(classLoader);
    List<CloudProviderFactory> matching =
        all.stream().filter(f -> f.id().equals(id)).collect(ImmutableList.toImmutableList());
    if (matching.isEmpty()) {
      throw new IllegalStateException(
          String.format(
              "no cloud provider with id '%s'; found %s. Add the backend's jar (e.g."
                  + " terway-cloud-%s) to the class path",
              id, describe(all), id));
    }
    if (matching.size() > 1) {
      throw new IllegalStateException(
          String.format(
              "%s cloud providers have id '%s': %s; keep only one of them on the class path",
              matching.size(),
              id,
              matching.stream()
                  .map(f -> f.getClass().getName())
                  .collect(ImmutableList.toImmutableList())));
    }
    return matching.get(0);
  }

  /**
   * Returns every registered factory.
   *
   * @param classLoader where to look for factories
   * @return the factories, in class-path order
   */
  public static List<CloudProviderFactory> factories(ClassLoader classLoader) {
    return ImmutableList.copyOf(ServiceLoader.load(CloudProviderFactory.class, classLoader));
  }

  private static String describe(List<CloudProviderFactory> factories) {
    if (factories.isEmpty()) {
      return "none";
    }
    return "ids "
        + factories.stream()
            .map(CloudProviderFactory::id)
            .collect(ImmutableSortedSet.toImmutableSortedSet(String::compareTo));
  }
}
