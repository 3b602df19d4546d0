package dev.terway4j.kubernetes.admission;

import static dev.terway4j.kubernetes.admission.AdmissionFixtures.LOOKUPS;
import static dev.terway4j.kubernetes.admission.AdmissionFixtures.podNetworking;
import static dev.terway4j.kubernetes.admission.AdmissionFixtures.podNetworkingReview;
import static dev.terway4j.kubernetes.admission.AdmissionFixtures.podReview;
import static dev.terway4j.kubernetes.admission.AdmissionFixtures.webPod;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link AdmissionServer} over real HTTPS on loopback, with the JDK's HttpClient (issue 15 item 3):
 * both webhooks, malformed and oversized requests, a slow client, and a certificate rotated on
 * disk.
 */
class AdmissionServerTest {
  @TempDir Path dir;
  private Path certFile;
  private Path keyFile;
  private KeyStore trusted;
  private AdmissionServer server;

  @BeforeEach
  void setUp() throws Exception {
    certFile = dir.resolve("tls.crt");
    keyFile = dir.resolve("tls.key");
    trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    writePem(generate("first"), "first");
  }

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.close();
    }
  }

  private AdmissionServer start(AdmissionServer.Builder builder) throws IOException {
    server = builder.tls(certFile, keyFile).host("127.0.0.1").port(0).start();
    return server;
  }

  @Test
  void mutatePod_overHttps_answersWithAPatch() throws Exception {
    start(AdmissionServer.builder(LOOKUPS));

    HttpResponse<String> response =
        post(AdmissionServer.MUTATE_POD, podReview("u-1", "CREATE", "apps", webPod("web-0")));

    assertEquals(200, response.statusCode(), response.body());
    assertTrue(response.body().contains("\"uid\":\"u-1\""), response.body());
    assertTrue(response.body().contains("\"patchType\":\"JSONPatch\""), response.body());
  }

  @Test
  void validatePodNetworking_overHttps_deniesAnInvalidUpdate() throws Exception {
    start(AdmissionServer.builder(LOOKUPS));
    String invalid = podNetworking("{'securityGroupIDs':[],'vSwitchOptions':['vsw-a']}");

    HttpResponse<String> response =
        post(
            AdmissionServer.VALIDATE_POD_NETWORKING, podNetworkingReview("u-2", "UPDATE", invalid));

    assertEquals(200, response.statusCode());
    assertTrue(response.body().contains("\"allowed\":false"), response.body());
    assertTrue(response.body().contains("spec.securityGroupIDs"), response.body());
  }

  @Test
  void malformedOversizedAndWrongMethod_getTheirHttpStatus() throws Exception {
    start(AdmissionServer.builder(LOOKUPS).maxBodyBytes(64 * 1024));

    assertEquals(
        400, post(AdmissionServer.MUTATE_POD, "{".getBytes(StandardCharsets.UTF_8)).statusCode());
    byte[] huge = new byte[200 * 1024];
    java.util.Arrays.fill(huge, (byte) ' ');
    assertEquals(413, post(AdmissionServer.MUTATE_POD, huge).statusCode());
    HttpResponse<String> get =
        client()
            .send(
                HttpRequest.newBuilder(uri(AdmissionServer.MUTATE_POD)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(405, get.statusCode());
    HttpResponse<String> health =
        client()
            .send(
                HttpRequest.newBuilder(uri(AdmissionServer.HEALTHZ)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode());
  }

  @Test
  void aSlowClient_isCutOff_andDoesNotBlockTheNextRequest() throws Exception {
    // Two workers: the slow client holds one until it is cut off; the other serves the next
    // request meanwhile. The bound applies to every exchange, so it must leave a cold TLS handshake
    // on a loaded machine time enough; the slow client waits it out.
    start(AdmissionServer.builder(LOOKUPS).threads(2).requestTimeout(Duration.ofSeconds(5)));
    try (SSLSocket slow =
        (SSLSocket) sslContext().getSocketFactory().createSocket("127.0.0.1", server.port())) {
      slow.startHandshake();
      OutputStream out = slow.getOutputStream();
      out.write("POST /mutate-pod HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{".getBytes());
      out.flush();

      HttpResponse<String> next =
          post(AdmissionServer.MUTATE_POD, podReview("u-3", "CREATE", "apps", webPod("web-0")));

      assertEquals(200, next.statusCode(), next.body());
      // The slow client's connection was closed by the server (a positive signal, no timing).
      slow.setSoTimeout((int) TimeUnit.SECONDS.toMillis(30));
      InputStream in = slow.getInputStream();
      int read;
      try {
        read = in.read();
      } catch (IOException closed) {
        read = -1;
      }
      assertEquals(-1, read, "the slow client's connection is closed");
    }
  }

  @Test
  void aRotatedCertificate_isServedWithoutARestart() throws Exception {
    start(AdmissionServer.builder(LOOKUPS));
    X509Certificate first = servedCertificate();

    writePem(generate("second"), "second");
    X509Certificate second = servedCertificate();

    assertNotEquals(first, second);
    assertTrue(second.getSubjectX500Principal().getName().contains("second"));
    assertEquals(second, server.certificate());
  }

  @Test
  void aBrokenKeyFile_isRefusedAtStart_andIgnoredOnReload() throws Exception {
    Files.writeString(
        keyFile, "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> start(AdmissionServer.builder(LOOKUPS)));
    assertTrue(e.getMessage().contains("tls.key"), e.getMessage());

    writePem(generate("good"), "good");
    start(AdmissionServer.builder(LOOKUPS));
    X509Certificate good = servedCertificate();
    Files.writeString(keyFile, "garbage");
    assertEquals(good, servedCertificate(), "the previous pair is kept");
  }

  @Test
  void builder_refusesBadSettings() {
    AdmissionServer.Builder builder = AdmissionServer.builder(LOOKUPS);
    assertThrows(IllegalStateException.class, builder::start);
    assertThrows(IllegalArgumentException.class, () -> builder.port(70_000));
    assertThrows(IllegalArgumentException.class, () -> builder.threads(0));
    assertThrows(IllegalArgumentException.class, () -> builder.maxBodyBytes(10));
    assertThrows(IllegalArgumentException.class, () -> builder.requestTimeout(Duration.ZERO));
  }

  // ---------------------------------------------------------------- helpers

  private URI uri(String path) {
    return URI.create("https://localhost:" + server.port() + path);
  }

  private HttpResponse<String> post(String path, byte[] body) throws Exception {
    return client()
        .send(
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  /** A new client each time, so that each request makes its own TLS handshake. */
  private HttpClient client() throws Exception {
    return HttpClient.newBuilder()
        .sslContext(sslContext())
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(30))
        .build();
  }

  private SSLContext sslContext() throws Exception {
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  private X509Certificate servedCertificate() throws Exception {
    HttpResponse<String> response =
        client()
            .send(
                HttpRequest.newBuilder(uri(AdmissionServer.HEALTHZ)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    return (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
  }

  /** Makes a self-signed EC key pair for localhost with the JDK's keytool. */
  private KeyStore generate(String name) throws Exception {
    Path store = dir.resolve(name + ".p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "webhook",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + name,
                "-ext",
                "SAN=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit",
                "-keypass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, keytool.waitFor(), output);
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, "changeit".toCharArray());
    }
    return keyStore;
  }

  private void writePem(KeyStore keyStore, String name) throws Exception {
    Certificate certificate = keyStore.getCertificate("webhook");
    PrivateKey key = (PrivateKey) keyStore.getKey("webhook", "changeit".toCharArray());
    trusted.setCertificateEntry(name, certificate);
    Base64.Encoder mime = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
    Files.writeString(
        certFile,
        "-----BEGIN CERTIFICATE-----\n"
            + mime.encodeToString(certificate.getEncoded())
            + "\n-----END CERTIFICATE-----\n");
    Files.writeString(
        keyFile,
        "-----BEGIN PRIVATE KEY-----\n"
            + mime.encodeToString(key.getEncoded())
            + "\n-----END PRIVATE KEY-----\n");
  }
}
