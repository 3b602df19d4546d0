package dev.terway4j.cloud.tck;

import dev.terway4j.cloud.spi.CloudProvider;

/**
 * What a backend supplies to the contract suite for one test: a provider over a prepared topology,
 * and a way to let time pass.
 *
 * <p>The suite calls {@link CloudProviderContract#newEnvironment()} before each test and {@link
 * #close()} after it, so each test may start from a fresh topology. Used by one test thread at a
 * time; implementations need not be thread-safe.
 */
public interface TckEnvironment extends AutoCloseable {

  /**
   * Returns the provider under test.
   *
   * @return the provider
   */
  CloudProvider provider();

  /**
   * Returns the ids of the prepared resources.
   *
   * @return the topology
   */
  TckTopology topology();

  /**
   * Lets enough time pass that every asynchronous transition started so far (attach, detach,
   * delete) has completed. A fake advances its clock; a live backend waits.
   */
  void letTransitionsComplete();

  /**
   * Returns a resource group of the account that ENIs may be created in ({@code rg-...}), for the
   * contract of {@code ResourceGroupId}; empty skips that contract (the default, for a live account
   * where none was prepared).
   *
   * @return the resource group, if any
   */
  default java.util.Optional<String> resourceGroupId() {
    return java.util.Optional.empty();
  }

  /** Releases what the test created and the provider. The default closes the provider. */
  @Override
  default void close() {
    provider().close();
  }
}
