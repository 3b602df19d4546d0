package dev.terway4j.testkit;

import dev.terway4j.allocator.AllocatorSettings;
import dev.terway4j.allocator.PodEniStore;
import dev.terway4j.allocator.TrunkAllocator;
import dev.terway4j.allocator.audit.AuditReport;
import dev.terway4j.cloud.fake.FakeClock;
import dev.terway4j.cloud.fake.FakeCloudProvider;
import dev.terway4j.cloud.spi.CloudProvider;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.selector.PodNetworkingResolver;
import java.util.List;

/**
 * The world a controller under {@link ControllerHarness} lives in: a fake cloud built from a
 * generated {@link CloudScenario}, its nodes, Ready PodNetworkings, a PodENI store that survives
 * restarts, and a fake clock. The harness hands it to the controller factory on every (re)start.
 *
 * <p>Wire your controller to {@link #cloud()}, not to {@link #fakeCloud()}: injected crashes happen
 * inside the former. {@link #newAllocator()} does that wiring for a {@link TrunkAllocator}.
 *
 * <p><b>Thread safety:</b> the cloud, clock, store and resolver are thread-safe; the harness itself
 * drives one step at a time.
 */
public interface SimulatedCluster {
  /**
   * Returns the cloud topology of this sequence.
   *
   * @return the scenario
   */
  CloudScenario scenario();

  /**
   * Returns the PodNetworkings of this sequence, all Ready; pods labelled {@code app=<name>} match
   * the one of that name.
   *
   * @return the PodNetworkings
   */
  List<PodNetworking> podNetworkings();

  /**
   * Returns the cloud the controller must use: the fake, with the harness's crash points.
   *
   * @return the cloud
   */
  CloudProvider cloud();

  /**
   * Returns the fake cloud behind {@link #cloud()}, for assertions (its calls, its ENIs).
   *
   * @return the fake
   */
  FakeCloudProvider fakeCloud();

  /**
   * Returns the clock of the cloud and of the harness; only the harness should move it (and waits,
   * through {@link #newAllocator()}'s waiter).
   *
   * @return the clock
   */
  FakeClock clock();

  /**
   * Returns the clock a controller should read: {@link #clock()}, except that under {@link
   * Fault#CLOCK_JUMP} the harness makes it jump far ahead (years, or to {@link
   * java.time.Instant#MAX}) or behind, and come back, as a node's clock may. The cloud keeps {@link
   * #clock()}. {@link #allocatorBuilder()} wires it into the allocator.
   *
   * @return the controller's clock
   */
  default java.time.Clock controllerClock() {
    return clock();
  }

  /**
   * Returns where PodENI records live; it survives restarts, as the API server would. Under {@link
   * Fault#STORE_FAILURE} it refuses some writes, as an API server does on a conflict or a rejecting
   * webhook.
   *
   * @return the store
   */
  PodEniStore store();

  /**
   * Returns a resolver holding {@link #podNetworkings()}, shared by every (re)started controller.
   *
   * @return the resolver
   */
  PodNetworkingResolver resolver();

  /**
   * Returns the allocator settings of the cluster: its id (the {@code ack.aliyun.com} tag the audit
   * looks for), its VPC and the seed.
   *
   * @return the settings
   */
  AllocatorSettings settings();

  /**
   * Returns the namespace of every pod.
   *
   * @return the namespace
   */
  Namespace namespace();

  /**
   * Returns the Kubernetes nodes of the scenario.
   *
   * @return the nodes
   */
  List<Node> nodes();

  /**
   * Returns an allocator builder wired to this cluster: {@link #cloud()}, {@link #resolver()},
   * {@link #settings()}, {@link #store()}, {@link #controllerClock()}, and a waiter that advances
   * the clock instead of sleeping.
   *
   * @return the builder; add a listener or metrics before building
   */
  TrunkAllocator.Builder allocatorBuilder();

  /**
   * Returns a new allocator from {@link #allocatorBuilder()}. After a restart the store may hold
   * records: call {@link TrunkAllocator#recover()} before the first event.
   *
   * @return the allocator
   */
  default TrunkAllocator newAllocator() {
    return allocatorBuilder().build();
  }

  /**
   * Audits the store against the fake's ENIs now, with no leak guard age.
   *
   * @return the report
   */
  AuditReport audit();
}
