package dev.terway4j.kubernetes;

import static dev.terway4j.kubernetes.PodEniFixtures.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.model.PodEniPhase;
import dev.terway4j.selector.FixedNamePolicy;
import dev.terway4j.selector.PodNetworkingResolver;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.http.Interceptor.RequestTags;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The RBAC rules of {@code deploy/rbac.yaml} are exactly what the controller and the webhook use
 * (issue 15 item 4): every request their clients make during the product guide's story is allowed
 * by their roles, and every permission the roles grant was used.
 */
@EnableKubernetesMockClient(crud = true)
class RbacTest {
  private static final long WAIT = 30_000;
  private static final String LEASE_NAMESPACE = "kube-system";

  KubernetesMockServer server;
  KubernetesClient client;
  private ClusterFixture cluster;

  /** One API request as RBAC sees it. */
  record Access(String group, String resource, String verb) implements Comparable<Access> {
    @Override
    public int compareTo(Access o) {
      return toString().compareTo(o.toString());
    }

    @Override
    public String toString() {
      return (group.isEmpty() ? "core" : group) + " " + resource + " " + verb;
    }
  }

  /** A recorded request: its access, and the namespace it was in ("" if cluster-scoped). */
  record Recorded(Access access, String namespace) {}

  @AfterEach
  void tearDown() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theControllersRequests_areExactlyWhatItsRolesGrant() throws Exception {
    cluster = new ClusterFixture(server, client, 8);
    ConcurrentLinkedQueue<Recorded> requests = new ConcurrentLinkedQueue<>();
    KubernetesClient own = recordingClient(requests);
    TerwayController controller =
        cluster.controller("solo", cluster.cloud, own, b -> b.installCrds(false));
    controller.start();
    await("leadership", WAIT, () -> controller.allocator().isPresent());
    cluster.podNetworkings();
    await("PodNetworkings Ready", WAIT, () -> cluster.ready("web") && cluster.ready("db"));
    // The guide's story: a StatefulSet pod bound, gone (Unbind), released after its TTL; an
    // Elastic pod bound and released.
    cluster.statefulPod("db-0", "db", "node1");
    cluster.deploymentPod("web-0", "web", "node3");
    await("db-0 Bind", WAIT, () -> cluster.phase("db-0").equals(Optional.of(PodEniPhase.BIND)));
    await("web-0 Bind", WAIT, () -> cluster.phase("web-0").equals(Optional.of(PodEniPhase.BIND)));
    cluster.deletePod("db-0");
    cluster.deletePod("web-0");
    await("db-0 Unbind", WAIT, () -> cluster.phase("db-0").equals(Optional.of(PodEniPhase.UNBIND)));
    await("web-0 released", WAIT, () -> cluster.podEni("web-0").isEmpty());
    cluster.clock.advance(Duration.ofMinutes(11));
    await("db-0 released", WAIT, () -> cluster.podEni("db-0").isEmpty());
    controller.close(); // gives up the lease

    List<HasMetadata> rbac = deployDocuments("rbac.yaml");
    List<PolicyRule> cluster = clusterRole(rbac, "terway4j-controller").getRules();
    List<PolicyRule> leases = role(rbac, "terway4j-leader-election", LEASE_NAMESPACE).getRules();
    assertExactly(requests, cluster, leases);
  }

  @Test
  void theWebhooksRequests_areExactlyWhatItsRoleGrants() throws Exception {
    cluster = new ClusterFixture(server, client, 8);
    ConcurrentLinkedQueue<Recorded> requests = new ConcurrentLinkedQueue<>();
    KubernetesClient own = recordingClient(requests);
    try (ClusterView view =
        ClusterView.start(
            own,
            PodNetworkingResolver.create(FixedNamePolicy.defaults()),
            new ClusterView.Listener() {},
            Duration.ZERO,
            Duration.ofSeconds(30))) {
      cluster.podNetworkings();
      await("the view sees both", WAIT, () -> view.podNetworkings().size() == 2);
    }
    List<HasMetadata> rbac = deployDocuments("rbac.yaml");
    assertExactly(requests, clusterRole(rbac, "terway4j-webhook").getRules(), List.of());
  }

