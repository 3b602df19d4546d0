package dev.terway4j.testkit.security;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.Gson;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.terway4j.cloud.fake.FakeCloudProvider;
import dev.terway4j.cloud.spi.CloudClientException;
import dev.terway4j.cloud.spi.CloudServiceException;
import dev.terway4j.cloud.spi.CreateNetworkInterfaceRequest;
import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.cloud.spi.NetworkInterface;
import dev.terway4j.cloud.spi.NetworkInterfaceAttachment;
import dev.terway4j.cloud.spi.NetworkInterfacePage;
import dev.terway4j.cloud.spi.NetworkInterfaceQuery;
import dev.terway4j.cloud.spi.NetworkInterfaceType;
import dev.terway4j.cloud.spi.NotFoundException;
import dev.terway4j.cloud.spi.VSwitch;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    /** The connection is closed without a reply. */
    DROP
  }

  /** One received request. */
  record Received(String action, String rawQuery, String authorization, String token) {}

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

  synchronized List<Received> received() {
    return List.copyOf(received);
  }

  synchronized void clearReceived() {
    received.clear();
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
      reply = dispatch(action, q);
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

  private static Map<String, String> decode(String raw) {
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

  // ------------------------------------------------------------------ the actions, from the fake

  private Map<String, Object> dispatch(String action, Map<String, String> q) {
    FakeCloudProvider cloud = this.cloud;
    Map<String, Object> reply = new LinkedHashMap<>();
    switch (action) {
      case "DescribeInstanceTypes" -> {
        List<Map<String, Object>> items = new ArrayList<>();
        List<String> ids = list(q, "InstanceTypes");
        for (InstanceType t :
            ids.isEmpty() ? List.<InstanceType>of() : cloud.describeInstanceTypes(ids)) {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("InstanceTypeId", t.id());
          item.put("EniQuantity", t.eniQuantity());
          item.put("EniTotalQuantity", t.eniTotalQuantity());
          item.put("EniTrunkSupported", t.eniTrunkSupported());
          item.put("EniPrivateIpAddressQuantity", t.eniPrivateIpAddressQuantity());
          item.put("EniIpv6AddressQuantity", t.eniIpv6AddressQuantity());
          items.add(item);
        }
        reply.put("NextToken", "");
        reply.put("InstanceTypes", Map.of("InstanceType", items));
      }
      case "DescribeVSwitches" -> {
        List<Map<String, Object>> items = new ArrayList<>();
        try {
          VSwitch v = cloud.describeVSwitch(q.get("VSwitchId"));
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("VSwitchId", v.id());
          item.put("VpcId", v.vpcId());
          item.put("ZoneId", v.zoneId());
          item.put("CidrBlock", v.ipv4CidrBlock());
          item.put("AvailableIpAddressCount", v.availableIpAddressCount());
          item.put("Status", "Available");
          items.add(item);
        } catch (NotFoundException e) {
          // an unknown vSwitch is an empty list
        }
        reply.put("TotalCount", items.size());
        reply.put("PageNumber", 1);
        reply.put("PageSize", 50);
        reply.put("VSwitches", Map.of("VSwitch", items));
      }
      case "CreateNetworkInterface" -> {
        CreateNetworkInterfaceRequest.Builder b =
            CreateNetworkInterfaceRequest.builder()
                .vSwitchId(q.get("VSwitchId"))
                .securityGroupIds(list(q, "SecurityGroupIds"))
                .type(NetworkInterfaceType.fromApiName(q.getOrDefault("InstanceType", "Secondary")))
                .deleteOnRelease(Boolean.parseBoolean(q.getOrDefault("DeleteOnRelease", "false")))
                .sourceDestCheck(Boolean.parseBoolean(q.getOrDefault("SourceDestCheck", "true")));
        for (int i = 1; q.containsKey("Tag." + i + ".Key"); i++) {
          b.tag(q.get("Tag." + i + ".Key"), q.getOrDefault("Tag." + i + ".Value", ""));
        }
        Optional.ofNullable(q.get("Description")).ifPresent(b::description);
        Optional.ofNullable(q.get("ClientToken")).ifPresent(b::clientToken);
        NetworkInterface eni = cloud.createNetworkInterface(b.build());
        reply.put("NetworkInterfaceId", eni.id());
        reply.put("Status", eni.status().apiName());
        reply.put("Type", eni.type().apiName());
        reply.put("VpcId", eni.vpcId());
        reply.put("VSwitchId", eni.vSwitchId());
        reply.put("ZoneId", eni.zoneId());
        reply.put("PrivateIpAddress", eni.privateIpAddress());
        reply.put("MacAddress", eni.macAddress());
        reply.put("SecurityGroupIds", Map.of("SecurityGroupId", eni.securityGroupIds()));
      }
      case "AttachNetworkInterface" -> cloud.attachNetworkInterface(attachment(q));
      case "DetachNetworkInterface" -> cloud.detachNetworkInterface(attachment(q));
      case "DeleteNetworkInterface" -> cloud.deleteNetworkInterface(q.get("NetworkInterfaceId"));
      case "DescribeNetworkInterfaces" -> {
        NetworkInterfaceQuery.Builder query = NetworkInterfaceQuery.builder();
        query.networkInterfaceIds(list(q, "NetworkInterfaceId"));
        Optional.ofNullable(q.get("VpcId")).ifPresent(query::vpcId);
        Optional.ofNullable(q.get("InstanceId")).ifPresent(query::instanceId);
        for (int i = 1; q.containsKey("Tag." + i + ".Key"); i++) {
          query.tag(q.get("Tag." + i + ".Key"), q.getOrDefault("Tag." + i + ".Value", ""));
        }
        if (q.containsKey("MaxResults")) {
          query.maxResults(
              Math.max(NetworkInterfaceQuery.MIN_PAGE_SIZE, Integer.parseInt(q.get("MaxResults"))));
        }
        if (q.containsKey("NextToken") && !q.get("NextToken").isEmpty()) {
          query.nextToken(q.get("NextToken"));
        }
        NetworkInterfacePage page = cloud.describeNetworkInterfaces(query.build());
        List<Map<String, Object>> items = new ArrayList<>();
        for (NetworkInterface eni : page.networkInterfaces()) {
          items.add(item(eni));
        }
        reply.put("NextToken", page.nextToken().orElse(""));
        reply.put("TotalCount", items.size());
        reply.put("NetworkInterfaceSets", Map.of("NetworkInterfaceSet", items));
      }
      default -> throw new IllegalArgumentException("unknown action " + action);
    }
    return reply;
  }

  private static Map<String, Object> item(NetworkInterface eni) {
    Map<String, Object> item = new LinkedHashMap<>();
    item.put("NetworkInterfaceId", eni.id());
    item.put("Status", eni.status().apiName());
    item.put("Type", eni.type().apiName());
    if (eni.instanceId().isPresent() && !eni.isMember()) {
      item.put("InstanceId", eni.instanceId().get());
    }
    if (eni.instanceId().isPresent()) {
      Map<String, Object> attachment = new LinkedHashMap<>();
      attachment.put("InstanceId", eni.instanceId().get());
      eni.trunkNetworkInterfaceId().ifPresent(t -> attachment.put("TrunkNetworkInterfaceId", t));
      eni.deviceIndex().ifPresent(d -> attachment.put("DeviceIndex", d));
      item.put("Attachment", attachment);
    }
    item.put("VpcId", eni.vpcId());
    item.put("VSwitchId", eni.vSwitchId());
    item.put("ZoneId", eni.zoneId());
    item.put("PrivateIpAddress", eni.privateIpAddress());
    item.put("MacAddress", eni.macAddress());
    item.put(
        "PrivateIpSets",
        Map.of(
            "PrivateIpSet",
            List.of(Map.of("PrivateIpAddress", eni.privateIpAddress(), "Primary", true))));
    item.put("SecurityGroupIds", Map.of("SecurityGroupId", eni.securityGroupIds()));
    List<Map<String, Object>> tags = new ArrayList<>();
    eni.tags().forEach((k, v) -> tags.add(Map.of("TagKey", k, "TagValue", v)));
    if (!tags.isEmpty()) {
      item.put("Tags", Map.of("Tag", tags));
    }
    item.put("DeleteOnRelease", eni.deleteOnRelease());
    item.put("SourceDestCheck", eni.sourceDestCheck());
    eni.description().ifPresent(d -> item.put("Description", d));
    item.put("CreationTime", DateTimeFormatter.ISO_INSTANT.format(eni.creationTime()));
    return item;
  }

  private static NetworkInterfaceAttachment attachment(Map<String, String> q) {
    return new NetworkInterfaceAttachment(
        q.get("NetworkInterfaceId"),
        q.get("InstanceId"),
        Optional.ofNullable(q.get("TrunkNetworkInstanceId")));
  }

  private static List<String> list(Map<String, String> q, String name) {
    List<String> values = new ArrayList<>();
    for (int i = 1; q.containsKey(name + "." + i); i++) {
      values.add(q.get(name + "." + i));
    }
    return values;
  }
}
