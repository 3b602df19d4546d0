package dev.terway4j.cloud.fake;

import dev.terway4j.cloud.tck.CloudProviderContract;
import dev.terway4j.cloud.tck.TckEnvironment;
import java.time.Duration;

/** Runs the contract suite on the fake with ECS-like delays: transitions take 3 s of fake time. */
class FakeCloudProviderContractTest extends CloudProviderContract {
  @Override
  protected TckEnvironment newEnvironment() {
    return new FakeTckEnvironment(Duration.ofSeconds(3), 42);
  }
}