  private void assertExactly(
      ConcurrentLinkedQueue<Recorded> requests,
      List<PolicyRule> clusterRules,
      List<PolicyRule> leaseRules) {
    Set<String> refused = new TreeSet<>();
    Set<Access> used = new TreeSet<>();
    for (Recorded request : requests) {
      used.add(request.access());
      boolean allowed =
          allows(clusterRules, request.access())
              || (request.namespace().equals(LEASE_NAMESPACE)
                  && allows(leaseRules, request.access()));
      if (!allowed) {
        refused.add(request.access() + " in '" + request.namespace() + "'");
      }
    }
    assertEquals(Set.of(), refused, "requests the roles do not allow; used: " + used);
    Set<Access> granted = new TreeSet<>();
    granted.addAll(expand(clusterRules));
    granted.addAll(expand(leaseRules));
    granted.removeAll(used);
    assertEquals(Set.of(), granted, "granted but never used; used: " + used);
  }

  private static boolean allows(List<PolicyRule> rules, Access access) {
    for (PolicyRule rule : rules) {
      if (rule.getApiGroups().contains(access.group())
          && rule.getResources().contains(access.resource())
          && rule.getVerbs().contains(access.verb())) {
        return true;
      }
    }
    return false;
  }

  private static Set<Access> expand(List<PolicyRule> rules) {
    Set<Access> all = new TreeSet<>();
    for (PolicyRule rule : rules) {
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          for (String verb : rule.getVerbs()) {
            all.add(new Access(group, resource, verb));
          }
        }
      }
    }
    return all;
  }

  /** A client whose every request is recorded as RBAC sees it. */
  private KubernetesClient recordingClient(ConcurrentLinkedQueue<Recorded> requests) {
    Interceptor record =
        new Interceptor() {
          @Override
          public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
            requests.add(parse(request.method(), request.uri()));
          }
        };
    return server.createClient(
        b -> b.withHttpClientBuilderConsumer(h -> h.addOrReplaceInterceptor("rbac", record)));
  }

  /** Maps a request to its RBAC group, resource (with subresource) and verb. */
  static Recorded parse(String method, URI uri) {
    List<String> parts = new ArrayList<>(List.of(uri.getPath().substring(1).split("/")));
    String group;
    if (parts.get(0).equals("api")) {
      group = "";
      parts = parts.subList(2, parts.size());
    } else {
      group = parts.get(1);
      parts = parts.subList(3, parts.size());
    }
    String namespace = "";
    if (parts.size() >= 2 && parts.get(0).equals("namespaces") && parts.size() > 2) {
      namespace = parts.get(1);
      parts = parts.subList(2, parts.size());
    }
    String resource = parts.get(0);
    boolean named = parts.size() >= 2;
    if (parts.size() >= 3) {
      resource = resource + "/" + parts.get(2);
    }
    String query = uri.getQuery() == null ? "" : uri.getQuery();
    String verb =
        switch (method) {
          case "GET" -> named ? "get" : (query.contains("watch=true") ? "watch" : "list");
          case "POST" -> "create";
          case "PUT" -> "update";
          case "PATCH" -> "patch";
          case "DELETE" -> named ? "delete" : "deletecollection";
          default -> method.toLowerCase(java.util.Locale.ROOT);
        };
    return new Recorded(new Access(group, resource, verb), namespace);
  }

  static List<HasMetadata> deployDocuments(String file) throws IOException {
    Path path = deployDirectory().resolve(file);
    try (InputStream in = Files.newInputStream(path)) {
      Object read = new io.fabric8.kubernetes.client.utils.KubernetesSerialization().unmarshal(in);
      if (read instanceof KubernetesList list) {
        return list.getItems();
      }
      if (read instanceof List<?> items) {
        List<HasMetadata> out = new ArrayList<>();
        items.forEach(i -> out.add((HasMetadata) i));
        return out;
      }
      return List.of((HasMetadata) read);
    }
  }

  static Path deployDirectory() {
    Path here = Path.of("").toAbsolutePath();
    for (Path dir = here; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("deploy"))) {
        return dir.resolve("deploy");
      }
    }
    throw new AssertionError("no deploy/ directory above " + here);
  }

  private static ClusterRole clusterRole(List<HasMetadata> documents, String name) {
    return documents.stream()
        .filter(d -> d instanceof ClusterRole && d.getMetadata().getName().equals(name))
        .map(ClusterRole.class::cast)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no ClusterRole " + name + " in deploy/rbac.yaml"));
  }

  private static Role role(List<HasMetadata> documents, String name, String namespace) {
    Role found =
        documents.stream()
            .filter(d -> d instanceof Role && d.getMetadata().getName().equals(name))
            .map(Role.class::cast)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no Role " + name + " in deploy/rbac.yaml"));
    assertEquals(namespace, found.getMetadata().getNamespace());
    assertTrue(found.getRules().size() > 0);
    return found;
  }
}
