package dev.terway4j.allocator;

import dev.terway4j.cloud.aliyun.AliyunCloudConfig;
import dev.terway4j.cloud.aliyun.AliyunCloudProvider;
import dev.terway4j.cloud.aliyun.AliyunCredentials;
import dev.terway4j.cloud.aliyun.emulator.AliyunEmulator;
import dev.terway4j.cloud.fake.FakeCloudProvider;
import dev.terway4j.cloud.spi.CloudProvider;
import java.time.Duration;
import java.util.List;

/**
 * The Aliyun backend in front of a fixture's fake cloud: {@link AliyunCloudProvider} -> the
 * official SDK -> HTTP -> {@link AliyunEmulator} (from terway-cloud-aliyun's test-jar) -> the fake.
 *
 * <p>A class of its own so that {@link AllocatorFixture} loads without the Aliyun test-jar: only
 * choosing {@link AllocatorFixture.Backend#ALIYUN_EMULATOR} loads this one (terway-testkit's
 * property uses the fixture on the fake alone).
 */
final class AliyunEmulatorBackend implements AutoCloseable {
  private static final String ACCESS_KEY_ID = "LTAI5tTerway4jAllocatorTest";
  private static final String ACCESS_KEY_SECRET = "terway4j-allocator-test-secret";

  private final AliyunEmulator emulator;
  private final AliyunCloudProvider provider;

  private AliyunEmulatorBackend(FakeCloudProvider cloud) {
    this.emulator =
        AliyunEmulator.builder()
            .cloud(cloud)
            .accessKey(ACCESS_KEY_ID, ACCESS_KEY_SECRET)
            // The README's minimal RAM policy: the allocator must get by with these actions.
            .allowOnly(AliyunCloudProvider.RAM_ACTIONS)
            .start();
    this.provider =
        AliyunCloudProvider.create(
            AliyunCloudConfig.builder()
                .regionId(cloud.regionId())
                .endpoint(emulator.endpoint())
                .protocol(AliyunCloudConfig.Protocol.HTTP)
                .credentials(AliyunCredentials.accessKey(ACCESS_KEY_ID, ACCESS_KEY_SECRET))
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5))
                .build());
  }

  /** Starts an emulator on a fake cloud and a provider talking to it. */
  static AliyunEmulatorBackend start(FakeCloudProvider cloud) {
    return new AliyunEmulatorBackend(cloud);
  }

  CloudProvider provider() {
    return provider;
  }

  /** The actions of the HTTP requests the emulator has received, in order. */
  List<String> requests() {
    return emulator.requests().stream().map(AliyunEmulator.Request::action).toList();
  }

  @Override
  public void close() {
    provider.close();
    emulator.close();
  }
}
