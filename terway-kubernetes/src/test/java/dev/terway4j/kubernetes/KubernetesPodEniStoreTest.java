package dev.terway4j.kubernetes;

import static dev.terway4j.kubernetes.PodEniFixtures.bound;
import static dev.terway4j.kubernetes.PodEniFixtures.withLabel;
import static dev.terway4j.kubernetes.PodEniFixtures.withPhase;
import static dev.terway4j.kubernetes.PodEniFixtures.withoutServerFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.kubernetes.internal.TerwayResources;
import dev.terway4j.model.Annotations;
import dev.terway4j.model.ImmutableObjectMeta;
import dev.terway4j.model.ImmutablePodEni;
import dev.terway4j.model.Labels;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniPhase;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link KubernetesPodEniStore} against fabric8's mock API server in CRUD mode, with the PodENI CRD
 * applied (which turns on its status subresource in the mock).
 *
 * <p>What the mock checks, and so what these tests can prove: it refuses (409) a PUT of the
 * resource, and a PATCH of the resource or of {@code /status}, whose resulting {@code
 * resourceVersion} is not current; it ignores {@code status} on create and on writes of the
 * resource, and honours finalizers on delete. It does <b>not</b> check the {@code resourceVersion}
 * of a PUT to {@code /status}, which is why the store writes status as a JSON Patch that sets the
 * version it is based on (a real API server checks both).
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesPodEniStoreTest {

  KubernetesClient client;
  KubernetesMockServer server;
  private KubernetesPodEniStore store;

  @BeforeEach
  void installCrds() {
    PodEniFixtures.installCrds(client);
    store = KubernetesPodEniStore.create(client);
  }

  private Resource<GenericKubernetesResource> raw(String namespace, String name) {
    return client
        .genericKubernetesResources(TerwayResources.POD_ENIS)
        .inNamespace(namespace)
        .withName(name);
  }

  private void update(GenericKubernetesResource resource) {
    client
        .genericKubernetesResources(TerwayResources.POD_ENIS)
        .inNamespace(resource.getMetadata().getNamespace())
        .resource(resource)
        .update();
  }

  private List<RecordedRequest> requests() throws InterruptedException {
    List<RecordedRequest> requests = new ArrayList<>();
    RecordedRequest next;
    while ((next = server.takeRequest(1, java.util.concurrent.TimeUnit.MILLISECONDS)) != null) {
      requests.add(next);
    }
    return requests;
  }

  @Test
  void put_thenGet_returnsEveryFieldOfTheRecord() {
    PodEni record = bound("apps", "web-0");

    store.put(record);
    PodEni read = store.get("apps", "web-0").orElseThrow();

    assertEquals(record, withoutServerFields(read));
    assertFalse(read.metadata().resourceVersion().isEmpty(), "the server's version is returned");
    assertFalse(read.metadata().uid().isEmpty());
  }

  @Test
  void put_writesStatusThroughTheStatusSubresource_andTerwaysMarkers() throws Exception {
    requests(); // the CRD installation
    store.put(bound("apps", "web-0"));

    List<String> calls = new ArrayList<>();
    for (RecordedRequest r : requests()) {
      calls.add(r.getMethod() + " " + r.getPath());
    }
    assertEquals(
        List.of(
            "GET /apis/network.alibabacloud.com/v1beta1/namespaces/apps/podenis/web-0",
            "POST /apis/network.alibabacloud.com/v1beta1/namespaces/apps/podenis",
            "PATCH /apis/network.alibabacloud.com/v1beta1/namespaces/apps/podenis/web-0/status"),
        calls);
    GenericKubernetesResource onServer = raw("apps", "web-0").get();
    assertEquals(List.of(Annotations.POD_ENI_FINALIZER), onServer.getMetadata().getFinalizers());
    assertEquals("node1", onServer.getMetadata().getLabels().get(Labels.NODE));
    assertEquals("uid-web-0", onServer.getMetadata().getAnnotations().get(Annotations.POD_UID));
    assertEquals(
        "Bind", ((Map<?, ?>) onServer.getAdditionalProperties().get("status")).get("phase"));
  }

  @Test
  void put_ofARecordWithoutFinalizer_createsItWithTerwaysFinalizer() {
    PodEni record = bound("apps", "web-0");
    store.put(
        ImmutablePodEni.copyOf(record)
            .withMetadata(ImmutableObjectMeta.copyOf(record.metadata()).withFinalizers()));

    assertEquals(
        List.of(Annotations.POD_ENI_FINALIZER), raw("apps", "web-0").get().getFinalizers());
  }

  @Test
  void put_ofAStatusChangeOnly_sendsOneStatusCall() throws Exception {
    PodEni record = bound("apps", "web-0");
    store.put(record);
    PodEni read = store.get("apps", "web-0").orElseThrow();
    requests();

    store.put(withPhase(read, PodEniPhase.DETACHING));

    List<RecordedRequest> calls = requests();
    assertEquals(1, calls.size(), "no read, no resource PUT: " + calls);
    assertTrue(calls.get(0).getPath().endsWith("/web-0/status"));
    assertEquals(
        PodEniPhase.DETACHING, store.get("apps", "web-0").orElseThrow().status().get().phase());
  }

  @Test
  void put_ofAnUnchangedRecord_sendsNothing() throws Exception {
    store.put(bound("apps", "web-0"));
    PodEni read = store.get("apps", "web-0").orElseThrow();
    requests();

    store.put(read);

    assertEquals(List.of(), requests());
  }

  @Test
  void put_keepsFieldsTheModelDoesNotKnow() {
    store.put(bound("apps", "web-0"));
    GenericKubernetesResource onServer = raw("apps", "web-0").get();
    onServer
        .getMetadata()
        .setManagedFields(List.of(new ManagedFieldsEntryBuilder().withManager("kubectl").build()));
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) onServer.getAdditionalProperties().get("spec");
    spec.put("futureField", "kept");
    update(onServer);
    PodEni read = store.get("apps", "web-0").orElseThrow();

    store.put(withLabel(withPhase(read, PodEniPhase.DETACHING), "team", "a"));

    GenericKubernetesResource after = raw("apps", "web-0").get();
    assertEquals("kubectl", after.getMetadata().getManagedFields().get(0).getManager());
    assertEquals(
        "kept", ((Map<?, ?>) after.getAdditionalProperties().get("spec")).get("futureField"));
    assertEquals("a", after.getMetadata().getLabels().get("team"));
  }

  @Test
  void put_afterAnotherWriterChangedOnlyMetadata_mergesOurChangeOnTopOfTheirs() {
    store.put(bound("apps", "web-0"));
    PodEni read = store.get("apps", "web-0").orElseThrow();
    GenericKubernetesResource theirs = raw("apps", "web-0").get();
    theirs.getMetadata().getLabels().put("owner", "team-a");
    theirs.getMetadata().getFinalizers().add("example.com/audit");
    update(theirs);

    // Ours: detach (status), and the node label goes, as the allocator's Unbind writes it.
    Map<String, String> labels = new HashMap<>(read.metadata().labels());
    labels.remove(Labels.NODE);
    PodEni ours =
        ImmutablePodEni.copyOf(withPhase(read, PodEniPhase.UNBIND))
            .withMetadata(ImmutableObjectMeta.copyOf(read.metadata()).withLabels(labels));
    store.put(ours);

    PodEni after = store.get("apps", "web-0").orElseThrow();
    assertEquals(Map.of("owner", "team-a"), after.metadata().labels());
    assertEquals(
        List.of(Annotations.POD_ENI_FINALIZER, "example.com/audit"), after.metadata().finalizers());
    assertEquals(PodEniPhase.UNBIND, after.status().get().phase());
  }

  @Test
  void put_afterAnotherWriterChangedTheStatus_failsWithConflict_andWritesNothing() {
    store.put(bound("apps", "web-0"));
    PodEni read = store.get("apps", "web-0").orElseThrow();
    KubernetesPodEniStore other = KubernetesPodEniStore.create(client);
    other.put(withPhase(other.get("apps", "web-0").orElseThrow(), PodEniPhase.DELETING));
    String version = raw("apps", "web-0").get().getMetadata().getResourceVersion();

    PodEniStoreException e =
        assertThrows(
            PodEniStoreException.class, () -> store.put(withPhase(read, PodEniPhase.DETACHING)));

    assertEquals(PodEniStoreException.Reason.CONFLICT, e.reason());
    assertTrue(e.retryable());
    assertEquals(PodEniPhase.DELETING, e.current().orElseThrow().status().get().phase());
    assertEquals(version, raw("apps", "web-0").get().getMetadata().getResourceVersion());
  }

  @Test
  void put_afterAnotherWriterChangedTheSpec_failsWithConflict() {
    store.put(bound("apps", "web-0"));
    PodEni read = store.get("apps", "web-0").orElseThrow();
    GenericKubernetesResource theirs = raw("apps", "web-0").get();
    @SuppressWarnings("unchecked")
    Map<String, Object> spec = (Map<String, Object>) theirs.getAdditionalProperties().get("spec");
    spec.put("zone", "cn-hangzhou-i");
    update(theirs);

    PodEniStoreException e =
        assertThrows(
            PodEniStoreException.class, () -> store.put(withPhase(read, PodEniPhase.DETACHING)));

    assertEquals(PodEniStoreException.Reason.CONFLICT, e.reason());
    assertEquals(PodEniPhase.BIND, store.get("apps", "web-0").get().status().get().phase());
  }

  @Test
  void put_afterAConflict_succeedsOnceTheRecordIsReadAgain() {
    store.put(bound("apps", "web-0"));
    PodEni read = store.get("apps", "web-0").orElseThrow();
    KubernetesPodEniStore other = KubernetesPodEniStore.create(client);
    other.put(withPhase(other.get("apps", "web-0").orElseThrow(), PodEniPhase.DELETING));
    assertThrows(PodEniStoreException.class, () -> store.put(withPhase(read, PodEniPhase.UNBIND)));

    PodEni again = store.get("apps", "web-0").orElseThrow();
    store.put(withPhase(again, PodEniPhase.UNBIND));

    assertEquals(PodEniPhase.UNBIND, store.get("apps", "web-0").get().status().get().phase());
  }

  @Test
  void put_ofAnOlderCopyAfterOurOwnWrite_isNotAConflict() {
    // The allocator's undo: it writes Binding, the attach fails, it writes the Unbind copy back.
    store.put(withPhase(bound("apps", "web-0"), PodEniPhase.UNBIND));
    PodEni unbound = store.get("apps", "web-0").orElseThrow();
    store.put(withPhase(unbound, PodEniPhase.BINDING));

    store.put(unbound);

    assertEquals(PodEniPhase.UNBIND, store.get("apps", "web-0").get().status().get().phase());
  }

  @Test
  void put_ofANewRecord_whenAnotherWriterCreatedADifferentOne_failsWithConflict() {
    KubernetesPodEniStore other = KubernetesPodEniStore.create(client);
    assertTrue(store.get("apps", "web-0").isEmpty());
    other.put(withPhase(bound("apps", "web-0"), PodEniPhase.DELETING));

    PodEniStoreException e =
        assertThrows(PodEniStoreException.class, () -> store.put(bound("apps", "web-0")));

    assertEquals(PodEniStoreException.Reason.CONFLICT, e.reason());
    assertEquals(PodEniPhase.DELETING, store.get("apps", "web-0").get().status().get().phase());
  }

  @Test
  void put_ofANewRecord_whenTheSameOneExistsAlready_succeeds() {
    // A create whose reply was lost, written again by a process that never saw the reply.
    KubernetesPodEniStore.create(client).put(bound("apps", "web-0"));

    store.put(bound("apps", "web-0"));

    assertEquals(bound("apps", "web-0"), withoutServerFields(store.get("apps", "web-0").get()));
  }

  @Test
  void put_ofARecordDeletedByAnotherWriter_failsWithConflict() {
    store.put(bound("apps", "web-0"));
    PodEni read = store.get("apps", "web-0").orElseThrow();
    KubernetesPodEniStore.create(client).delete("apps", "web-0");

    PodEniStoreException e =
        assertThrows(
            PodEniStoreException.class, () -> store.put(withPhase(read, PodEniPhase.UNBIND)));

    assertEquals(PodEniStoreException.Reason.CONFLICT, e.reason());
    assertTrue(e.current().isEmpty());
    assertNull(raw("apps", "web-0").get(), "not created again");
  }

  @Test
  void put_ofARecordTheStoreNeverSaw_isWrittenOnlyOnItsOwnCurrentVersion() {
    store.put(bound("apps", "web-0"));
    PodEni read = store.get("apps", "web-0").orElseThrow();
    KubernetesPodEniStore fresh = KubernetesPodEniStore.create(client);

    fresh.put(withPhase(read, PodEniPhase.DETACHING));
    assertEquals(PodEniPhase.DETACHING, fresh.get("apps", "web-0").get().status().get().phase());

    KubernetesPodEniStore another = KubernetesPodEniStore.create(client);
    PodEniStoreException e =
        assertThrows(
            PodEniStoreException.class, () -> another.put(withPhase(read, PodEniPhase.DELETING)));
    assertEquals(PodEniStoreException.Reason.CONFLICT, e.reason());
  }

  @Test
  void put_ofAStatus_whenAnotherWriterChangedLabelsMeanwhile_isRefusedThenMergedAndWritten()
      throws Exception {
    store.put(bound("apps", "web-0"));
    PodEni read = store.get("apps", "web-0").orElseThrow();
    GenericKubernetesResource theirs = raw("apps", "web-0").get();
    theirs.getMetadata().getLabels().put("owner", "team-a");
    update(theirs);
    requests();

    store.put(withPhase(read, PodEniPhase.DETACHING));

    List<String> calls = new ArrayList<>();
    for (RecordedRequest r : requests()) {
      calls.add(r.getMethod() + " " + r.getPath().replaceAll(".*/podenis/", ""));
    }
    // Refused on the stale version, read again, written on the current one.
    assertEquals(
        List.of("PATCH web-0/status", "GET web-0", "PATCH web-0/status"), calls, calls.toString());
    PodEni after = store.get("apps", "web-0").orElseThrow();
    assertEquals(PodEniPhase.DETACHING, after.status().get().phase());
    assertEquals("team-a", after.metadata().labels().get("owner"));
  }

  @Test
  void get_afterACrashBetweenCreateAndStatus_returnsTheIntendedStatus() {
    server
        .expect()
        .patch()
        .withPath("/apis/network.alibabacloud.com/v1beta1/namespaces/apps/podenis/web-0/status")
        .andReturn(403, forbiddenStatus())
        .once();
    PodEniStoreException e =
        assertThrows(PodEniStoreException.class, () -> store.put(bound("apps", "web-0")));
    assertEquals(PodEniStoreException.Reason.API_ERROR, e.reason());
    assertEquals(403, e.statusCode());
    assertNull(raw("apps", "web-0").get().getAdditionalProperties().get("status"));

    KubernetesPodEniStore restarted = KubernetesPodEniStore.create(client);
    PodEni read = restarted.get("apps", "web-0").orElseThrow();

    assertEquals(bound("apps", "web-0"), withoutServerFields(read));
    // The next writes set the real status and then drop the annotation.
    restarted.put(withPhase(read, PodEniPhase.DETACHING));
    PodEni detaching = restarted.get("apps", "web-0").orElseThrow();
    restarted.put(withLabel(detaching, "x", "y"));
    GenericKubernetesResource onServer = raw("apps", "web-0").get();
    assertFalse(
        onServer
            .getMetadata()
            .getAnnotations()
            .containsKey(KubernetesPodEniStore.INITIAL_STATUS_ANNOTATION));
    assertEquals(
        "Detaching", ((Map<?, ?>) onServer.getAdditionalProperties().get("status")).get("phase"));
  }

  @Test
  void delete_removesTerwaysFinalizersAndTheObject() {
    store.put(bound("apps", "web-0"));

    assertTrue(store.delete("apps", "web-0"));

    assertNull(raw("apps", "web-0").get());
    assertTrue(store.get("apps", "web-0").isEmpty());
    assertFalse(store.delete("apps", "web-0"));
  }

  @Test
  void delete_leavesTheObjectToTheFinalizersOfOthers() {
    store.put(bound("apps", "web-0"));
    GenericKubernetesResource theirs = raw("apps", "web-0").get();
    theirs.getMetadata().getFinalizers().add("example.com/audit");
    update(theirs);

    assertTrue(store.delete("apps", "web-0"));

    GenericKubernetesResource left = raw("apps", "web-0").get();
    assertEquals(List.of("example.com/audit"), left.getMetadata().getFinalizers());
    assertNotEquals(null, left.getMetadata().getDeletionTimestamp());
  }

  @Test
  void writes_refusedByTheFence_sendNothing() throws Exception {
    AtomicBoolean leading = new AtomicBoolean(true);
    KubernetesPodEniStore fenced =
        KubernetesPodEniStore.builder(client).fence(leading::get).build();
    fenced.put(bound("apps", "web-0"));
    leading.set(false);
    requests();

    PodEniStoreException put =
        assertThrows(
            PodEniStoreException.class,
            () -> fenced.put(withPhase(bound("apps", "web-0"), PodEniPhase.DELETING)));
    PodEniStoreException delete =
        assertThrows(PodEniStoreException.class, () -> fenced.delete("apps", "web-0"));

    assertEquals(PodEniStoreException.Reason.NOT_LEADER, put.reason());
    assertEquals(PodEniStoreException.Reason.NOT_LEADER, delete.reason());
    assertFalse(put.retryable());
    assertTrue(
        requests().stream().allMatch(r -> r.getMethod().equals("GET")), "only reads were sent");
    assertTrue(fenced.get("apps", "web-0").isPresent(), "reads still work");
  }

  @Test
  void list_returnsTheRecordsOfEveryNamespace() {
    store.put(bound("apps", "web-0"));
    store.put(bound("apps", "web-1"));
    store.put(bound("db", "pg-0"));

    List<String> names = new ArrayList<>();
    store.list().forEach(r -> names.add(r.metadata().namespace() + "/" + r.metadata().name()));
    names.sort(null);

    assertEquals(List.of("apps/web-0", "apps/web-1", "db/pg-0"), names);
  }

  @Test
  void list_failsOnAnObjectThatIsNotAPodEni_ratherThanLeaveItOut() {
    store.put(bound("apps", "web-0"));
    GenericKubernetesResource broken = raw("apps", "web-0").get();
    broken.getAdditionalProperties().put("spec", Map.of("allocations", "not a list"));
    update(broken);

    PodEniStoreException e = assertThrows(PodEniStoreException.class, store::list);

    assertEquals(PodEniStoreException.Reason.INVALID_OBJECT, e.reason());
    assertTrue(e.getMessage().contains("apps/web-0"), e.getMessage());
  }

  @Test
  void get_ofAMissingRecord_isEmpty() {
    assertEquals(Optional.empty(), store.get("apps", "nope"));
  }

  private static String forbiddenStatus() {
    return "{\"apiVersion\":\"v1\",\"kind\":\"Status\",\"status\":\"Failure\","
        + "\"reason\":\"Forbidden\",\"message\":\"forbidden\"}";
  }
}
