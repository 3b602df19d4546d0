package dev.terway4j.testkit.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.Gson;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.terway4j.cloud.aliyun.emulator.EcsVpcActions;
import dev.terway4j.cloud.aliyun.emulator.ErrorReply;
import dev.terway4j.cloud.fake.FakeCloudProvider;
import dev.terway4j.cloud.spi.CloudClientException;
import dev.terway4j.cloud.spi.CloudServiceException;
import dev.terway4j.testkit.HostileReplies;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local ECS/VPC endpoint for the Tea SDK (POST {@code /}, action in {@code x-acs-action}) whose
 * state lives in a {@link FakeCloudProvider}, and which can turn hostile: reply with errors that
 * echo what the client sent (the {@code Authorization} header with the access key id, the security
 * token, the query) and whatever secret it is told, as real gateways do in {@code
 * SignatureDoesNotMatch} messages and proxies in HTML error pages; or drop the connection.
 *
 * <p>It does not check signatures: the point is what the client does with the replies. Runs on
 * 127.0.0.1 with an ephemeral port and daemon threads. Thread-safe.
 */
final class HostileAliyunEndpoint implements AutoCloseable {
  /** What the endpoint does with one request. */
  enum Reply {
    /** Serve it from the fake. */
    SERVE,
    /**
     * A JSON error reply (400 {@code SignatureDoesNotMatch}) echoing the request and the secret.
     */
    ECHO_SIGNATURE_ERROR,
    /** A 403 {@code Forbidden.RAM} whose message and detail echo the request. */
    ECHO_FORBIDDEN,
    /** A 502 HTML page, as a proxy's, echoing the request headers. */
    ECHO_HTML_502,
    /** A 500 {@code InternalError} whose message echoes the security token. */
    ECHO_INTERNAL,
    /**
     * An error reply or page echoing the request's credentials (and the secret) in the fields and
     * encodings set by {@link #echoes} ({@link HostileReplies#echoReply}).
     */
    ECHO_GENERATED,
    /** The connection is closed without a reply. */
    DROP
  }

  /** One received request. */
  record Received(String action, String rawQuery, String authorization, String token) {
    /** The query's parameters, decoded: name to value. */
    Map<String, String> parameters() {
      return decode(rawQuery);
    }

    /** The AccessKeyId of the {@code Credential=} part of the Authorization header, or "". */
    String accessKeyId() {
      int at = authorization.indexOf("Credential=");
      if (at < 0) {
        return "";
      }
      int end = authorization.indexOf(',', at);
      return authorization.substring(
          at + "Credential=".length(), end < 0 ? authorization.length() : end);
    }
  }

  private static final Gson GSON = new Gson();

