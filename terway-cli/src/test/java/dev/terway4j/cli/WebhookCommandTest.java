package dev.terway4j.cli;

import static dev.terway4j.cli.CommandRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code terway webhook}: its help and its refusals before it serves (issue 15 item 3). */
class WebhookCommandTest {
  @TempDir Path dir;

  @Test
  void help_listsTheEndpointsAndTheTlsOptions() {
    CommandRun run = run("webhook", "--help");

    assertEquals(ExitCodes.OK, run.exitCode(), run.both());
    for (String text :
        List.of(
            "/mutate-pod",
            "/validate-podnetworking",
            "/healthz",
            "--tls-cert",
            "--tls-key",
            "--port",
            "--kubeconfig")) {
      assertTrue(run.out().contains(text), text + " in\n" + run.out());
    }
  }

  @Test
  void withoutCertificate_isAUsageError() {
    CommandRun run = run("webhook");
    assertEquals(ExitCodes.UNUSABLE, run.exitCode(), run.both());
    assertTrue(run.err().contains("--tls-cert"), run.err());
  }

  @Test
  void unreadableFilesAndBadPorts_areUsageErrors_beforeAnyClusterIsContacted() throws Exception {
    Path cert = Files.writeString(dir.resolve("tls.crt"), "x");
    Path key = Files.writeString(dir.resolve("tls.key"), "x");
    CommandRun missing =
        run(
            "webhook",
            "--tls-cert",
            dir.resolve("nope.crt").toString(),
            "--tls-key",
            key.toString());
    assertEquals(ExitCodes.UNUSABLE, missing.exitCode(), missing.both());
    assertTrue(missing.err().contains("nope.crt"), missing.err());

    CommandRun port =
        run(
            "webhook",
            "--tls-cert",
            cert.toString(),
            "--tls-key",
            key.toString(),
            "--port",
            "70000");
    assertEquals(ExitCodes.UNUSABLE, port.exitCode(), port.both());
    assertTrue(port.err().contains("--port"), port.err());
  }
}
