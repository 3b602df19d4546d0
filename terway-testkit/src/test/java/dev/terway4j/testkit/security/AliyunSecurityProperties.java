package dev.terway4j.testkit.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.aliyun.credentials.models.CredentialModel;
import dev.terway4j.allocator.AllocationException;
import dev.terway4j.allocator.AllocatorSettings;
import dev.terway4j.allocator.InMemoryPodEniStore;
import dev.terway4j.allocator.TrunkAllocator;
import dev.terway4j.cloud.aliyun.AliyunCloudConfig;
import dev.terway4j.cloud.aliyun.AliyunCloudProvider;
import dev.terway4j.cloud.aliyun.AliyunCredentials;
import dev.terway4j.cloud.aliyun.emulator.AliyunEmulator;
import dev.terway4j.cloud.fake.FakeClock;
import dev.terway4j.cloud.spi.CloudClientException;
import dev.terway4j.cloud.spi.CloudException;
import dev.terway4j.cloud.spi.CloudProviders;
import dev.terway4j.cloud.spi.CreateNetworkInterfaceRequest;
import dev.terway4j.cloud.spi.InvalidArgumentException;
import dev.terway4j.cloud.spi.NetworkInterfaceAttachment;
import dev.terway4j.cloud.spi.NetworkInterfaceQuery;
import dev.terway4j.cloud.spi.NetworkInterfaceType;
import dev.terway4j.model.AllocationType;
import dev.terway4j.model.Annotations;
import dev.terway4j.model.ImmutableNode;
import dev.terway4j.model.ImmutableObjectMeta;
import dev.terway4j.model.ImmutablePodSpec;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.ObjectMeta;
import dev.terway4j.model.OwnerReference;
import dev.terway4j.model.Pod;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.VSwitchSelectionPolicy;
import dev.terway4j.selector.PodNetworkingResolver;
import dev.terway4j.testkit.CloudScenario;
import dev.terway4j.testkit.CloudScenarios;
import dev.terway4j.testkit.Gen;
import dev.terway4j.testkit.Gens;
import dev.terway4j.testkit.HostileReplies;
import dev.terway4j.testkit.MalformedInputs;
import dev.terway4j.testkit.PropertyChecks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Security properties of the Aliyun backend, through the real SDK over HTTP to a local endpoint
 * that turns hostile ({@link HostileAliyunEndpoint}: error replies and proxy pages that echo the
 * request's {@code Authorization} header, the security token and even the secret).
 *
 * <ul>
 *   <li>Generated credentials (access keys and STS tokens) never appear in anything a run produces:
 *       SLF4J events at every level, {@code java.util.logging}, {@code System.out}/{@code err}, the
 *       {@code toString()} of the credentials, the configuration, the provider and an allocator on
 *       top of it, and the messages and stack traces (causes and suppressed included) of every
 *       exception; while the endpoint proves that the run did sign with them.
 *   <li>Ids with injected characters ({@code &}, {@code =}, CR/LF, {@code %}, quotes, unicode, ...)
 *       are refused with {@link InvalidArgumentException} before any request is sent, by every
 *       id-taking operation, and an allocator given such ids (in a node, a PodNetworking) sends no
 *       request carrying them.
 * </ul>
 */
class AliyunSecurityProperties {
  private static final AtomicLong RUNS = new AtomicLong();
  private static final AtomicLong LOG_EVENTS = new AtomicLong();
  private static final AtomicLong INJECTED_REFUSED = new AtomicLong();
  private static final AtomicLong ALLOCATIONS_REFUSED = new AtomicLong();
  private static final AtomicLong ALLOCATIONS_UNSENT = new AtomicLong();
  private static final AtomicLong ECHOES = new AtomicLong();
  private static final AtomicLong HOSTILE_TYPED = new AtomicLong();
  private static final CloudScenario SCENARIO =
      new CloudScenario(
          "cn-hangzhou",
          "vpc-t4jsecurity",
          List.of("cn-hangzhou-h"),
          List.of(
              new CloudScenario.VSwitchSpec("vsw-nodeh", "cn-hangzhou-h", "10.0.0.0/24", false),
              new CloudScenario.VSwitchSpec("vsw-h0", "cn-hangzhou-h", "10.10.0.0/27", true)),
          CloudScenarios.SECURITY_GROUPS,
          List.of(new dev.terway4j.cloud.spi.InstanceType("ecs.t4j-m3.large", 3, 6, true, 10, 10)),
          List.of(
              new CloudScenario.NodeSpec(
                  "node0",
                  "i-node0",
                  "ecs.t4j-m3.large",
                  "cn-hangzhou-h",
                  "vsw-nodeh",
                  "eni-trunk0")),
          Duration.ZERO,
          0);

  private static HostileAliyunEndpoint endpoint;

  /** Where the backend gets the generated credentials from. */
  enum Source {
    /** {@link AliyunCredentials#accessKey} or {@link AliyunCredentials#stsToken}. */
    STATIC,
    /** A custom credentials-java provider ({@link AliyunCredentials#provider}). */
    PROVIDER,
    /**
     * The default chain ({@link AliyunCredentials#defaultChain}), through its system properties; an
     * STS token, which those cannot carry, comes from a provider instead.
     */
    DEFAULT_CHAIN
  }

  /** Generated credentials; {@code token} is empty for an access key. */
  record Credentials(String id, String secret, String token, Source source) {
    Credentials(String id, String secret, String token) {
      this(id, secret, token, Source.STATIC);
    }

    AliyunCredentials toAliyun() {
      if (source == Source.PROVIDER || (source == Source.DEFAULT_CHAIN && !token.isEmpty())) {
        CredentialModel model =
            CredentialModel.builder()
                .accessKeyId(id)
                .accessKeySecret(secret)
                .securityToken(token.isEmpty() ? null : token)
                .type(token.isEmpty() ? "access_key" : "sts")
                .build();
        return AliyunCredentials.provider(() -> model);
      }
      if (source == Source.DEFAULT_CHAIN) {
        return AliyunCredentials.defaultChain();
      }
      return token.isEmpty()
          ? AliyunCredentials.accessKey(id, secret)
          : AliyunCredentials.stsToken(id, secret, token);
    }

    /** Sets the default chain's system properties for the run, and puts back the old ones. */
    AutoCloseable install() {
      if (source != Source.DEFAULT_CHAIN || !token.isEmpty()) {
        return () -> {};
      }
      String oldId = System.getProperty(ID_PROPERTY);
      String oldSecret = System.getProperty(SECRET_PROPERTY);
      System.setProperty(ID_PROPERTY, id);
      System.setProperty(SECRET_PROPERTY, secret);
      return () -> {
        restore(ID_PROPERTY, oldId);
        restore(SECRET_PROPERTY, oldSecret);
      };
    }

    List<String> secrets() {
      return token.isEmpty() ? List.of(id, secret) : List.of(id, secret, token);
    }
  }

  private static final String ID_PROPERTY = "alibabacloud.accessKeyId";
  private static final String SECRET_PROPERTY = "alibabacloud.accessKeyIdSecret";

  static final Gen<Credentials> CREDENTIALS =
      Gens.combine(
          Gens.alphanumeric(16, 24).map(s -> "LTAI" + s),
          Gens.alphanumeric(30, 30),
          Gens.frequency(
              1,
              Gens.constant(""),
              1,
              Gens.strings(Gens.ALPHANUMERIC + "+/=", 40, 120).map(s -> "CAIS" + s)),
          Gens.enums(Source.class),
          Credentials::new);

  /**
   * A script of replies with the echoes that {@link HostileAliyunEndpoint.Reply#ECHO_GENERATED}
   * uses.
   */
  record Script(List<HostileAliyunEndpoint.Reply> replies, List<HostileReplies.Echo> echoes) {}

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  @BeforeAll
  static void start() throws Exception {
    endpoint = new HostileAliyunEndpoint(SCENARIO.newCloud(new FakeClock()));
  }

  @AfterAll
  static void stop() {
    endpoint.close();
    System.out.println(
        "[reliability] security: "
            + RUNS.get()
            + " runs with credentials ("
            + LOG_EVENTS.get()
            + " log events captured, "
            + ECHOES.get()
            + " generated echo replies), "
            + INJECTED_REFUSED.get()
            + " injected ids refused before any request, "
            + ALLOCATIONS_REFUSED.get()
            + " allocations with injected ids refused and "
            + ALLOCATIONS_UNSENT.get()
            + " left unsent, "
            + HOSTILE_TYPED.get()
            + " hostile replies answered with a typed CloudException");
  }

  private static AliyunCloudProvider provider(Credentials credentials) {
    return AliyunCloudProvider.create(
        AliyunCloudConfig.builder()
            .regionId("cn-hangzhou")
            .endpoint(endpoint.endpoint())
            .protocol(AliyunCloudConfig.Protocol.HTTP)
            .credentials(credentials.toAliyun())
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(5))
            .build());
  }

  @Test
  void credentials_neverAppearInLogs_toString_orExceptions_ofARunThatUsesThem() {
    Gen<Script> scripts =
        Gens.combine(
            Gens.frequency(
                    2,
                    Gens.constant(HostileAliyunEndpoint.Reply.SERVE),
                    1,
                    Gens.enums(HostileAliyunEndpoint.Reply.class),
                    1,
                    Gens.constant(HostileAliyunEndpoint.Reply.ECHO_GENERATED))
                .listOf(0, 30),
            HostileReplies.echoes(),
            Script::new);
    PropertyChecks.forAll(CREDENTIALS, scripts)
        .withTries(30)
        .checkThat(
            (credentials, script) -> {
              RUNS.incrementAndGet();
              ECHOES.addAndGet(
                  script.replies().stream()
                      .filter(r -> r == HostileAliyunEndpoint.Reply.ECHO_GENERATED)
                      .count());
              FakeClock clock = new FakeClock();
              endpoint.use(SCENARIO.newCloud(clock));
              endpoint.echoSecret(credentials.secret());
              endpoint.script(script.replies());
              endpoint.echoes(script.echoes());
              endpoint.clearReceived();
              StringBuilder texts = new StringBuilder();
              List<Throwable> thrown = new ArrayList<>();
              try (CapturedLogs logs = CapturedLogs.open();
                  AutoCloseable chain = credentials.install()) {
                AliyunCloudProvider cloud = provider(credentials);
                texts.append(credentials.toAliyun()).append(cloud).append(cloud.config());
                TrunkAllocator allocator = allocator(cloud, clock);
                texts.append(allocator);
                Consumer<Runnable> attempt =
                    call -> {
                      try {
                        call.run();
                      } catch (CloudException | AllocationException e) {
                        thrown.add(e);
                      }
                    };
                attempt.accept(allocator::recover);
                attempt.accept(() -> cloud.describeVSwitch("vsw-missing"));
                attempt.accept(() -> cloud.describeInstanceTypes(List.of("ecs.t4j-m3.large")));
                attempt.accept(() -> cloud.deleteNetworkInterface("eni-missing"));
                for (int i = 0; i < 3; i++) {
                  Pod pod = pod("web-" + i);
                  attempt.accept(() -> allocator.podScheduled(pod, NAMESPACE, NODE));
                  clock.advance(Duration.ofSeconds(1));
                  attempt.accept(allocator::tick);
                }
                attempt.accept(() -> allocator.podDeleted("apps", "web-0"));
                clock.advance(Duration.ofMinutes(11));
                attempt.accept(allocator::tick);
                attempt.accept(allocator::sweepLeaks);
                LOG_EVENTS.addAndGet(logs.events());
                texts.append(logs.all());
              }
              for (Throwable t : thrown) {
                texts.append(t).append(CapturedLogs.stackTrace(t));
              }
              String all = texts.toString();
              List<String> leaks = HostileReplies.leaks(all, credentials.secrets());
              assertTrue(leaks.isEmpty(), () -> "credentials leaked " + leaks + ":\n" + all);
              assertTrue(
                  endpoint.received().stream()
                      .anyMatch(r -> r.accessKeyId().equals(credentials.id())),
                  "the run signed no request with the credentials");
            });
  }

  @Test
  void credentials_neverAppearInLogs_ofARunThroughTheSigningEmulator() {
    // The Aliyun module's emulator checks every ACS3-HMAC-SHA256 signature (and the STS token), so
    // a run that gets anything done has signed with exactly these credentials.
    Gen<List<Integer>> wireFaults = Gens.integers(0, 3).listOf(0, 6);
    PropertyChecks.forAll(CREDENTIALS, wireFaults)
        .withTries(20)
        .checkThat(
            (credentials, faults) -> {
              RUNS.incrementAndGet();
              FakeClock clock = new FakeClock();
              AliyunEmulator.Builder builder =
                  AliyunEmulator.builder().cloud(SCENARIO.newCloud(clock));
              if (credentials.token().isEmpty()) {
                builder.accessKey(credentials.id(), credentials.secret());
              } else {
                builder.stsToken(credentials.id(), credentials.secret(), credentials.token());
              }
              StringBuilder texts = new StringBuilder();
              List<Throwable> thrown = new ArrayList<>();
              try (AliyunEmulator emulator = builder.start();
                  CapturedLogs logs = CapturedLogs.open();
                  AutoCloseable chain = credentials.install()) {
                for (int f : faults) {
                  switch (f) {
                    case 0 ->
                        emulator
                            .faults()
                            .error("CreateNetworkInterface", 503, "ServiceUnavailable");
                    case 1 -> emulator.faults().drop("DescribeNetworkInterfaces");
                    case 2 ->
                        emulator
                            .faults()
                            .raw(
                                "AttachNetworkInterface",
                                502,
                                "text/html",
                                "<html>502 "
                                    + credentials.id()
                                    + " "
                                    + credentials.token()
                                    + "</html>");
                    default ->
                        emulator.faults().error("DeleteNetworkInterface", 500, "InternalError");
                  }
                }
                AliyunCloudProvider cloud =
                    AliyunCloudProvider.create(
                        AliyunCloudConfig.builder()
                            .regionId("cn-hangzhou")
                            .endpoint(emulator.endpoint())
                            .protocol(AliyunCloudConfig.Protocol.HTTP)
                            .credentials(credentials.toAliyun())
                            .readTimeout(Duration.ofSeconds(5))
                            .build());
                TrunkAllocator allocator = allocator(cloud, clock);
                texts.append(cloud).append(cloud.config()).append(allocator);
                List<Runnable> run = new ArrayList<>();
                run.add(allocator::recover);
                for (int i = 0; i < 3; i++) {
                  Pod pod = pod("web-" + i);
                  run.add(() -> allocator.podScheduled(pod, NAMESPACE, NODE));
                  run.add(() -> clock.advance(Duration.ofSeconds(1)));
                  run.add(allocator::tick);
                }
                run.add(() -> allocator.podDeleted("apps", "web-1"));
                run.add(allocator::tick);
                for (Runnable step : run) {
                  try {
                    step.run();
                  } catch (CloudException | AllocationException e) {
                    thrown.add(e);
                  }
                }
                assertTrue(
                    emulator.requests().stream().anyMatch(AliyunEmulator.Request::signatureValid),
                    "no request was signed with the credentials");
                LOG_EVENTS.addAndGet(logs.events());
                texts.append(logs.all());
              }
              for (Throwable t : thrown) {
                texts.append(t).append(CapturedLogs.stackTrace(t));
              }
              String all = texts.toString();
              List<String> leaks = HostileReplies.leaks(all, credentials.secrets());
              assertTrue(leaks.isEmpty(), () -> "credentials leaked " + leaks + ":\n" + all);
            });
  }

  @Test
  void credentials_neverAppearInErrors_ofTheServiceLoaderFactory() {
    PropertyChecks.forAll(CREDENTIALS, Gens.integers(0, 3))
        .withTries(50)
        .checkThat(
            (credentials, mistake) -> {
              Map<String, String> config = new HashMap<>();
              config.put("region", "cn-hangzhou");
              config.put("accessKeyId", credentials.id());
              config.put("accessKeySecret", credentials.secret());
              if (!credentials.token().isEmpty()) {
                config.put("securityToken", credentials.token());
              }
              switch (mistake) {
                case 0 -> config.put("endpoint", "https://ecs.example");
                case 1 -> config.put("unknownKey", "x");
                case 2 -> config.put("connectTimeoutMillis", "-5");
                default -> config.put("protocol", "ftp");
              }
              try (var ignored = CloudProviders.load("aliyun", config)) {
                fail("a bad configuration was accepted");
              } catch (RuntimeException expected) {
                String text = expected + CapturedLogs.stackTrace(expected);
                List<String> leaks = HostileReplies.leaks(text, credentials.secrets());
                assertTrue(leaks.isEmpty(), () -> "credentials leaked " + leaks + ": " + text);
              }
            });
  }

  @Test
  void idsWithInjectedCharacters_areRefusedBeforeAnyRequest() {
    Credentials credentials = new Credentials("LTAIinjectiontest0001", "s3cr3ts3cr3ts3cr3t", "");
    AliyunCloudProvider cloud = provider(credentials);
    List<String> prefixes = List.of("eni-", "vsw-", "i-", "sg-", "vpc-");
    Gen<Map.Entry<Integer, String>> cases =
        Gens.integers(0, 10)
            .flatMap(
                op ->
                    MalformedInputs.injectedIds(prefixes.get(prefixFor(op)))
                        .map(id -> Map.entry(op, id)));
    PropertyChecks.forAll(cases)
        .withTries(300)
        .checkThat(
            c -> {
              endpoint.clearReceived();
              String bad = c.getValue();
              try {
                callWith(cloud, c.getKey(), bad);
                fail("operation " + c.getKey() + " accepted " + bad);
              } catch (InvalidArgumentException expected) {
                assertFalse(expected.retryable());
              }
              assertTrue(
                  endpoint.received().isEmpty(),
                  () -> "a request was sent for " + bad + ": " + endpoint.received());
              INJECTED_REFUSED.incrementAndGet();
            });
  }

  @Test
  void anAllocator_givenInjectedIds_sendsNoRequestCarryingThem() {
    Credentials credentials = new Credentials("LTAIinjectiontest0002", "s3cr3ts3cr3ts3cr3t", "");
    AliyunCloudProvider cloud = provider(credentials);
    Gen<Map.Entry<Integer, String>> cases =
        Gens.integers(0, 3)
            .flatMap(
                where ->
                    MalformedInputs.injectedIds(
                            where == 0 ? "eni-" : where == 1 ? "i-" : where == 2 ? "vsw-" : "sg-")
                        .map(id -> Map.entry(where, id)));
    PropertyChecks.forAll(cases)
        .withTries(100)
        .checkThat(
            c -> {
              FakeClock clock = new FakeClock();
              endpoint.use(SCENARIO.newCloud(clock));
              endpoint.script(List.of());
              endpoint.clearReceived();
              String bad = c.getValue();
              String vsw = c.getKey() == 2 ? bad : "vsw-h0";
              String sg = c.getKey() == 3 ? bad : "sg-pods-a";
              TrunkAllocator allocator = allocator(cloud, clock, vsw, sg);
              Node node =
                  ImmutableNode.copyOf(NODE)
                      .withMetadata(
                          ImmutableObjectMeta.copyOf(NODE.metadata())
                              .withAnnotations(
                                  Map.of(
                                      Annotations.TRUNK_ON, c.getKey() == 0 ? bad : "eni-trunk0")))
                      .withSpec(
                          dev.terway4j.model.ImmutableNodeSpec.builder()
                              .providerID("cn-hangzhou." + (c.getKey() == 1 ? bad : "i-node0"))
                              .build());
              boolean refused = false;
              Optional<PodEni> allocated = Optional.empty();
              try {
                allocated = allocator.podScheduled(pod("web-0"), NAMESPACE, node);
              } catch (CloudException | AllocationException expected) {
                refused = true;
              }
              // The oracle compares decoded parameter values for equality: a substring test found
              // the generated id "-m" inside "ecs.t4j-m3.large" (issue 12 item 2).
              for (HostileAliyunEndpoint.Received r : endpoint.received()) {
                for (Map.Entry<String, String> parameter : r.parameters().entrySet()) {
                  assertFalse(
                      parameter.getValue().equals(bad),
                      () -> "a request carried " + bad + " as " + parameter.getKey() + ": " + r);
                }
              }
              if (refused) {
                ALLOCATIONS_REFUSED.incrementAndGet();
              } else {
                // Not refused: then nothing may have been allocated, and nothing sent.
                assertTrue(allocated.isEmpty(), () -> "an allocation with " + bad + " succeeded");
                assertTrue(
                    endpoint.received().isEmpty(),
                    () -> "an unrefused allocation with " + bad + " sent " + endpoint.received());
                ALLOCATIONS_UNSENT.incrementAndGet();
              }
            });
  }

  @Test
  void hostileReplies_giveATypedCloudException_neverAnErrorOrRawControlCharacters() {
    // Low bounds, so that replies just past them stay small (issue 13 item 2).
    int maxBytes = 4096;
    int maxDepth = 16;
    AliyunCloudProvider cloud =
        AliyunCloudProvider.create(
            AliyunCloudConfig.builder()
                .regionId("cn-hangzhou")
                .endpoint(endpoint.endpoint())
                .protocol(AliyunCloudConfig.Protocol.HTTP)
                .credentials(
                    AliyunCredentials.accessKey("LTAIhostilereplies01", "s3cr3th0st1l3s3cr3t"))
                .connectTimeout(Duration.ofSeconds(2))
                .readTimeout(Duration.ofSeconds(5))
                .maxReplyBytes(maxBytes)
                .maxReplyDepth(maxDepth)
                .build());
    PropertyChecks.forAll(HostileReplies.hostile(maxBytes, maxDepth), Gens.integers(0, 4))
        .withTries(200)
        .checkThat(
            (reply, op) -> {
              endpoint.use(SCENARIO.newCloud(new FakeClock()));
              endpoint.script(List.of());
              endpoint.replyRaw(List.of(reply));
              String logged;
              Throwable thrown = null;
              try (CapturedLogs logs = CapturedLogs.open()) {
                try {
                  switch (op) {
                    case 0 -> cloud.describeNetworkInterfaces(NetworkInterfaceQuery.all());
                    case 1 -> cloud.describeVSwitch("vsw-h0");
                    case 2 -> cloud.describeInstanceTypes(List.of("ecs.t4j-m3.large"));
                    case 3 -> cloud.deleteNetworkInterface("eni-missing");
                    default ->
                        cloud.createNetworkInterface(
                            CreateNetworkInterfaceRequest.builder()
                                .vSwitchId("vsw-h0")
                                .securityGroupIds(List.of("sg-pods-a"))
                                .type(NetworkInterfaceType.SECONDARY)
                                .build());
                  }
                } catch (Throwable t) {
                  thrown = t;
                }
                logged = logs.all();
              }
              endpoint.replyRaw(List.of());
              if (thrown != null && !(thrown instanceof CloudException)) {
                throw new AssertionError("not a CloudException for " + reply, thrown);
              }
              String description = reply.description();
              boolean pastABound =
                  Character.isDigit(description.charAt(0))
                      || description.startsWith("nested")
                      || description.startsWith("unclosed");
              if (pastABound) {
                assertTrue(
                    thrown instanceof CloudClientException
                        && thrown.getMessage().contains("maxReply"),
                    () -> "a reply past a bound was not refused by it: " + reply);
              }
              if (thrown != null) {
                HOSTILE_TYPED.incrementAndGet();
                String message = thrown.getMessage();
                assertFalse(
                    message.chars().anyMatch(c -> c < 0x20 || c == 0x7f),
                    () -> "a control character reached the message: " + message);
              }
              assertFalse(
                  logged.contains("\u001b")
                      || logged.contains("\u0007")
                      || logged.contains("\n[ERROR] forged"),
                  () -> "a control character from the reply reached a log line:\n" + logged);
            });
  }

  private static int prefixFor(int op) {
    return switch (op) {
      case 0, 1, 2, 3, 10 -> 0; // eni
      case 4, 5 -> 1; // vsw
      case 6, 7 -> 2; // i
      case 8 -> 3; // sg
      default -> 4; // vpc
    };
  }

  private static void callWith(AliyunCloudProvider cloud, int op, String bad) {
    switch (op) {
      case 0 -> cloud.deleteNetworkInterface(bad);
      case 1 -> cloud.describeNetworkInterface(bad);
      case 2 ->
          cloud.attachNetworkInterface(
              NetworkInterfaceAttachment.member(bad, "i-node0", "eni-trunk0"));
      case 3 ->
          cloud.detachNetworkInterface(
              NetworkInterfaceAttachment.member("eni-abc", "i-node0", bad));
      case 4 -> cloud.describeVSwitch(bad);
      case 5 ->
          cloud.createNetworkInterface(
              CreateNetworkInterfaceRequest.builder()
                  .vSwitchId(bad)
                  .securityGroupIds(List.of("sg-pods-a"))
                  .type(NetworkInterfaceType.SECONDARY)
                  .build());
      case 6 ->
          cloud.attachNetworkInterface(
              NetworkInterfaceAttachment.member("eni-abc", bad, "eni-trunk0"));
      case 7 ->
          cloud.describeNetworkInterfaces(NetworkInterfaceQuery.builder().instanceId(bad).build());
      case 8 ->
          cloud.createNetworkInterface(
              CreateNetworkInterfaceRequest.builder()
                  .vSwitchId("vsw-h0")
                  .securityGroupIds(List.of("sg-pods-a", bad))
                  .type(NetworkInterfaceType.SECONDARY)
                  .build());
      case 9 -> cloud.describeNetworkInterfaces(NetworkInterfaceQuery.builder().vpcId(bad).build());
      default ->
          cloud.describeNetworkInterfaces(
              NetworkInterfaceQuery.builder().networkInterfaceIds(List.of("eni-ok", bad)).build());
    }
  }

  private static final Namespace NAMESPACE =
      Namespace.builder().metadata(ObjectMeta.named("apps")).build();
  private static final Node NODE = SCENARIO.kubernetesNodes().get(0);

  private static Pod pod(String name) {
    return Pod.builder()
        .metadata(
            ObjectMeta.builder()
                .namespace("apps")
                .name(name)
                .uid("uid-" + name)
                .putLabels("app", "web")
                .addOwnerReferences(OwnerReference.of("ReplicaSet", "web"))
                .build())
        .spec(ImmutablePodSpec.builder().nodeName("node0").build())
        .build();
  }

  private static TrunkAllocator allocator(AliyunCloudProvider cloud, FakeClock clock) {
    return allocator(cloud, clock, "vsw-h0", "sg-pods-a");
  }

  private static TrunkAllocator allocator(
      AliyunCloudProvider cloud, FakeClock clock, String vSwitch, String securityGroup) {
    PodNetworkingResolver resolver =
        PodNetworkingResolver.of(
            List.of(
                CloudScenarios.podNetworking(
                    "web",
                    AllocationType.elastic(),
                    List.of(
                        new CloudScenario.VSwitchSpec(
                            vSwitch, "cn-hangzhou-h", "10.10.0.0/27", true)),
                    VSwitchSelectionPolicy.ORDERED,
                    List.of(securityGroup))));
    return TrunkAllocator.builder(
            cloud,
            resolver,
            AllocatorSettings.builder("c-t4jsecurity").vpcId(SCENARIO.vpcId()).build())
        .clock(clock)
        .waiter(clock::advance)
        .store(new InMemoryPodEniStore())
        .build();
  }
}
