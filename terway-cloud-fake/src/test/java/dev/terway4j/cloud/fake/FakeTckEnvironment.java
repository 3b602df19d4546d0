package dev.terway4j.cloud.fake;

import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.tck.TckEnvironment;
import dev.terway4j.cloud.tck.TckTopology;
import java.time.Duration;
import java.util.List;

/** The contract suite's topology on the fake cloud, with a fake clock to let time pass. */
final class FakeTckEnvironment implements TckEnvironment {
  static final TckTopology TOPOLOGY =
      new TckTopology(
          "vpc-tck",
          "cn-hangzhou-h",
          "vsw-tck-large",
          "vsw-tck-small",
          "vsw-tck-other",
          List.of("sg-tck-1", "sg-tck-2"),
          "i-tck-trunk",
          "ecs.g7.large",
          "eni-tck-trunk",
          "i-tck-plain",
          "ecs.t5.small");

  private final FakeClock clock = new FakeClock();
  private final Duration delay;
  private final FakeCloudProvider cloud;

  FakeTckEnvironment(Duration delay, long seed) {
    this.delay = delay;
    this.cloud = builder(clock, seed).transitionDelay(delay).build();
  }

  /** The contract topology, ready for more settings. */
  static FakeCloudProvider.Builder builder(FakeClock clock, long seed) {
    return FakeTopology.contractSuite("cn-hangzhou").cloudBuilder().clock(clock).seed(seed);
  }

  @Override
  public CloudProvider provider() {
    return cloud;
  }

  @Override
  public TckTopology topology() {
    return TOPOLOGY;
  }

  @Override
  public void letTransitionsComplete() {
    clock.advance(delay);
  }

  @Override
  public java.util.Optional<String> resourceGroupId() {
    // The fake (and the emulator over it) keeps any well-formed group id it is given.
    return java.util.Optional.of("rg-acfmtck4j");
  }
}
