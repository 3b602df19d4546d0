package dev.terway4j.cli;

import static dev.terway4j.model.ControlCharacters.escaped;

import dev.terway4j.allocator.AllocatorEvent;
import dev.terway4j.allocator.AllocatorSettings;
import dev.terway4j.cli.scenario.Scenario;
import dev.terway4j.cli.scenario.ScenarioException;
import dev.terway4j.cli.scenario.Simulation;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.kubernetes.TerwayController;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code terway controller}: runs {@link TerwayController} in a cluster until SIGTERM or SIGINT (a
 * shutdown hook closes it, giving up the lease so that a standby takes over at once). Every
 * instance watches the cluster; the one holding the {@code Lease} allocates member ENIs in the
 * chosen cloud and keeps the PodENI resources.
 *
 * <p>The cluster is the current context of {@code --kubeconfig}, or, without it, the pod's service
 * account: never an ambient {@code ~/.kube/config}, since the controller creates cloud resources.
 * The cloud is Aliyun (credentials from the credentials-java default chain, never logged) or the
 * in-memory cloud holding a scenario's topology, on the system clock, for demos against kind.
 *
 * <p>Logs through SLF4J (slf4j-simple in the jar: this project's INFO lines, others' warnings, on
 * standard error). Exit code 0 after a clean stop, 2 when it cannot start. Interrupting the thread
 * that runs it stops it too, as a signal would.
 */
@Command(
    name = "controller",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the Terway PodNetworking controller in a cluster until SIGTERM or SIGINT.",
      "Watches Pods, Nodes, Namespaces, PodNetworkings and PodENIs; the instance",
      "holding the Lease allocates member ENIs in the cloud and writes the PodENIs",
      "and the PodNetworkings' status. The cluster: the current context of",
      "--kubeconfig, or the pod's service account without it.",
      ""
    },
    footer = {"", "Exit codes: 0 stopped cleanly, 2 could not start."})
final class ControllerCommand implements Callable<Integer> {

  private static final String LOG_PREFIX = "org.slf4j.simpleLogger.";

  @Mixin private CloudOptions cloudOptions;

  @Spec private CommandSpec spec;

  @Option(
      names = "--kubeconfig",
      paramLabel = "PATH",
      description =
          "The kubeconfig whose current context to use (default: the pod's service account,"
              + " in a cluster).")
  private Path kubeconfig;

  @Option(
      names = "--lease-namespace",
      paramLabel = "NAMESPACE",
      defaultValue = "kube-system",
      description = "The namespace of the leader-election Lease (default: ${DEFAULT-VALUE}).")
  private String leaseNamespace;

  @Option(
      names = "--lease-name",
      paramLabel = "NAME",
      defaultValue = "terway4j-controller",
      description = "The name of the leader-election Lease (default: ${DEFAULT-VALUE}).")
  private String leaseName;

  @Option(
      names = "--identity",
      paramLabel = "NAME",
      description =
          "This instance's identity in the Lease; must differ between instances (default: the"
              + " host name, in a pod its name).")
  private String identity;

  @Option(
      names = "--install-crds",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Install (or update) the PodNetworking and PodENI CRDs at start (default: true);"
              + " --no-install-crds when RBAC does not allow it.")
  private boolean installCrds;

  @Option(
      names = "--workers",
      paramLabel = "N",
      defaultValue = "10",
      description =
          "How many pods are reconciled at once, from 1 to 256 (default: ${DEFAULT-VALUE}, as"
              + " Terway's pod reconcilers).")
  private int workers;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log at debug level, and print stack traces with errors.")
  private boolean verbose;

  private final CountDownLatch stopRequested = new CountDownLatch(1);

  /** Creates the command; picocli fills its fields. */
  ControllerCommand() {}

