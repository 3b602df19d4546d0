package dev.terway4j.cloud.fake;

import dev.terway4j.cloud.tck.CloudProviderContract;
import dev.terway4j.cloud.tck.TckEnvironment;
import java.time.Duration;

/** Runs the contract suite on the fake with transitions completing at once. */
class FakeCloudProviderImmediateContractTest extends CloudProviderContract {
  @Override
  protected TckEnvironment newEnvironment() {
    return new FakeTckEnvironment(Duration.ZERO, 7);
  }
}
