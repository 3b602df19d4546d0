package dev.terway4j.cloud.aliyun;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.terway4j.cloud.aliyun.emulator.AliyunEmulator;
import dev.terway4j.cloud.fake.FakeClock;
import dev.terway4j.cloud.spi.CloudClientException;
import dev.terway4j.cloud.spi.CreateNetworkInterfaceRequest;
import dev.terway4j.cloud.spi.NetworkInterfaceQuery;
import dev.terway4j.cloud.spi.NetworkInterfaceType;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A broken or hostile endpoint gets a typed {@link CloudClientException}, never a
 * StackOverflowError or an OutOfMemoryError: reply bodies are bounded in size and JSON nesting as
 * they are read. The bounds are set low here and tested just past them; nothing near the default is
 * allocated.
 */
@DisplayName("replies are bounded in size and nesting (issue 13 item 2)")
class AliyunReplyBoundsTest {
  private static final String DESCRIBE = "DescribeNetworkInterfaces";
  private static final int MAX_BYTES = 4096;
  private static final int MAX_DEPTH = 16;

  private AliyunEmulator emulator;
  private AliyunCloudProvider cloud;

  @BeforeEach
  void start() {
    emulator =
        AliyunEmulator.builder()
            .cloud(AliyunTckEnvironment.fakeCloud(new FakeClock(), 1).build())
            .accessKey(AliyunTckEnvironment.ACCESS_KEY_ID, AliyunTckEnvironment.ACCESS_KEY_SECRET)
            .start();
    cloud =
        AliyunCloudProvider.create(
            AliyunTckEnvironment.config(emulator)
                .maxReplyBytes(MAX_BYTES)
                .maxReplyDepth(MAX_DEPTH)
                .build());
  }

  @AfterEach
  void stop() {
    cloud.close();
    emulator.close();
  }

  /** A JSON object {@code {"RequestId":"r","x":{"x":...}}} nesting objects {@code depth} deep. */
  private static String nested(int depth) {
    return "{\"RequestId\":\"r\",\"x\":"
        + "{\"x\":".repeat(depth - 1)
        + "1"
        + "}".repeat(depth - 1)
        + "}";
  }

  /** A JSON object of exactly {@code bytes} bytes. */
  private static String padded(int bytes) {
    String head = "{\"RequestId\":\"r\",\"Pad\":\"";
    String tail = "\"}";
    return head + "p".repeat(bytes - head.length() - tail.length()) + tail;
  }

  private CloudClientException describeFails() {
    return assertThrows(
        CloudClientException.class,
        () -> cloud.describeNetworkInterfaces(NetworkInterfaceQuery.all()));
  }

  @Test
  void deeplyNestedReplyOn200_isATypedClientException_notAStackOverflow_issue13item2() {
    // 200,000 levels (1.2 MB, under the default size bound): what overflowed the stack in the
    // SDK's JSON handling before. With the default bounds.
    emulator.faults().raw(DESCRIBE, 200, "application/json", nested(200_000));
    CloudClientException e;
    try (AliyunCloudProvider defaults =
        AliyunCloudProvider.create(AliyunTckEnvironment.config(emulator).build())) {
      e =
          assertThrows(
              CloudClientException.class,
              () -> defaults.describeNetworkInterfaces(NetworkInterfaceQuery.all()));
    }
    assertTrue(e.getMessage().contains("maxReplyDepth"), e.getMessage());
    assertFalse(e.retryable());
  }

  @Test
  void replyNestedJustPastMaxReplyDepth_isRefused_butAtTheBoundIsRead_issue13item2() {
    emulator.faults().raw(DESCRIBE, 200, "application/json", nested(MAX_DEPTH + 1));
    assertTrue(describeFails().getMessage().contains("deeper than the 16 levels"));
    emulator.faults().raw(DESCRIBE, 200, "application/json", nested(MAX_DEPTH));
    assertEquals(
        List.of(),
        cloud.describeNetworkInterfaces(NetworkInterfaceQuery.all()).networkInterfaces());
  }

  @Test
  void bracketsInsideStrings_doNotCountAsNesting_issue13item2() {
    String body =
        "{\"RequestId\":\"[[[[[[[[[[[[[[[[[[[[{{{{{{{{{{{{{{{{{{{\\\"[[[[[[[[[[[[[[[[[[\"}";
    emulator.faults().raw(DESCRIBE, 200, "application/json", body);
    assertEquals(
        List.of(),
        cloud.describeNetworkInterfaces(NetworkInterfaceQuery.all()).networkInterfaces());
  }

