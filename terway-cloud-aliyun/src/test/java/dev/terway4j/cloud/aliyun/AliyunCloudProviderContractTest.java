package dev.terway4j.cloud.aliyun;

import dev.terway4j.cloud.tck.CloudProviderContract;
import dev.terway4j.cloud.tck.TckEnvironment;
import java.time.Duration;

/**
 * Runs the contract suite on {@link AliyunCloudProvider} through the real SDK, over HTTP, against
 * the local emulator backed by the fake cloud, with ECS-like delays (transitions take 3 s of fake
 * time) and only the README's minimal RAM policy allowed.
 */
class AliyunCloudProviderContractTest extends CloudProviderContract {
  @Override
  protected TckEnvironment newEnvironment() {
    return new AliyunTckEnvironment(Duration.ofSeconds(3), 42);
  }
}
