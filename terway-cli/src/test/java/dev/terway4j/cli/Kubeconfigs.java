package dev.terway4j.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a kubeconfig file for fabric8's mock API server, as a user's kubeconfig would be. */
final class Kubeconfigs {

  private Kubeconfigs() {}

  /** Writes a kubeconfig whose current context is the cluster the client talks to. */
  static Path write(KubernetesClient client, Path file) throws IOException {
    String server = client.getConfiguration().getMasterUrl();
    String text =
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: mock",
            "  cluster:",
            "    server: " + server,
            "    insecure-skip-tls-verify: true",
            "users:",
            "- name: tester",
            "  user:",
            "    token: not-a-real-token",
            "contexts:",
            "- name: mock",
            "  context: {cluster: mock, user: tester, namespace: default}",
            "current-context: mock",
            "");
    return Files.writeString(file, text);
  }
}
