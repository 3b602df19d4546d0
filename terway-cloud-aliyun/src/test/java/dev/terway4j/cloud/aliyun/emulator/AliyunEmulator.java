package dev.terway4j.cloud.aliyun.emulator;

import static com.google.common.base.Preconditions.checkNotNull;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.collect.ImmutableList;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.terway4j.cloud.fake.FakeCloudProvider;
import dev.terway4j.cloud.spi.CloudClientException;
import dev.terway4j.cloud.spi.CloudServiceException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local ECS/VPC OpenAPI emulator for tests: a JDK {@link HttpServer} on 127.0.0.1 (ephemeral
 * port, daemon threads) that speaks the wire format of the Tea SDK V3 path (docs/aliyun-wire.md),
 * with its state kept in a {@link FakeCloudProvider}.
 *
 * <ul>
 *   <li>Accepts {@code POST /} only, routes on the {@code x-acs-action} header and checks {@code
 *       x-acs-version} (ECS {@code 2014-05-26}, VPC {@code 2016-04-28}).
 *   <li>Verifies the {@code ACS3-HMAC-SHA256} signature against the registered access keys (and the
 *       STS token, if the key is an STS key): an unknown key or a missing or legacy (RPC v1)
 *       signature is 404 {@code InvalidAccessKeyId.NotFound}, a wrong signature 400 {@code
 *       SignatureDoesNotMatch}, a wrong token 400 {@code
 *       InvalidSecurityToken.MismatchWithAccessKey}.
 *   <li>Optionally plays a RAM policy: actions outside {@link Builder#allowOnly} get 403 {@code
 *       Forbidden.RAM} with {@code AccessDeniedDetail.AuthAction}.
 *   <li>Answers SDK-shaped JSON; error replies carry the fake's code and HTTP status (403 {@code
 *       InvalidVSwitchId.IpNotEnough}, 404 {@code InvalidEniId.NotFound}, 400 {@code Throttling},
 *       ...). The fake's outcome-unknown fault becomes a reply that never comes.
 *   <li>Wire faults through {@link #faults()}: slow replies, dropped connections, 5xx, non-JSON.
 * </ul>
 *
 * <p>Like ECS, it omits optional wrappers (no {@code Attachment} on an unattached ENI, no {@code
 * Ipv6Sets} without IPv6) and reports a member ENI's instance only under {@code Attachment}.
 *
 * <p>Thread-safe; {@link #close()} stops the server and its threads.
 */
public final class AliyunEmulator implements AutoCloseable {
  /** The ECS API version. */
  public static final String ECS_VERSION = "2014-05-26";

  /** The VPC API version. */
  public static final String VPC_VERSION = "2016-04-28";

  private static final Set<String> ECS_ACTIONS =
      Set.of(
          "DescribeInstanceTypes",
          "CreateNetworkInterface",
          "AttachNetworkInterface",
          "DetachNetworkInterface",
          "DeleteNetworkInterface",
          "DescribeNetworkInterfaces");
  private static final Set<String> VPC_ACTIONS = Set.of("DescribeVSwitches");
  private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

  static {
    // Without TCP_NODELAY the JDK server sends the reply's headers and body in two segments, and
    // Nagle holds the second until the client's delayed ACK: 40 ms a request on loopback. Read
    // once, when the JDK's server configuration is first loaded.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /** One request as the emulator received it. */
  public record Request(
      String action,
      String version,
      Map<String, String> query,
      Optional<String> accessKeyId,
      Optional<String> securityToken,
      boolean signatureValid) {}

  private final FakeCloudProvider cloud;
  private final EcsVpcActions actions;
  private final Map<String, String> secrets;
  private final Map<String, String> tokens;
  private final Optional<Set<String>> allowedActions;
  private final Duration lostReplyDelay;
  private final EmulatorFaults faults = new EmulatorFaults();
  private final List<Request> requests = new ArrayList<>();
  private final AtomicLong requestCounter = new AtomicLong();
  private final HttpServer server;
  private final ExecutorService executor;

  private AliyunEmulator(Builder b) throws IOException {
    this.cloud = checkNotNull(b.cloud, "cloud");
    this.actions = new EcsVpcActions(cloud);
    this.secrets = Map.copyOf(b.secrets);
    this.tokens = Map.copyOf(b.tokens);
    this.allowedActions = Optional.ofNullable(b.allowedActions).map(Set::copyOf);
    this.lostReplyDelay = b.lostReplyDelay;
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "aliyun-emulator");
              t.setDaemon(true);
              return t;
            });
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the {@code host:port} to configure as the SDK's endpoint (with protocol HTTP).
   *
   * @return the endpoint
   */
  public String endpoint() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Returns the fake cloud that holds the state.
   *
   * @return the cloud
   */
  public FakeCloudProvider cloud() {
    return cloud;
  }

  /**
   * Returns the wire-level faults.
   *
   * @return the faults
   */
  public EmulatorFaults faults() {
    return faults;
  }

  /**
   * Returns every request received so far, in order.
   *
   * @return the requests
   */
  public synchronized List<Request> requests() {
    return ImmutableList.copyOf(requests);
  }

  /**
   * Returns the requests received for one action.
   *
   * @param action the action
   * @return the requests
   */
  public List<Request> requests(String action) {
    return requests().stream().filter(r -> r.action().equals(action)).toList();
  }

  @Override
  public void close() {
    // HttpServer.stop joins its dispatcher thread, which polls once a second; stopping on a daemon
    // thread keeps each test from waiting for it. The port is released when that thread is done.
    Thread stopper = new Thread(() -> server.stop(0), "aliyun-emulator-stop");
    stopper.setDaemon(true);
    stopper.start();
    executor.shutdownNow();
  }

  // ---------------------------------------------------------------- HTTP

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      // The body (always empty on this path, but sent chunked) is not read before answering: the
      // SDK writes the chunk terminator in a second segment, which Nagle holds until the server's
      // delayed ACK, 40 ms a request on loopback, unless the answer acknowledges it first. Its
      // hash is taken from the signed x-acs-content-sha256 header; closing the exchange drains it.
      String bodyHash = exchange.getRequestHeaders().getFirst("x-acs-content-sha256");
      String requestId = newRequestId();
      String action = exchange.getRequestHeaders().getFirst("x-acs-action");
      String version = exchange.getRequestHeaders().getFirst("x-acs-version");
      SortedMap<String, String> query =
          Acs3Signatures.decodeQuery(exchange.getRequestURI().getRawQuery());
      Optional<Acs3Signatures.Authorization> auth =
          Acs3Signatures.parse(exchange.getRequestHeaders().getFirst("Authorization"));
      String token = exchange.getRequestHeaders().getFirst("x-acs-security-token");
      boolean valid =
          auth.isPresent()
              && bodyHash != null
              && secrets.containsKey(auth.get().accessKeyId())
              && Acs3Signatures.verify(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  query,
                  exchange.getRequestHeaders(),
                  bodyHash,
                  auth.get(),
                  secrets.get(auth.get().accessKeyId()));
      synchronized (this) {
        requests.add(
            new Request(
                String.valueOf(action),
                String.valueOf(version),
                Map.copyOf(query),
                auth.map(Acs3Signatures.Authorization::accessKeyId),
                Optional.ofNullable(token),
                valid));
      }
      Map<String, Object> reply;
      EmulatorFaults.Fault fault = null;
      try {
        checkRequest(exchange, action, version, auth, token, valid);
        fault = faults.next(action);
        if (fault != null && fault.kind() == EmulatorFaults.Kind.ERROR) {
          throw new ErrorReply(fault.status(), fault.code(), "injected fault");
        }
        if (fault != null && fault.kind() == EmulatorFaults.Kind.RAW) {
          send(exchange, fault.status(), fault.contentType(), fault.body(), requestId);
          return;
        }
        reply = dispatch(action, query);
        reply.put("RequestId", requestId);
      } catch (ErrorReply e) {
        sendError(exchange, e.status, e.code, e.getMessage(), e.extra, requestId);
        return;
      } catch (CloudServiceException e) {
        sendError(
            exchange,
            e.httpStatus(),
            e.errorCode(),
            serviceMessage(e),
            Map.of(),
            e.requestId().orElse(requestId));
        return;
      } catch (CloudClientException e) {
        // The fake applied the request and "lost" the reply: never answer in time.
        sleep(lostReplyDelay);
        return;
      } catch (RuntimeException e) {
        sendError(exchange, 500, "InternalError", "emulator failure: " + e, Map.of(), requestId);
        return;
      }
      if (fault != null && fault.kind() == EmulatorFaults.Kind.DROP) {
        return; // closing the exchange without headers closes the connection
      }
      if (fault != null && fault.kind() == EmulatorFaults.Kind.DELAY) {
        if (!sleep(fault.delay())) {
          return;
        }
      }
      send(exchange, 200, "application/json;charset=utf-8", GSON.toJson(reply), requestId);
    }
  }

  private void checkRequest(
      HttpExchange exchange,
      String action,
      String version,
      Optional<Acs3Signatures.Authorization> auth,
      String token,
      boolean valid) {
    if (!exchange.getRequestMethod().equals("POST")
        || !exchange.getRequestURI().getPath().equals("/")) {
      throw new ErrorReply(
          404,
          "InvalidAction.NotFound",
          exchange.getRequestMethod()
              + " "
              + exchange.getRequestURI().getPath()
              + " is not served");
    }
    if (auth.isEmpty() || !secrets.containsKey(auth.get().accessKeyId())) {
      throw new ErrorReply(
          404,
          "InvalidAccessKeyId.NotFound",
          auth.isEmpty()
              ? "An ACS3-HMAC-SHA256 Authorization header is required."
              : "Specified access key is not found.");
    }
    if (!valid) {
      throw new ErrorReply(
          400,
          "SignatureDoesNotMatch",
          "The request signature does not conform to Aliyun standards.");
    }
    String expectedToken = tokens.get(auth.get().accessKeyId());
    if (expectedToken != null && !expectedToken.equals(token)) {
      throw new ErrorReply(
          400,
          "InvalidSecurityToken.MismatchWithAccessKey",
          "The security token does not match the access key.");
    }
    if (action == null || !(ECS_ACTIONS.contains(action) || VPC_ACTIONS.contains(action))) {
      throw new ErrorReply(404, "InvalidAction.NotFound", "Specified api is not found: " + action);
    }
    String expectedVersion = ECS_ACTIONS.contains(action) ? ECS_VERSION : VPC_VERSION;
    if (!expectedVersion.equals(version)) {
      throw new ErrorReply(
          400, "InvalidVersion", "Specified version " + version + " is not valid for " + action);
    }
    String ramAction = (ECS_ACTIONS.contains(action) ? "ecs:" : "vpc:") + action;
    if (allowedActions.isPresent() && !allowedActions.get().contains(ramAction)) {
      throw new ErrorReply(
          403,
          "Forbidden.RAM",
          "User not authorized to operate on the specified resource, or this API doesn't support"
              + " RAM.",
          Map.of(
              "AccessDeniedDetail",
              Map.of("AuthAction", ramAction, "PolicyType", "AccountLevelIdentityBasedPolicy")));
    }
  }

  private void send(
      HttpExchange exchange, int status, String contentType, String body, String requestId)
      throws IOException {
    byte[] bytes = body.getBytes(UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("x-acs-request-id", requestId);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private void sendError(
      HttpExchange exchange,
      int status,
      String code,
      String message,
      Map<String, Object> extra,
      String requestId)
      throws IOException {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("RequestId", requestId);
    error.put("HostId", "ecs.aliyuncs.com");
    error.put("Code", code);
    error.put("Message", message);
    error.put("Recommend", "https://api.aliyun.com/troubleshoot?q=" + code);
    error.putAll(extra);
    send(exchange, status, "application/json;charset=utf-8", GSON.toJson(error), requestId);
  }

  private static boolean sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String newRequestId() {
    long n = requestCounter.incrementAndGet();
    return String.format(
        "%08X-E4A1-4000-8000-%012X", server == null ? 0 : server.getAddress().getPort(), n);
  }

  private static String serviceMessage(CloudServiceException e) {
    String message = e.getMessage();
    int suffix = message.lastIndexOf(" (errorCode: ");
    return suffix < 0 ? message : message.substring(0, suffix);
  }

  // ---------------------------------------------------------------- actions

  private Map<String, Object> dispatch(String action, SortedMap<String, String> q) {
    return actions.reply(action, q);
  }

  /** Builds an {@link AliyunEmulator}; not thread-safe. */
  public static final class Builder {
    private FakeCloudProvider cloud;
    private final Map<String, String> secrets = new HashMap<>();
    private final Map<String, String> tokens = new HashMap<>();
    private Set<String> allowedActions;
    private Duration lostReplyDelay = Duration.ofSeconds(2);

    private Builder() {}

    /**
     * Sets the fake cloud that holds the state (required).
     *
     * @param cloud the cloud
     * @return this builder
     */
    public Builder cloud(FakeCloudProvider cloud) {
      this.cloud = cloud;
      return this;
    }

    /**
     * Accepts requests signed with an access key pair.
     *
     * @param accessKeyId the id
     * @param accessKeySecret the secret
     * @return this builder
     */
    public Builder accessKey(String accessKeyId, String accessKeySecret) {
      secrets.put(accessKeyId, accessKeySecret);
      return this;
    }

    /**
     * Accepts requests signed with an STS key that carry its token.
     *
     * @param accessKeyId the id
     * @param accessKeySecret the secret
     * @param securityToken the token
     * @return this builder
     */
    public Builder stsToken(String accessKeyId, String accessKeySecret, String securityToken) {
      secrets.put(accessKeyId, accessKeySecret);
      tokens.put(accessKeyId, securityToken);
      return this;
    }

    /**
     * Plays a RAM policy that allows only these actions ({@code ecs:CreateNetworkInterface}, ...).
     *
     * @param ramActions the allowed actions
     * @return this builder
     */
    public Builder allowOnly(Set<String> ramActions) {
      this.allowedActions = Set.copyOf(ramActions);
      return this;
    }

    /**
     * Sets how long a reply the fake "lost" is held before the connection is closed; longer than
     * the client's read timeout, so that the client times out.
     *
     * @param delay the delay; default 2 s
     * @return this builder
     */
    public Builder lostReplyDelay(Duration delay) {
      this.lostReplyDelay = delay;
      return this;
    }

    /**
     * Starts the emulator.
     *
     * @return the running emulator
     */
    public AliyunEmulator start() {
      try {
        return new AliyunEmulator(this);
      } catch (IOException e) {
        throw new IllegalStateException("cannot start the emulator", e);
      }
    }
  }
}
