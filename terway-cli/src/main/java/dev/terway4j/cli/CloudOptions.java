package dev.terway4j.cli;

import dev.terway4j.cli.scenario.Scenario;
import dev.terway4j.cli.scenario.ScenarioException;
import dev.terway4j.cli.scenario.ScenarioReader;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.cloud.spi.CloudProviders;
import dev.terway4j.cloud.spi.InvalidArgumentException;
import dev.terway4j.cloud.spi.ResourceIds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that choose a cloud and a cluster, shared by {@code audit} and {@code controller}:
 * the backend ({@code aliyun} or the in-memory {@code fake} built from a scenario), the Aliyun
 * region, network and endpoints, and the cluster id and VPC the ENIs are tagged with. A picocli
 * mixin.
 *
 * <p>Credentials are never options: the Aliyun backend reads them through the credentials-java
 * default chain ({@code ALIBABA_CLOUD_ACCESS_KEY_ID}, {@code ALIBABA_CLOUD_ACCESS_KEY_SECRET},
 * {@code ALIBABA_CLOUD_SECURITY_TOKEN}, OIDC, profile, ECS RAM role), so they never appear in a
 * command line, a process listing or a log.
 */
final class CloudOptions {

  /** The cloud backends a command can use. */
  enum Backend {
    /** Alibaba Cloud through the official SDKs ({@code terway-cloud-aliyun}). */
    ALIYUN,
    /** The in-memory cloud ({@code terway-cloud-fake}) with a scenario's topology. */
    FAKE;

    String optionValue() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  @Option(
      names = "--cloud",
      required = true,
      paramLabel = "BACKEND",
      converter = BackendConverter.class,
      completionCandidates = BackendCandidates.class,
      description =
          "The cloud: ${COMPLETION-CANDIDATES}. aliyun reads its credentials from the"
              + " credentials-java default chain (ALIBABA_CLOUD_ACCESS_KEY_ID, ..._SECRET,"
              + " ALIBABA_CLOUD_SECURITY_TOKEN, OIDC, profile, ECS RAM role); fake needs"
              + " --scenario.")
  Backend backend;

  @Option(
      names = "--scenario",
      paramLabel = "SCENARIO.yaml",
      description =
          "--cloud fake: the scenario whose cloud (vSwitches, instance types, nodes with trunk"
              + " ENIs) the in-memory cloud holds; see examples/scenarios.")
  Path scenario;

  @Option(
      names = "--cluster-id",
      paramLabel = "ID",
      description =
          "The cluster id, the value of the ack.aliyun.com tag on its ENIs (with --cloud fake:"
              + " the scenario's by default).")
  String clusterId;

  @Option(
      names = "--vpc",
      paramLabel = "VPC_ID",
      description = "The cluster's VPC (with --cloud fake: the scenario's by default).")
  String vpcId;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      description = "--cloud aliyun: the region, e.g. cn-hangzhou (required).")
  String region;

  @Option(
      names = "--network",
      paramLabel = "vpc|public",
      description =
          "--cloud aliyun: vpc endpoints (ecs-vpc.<region>.aliyuncs.com, the default) or public"
              + " ones.")
  String network;

  @Option(
      names = "--endpoint",
      paramLabel = "HOST[:PORT]",
      description = "--cloud aliyun: one endpoint for ECS and VPC, without a scheme.")
  String endpoint;

  @Option(
      names = "--ecs-endpoint",
      paramLabel = "HOST[:PORT]",
      description = "--cloud aliyun: the ECS endpoint, without a scheme.")
  String ecsEndpoint;

  @Option(
      names = "--vpc-endpoint",
      paramLabel = "HOST[:PORT]",
      description = "--cloud aliyun: the VPC endpoint, without a scheme.")
  String vpcEndpoint;

  @Option(
      names = "--protocol",
      paramLabel = "https|http",
      description = "--cloud aliyun: https (the default), or http for an emulator or a proxy.")
  String protocol;