  static {
    // Without TCP_NODELAY the JDK server's reply waits for the client's delayed ACK: 40 ms a
    // request on loopback (the Aliyun module's emulator does the same). Read once, at first use.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private volatile FakeCloudProvider cloud;
  private final HttpServer server;
  private final ExecutorService executor;
  private final Deque<Reply> script = new ArrayDeque<>();
  private final Deque<HostileReplies.Reply> raw = new ArrayDeque<>();
  private volatile List<HostileReplies.Echo> echoes = List.of();
  private final List<Received> received = new ArrayList<>();
  private volatile String secret = "";

  HostileAliyunEndpoint(FakeCloudProvider cloud) throws IOException {
    this.cloud = cloud;
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "hostile-aliyun");
              t.setDaemon(true);
              return t;
            });
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Replaces the fake that holds the state, for a fresh cloud per try. */
  void use(FakeCloudProvider cloud) {
    this.cloud = cloud;
  }

  String endpoint() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** Sets the secret the endpoint "knows" and echoes (a worst case: no real server has it). */
  void echoSecret(String secret) {
    this.secret = secret;
  }

  /** Queues what the next requests get; after the script runs out, requests are served. */
  synchronized void script(List<Reply> replies) {
    script.clear();
    script.addAll(replies);
  }

  /** Sets where and how {@link Reply#ECHO_GENERATED} echoes the credentials. */
  void echoes(List<HostileReplies.Echo> echoes) {
    this.echoes = List.copyOf(echoes);
  }

  /**
   * Queues raw replies, sent before anything in the script (e.g. {@link HostileReplies#hostile}).
   */
  synchronized void replyRaw(List<HostileReplies.Reply> replies) {
    raw.clear();
    raw.addAll(replies);
  }

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  synchronized void clearReceived() {
    received.clear();
  }

  private synchronized HostileReplies.Reply nextRaw() {
    return raw.poll();
  }

  private synchronized Reply next() {
    Reply r = script.poll();
    return r == null ? Reply.SERVE : r;
  }

  @Override
  public void close() {
    Thread stopper = new Thread(() -> server.stop(0), "hostile-aliyun-stop");
    stopper.setDaemon(true);
    stopper.start();
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String action = String.valueOf(exchange.getRequestHeaders().getFirst("x-acs-action"));
      String raw = String.valueOf(exchange.getRequestURI().getRawQuery());
      String auth = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
      String token = String.valueOf(exchange.getRequestHeaders().getFirst("x-acs-security-token"));
      synchronized (this) {
        received.add(new Received(action, raw, auth, token));
      }
      String echo =
          "request "
              + action
              + "?"
              + raw
              + " Authorization: "
              + auth
              + " x-acs-security-token: "
              + token
              + " secret: "
              + secret;
      HostileReplies.Reply hostile = nextRaw();
      if (hostile != null) {
        send(exchange, hostile.status(), hostile.contentType(), hostile.body());
        return;
      }
      switch (next()) {
        case ECHO_SIGNATURE_ERROR ->
            error(
                exchange,
                400,
                "SignatureDoesNotMatch",
                "The request signature does not conform. " + echo,
                Map.of());
        case ECHO_FORBIDDEN ->
            error(
                exchange,
                403,
                "Forbidden.RAM",
                "User not authorized. " + echo,
                Map.of(
                    "AccessDeniedDetail",
                    Map.of("AuthAction", "ecs:" + action, "NoPermissionType", echo)));
        case ECHO_HTML_502 ->
            send(
                exchange,
                502,
                "text/html",
                "<html><body><h1>502 Bad Gateway</h1><pre>" + echo + "</pre></body></html>");
        case ECHO_INTERNAL ->
            error(exchange, 500, "InternalError", "token " + token + " failed: " + echo, Map.of());
        case ECHO_GENERATED -> {
          Received r = new Received(action, raw, auth, token);
          HostileReplies.Reply reply =
              HostileReplies.echoReply(echoes, List.of(r.accessKeyId(), secret, token));
          send(exchange, reply.status(), reply.contentType(), reply.body());
        }
        case DROP -> {
          // closing the exchange without a reply drops the connection
        }
        default -> serve(exchange, action, decode(raw));
      }
    }
  }

  private void serve(HttpExchange exchange, String action, Map<String, String> q)
      throws IOException {
    Map<String, Object> reply;
    try {
      // The Aliyun module's emulator answers the actions; this endpoint only adds hostility.
      reply = new EcsVpcActions(cloud).reply(action, new TreeMap<>(q));
    } catch (ErrorReply e) {
      error(exchange, e.status(), e.code(), "served: " + e.code(), Map.of());
      return;
    } catch (CloudServiceException e) {
      error(exchange, e.httpStatus(), e.errorCode(), "served: " + e.errorCode(), Map.of());
      return;
    } catch (CloudClientException e) {
      return;
    }
    reply.put("RequestId", "REQ-1");
    send(exchange, 200, "application/json;charset=utf-8", GSON.toJson(reply));
  }

  private void error(
      HttpExchange exchange, int status, String code, String message, Map<String, Object> extra)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("RequestId", "REQ-E");
    body.put("HostId", "ecs.aliyuncs.com");
    body.put("Code", code);
    body.put("Message", message);
    body.putAll(extra);
    send(exchange, status, "application/json;charset=utf-8", GSON.toJson(body));
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("x-acs-request-id", "REQ");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  static Map<String, String> decode(String raw) {
    Map<String, String> q = new TreeMap<>();
    if (raw == null || raw.equals("null") || raw.isEmpty()) {
      return q;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8);
      q.put(k, v);
    }
    return q;
  }
}
