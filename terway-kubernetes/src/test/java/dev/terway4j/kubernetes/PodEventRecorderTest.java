package dev.terway4j.kubernetes;

import static dev.terway4j.kubernetes.PodEniFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.allocator.AllocatorEvent;
import dev.terway4j.allocator.AllocatorListener;
import dev.terway4j.cloud.spi.CloudErrorCodes;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.model.PodEniPhase;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.http.Interceptor.RequestTags;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PodEventRecorder} on its own and wired into a {@link TerwayController}, against fabric8's
 * mock API server and the fake cloud.
 */
@EnableKubernetesMockClient(crud = true)
class PodEventRecorderTest {
  private static final long WAIT = 15_000;

  KubernetesMockServer server;
  KubernetesClient client;
  private ClusterFixture cluster;

  @BeforeEach
  void setUp() {
    cluster = new ClusterFixture(server, client, 8);
  }

  @AfterEach
  void tearDown() {
    cluster.close();
  }

  private TerwayController start(TerwayController controller) {
    controller.start();
    await("leadership", WAIT, () -> controller.allocator().isPresent());
    cluster.podNetworkings();
    await("PodNetworkings Ready", WAIT, () -> cluster.ready("web") && cluster.ready("db"));
    return controller;
  }

  private List<Event> events(String pod) {
    return client.v1().events().inNamespace("apps").list().getItems().stream()
        .filter(e -> pod.equals(e.getInvolvedObject().getName()))
        .collect(Collectors.toList());
  }

  private Optional<Event> event(String pod, String reason) {
    return events(pod).stream().filter(e -> reason.equals(e.getReason())).findFirst();
  }

  @Test
  void statefulSetPod_getsCreateAndAttachSucceededEvents_onThePod() {
    start(cluster.controller("solo", cluster.cloud));
    Pod pod = cluster.statefulPod("db-0", "db", "node1");

    await("PodENI bound", WAIT, () -> cluster.phase("db-0").equals(Optional.of(PodEniPhase.BIND)));
    String eniId = cluster.podEni("db-0").get().spec().allocations().get(0).eni().id();
    await(
        "both Events",
        WAIT,
        () ->
            event("db-0", "CreateENISucceed").isPresent()
                && event("db-0", "AttachENISucceed").isPresent());

    for (String reason : List.of("CreateENISucceed", "AttachENISucceed")) {
      Event e = event("db-0", reason).get();
      assertEquals("Normal", e.getType());
      assertEquals("Pod", e.getInvolvedObject().getKind());
      assertEquals("apps", e.getInvolvedObject().getNamespace());
      assertEquals(pod.getMetadata().getUid(), e.getInvolvedObject().getUid());
      assertEquals(PodEventRecorder.DEFAULT_COMPONENT, e.getSource().getComponent());
      assertEquals("solo", e.getSource().getHost());
      assertEquals(1, e.getCount());
      assertEquals(e.getFirstTimestamp(), e.getLastTimestamp());
      assertTrue(e.getMetadata().getName().startsWith("db-0."), e.getMetadata().getName());
      assertTrue(e.getMessage().contains(eniId), e.getMessage());
    }
  }

  @Test
  void failingCreate_isAWarningEvent() {
    start(cluster.controller("solo", cluster.cloud));
    cluster
        .cloud
        .faults()
        .failWith(
            CloudOperation.CREATE_NETWORK_INTERFACE, CloudErrorCodes.VSWITCH_IP_NOT_ENOUGH, 1);

    cluster.statefulPod("db-1", "db", "node1");

    await("CreateENIFailed", WAIT, () -> event("db-1", "CreateENIFailed").isPresent());
    Event e = event("db-1", "CreateENIFailed").get();
    assertEquals("Warning", e.getType());
    assertEquals("Pod", e.getInvolvedObject().getKind());
    assertTrue(!e.getMessage().isEmpty());
  }

  @Test
  void recorderWhoseCallsFail_doesNotDisturbAllocation_andPodEventsCanBeTurnedOff() {
    KubernetesClient broken = cluster.killableClient(new AtomicBoolean(true));
    AtomicInteger heard = new AtomicInteger();
    try (PodEventRecorder failing = PodEventRecorder.create(broken)) {
      AllocatorListener both =
          event -> {
            heard.incrementAndGet();
            failing.onEvent(event);
          };
      KubernetesClient own = cluster.killableClient(new AtomicBoolean(false));
      start(
          cluster.controller("quiet", cluster.cloud, own, b -> b.podEvents(false).listener(both)));
      cluster.deploymentPod("web-a1", "web", "node3");

      await(
          "PodENI bound",
          WAIT,
          () -> cluster.phase("web-a1").equals(Optional.of(PodEniPhase.BIND)));
      await("the failing recorder tried", WAIT, () -> failing.failed() >= 2);
      assertTrue(heard.get() >= 2, "the user's listener heard the events");
      assertTrue(events("web-a1").isEmpty(), "no Events with podEvents(false)");
    }
  }

  @Test
  void aSlowApiServer_neverBlocksTheCaller_eventsBeyondTheQueueAreDropped() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Interceptor stall =
        new Interceptor() {
          @Override
          public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            try {
              release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
        };
    KubernetesClient slow =
        server.createClient(
            b -> b.withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("stall", stall)));
    try (PodEventRecorder recorder = PodEventRecorder.builder(slow).queueCapacity(2).build()) {
      for (int i = 0; i < 20; i++) {
        recorder.onEvent(
            new AllocatorEvent(
                AllocatorEvent.Type.DELETE_ENI_FAILED,
                Instant.now(),
                "apps",
                "p" + i,
                Optional.empty(),
                "boom"));
      }
      // A leaked ENI concerns no pod: ignored.
      recorder.onEvent(
          new AllocatorEvent(
              AllocatorEvent.Type.LEAKED_ENI_RELEASED,
              Instant.now(),
              "",
              "",
              Optional.of("eni-x"),
              "deleted leaked eni"));
      // While the API server is stalled, a blocking recorder could not have dropped anything:
      // all but the two queued and the one being sent were dropped, so onEvent never waited.
      assertTrue(recorder.dropped() >= 17, "dropped " + recorder.dropped());

      release.countDown();
      await("the queued ones sent", WAIT, () -> recorder.sent() + recorder.failed() >= 2);
      await(
          "Warnings written",
          WAIT,
          () ->
              client.v1().events().inNamespace("apps").list().getItems().stream()
                  .anyMatch(e -> "Warning".equals(e.getType())));
    } finally {
      release.countDown();
      slow.close();
    }
  }

  @Test
  void eventNames_areThePodsNameAndAUniqueSuffix_withinTheLimit() {
    Instant at = Instant.parse("2026-01-02T03:04:05.123456789Z");
    String a = PodEventRecorder.eventName("db-0", at);
    String b = PodEventRecorder.eventName("db-0", at);
    assertTrue(a.startsWith("db-0."), a);
    assertTrue(!a.equals(b), a + " " + b);
    assertTrue(PodEventRecorder.eventName("x".repeat(253), at).length() <= 253);
  }
}
