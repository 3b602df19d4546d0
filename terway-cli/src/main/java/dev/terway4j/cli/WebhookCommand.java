package dev.terway4j.cli;

import dev.terway4j.kubernetes.ClusterView;
import dev.terway4j.kubernetes.admission.AdmissionLookups;
import dev.terway4j.kubernetes.admission.AdmissionServer;
import dev.terway4j.selector.AdmissionSettings;
import dev.terway4j.selector.FixedNamePolicy;
import dev.terway4j.selector.PodNetworkingResolver;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code terway webhook}: serves the admission webhooks ({@link AdmissionServer}) until SIGTERM or
 * SIGINT. It reads Namespaces, PodENIs and PodNetworkings through informers ({@link ClusterView});
 * it writes nothing and needs no cloud. Several replicas can run side by side: the webhooks hold no
 * state of their own.
 *
 * <p>Exit code 0 after a clean stop, 2 when it cannot start (bad options, unreadable certificate,
 * port in use, the cluster not reachable).
 */
@Command(
    name = "webhook",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Serves Terway's admission webhooks over HTTPS until SIGTERM or SIGINT:",
      "  POST /mutate-pod               the pod mutating webhook (annotations,",
      "                                 aliyun/member-eni, zone affinity)",
      "  POST /validate-podnetworking   PodNetworkings on create and update",
      "  GET  /healthz",
      "The certificate and key are PEM files (a kubernetes.io/tls Secret), read again",
      "when they change. The cluster: the current context of --kubeconfig, or the",
      "pod's service account without it.",
      ""
    },
    footer = {"", "Exit codes: 0 stopped cleanly, 2 could not start."})
final class WebhookCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  @Option(
      names = "--tls-cert",
      required = true,
      paramLabel = "PATH",
      description = "The PEM certificate chain, leaf first (tls.crt of the Secret).")
  private Path certificate;

  @Option(
      names = "--tls-key",
      required = true,
      paramLabel = "PATH",
      description = "The PEM private key, PKCS#8 or PKCS#1 RSA, unencrypted (tls.key).")
  private Path key;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "9443",
      description = "The port to listen on (default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = "0.0.0.0",
      description = "The address to listen on (default: ${DEFAULT-VALUE}).")
  private String host;

  @Option(
      names = "--threads",
      paramLabel = "N",
      defaultValue = "8",
      description = "Request threads (default: ${DEFAULT-VALUE}).")
  private int threads;

  @Option(
      names = "--kubeconfig",
      paramLabel = "PATH",
      description =
          "The kubeconfig whose current context to use (default: the pod's service account,"
              + " in a cluster).")
  private Path kubeconfig;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log at debug level.")
  private boolean verbose;

  private final CountDownLatch stopRequested = new CountDownLatch(1);

  /** Creates the command; picocli fills its fields. */
  WebhookCommand() {}

  @Override
  public Integer call() {
    CommandLine commandLine = spec.commandLine();
    for (Path file : List.of(certificate, key)) {
      if (!Files.isReadable(file)) {
        throw new ParameterException(commandLine, "cannot read " + file);
      }
    }
    if (port < 0 || port > 65_535) {
      throw new ParameterException(commandLine, "--port must be 0..65535: " + port);
    }
    if (threads < 1 || threads > 1_000) {
      throw new ParameterException(commandLine, "--threads must be 1..1000: " + threads);
    }
    ControllerCommand.configureLogging(verbose);
    Logger log = LoggerFactory.getLogger(WebhookCommand.class);

    KubernetesClient client =
        kubeconfig != null
            ? KubernetesClients.fromKubeconfig(kubeconfig)
            : KubernetesClients.inCluster();
    ClusterView view;
    try {
      view =
          ClusterView.start(
              client,
              PodNetworkingResolver.create(FixedNamePolicy.defaults()),
              new ClusterView.Listener() {},
              Duration.ofMinutes(10),
              Duration.ofSeconds(60));
    } catch (KubernetesClientException | IllegalStateException e) {
      client.close();
      throw new CliException(
          "cannot watch the cluster: " + KubernetesClients.firstLine(e), List.of(), e);
    }
    AdmissionServer server;
    try {
      server =
          AdmissionServer.builder(AdmissionLookups.of(view, AdmissionSettings.defaults()))
              .tls(certificate, key)
              .host(host)
              .port(port)
              .threads(threads)
              .start();
    } catch (IOException | IllegalArgumentException e) {
      view.close();
      client.close();
      throw new CliException("cannot serve the webhooks: " + e.getMessage(), List.of(), e);
    }
    Thread hook =
        new Thread(
            () -> {
              log.info("stop requested (signal); closing");
              stopRequested.countDown();
            },
            "terway-webhook-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      log.info("serving on {}:{}; stop with SIGTERM or SIGINT (Ctrl-C)", host, server.port());
      stopRequested.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      server.close();
      view.close();
      client.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is stopping: the hook runs or ran
      }
    }
    return ExitCodes.OK;
  }
}
