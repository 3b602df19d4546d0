package dev.terway4j.cloud.aliyun;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.aliyun.credentials.models.CredentialModel;
import com.aliyun.credentials.provider.AlibabaCloudCredentialsProvider;
import com.google.gson.Gson;
import dev.terway4j.cloud.aliyun.emulator.AliyunEmulator;
import dev.terway4j.cloud.fake.FakeClock;
import dev.terway4j.cloud.spi.CloudException;
import dev.terway4j.cloud.spi.CloudServiceException;
import dev.terway4j.cloud.spi.NetworkInterfaceQuery;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Credentials from every source never leave the backend in any field of an error reply, in any
 * encoding or in part: the emulator checks the signature (so the run did sign with them), then
 * answers with replies that echo them everywhere.
 */
@DisplayName("credentials from every source never leak (issue 13 item 1)")
class AliyunCredentialRedactionTest {
  private static final Gson GSON = new Gson();
  // Random-looking, so that no 8-character run of them occurs in a class or method name.
  private static final String ID = "LTAI5tQw7ZkP3xVb9NmR2sYd";
  private static final String SECRET = "k8J/vT2q+Wz5=Lp0Hx7cBn4/Gm1Rf6Ds";
  private static final String STS_ID = "STS.NUq4Zx8Kv2Lp7Wm3Tb9Hc5";
  private static final String TOKEN = "CAISe7Fq/Jx2+Vk9=Rz4Wm/8Tb1+Hn6Yc3Pd5Gs0La7Xq2Uv9Me4Ko1";

  private static final String ACTION = "DescribeNetworkInterfaces";

