package dev.terway4j.cloud.aliyun;

import dev.terway4j.cloud.aliyun.emulator.AliyunEmulator;
import dev.terway4j.cloud.fake.FakeClock;
import dev.terway4j.cloud.fake.FakeCloudProvider;
import dev.terway4j.cloud.fake.FakeTopology;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.tck.TckEnvironment;
import dev.terway4j.cloud.tck.TckTopology;
import java.time.Duration;
import java.util.List;

/**
 * The contract suite's topology behind the emulator: {@link AliyunCloudProvider} -> real SDK ->
 * HTTP -> {@link AliyunEmulator} -> {@link FakeCloudProvider}, with a fake clock to let time pass.
 */
final class AliyunTckEnvironment implements TckEnvironment {
  static final String ACCESS_KEY_ID = "LTAI5tTerway4jTestKey";
  static final String ACCESS_KEY_SECRET = "terway4j-test-secret-do-not-log";
  static final String REGION = "cn-hangzhou";

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
  private final AliyunEmulator emulator;
  private final AliyunCloudProvider provider;

  AliyunTckEnvironment(Duration delay, long seed) {
    this.delay = delay;
    this.emulator =
        AliyunEmulator.builder()
            .cloud(fakeCloud(clock, seed).transitionDelay(delay).build())
            .accessKey(ACCESS_KEY_ID, ACCESS_KEY_SECRET)
            // The README's minimal RAM policy: the whole suite must pass with only these actions.
            .allowOnly(AliyunCloudProvider.RAM_ACTIONS)
            .start();
    this.provider = AliyunCloudProvider.create(config(emulator).build());
  }

  /** The contract topology in a fake cloud, ready for more settings. */
  static FakeCloudProvider.Builder fakeCloud(FakeClock clock, long seed) {
    return FakeTopology.contractSuite(REGION).cloudBuilder().clock(clock).seed(seed);
  }

  /** A configuration pointing at an emulator with the test access key. */
  static AliyunCloudConfig.Builder config(AliyunEmulator emulator) {
    return AliyunCloudConfig.builder()
        .regionId(REGION)
        .endpoint(emulator.endpoint())
        .protocol(AliyunCloudConfig.Protocol.HTTP)
        .credentials(AliyunCredentials.accessKey(ACCESS_KEY_ID, ACCESS_KEY_SECRET))
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(5));
  }

  AliyunEmulator emulator() {
    return emulator;
  }

  FakeClock clock() {
    return clock;
  }

  @Override
  public CloudProvider provider() {
    return provider;
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
  public void close() {
    provider.close();
    emulator.close();
  }

  @Override
  public java.util.Optional<String> resourceGroupId() {
    // The fake (and the emulator over it) keeps any well-formed group id it is given.
    return java.util.Optional.of("rg-acfmtck4j");
  }
}