  /**
   * Checks that the options fit the backend: a scenario for the fake, a region and a cluster id for
   * Aliyun, and no option of one backend given to the other.
   *
   * @throws ParameterException naming the option at fault
   */
  void check(CommandLine commandLine) {
    if (backend == Backend.FAKE) {
      List<String> aliyunOnly = new ArrayList<>();
      addIfSet(aliyunOnly, "--region", region);
      addIfSet(aliyunOnly, "--network", network);
      addIfSet(aliyunOnly, "--endpoint", endpoint);
      addIfSet(aliyunOnly, "--ecs-endpoint", ecsEndpoint);
      addIfSet(aliyunOnly, "--vpc-endpoint", vpcEndpoint);
      addIfSet(aliyunOnly, "--protocol", protocol);
      if (!aliyunOnly.isEmpty()) {
        throw new ParameterException(
            commandLine,
            String.join(", ", aliyunOnly)
                + " apply to --cloud aliyun only; the scenario declares the fake cloud");
      }
      if (scenario == null) {
        throw new ParameterException(
            commandLine, "--cloud fake needs --scenario SCENARIO.yaml (see examples/scenarios)");
      }
    } else {
      if (scenario != null) {
        throw new ParameterException(commandLine, "--scenario applies to --cloud fake only");
      }
      if (region == null || region.isBlank()) {
        throw new ParameterException(
            commandLine, "--cloud aliyun needs --region, e.g. cn-hangzhou");
      }
      if (clusterId == null || clusterId.isBlank()) {
        throw new ParameterException(
            commandLine,
            "--cloud aliyun needs --cluster-id, the value of the ack.aliyun.com tag on the"
                + " cluster's ENIs");
      }
    }
    if (clusterId != null && clusterId.isBlank()) {
      throw new ParameterException(commandLine, "--cluster-id is empty");
    }
    checkEndpoint(commandLine, "--endpoint", endpoint);
    checkEndpoint(commandLine, "--ecs-endpoint", ecsEndpoint);
    checkEndpoint(commandLine, "--vpc-endpoint", vpcEndpoint);
    if (vpcId != null) {
      try {
        ResourceIds.checkVpcId(vpcId);
      } catch (InvalidArgumentException e) {
        throw new ParameterException(
            commandLine,
            "--vpc: '"
                + vpcId
                + "' is not a VPC id (expected 'vpc-' followed by 1-64 letters, digits, '-' or"
                + " '_')");
      }
    }
  }

  // The library's own check would answer with its Java API (protocol(Protocol.HTTP)); on the
  // command line the scheme is chosen with --protocol (issue 13 item 15).
  private static void checkEndpoint(CommandLine commandLine, String option, String value) {
    if (value == null) {
      return;
    }
    int scheme = value.indexOf("://");
    if (scheme >= 0) {
      String given = value.substring(0, scheme).toLowerCase(java.util.Locale.ROOT);
      throw new ParameterException(
          commandLine,
          option
              + " takes HOST[:PORT] without a scheme, got '"
              + value
              + "'; drop '"
              + value.substring(0, scheme + 3)
              + "'"
              + (given.equals("http")
                  ? " and add --protocol http"
                  : " (https is the default; --protocol http chooses plain HTTP)"));
    }
  }

  /**
   * Reads the scenario of {@code --cloud fake}.
   *
   * @throws CliException naming every problem of the file
   */
  Scenario readScenario() {
    try {
      return ScenarioReader.read(scenario);
    } catch (ScenarioException e) {
      throw new CliException(e.getMessage(), e.problems(), e);
    }
  }

  /** Returns the cluster id: the option's, else the scenario's (fake only). */
  String clusterId(Optional<Scenario> fromScenario) {
    if (clusterId != null) {
      return clusterId;
    }
    return fromScenario.map(s -> s.cloud().clusterId()).orElseThrow();
  }

  /** Returns the VPC: the option's, else the scenario's (fake only), else none. */
  Optional<String> vpcId(Optional<Scenario> fromScenario) {
    if (vpcId != null) {
      return Optional.of(vpcId);
    }
    return fromScenario.map(s -> s.cloud().vpcId());
  }

  /**
   * Creates the Aliyun backend through ServiceLoader, with the credentials-java default chain.
   *
   * @throws CliException if a setting is refused (the message names it) or the backend is missing
   */
  CloudProvider openAliyun() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("region", region);
    putIfSet(settings, "network", network);
    putIfSet(settings, "endpoint", endpoint);
    putIfSet(settings, "ecsEndpoint", ecsEndpoint);
    putIfSet(settings, "vpcEndpoint", vpcEndpoint);
    putIfSet(settings, "protocol", protocol);
    settings.put("credentials", "default");
    try {
      return CloudProviders.load("aliyun", settings);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new CliException("cannot set up the aliyun cloud: " + e.getMessage(), List.of(), e);
    }
  }

  /** Describes the Aliyun backend in a few words, for a header or a log line. */
  String describeAliyun() {
    StringBuilder text = new StringBuilder("aliyun cloud, region ").append(region);
    if (endpoint != null) {
      text.append(", endpoint ").append(endpoint);
    }
    if (ecsEndpoint != null) {
      text.append(", ECS endpoint ").append(ecsEndpoint);
    }
    if (vpcEndpoint != null) {
      text.append(", VPC endpoint ").append(vpcEndpoint);
    }
    if (network != null) {
      text.append(", ").append(network).append(" network");
    }
    return text.toString();
  }

  private static void addIfSet(List<String> names, String name, String value) {
    if (value != null) {
      names.add(name);
    }
  }

  private static void putIfSet(Map<String, String> settings, String key, String value) {
    if (value != null) {
      settings.put(key, value);
    }
  }

  /** Converts {@code aliyun} or {@code fake} (any case) for picocli. */
  static final class BackendConverter implements CommandLine.ITypeConverter<Backend> {
    @Override
    public Backend convert(String value) {
      for (Backend backend : Backend.values()) {
        if (backend.optionValue().equalsIgnoreCase(value)) {
          return backend;
        }
      }
      throw new CommandLine.TypeConversionException(
          "expected aliyun or fake but was '" + value + "'");
    }
  }

  /** The values picocli lists in the help text. */
  static final class BackendCandidates implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return Arrays.stream(Backend.values()).map(Backend::optionValue).iterator();
    }
  }
}