  /** Every field and encoding a gateway or a proxy could echo the credentials in. */
  private static List<String> echoingReplies(String id, String secret, String token) {
    String all = id + " " + secret + " " + token;
    String authorization =
        "ACS3-HMAC-SHA256 Credential=" + id + ",SignedHeaders=host,Signature=0f0f";
    String urlEncoded = URLEncoder.encode(all, UTF_8);
    String base64 = Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(UTF_8));
    String base64Token = Base64.getUrlEncoder().encodeToString(("x" + token).getBytes(UTF_8));
    String partial = secret.substring(3, 12) + " " + token.substring(10, 20);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("Code", "Bad." + id);
    json.put("Message", "echo " + all + " Authorization: " + authorization);
    json.put("RequestId", secret);
    json.put("HostId", token);
    json.put("Recommend", "https://api.example/?q=" + urlEncoded);
    json.put("AccessDeniedDetail", Map.of("AuthAction", "ecs:" + token, "Detail", base64));
    Map<String, Object> lowerCase = new LinkedHashMap<>();
    lowerCase.put("code", token);
    lowerCase.put("message", "x-acs-security-token: " + token + " base64 " + base64Token);
    lowerCase.put("requestId", id + "\n[ERROR] forged");
    return List.of(
        GSON.toJson(json),
        GSON.toJson(lowerCase),
        "<html><pre>Authorization: "
            + authorization
            + "\n"
            + urlEncoded
            + " "
            + base64
            + " "
            + partial
            + " "
            + URLEncoder.encode(urlEncoded, UTF_8)
            + "</pre></html>",
        "{\"Message\":\"" + partial + " " + base64Token + "\",\"Code\":\"" + id + "\"}");
  }

  /** Fails if any 8-character run of a credential, or of its URL or base64 encoding, is in text. */
  static void assertNoCredential(String text, String... secrets) {
    for (String secret : secrets) {
      List<String> forms = new ArrayList<>();
      forms.add(secret);
      forms.add(URLEncoder.encode(secret, UTF_8));
      for (int align = 0; align < 3; align++) {
        String encoded =
            Base64.getEncoder()
                .encodeToString(("xyz".substring(0, align) + secret).getBytes(UTF_8));
        forms.add(encoded.substring(4, encoded.length() - 4));
      }
      for (String form : forms) {
        for (int i = 0; i + 8 <= form.length(); i++) {
          String run = form.substring(i, i + 8);
          if (text.contains(run)) {
            fail("'" + run + "' of a credential leaked in:\n" + text);
          }
        }
      }
    }
  }

  private static String everything(Throwable e) {
    StringWriter trace = new StringWriter();
    e.printStackTrace(new PrintWriter(trace));
    StringBuilder text = new StringBuilder().append(e).append('\n').append(trace);
    if (e instanceof CloudServiceException s) {
      text.append(s.errorCode()).append(s.requestId().orElse(""));
    }
    return text.toString();
  }

  private static void runAgainstEchoingReplies(
      AliyunCredentials credentials,
      Consumer<AliyunEmulator.Builder> emulatorCredentials,
      String id,
      String secret,
      String token) {
    AliyunEmulator.Builder builder =
        AliyunEmulator.builder().cloud(AliyunTckEnvironment.fakeCloud(new FakeClock(), 1).build());
    emulatorCredentials.accept(builder);
    List<String> replies = echoingReplies(id, secret, token);
    try (AliyunEmulator emulator = builder.start();
        AliyunCloudProvider cloud =
            AliyunCloudProvider.create(
                AliyunTckEnvironment.config(emulator).credentials(credentials).build())) {
      for (String reply : replies) {
        int status = reply.startsWith("<html>") ? 502 : 403;
        emulator
            .faults()
            .raw(
                ACTION,
                status,
                reply.startsWith("<html>") ? "text/html" : "application/json",
                reply);
        CloudException e =
            assertThrows(
                CloudException.class,
                () -> cloud.describeNetworkInterfaces(NetworkInterfaceQuery.all()));
        String text = everything(e) + cloud + cloud.config() + credentials;
        assertNoCredential(text, id, secret, token);
        assertTrue(!text.contains("\n[ERROR] forged"), text);
      }
      assertTrue(
          emulator.requests(ACTION).stream().allMatch(AliyunEmulator.Request::signatureValid),
          "the run signed with the credentials");
      assertEquals(replies.size(), emulator.requests(ACTION).size());
    }
  }

  @Test
  void staticAccessKey_neverLeaks_fromAnyFieldOrEncodingOfAReply_issue13item1() {
    runAgainstEchoingReplies(
        AliyunCredentials.accessKey(ID, SECRET), b -> b.accessKey(ID, SECRET), ID, SECRET, ID);
  }

  @Test
  void staticStsToken_neverLeaks_fromAnyFieldOrEncodingOfAReply_issue13item1() {
    runAgainstEchoingReplies(
        AliyunCredentials.stsToken(STS_ID, SECRET, TOKEN),
        b -> b.stsToken(STS_ID, SECRET, TOKEN),
        STS_ID,
        SECRET,
        TOKEN);
  }

  @Test
  void customProvider_neverLeaks_theCredentialsItFetches_issue13item1() {
    AtomicInteger fetched = new AtomicInteger();
    AlibabaCloudCredentialsProvider provider =
        () -> {
          fetched.incrementAndGet();
          return CredentialModel.builder()
              .accessKeyId(STS_ID)
              .accessKeySecret(SECRET)
              .securityToken(TOKEN)
              .type("sts")
              .build();
        };
    runAgainstEchoingReplies(
        AliyunCredentials.provider(provider),
        b -> b.stsToken(STS_ID, SECRET, TOKEN),
        STS_ID,
        SECRET,
        TOKEN);
    assertTrue(fetched.get() > 0, "the provider was asked");
  }

  @Test
  void defaultChain_neverLeaks_theCredentialsItResolves_issue13item1() {
    // The chain's first source is two system properties (credentials-java's SystemProperties
    // provider); this test sets them and puts back what was there.
    String idProperty = "alibabacloud.accessKeyId";
    String secretProperty = "alibabacloud.accessKeyIdSecret";
    String oldId = System.getProperty(idProperty);
    String oldSecret = System.getProperty(secretProperty);
    System.setProperty(idProperty, ID);
    System.setProperty(secretProperty, SECRET);
    try {
      runAgainstEchoingReplies(
          AliyunCredentials.defaultChain(), b -> b.accessKey(ID, SECRET), ID, SECRET, ID);
    } finally {
      restore(idProperty, oldId);
      restore(secretProperty, oldSecret);
    }
  }

  @Test
  void aProviderThatRotates_hasEveryValueItReturnedRedacted_issue13item1() {
    // The provider hands out one key, then another (as a refreshed STS token would); each reply
    // echoes the key of its own request, which the redactor learned as the SDK signed it.
    String secondId = "LTAI5tHn3Vq8Xz1Kb6Wm4Rj";
    String secondSecret = "Yp2/Fs9k+Qd4=Lx7Bv1Nt5/Gz8Rm3Hc6";
    AtomicReference<CredentialModel> current = new AtomicReference<>();
    AlibabaCloudCredentialsProvider provider = current::get;
    try (AliyunEmulator emulator =
            AliyunEmulator.builder()
                .cloud(AliyunTckEnvironment.fakeCloud(new FakeClock(), 1).build())
                .accessKey(ID, SECRET)
                .accessKey(secondId, secondSecret)
                .start();
        AliyunCloudProvider cloud =
            AliyunCloudProvider.create(
                AliyunTckEnvironment.config(emulator)
                    .credentials(AliyunCredentials.provider(provider))
                    .build())) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < 4; i++) {
        String id = i % 2 == 0 ? ID : secondId;
        String secret = i % 2 == 0 ? SECRET : secondSecret;
        current.set(
            CredentialModel.builder()
                .accessKeyId(id)
                .accessKeySecret(secret)
                .type("access_key")
                .build());
        emulator
            .faults()
            .raw(
                ACTION,
                400,
                "application/json",
                GSON.toJson(Map.of("Code", "SignatureDoesNotMatch", "Message", id + " " + secret)));
        CloudException e =
            assertThrows(
                CloudException.class,
                () -> cloud.describeNetworkInterfaces(NetworkInterfaceQuery.all()));
        text.append(everything(e));
      }
      assertNoCredential(text.toString(), ID, SECRET, secondId, secondSecret);
      assertTrue(
          emulator.requests(ACTION).stream().allMatch(AliyunEmulator.Request::signatureValid),
          "every request was signed with the key of its turn");
    }
  }

  @Test
  void cloudExceptionOfAnEchoingReply_keepsItsCodeClassification_issue13item1() {
    try (AliyunEmulator emulator =
            AliyunEmulator.builder()
                .cloud(AliyunTckEnvironment.fakeCloud(new FakeClock(), 1).build())
                .accessKey(ID, SECRET)
                .start();
        AliyunCloudProvider cloud =
            AliyunCloudProvider.create(
                AliyunTckEnvironment.config(emulator)
                    .credentials(AliyunCredentials.accessKey(ID, SECRET))
                    .build())) {
      emulator
          .faults()
          .raw(
              ACTION,
              403,
              "application/json",
              GSON.toJson(
                  Map.of(
                      "Code", "Forbidden.RAM",
                      "Message", "denied for " + ID,
                      "RequestId", "REQ-" + SECRET)));
      CloudException e =
          assertThrows(
              CloudException.class,
              () -> cloud.describeNetworkInterfaces(NetworkInterfaceQuery.all()));
      CloudServiceException service = assertInstanceOf(CloudServiceException.class, e);
      assertEquals("Forbidden.RAM", service.errorCode());
      assertEquals("REQ-***", service.requestId().orElseThrow());
      assertTrue(
          e.getMessage().startsWith("DescribeNetworkInterfaces: denied for ***"), e.getMessage());
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