  @Test
  void replyOneBytePastMaxReplyBytes_isRefused_butOfExactlyTheBoundIsRead_issue13item2() {
    emulator.faults().raw(DESCRIBE, 200, "application/json", padded(MAX_BYTES + 1));
    CloudClientException e = describeFails();
    assertTrue(e.getMessage().contains("maxReplyBytes"), e.getMessage());
    assertTrue(e.getMessage().contains(String.valueOf(MAX_BYTES + 1)), e.getMessage());
    emulator.faults().raw(DESCRIBE, 200, "application/json", padded(MAX_BYTES));
    assertEquals(
        List.of(),
        cloud.describeNetworkInterfaces(NetworkInterfaceQuery.all()).networkInterfaces());
  }

  @Test
  void largeErrorReply_isRefusedToo_andAMutatingCallsOutcomeIsUnknown_issue13item2() {
    emulator.faults().raw("CreateNetworkInterface", 500, "application/json", padded(MAX_BYTES * 2));
    CloudClientException e =
        assertThrows(
            CloudClientException.class,
            () ->
                cloud.createNetworkInterface(
                    CreateNetworkInterfaceRequest.builder()
                        .vSwitchId("vsw-tck-large")
                        .securityGroupIds(List.of("sg-tck-1"))
                        .type(NetworkInterfaceType.SECONDARY)
                        .build()));
    assertTrue(e.getMessage().contains("maxReplyBytes"), e.getMessage());
    assertTrue(e.outcomeUnknown());
  }

  @Test
  void endlessChunkedBody_withoutContentLength_isCutAtTheBound_issue13item2() throws IOException {
    // A server that streams up to 64 MiB of JSON whitespace without a Content-Length: the client
    // must stop reading at the bound, whatever the server would send.
    AtomicLong written = new AtomicLong();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService executor = Executors.newSingleThreadExecutor();
    server.setExecutor(executor);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            chunk[0] = '[';
            try (OutputStream out = exchange.getResponseBody()) {
              for (int i = 0; i < 1024; i++) {
                out.write(chunk);
                written.addAndGet(chunk.length);
                chunk[0] = ' ';
              }
            } catch (IOException closedByTheClient) {
              // expected once the client gives up
            }
          }
        });
    server.start();
    try (AliyunCloudProvider hostile =
        AliyunCloudProvider.create(
            AliyunCloudConfig.builder()
                .regionId("cn-hangzhou")
                .endpoint("127.0.0.1:" + server.getAddress().getPort())
                .protocol(AliyunCloudConfig.Protocol.HTTP)
                .credentials(AliyunCredentials.accessKey("LTAI5tBoundsTest", "bounds-secret"))
                .maxReplyBytes(MAX_BYTES)
                .build())) {
      CloudClientException e =
          assertThrows(
              CloudClientException.class,
              () -> hostile.describeNetworkInterfaces(NetworkInterfaceQuery.all()));
      assertTrue(e.getMessage().contains("longer than the 4096 bytes"), e.getMessage());
    } finally {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  @Test
  void declaredContentLengthPastTheBound_failsBeforeTheBodyIsRead_issue13item2() {
    emulator.faults().raw(DESCRIBE, 200, "application/json", " ".repeat(MAX_BYTES * 4));
    CloudClientException e = describeFails();
    assertTrue(e.getMessage().contains("declares " + MAX_BYTES * 4 + " bytes"), e.getMessage());
  }

  @Test
  void replyBounds_areChecked_andShownByTheConfiguration_issue13item2() {
    AliyunCloudConfig.Builder builder =
        AliyunTckEnvironment.config(emulator).maxReplyBytes(100).maxReplyDepth(4);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);
    assertTrue(e.getMessage().startsWith("maxReplyBytes must be 1024 to"), e.getMessage());
    builder.maxReplyBytes(1024);
    e = assertThrows(IllegalArgumentException.class, builder::build);
    assertTrue(e.getMessage().startsWith("maxReplyDepth must be 8 to 512"), e.getMessage());
    AliyunCloudConfig defaults = AliyunTckEnvironment.config(emulator).build();
    assertEquals(AliyunCloudConfig.DEFAULT_MAX_REPLY_BYTES, defaults.maxReplyBytes());
    assertEquals(AliyunCloudConfig.DEFAULT_MAX_REPLY_DEPTH, defaults.maxReplyDepth());
    assertTrue(defaults.toString().contains("maxReplyBytes=8388608, maxReplyDepth=64"));
    assertEquals("x".getBytes(UTF_8).length, 1, "sanity: the bounds count bytes, not characters");
  }
}
