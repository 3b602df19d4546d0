package dev.terway4j.cloud.fake;

import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.InstanceType;
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
    return FakeCloudProvider.builder()
        .clock(clock)
        .seed(seed)
        .zone("cn-hangzhou-h")
        .zone("cn-hangzhou-i")
        .vpc("vpc-tck")
        .vSwitch("vsw-tck-large", "vpc-tck", "cn-hangzhou-h", "10.0.0.0/24", "2408:4005:1:0::/64")
        .vSwitch("vsw-tck-small", "vpc-tck", "cn-hangzhou-h", "10.0.1.0/28")
        .vSwitch("vsw-tck-other", "vpc-tck", "cn-hangzhou-i", "10.0.2.0/24")
        .securityGroup("sg-tck-1", "vpc-tck")
        .securityGroup("sg-tck-2", "vpc-tck")
        .instanceType(new InstanceType("ecs.g7.large", 3, 8, true, 10, 10))
        .instanceType(new InstanceType("ecs.t5.small", 2, 2, false, 2, 0))
        .instance("i-tck-trunk", "ecs.g7.large", "vsw-tck-large", "sg-tck-1")
        .instance("i-tck-plain", "ecs.t5.small", "vsw-tck-large", "sg-tck-1")
        .trunkNetworkInterface("eni-tck-trunk", "i-tck-trunk", "vsw-tck-large", "sg-tck-1");
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
}
