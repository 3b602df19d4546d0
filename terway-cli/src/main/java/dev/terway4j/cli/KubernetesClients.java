package dev.terway4j.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Connects to a cluster for the commands: from a kubeconfig file given on the command line, or from
 * the pod's service account when running in a cluster. Never from whatever {@code ~/.kube/config}
 * happens to point at: a command that changes a cluster (or audits one) must be told which.
 */
final class KubernetesClients {

  /** Set by Kubernetes in every pod's environment. */
  static final String SERVICE_HOST_VARIABLE = "KUBERNETES_SERVICE_HOST";

  private KubernetesClients() {}

  /**
   * Returns a client for the current context of a kubeconfig file.
   *
   * @throws CliException if the file is missing or cannot be read as a kubeconfig
   */
  static KubernetesClient fromKubeconfig(Path kubeconfig) {
    if (!Files.isRegularFile(kubeconfig)) {
      throw new CliException("no such kubeconfig file: " + kubeconfig);
    }
    Config config;
    try {
      config = Config.fromKubeconfig(kubeconfig.toFile());
    } catch (RuntimeException e) {
      throw new CliException(
          "cannot read the kubeconfig " + kubeconfig + ": " + firstLine(e), List.of(), e);
    }
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /**
   * Returns a client with the pod's service account: its token, the cluster's CA and {@code
   * KUBERNETES_SERVICE_HOST}/{@code _PORT}.
   *
   * @throws CliException if not running in a cluster
   */
  static KubernetesClient inCluster() {
    String host = System.getenv(SERVICE_HOST_VARIABLE);
    if (host == null || host.isEmpty()) {
      throw new CliException(
          "not running in a cluster ("
              + SERVICE_HOST_VARIABLE
              + " is not set); give --kubeconfig PATH");
    }
    // The service account only: autoConfigure would prefer a kubeconfig file if one were found.
    String previous = System.getProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY);
    System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, "false");
    Config config;
    try {
      config = Config.autoConfigure(null);
    } finally {
      if (previous == null) {
        System.clearProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY);
      } else {
        System.setProperty(Config.KUBERNETES_AUTH_TRYKUBECONFIG_SYSTEM_PROPERTY, previous);
      }
    }
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  /** Returns the first line of an exception's message, or its class name when it has none. */
  static String firstLine(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return message.lines().findFirst().orElse("").strip();
  }
}
