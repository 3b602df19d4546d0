package dev.terway4j.kubernetes.admission;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.terway4j.kubernetes.internal.PemCredentials;
import dev.terway4j.model.ManifestValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTPS server for the admission webhooks: {@code POST /mutate-pod} (the pod mutating webhook)
 * and {@code POST /validate-podnetworking} (PodNetworkings, create and update), plus {@code GET
 * /healthz}. Register them with the API server through a MutatingWebhookConfiguration and a
 * ValidatingWebhookConfiguration pointing at the Service in front of this server (the README's
 * "terway webhook" section discusses their failurePolicy).
 *
 * <pre>{@code
 * try (AdmissionServer server =
 *     AdmissionServer.builder(AdmissionLookups.of(view, AdmissionSettings.defaults()))
 *         .tls(Path.of("/tls/tls.crt"), Path.of("/tls/tls.key"))
 *         .port(9443)
 *         .start()) {
 *   ...
 * }
 * }</pre>
 *
 * <p>Bounds: a body larger than {@link Builder#maxBodyBytes} is refused with 413 without being read
 * whole; JSON is nested at most {@value AdmissionReviews#MAX_DEPTH} deep; requests run on a fixed
 * pool of threads; an exchange that takes longer than {@link Builder#requestTimeout} (a client that
 * sends its request slowly, or never finishes the TLS handshake) is cut off, so slow clients hold a
 * thread for at most that long. The TLS certificate and key are PEM files read again whenever their
 * contents change (each handshake compares them), so a renewed certificate needs no restart.
 *
 * <p>Thread-safe; {@link #close()} stops the server and its threads.
 */
public final class AdmissionServer implements AutoCloseable {
  /** Path of the pod mutating webhook. */
  public static final String MUTATE_POD = "/mutate-pod";

  /** Path of the PodNetworking validating webhook. */
  public static final String VALIDATE_POD_NETWORKING = "/validate-podnetworking";

  /** Path of the health check. */
  public static final String HEALTHZ = "/healthz";

  private static final Logger log = LoggerFactory.getLogger(AdmissionServer.class);

  /** Most bytes of an oversized body read and discarded so that the client sees the 413. */
  private static final long DRAIN_LIMIT = 16L * 1024 * 1024;

  private final HttpsServer server;
  private final ThreadPoolExecutor pool;
  private final PemCredentials credentials;
  private final SlowClientGuard guard;

  private AdmissionServer(Builder b) throws IOException {
    this.credentials = new PemCredentials(b.certificateFile, b.keyFile);
    SSLContext tls;
    try {
      tls = SSLContext.getInstance("TLS");
      tls.init(new KeyManager[] {credentials}, null, null);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS could not be set up: " + e.getMessage(), e);
    }
    AtomicInteger threads = new AtomicInteger();
    this.pool =
        new ThreadPoolExecutor(
            b.threads,
            b.threads,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "terway-admission-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.server = HttpsServer.create(new InetSocketAddress(b.host, b.port), b.backlog);
    server.setHttpsConfigurator(new HttpsConfigurator(tls));
    this.guard = new SlowClientGuard(pool, b.requestTimeout);
    server.setExecutor(guard);
    int maxBody = b.maxBodyBytes;
    AdmissionLookups lookups = b.lookups;
    ManifestValidator validator = b.validator;
    server.createContext(
        MUTATE_POD,
        exchange -> handle(exchange, maxBody, body -> AdmissionReviews.mutatePod(body, lookups)));
    server.createContext(
        VALIDATE_POD_NETWORKING,
        exchange ->
            handle(
                exchange,
                maxBody,
                body -> AdmissionReviews.validatePodNetworking(body, validator)));
    server.createContext(
        HEALTHZ,
        exchange -> {
          try (exchange) {
            send(exchange, 200, "text/plain", "ok");
          }
        });
    server.start();
    log.info(
        "admission webhooks listening on {}:{} ({} and {})",
        b.host,
        port(),
        MUTATE_POD,
        VALIDATE_POD_NETWORKING);
  }

  /**
   * Starts configuring a server.
   *
   * @param lookups what the pod webhook reads of the cluster
   * @return a builder
   */
  public static Builder builder(AdmissionLookups lookups) {
    return new Builder(checkNotNull(lookups, "lookups"));
  }

  /**
   * Returns the port the server listens on (useful with port 0).
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Returns the certificate served now, after reloading the files if they changed.
   *
   * @return the leaf certificate
   */
  public X509Certificate certificate() {
    return credentials.leaf();
  }

  /** Stops accepting requests, waits up to a second for those in progress, and stops. */
  @Override
  public void close() {
    server.stop(1);
    pool.shutdownNow();
    guard.close();
  }

  /** One answer of a webhook. */
  @FunctionalInterface
  private interface Answer {
    String apply(byte[] body);
  }

  private static void handle(HttpExchange exchange, int maxBody, Answer answer) {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().add("Allow", "POST");
        send(exchange, 405, "text/plain", "only POST");
        return;
      }
      String declared = exchange.getRequestHeaders().getFirst("Content-Length");
      long length = -1;
      if (declared != null
          && !declared.isEmpty()
          && declared.length() < 19
          && declared.chars().allMatch(c -> c >= '0' && c <= '9')) {
        length = Long.parseLong(declared);
      }
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        if (length > maxBody) {
          tooLarge(exchange, in, maxBody);
          return;
        }
        body = in.readNBytes(maxBody + 1);
        if (body.length > maxBody) {
          tooLarge(exchange, in, maxBody);
          return;
        }
      }
      String response;
      try {
        response = answer.apply(body);
      } catch (AdmissionRequestException e) {
        log.debug("admission request refused ({}): {}", e.httpStatus(), e.getMessage());
        send(exchange, e.httpStatus(), "text/plain", e.getMessage());
        return;
      } catch (RuntimeException e) {
        log.warn("admission request failed: {}", AdmissionReviews.escape(e.toString()));
        send(exchange, 500, "text/plain", "internal error");
        return;
      }
      send(exchange, 200, "application/json", response);
    } catch (IOException e) {
      log.debug("admission exchange ended early: {}", e.toString());
    }
  }

  /**
   * Answers 413. The rest of the body is read and thrown away first, up to {@value #DRAIN_LIMIT}
   * bytes, so that the client sees the answer instead of a reset connection; beyond that the
   * connection is simply closed.
   */
  private static void tooLarge(HttpExchange exchange, InputStream in, int maxBody)
      throws IOException {
    byte[] sink = new byte[8192];
    long drained = 0;
    int n;
    while (drained < DRAIN_LIMIT && (n = in.read(sink)) > 0) {
      drained += n;
    }
    exchange.getResponseHeaders().set("Connection", "close");
    send(exchange, 413, "text/plain", "the body exceeds " + maxBody + " bytes");
  }

  private static void send(HttpExchange exchange, int status, String type, String text)
      throws IOException {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /**
   * Runs exchanges on the bounded pool and cuts off those that take longer than the request timeout
   * (a client that sends its request slowly would otherwise hold a thread for good).
   */
  private static final class SlowClientGuard implements java.util.concurrent.Executor {
    private final ThreadPoolExecutor pool;
    private final long timeoutMillis;
    private final java.util.concurrent.ScheduledExecutorService timer =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "terway-admission-timer");
              t.setDaemon(true);
              return t;
            });

    SlowClientGuard(ThreadPoolExecutor pool, Duration timeout) {
      this.pool = pool;
      this.timeoutMillis = timeout.toMillis();
    }

    void close() {
      timer.shutdownNow();
    }

    @Override
    public void execute(Runnable exchange) {
      pool.execute(
          () -> {
            Thread worker = Thread.currentThread();
            // The timer interrupts only while this exchange runs: never a later one.
            Object lock = new Object();
            boolean[] done = {false};
            java.util.concurrent.ScheduledFuture<?> cut =
                timer.schedule(
                    () -> {
                      synchronized (lock) {
                        if (!done[0]) {
                          worker.interrupt();
                        }
                      }
                    },
                    timeoutMillis,
                    TimeUnit.MILLISECONDS);
            try {
              exchange.run();
            } finally {
              synchronized (lock) {
                done[0] = true;
              }
              cut.cancel(false);
              Thread.interrupted();
            }
          });
    }
  }

  /** Configures an {@link AdmissionServer}. Not thread-safe. */
  public static final class Builder {
    private final AdmissionLookups lookups;
    private ManifestValidator validator = ManifestValidator.defaults();
    private Path certificateFile;
    private Path keyFile;
    private String host = "0.0.0.0";
    private int port = 9443;
    private int threads = 8;
    private int backlog = 64;
    private int maxBodyBytes = 3 * 1024 * 1024;
    private Duration requestTimeout = Duration.ofSeconds(10);

    private Builder(AdmissionLookups lookups) {
      this.lookups = lookups;
    }

    /**
     * Sets the TLS certificate chain and private key (PEM, e.g. {@code tls.crt} and {@code tls.key}
     * of a {@code kubernetes.io/tls} Secret). Required.
     *
     * @param certificateFile the certificate chain, leaf first
     * @param keyFile the private key (PKCS#8, or PKCS#1 RSA), unencrypted
     * @return this builder
     */
    public Builder tls(Path certificateFile, Path keyFile) {
      this.certificateFile = checkNotNull(certificateFile, "certificateFile");
      this.keyFile = checkNotNull(keyFile, "keyFile");
      return this;
    }

    /**
     * Sets the address to listen on.
     *
     * @param host default {@code 0.0.0.0}
     * @return this builder
     */
    public Builder host(String host) {
      this.host = checkNotNull(host, "host");
      return this;
    }

    /**
     * Sets the port.
     *
     * @param port default 9443; 0 picks a free one
     * @return this builder
     */
    public Builder port(int port) {
      checkArgument(port >= 0 && port <= 65_535, "port must be 0..65535: %s", port);
      this.port = port;
      return this;
    }

    /**
     * Sets the rules PodNetworkings are validated with.
     *
     * @param validator default {@link ManifestValidator#defaults()}
     * @return this builder
     */
    public Builder validator(ManifestValidator validator) {
      this.validator = checkNotNull(validator, "validator");
      return this;
    }

    /**
     * Sets the worker threads; requests beyond them wait in line.
     *
     * @param threads default 8
     * @return this builder
     */
    public Builder threads(int threads) {
      checkArgument(threads > 0 && threads <= 1_000, "threads must be 1..1000: %s", threads);
      this.threads = threads;
      return this;
    }

    /**
     * Sets the largest request body accepted.
     *
     * @param bytes default 3 MiB (the API server's largest objects are about 1.5 MiB)
     * @return this builder
     */
    public Builder maxBodyBytes(int bytes) {
      checkArgument(bytes >= 1024, "maxBodyBytes must be at least 1024: %s", bytes);
      this.maxBodyBytes = bytes;
      return this;
    }

    /**
     * Sets how long one exchange may take, reading the request included; a slower client is cut
     * off. The API server's own webhook timeout is at most 30 s (default 10 s).
     *
     * @param timeout default 10 s
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      checkNotNull(timeout, "timeout");
      checkArgument(
          !timeout.isNegative() && !timeout.isZero() && timeout.toSeconds() <= 300,
          "requestTimeout must be between 1 ms and 300 s: %s",
          timeout);
      this.requestTimeout = timeout;
      return this;
    }

    /**
     * Starts the server.
     *
     * @return the running server
     * @throws IllegalStateException if {@link #tls} was not called
     * @throws IllegalArgumentException if the certificate or key cannot be read
     * @throws IOException if the port cannot be bound
     */
    public AdmissionServer start() throws IOException {
      checkState(certificateFile != null, "tls(certificateFile, keyFile) is required");
      return new AdmissionServer(this);
    }
  }
}
