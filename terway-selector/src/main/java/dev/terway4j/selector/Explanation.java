package dev.terway4j.selector;

import static com.google.common.base.Preconditions.checkNotNull;

import java.util.List;
import java.util.Optional;

/**
 * A resolution with its reasons: one {@link Verdict} per PodNetworking known to the resolver,
 * sorted by name. Immutable and thread-safe.
 *
 * @param resolution the result, the same {@link PodNetworkingResolver#resolve} returns
 * @param verdicts why each PodNetworking did or did not match, sorted by name
 */
public record Explanation(Resolution resolution, List<Verdict> verdicts) {

  /** Checks the components and copies the list. */
  public Explanation {
    checkNotNull(resolution, "resolution");
    verdicts = List.copyOf(verdicts);
  }

  /** Returns the verdict of the PodNetworking with this name, if the resolver knew it. */
  public Optional<Verdict> verdict(String podNetworking) {
    checkNotNull(podNetworking, "podNetworking");
    return verdicts.stream().filter(v -> v.podNetworking().equals(podNetworking)).findFirst();
  }

  /** Returns the resolution on the first line, then one verdict per line. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(resolution.toString());
    for (Verdict verdict : verdicts) {
      sb.append("\n  ").append(verdict);
    }
    return sb.toString();
  }
}