  @Override
  public Integer call() {
    CommandLine commandLine = spec.commandLine();
    cloudOptions.check(commandLine);
    checkName(commandLine, "--lease-namespace", leaseNamespace);
    checkName(commandLine, "--lease-name", leaseName);
    if (identity != null) {
      checkName(commandLine, "--identity", identity);
    }
    if (workers < 1 || workers > TerwayController.MAX_WORKERS) {
      throw new ParameterException(
          commandLine,
          "--workers must be from 1 to " + TerwayController.MAX_WORKERS + ": " + workers);
    }
    configureLogging(verbose);
    Logger log = LoggerFactory.getLogger(ControllerCommand.class);

    Optional<Scenario> scenario =
        cloudOptions.backend == CloudOptions.Backend.FAKE
            ? Optional.of(cloudOptions.readScenario())
            : Optional.empty();
    AllocatorSettings settings = settings(commandLine, scenario);
    String id = identity != null ? identity : hostname();

    CloudProvider cloud = openCloud(scenario);
    KubernetesClient client;
    try {
      client =
          kubeconfig != null
              ? KubernetesClients.fromKubeconfig(kubeconfig)
              : KubernetesClients.inCluster();
    } catch (RuntimeException e) {
      cloud.close();
      throw e;
    }
    TerwayController controller =
        TerwayController.builder(client, cloud, settings)
            .identity(id)
            .lease(leaseNamespace, leaseName)
            .installCrds(installCrds)
            .workers(workers)
            .listener(event -> logEvent(log, event))
            .build();
    Running running = new Running(controller, client, cloud, log);
    Thread hook = new Thread(running::stopOnSignal, "terway-controller-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean interrupted = false;
    try {
      log.info(
          "terway controller {}: cluster {}{}, {}, API server {}, lease {}/{}",
          escaped(id),
          escaped(settings.clusterId()),
          escaped(settings.vpcId().map(v -> " (VPC " + v + ")").orElse("")),
          escaped(describeCloud(scenario)),
          escaped(client.getMasterUrl()),
          escaped(leaseNamespace),
          escaped(leaseName));
      scenario.ifPresent(s -> logNodes(log, s));
      try {
        controller.start();
      } catch (KubernetesClientException | IllegalStateException e) {
        throw new CliException(
            "cannot start the controller: " + KubernetesClients.firstLine(e), List.of(), e);
      }
      log.info("running; stop with SIGTERM or SIGINT (Ctrl-C)");
      try {
        stopRequested.await();
      } catch (InterruptedException e) {
        interrupted = true; // the embedding thread asks us to stop, as a signal would
      }
      return ExitCodes.OK;
    } finally {
      running.stop();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running or has run: nothing to remove.
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Stops the controller, then the client and the cloud; once, from whichever thread is first. */
  private final class Running {
    private final TerwayController controller;
    private final KubernetesClient client;
    private final CloudProvider cloud;
    private final Logger log;
    private boolean stopped;

    Running(TerwayController controller, KubernetesClient client, CloudProvider cloud, Logger log) {
      this.controller = controller;
      this.client = client;
      this.cloud = cloud;
      this.log = log;
    }

    void stopOnSignal() {
      log.info("stop requested (signal); closing");
      stop();
      stopRequested.countDown();
    }

    synchronized void stop() {
      if (stopped) {
        return;
      }
      stopped = true;
      try {
        controller.close();
      } finally {
        client.close();
        cloud.close();
      }
      log.info("terway controller {} stopped", escaped(controller.identity()));
    }
  }

  private AllocatorSettings settings(CommandLine commandLine, Optional<Scenario> scenario) {
    try {
      AllocatorSettings.Builder builder =
          AllocatorSettings.builder(cloudOptions.clusterId(scenario));
      cloudOptions.vpcId(scenario).ifPresent(builder::vpcId);
      scenario.ifPresent(s -> builder.seed(s.seed()));
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(commandLine, e.getMessage());
    }
  }

  private CloudProvider openCloud(Optional<Scenario> scenario) {
    if (scenario.isEmpty()) {
      return cloudOptions.openAliyun();
    }
    try {
      // The system clock: ENIs age, and attaches settle, in real time next to a real cluster.
      return Simulation.buildCloud(scenario.get(), Clock.systemUTC());
    } catch (ScenarioException e) {
      throw new CliException(e.getMessage(), e.problems(), e);
    }
  }

  private String describeCloud(Optional<Scenario> scenario) {
    return scenario
        .map(s -> "fake cloud of scenario " + s.name() + " (" + s.source() + ")")
        .orElseGet(cloudOptions::describeAliyun);
  }

  // What a Node object needs for the fake cloud's instance to serve it, e.g. in kind.
  private static void logNodes(Logger log, Scenario scenario) {
    for (Scenario.Node node : scenario.nodes()) {
      log.info(
          "fake node {}: instance {} ({}) in {} with trunk ENI {}; its Node needs spec.providerID"
              + " {}.{}, annotation k8s.aliyun.com/trunk-on={} and the zone and instance-type"
              + " labels",
          escaped(node.name()),
          escaped(node.instanceId()),
          escaped(node.instanceType()),
          escaped(node.zone()),
          escaped(node.trunkEniId()),
          escaped(scenario.cloud().region()),
          escaped(node.instanceId()),
          escaped(node.trunkEniId()));
    }
  }

  // Terway emits these as Kubernetes Events; here they are the log an operator follows.
  private static void logEvent(Logger log, AllocatorEvent event) {
    String pod = event.name().isEmpty() ? "-" : event.namespace() + "/" + event.name();
    if (event.type().warning()) {
      log.warn("{} {}: {}", event.type().reason(), escaped(pod), escaped(event.message()));
    } else {
      log.info("{} {}: {}", event.type().reason(), escaped(pod), escaped(event.message()));
    }
  }

  private static void checkName(CommandLine commandLine, String option, String value) {
    if (value.isBlank()) {
      throw new ParameterException(commandLine, option + " is empty");
    }
  }

  /**
   * Sets slf4j-simple up for a long-running command (controller, webhook); call it before the first
   * logger is made, since slf4j-simple reads these properties when it creates one.
   */
  static void configureLogging(boolean verbose) {
    setIfAbsent("log.dev.terway4j", verbose ? "debug" : "info");
    setIfAbsent("showDateTime", "true");
    setIfAbsent("dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
    // fabric8 warns on every use of a v1beta1 resource; Terway's CRDs have no other version.
    setIfAbsent("log.io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils", "error");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(LOG_PREFIX + key) == null) {
      System.setProperty(LOG_PREFIX + key, value);
    }
  }

  static String hostname() {
    String fromEnvironment = System.getenv("HOSTNAME");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "terway4j";
    }
  }
}
