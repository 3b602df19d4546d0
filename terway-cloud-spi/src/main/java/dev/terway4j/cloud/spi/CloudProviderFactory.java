package dev.terway4j.cloud.spi;

import java.util.Map;

/**
 * Creates a {@link CloudProvider} of one backend. Backends register an implementation in {@code
 * META-INF/services/dev.terway4j.cloud.spi.CloudProviderFactory}; {@link CloudProviders#load} finds
 * it by {@link #id()}.
 *
 * <p>Implementations need a public no-argument constructor and must be thread-safe (they are
 * usually stateless).
 */
public interface CloudProviderFactory {

  /**
   * Returns the backend's id, e.g. {@code fake} or {@code aliyun}: lower case, unique.
   *
   * @return the id
   */
  String id();

  /**
   * Creates a provider.
   *
   * @param config backend-specific settings (region, endpoint, ...); unknown keys are an error
   * @return a new provider, which the caller closes
   * @throws IllegalArgumentException if a setting is unknown or invalid
   */
  CloudProvider create(Map<String, String> config);
}
