package dev.terway4j.cli;

import static dev.terway4j.cli.CommandRun.example;
import static dev.terway4j.cli.CommandRun.run;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * {@code terway audit --cloud aliyun}, with credentials from the default chain, against an endpoint
 * that echoes the request's Authorization and security-token headers in its error reply: nothing
 * the command prints, stack trace included, shows the credentials (issue 13 item 1).
 */
class AuditCredentialLeakTest {
  // Random-looking, so that no 8-character run of them occurs in a class or method name.
  private static final String ID = "LTAI5tPz4Kw9Qv2Xm7Bn3Hd8";
  private static final String SECRET = "Gq7/Vz2k+Rt9=Wn4Lx1Pb6/Ys3Mf8Jc5";

  @Test
  void
      audit_withCredentialsFromTheDefaultChain_againstAnEchoingEndpoint_printsNoCredential_issue13item1()
          throws IOException {
    List<String> seenAuthorizations = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            String token =
                String.valueOf(exchange.getRequestHeaders().getFirst("x-acs-security-token"));
            seenAuthorizations.add(auth);
            String echo = (auth + " x-acs-security-token: " + token).replace("\"", "'");
            String body =
                "{\"RequestId\":\""
                    + URLEncoder.encode(auth, UTF_8)
                    + "\",\"HostId\":\""
                    + echo
                    + "\",\"Code\":\"SignatureDoesNotMatch\",\"Message\":\"bad signature: "
                    + echo
                    + "\"}";
            byte[] bytes = body.getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(400, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(bytes);
            }
          }
        });
    server.start();
    String oldId = System.getProperty("alibabacloud.accessKeyId");
    String oldSecret = System.getProperty("alibabacloud.accessKeyIdSecret");
    // The chain's first source: credentials-java's system properties.
    System.setProperty("alibabacloud.accessKeyId", ID);
    System.setProperty("alibabacloud.accessKeyIdSecret", SECRET);
    CommandRun result;
    try {
      result =
          run(
              "audit",
              "--cloud",
              "aliyun",
              "--region",
              "cn-hangzhou",
              "--cluster-id",
              "c-1",
              "--endpoint",
              "127.0.0.1:" + server.getAddress().getPort(),
              "--protocol",
              "http",
              "--podenis",
              example("guide/podeni-example-filled.yaml"),
              "--verbose");
    } finally {
      restore("alibabacloud.accessKeyId", oldId);
      restore("alibabacloud.accessKeyIdSecret", oldSecret);
      server.stop(0);
      executor.shutdownNow();
    }
    assertTrue(
        seenAuthorizations.stream().anyMatch(a -> a.contains("Credential=" + ID + ",")),
        "the command signed with the credentials: " + seenAuthorizations);
    assertEquals(ExitCodes.UNUSABLE, result.exitCode(), result.both());
    String printed = result.both();
    assertTrue(printed.contains("SignatureDoesNotMatch"), printed);
    for (String secret : List.of(ID, SECRET, URLEncoder.encode(SECRET, UTF_8))) {
      for (int i = 0; i + 8 <= secret.length(); i++) {
        String run = secret.substring(i, i + 8);
        if (printed.contains(run)) {
          fail("'" + run + "' of a credential was printed:\n" + printed);
        }
      }
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
