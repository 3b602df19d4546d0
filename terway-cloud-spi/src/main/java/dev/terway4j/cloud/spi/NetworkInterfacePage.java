package dev.terway4j.cloud.spi;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;

/**
 * One page of {@link CloudProvider#describeNetworkInterfaces}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param networkInterfaces the ENIs on this page, in a stable order
 * @param nextToken the token for the next page; empty on the last page
 */
public record NetworkInterfacePage(
    List<NetworkInterface> networkInterfaces, Optional<String> nextToken) {

  /** Checks and copies the values. */
  public NetworkInterfacePage {
    networkInterfaces = ImmutableList.copyOf(networkInterfaces);
    checkNotNull(nextToken, "nextToken");
    checkArgument(nextToken.map(t -> !t.isEmpty()).orElse(true), "nextToken is empty");
  }
}
