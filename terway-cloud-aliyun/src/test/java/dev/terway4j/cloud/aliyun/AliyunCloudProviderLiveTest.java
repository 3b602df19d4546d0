package dev.terway4j.cloud.aliyun;

import dev.terway4j.cloud.spi.CloudException;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceAttachment;
import dev.terway4j.cloud.spi.NetworkInterfaceQuery;
import dev.terway4j.cloud.spi.NetworkInterfaceStatus;
import dev.terway4j.cloud.spi.NetworkInterfaceType;
import dev.terway4j.cloud.tck.CloudProviderContract;
import dev.terway4j.cloud.tck.TckEnvironment;
import dev.terway4j.cloud.tck.TckTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs the contract suite against a real Alibaba Cloud account. Only under {@code -Plive}, never in
 * CI; it creates, attaches and deletes real ENIs (tagged {@value
 * CloudProviderContract#RUN_TAG_KEY}) and cleans up after each test.
 *
 * <p>Run: {@code mvn -B -pl terway-cloud-aliyun -Plive verify -Dtest.aliyun.region=cn-hangzhou
 * -Dtest.aliyun.accessKeyId=… -Dtest.aliyun.accessKeySecret=… -Dtest.aliyun.vpcId=… ...} with every
 * property {@link #REQUIRED} lists; {@code test.aliyun.credentials=default} uses the
 * credentials-java default chain instead of a key pair, {@code test.aliyun.network=public} the
 * public endpoints. The topology must have the shape {@link TckTopology} describes.
 */
class AliyunCloudProviderLiveTest extends CloudProviderContract {
  private static final String PREFIX = "test.aliyun.";

  /** The properties that name the topology. */
  static final List<String> REQUIRED =
      List.of(
          "region",
          "vpcId",
          "zoneId",
          "vSwitchId",
          "smallVSwitchId",
          "otherZoneVSwitchId",
          "securityGroupIds",
          "trunkInstanceId",
          "trunkInstanceTypeId",
          "trunkNetworkInterfaceId",
          "plainInstanceId",
          "plainInstanceTypeId");

  private static final Set<String> SETTINGS =
      Set.of(
          "region",
          "network",
          "endpoint",
          "ecsEndpoint",
          "vpcEndpoint",
          "protocol",
          "accessKeyId",
          "accessKeySecret",
          "securityToken",
          "credentials",
          "connectTimeoutMillis",
          "readTimeoutMillis");

  @Override
  protected TckEnvironment newEnvironment() {
    List<String> missing =
        REQUIRED.stream().filter(k -> System.getProperty(PREFIX + k) == null).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "the live test needs -D"
              + PREFIX
              + "<name> for: "
              + missing
              + " (see the class comment)");
    }
    Map<String, String> settings = new TreeMap<>();
    for (String key : SETTINGS) {
      String value = System.getProperty(PREFIX + key);
      if (value != null) {
        settings.put(key, value);
      }
    }
    TckTopology topology =
        new TckTopology(
            get("vpcId"),
            get("zoneId"),
            get("vSwitchId"),
            get("smallVSwitchId"),
            get("otherZoneVSwitchId"),
            Stream.of(get("securityGroupIds").split(",")).map(String::trim).toList(),
            get("trunkInstanceId"),
            get("trunkInstanceTypeId"),
            get("trunkNetworkInterfaceId"),
            get("plainInstanceId"),
            get("plainInstanceTypeId"));
    return new LiveEnvironment(new AliyunCloudProviderFactory().create(settings), topology);
  }

  private static String get(String key) {
    return System.getProperty(PREFIX + key);
  }

  /** A real account: transitions are waited for by polling, and test ENIs are removed after. */
  private static final class LiveEnvironment implements TckEnvironment {
    private static final Duration TRANSITION_TIMEOUT = Duration.ofSeconds(90);
    private static final Set<NetworkInterfaceStatus> MOVING =
        Set.of(
            NetworkInterfaceStatus.ATTACHING,
            NetworkInterfaceStatus.DETACHING,
            NetworkInterfaceStatus.DELETING);

    private final CloudProvider provider;
    private final TckTopology topology;

    LiveEnvironment(CloudProvider provider, TckTopology topology) {
      this.provider = provider;
      this.topology = topology;
    }

    @Override
    public CloudProvider provider() {
      return provider;
    }

    @Override
    public TckTopology topology() {
      return topology;
    }

    @Override
    public void letTransitionsComplete() {
      Instant deadline = Instant.now().plus(TRANSITION_TIMEOUT);
      while (testEnis().stream().anyMatch(e -> MOVING.contains(e.status()))) {
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("ENIs still in transition after " + TRANSITION_TIMEOUT);
        }
        pause();
      }
    }

    @Override
    public void close() {
      try {
        letTransitionsComplete();
        for (NetworkInterface eni : testEnis()) {
          if (eni.instanceId().isPresent() && eni.type() != NetworkInterfaceType.PRIMARY) {
            quietly(
                () ->
                    provider.detachNetworkInterface(
                        new NetworkInterfaceAttachment(
                            eni.id(), eni.instanceId().get(), eni.trunkNetworkInterfaceId())));
          }
        }
        letTransitionsComplete();
        testEnis().forEach(eni -> quietly(() -> provider.deleteNetworkInterface(eni.id())));
        letTransitionsComplete();
      } finally {
        provider.close();
      }
    }

    private List<NetworkInterface> testEnis() {
      List<NetworkInterface> mine = new ArrayList<>();
      for (NetworkInterface eni :
          provider.describeAllNetworkInterfaces(
              NetworkInterfaceQuery.builder().vpcId(topology.vpcId()).build())) {
        if (eni.tags().containsKey(RUN_TAG_KEY)) {
          mine.add(eni);
        }
      }
      return mine;
    }

    private static void quietly(Runnable cleanup) {
      try {
        cleanup.run();
      } catch (CloudException e) {
        // Best effort: the next test's cleanup tries again.
      }
    }

    private static void pause() {
      try {
        Thread.sleep(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
