package dev.terway4j.cli.scenario;

import static com.google.common.base.Preconditions.checkNotNull;

import dev.terway4j.cloud.spi.InstanceType;
import dev.terway4j.model.PodNetworking;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A scenario for {@code terway simulate}, as read from its YAML file. Immutable and thread-safe.
 *
 * @param source where it was read from, for messages
 * @param name a short name
 * @param description what it shows
 * @param seed the seed of the fake cloud and the allocator (ids, MACs, addresses, VLAN ids)
 * @param cloud the in-memory cloud's topology
 * @param nodes the nodes, each an instance with a trunk ENI
 * @param namespaces the namespaces and their labels
 * @param podNetworkings the PodNetworkings, before the controller computed their status
 * @param steps what happens, in order
 */
public record Scenario(
    Path source,
    String name,
    String description,
    long seed,
    Cloud cloud,
    List<Node> nodes,
    List<Namespace> namespaces,
    List<PodNetworking> podNetworkings,
    List<Step> steps) {

  /** Copies the lists. */
  public Scenario {
    checkNotNull(source, "source");
    checkNotNull(name, "name");
    checkNotNull(description, "description");
    checkNotNull(cloud, "cloud");
    nodes = List.copyOf(nodes);
    namespaces = List.copyOf(namespaces);
    podNetworkings = List.copyOf(podNetworkings);
    steps = List.copyOf(steps);
  }

  /**
   * The in-memory cloud.
   *
   * @param region the region id
   * @param clusterId the cluster id the allocator tags its ENIs with
   * @param vpcId the VPC every vSwitch is in
   * @param vSwitches the pods' vSwitches
   * @param instanceTypes the instance types, with their ENI limits
   * @param securityGroups the security groups that exist; absent: every one a PodNetworking names
   * @param transitionDelay how long attaching, detaching and deleting an ENI take
   */
  public record Cloud(
      String region,
      String clusterId,
      String vpcId,
      List<VSwitch> vSwitches,
      List<InstanceType> instanceTypes,
      Optional<List<String>> securityGroups,
      Duration transitionDelay) {

    /** Copies the lists. */
    public Cloud {
      vSwitches = List.copyOf(vSwitches);
      instanceTypes = List.copyOf(instanceTypes);
      securityGroups = securityGroups.map(List::copyOf);
    }
  }

  /**
   * A vSwitch of the pods.
   *
   * @param id its id ({@code vsw-...})
   * @param zone its zone
   * @param ipv4Cidr its IPv4 block; the first and the last three addresses are reserved
   */
  public record VSwitch(String id, String zone, String ipv4Cidr) {}

  /**
   * A node: an ECS instance with a trunk ENI.
   *
   * @param name the Kubernetes node name
   * @param zone its zone
   * @param instanceType its instance type
   * @param instanceId its instance id ({@code i-<name>} unless given)
   * @param trunkEniId its trunk ENI ({@code eni-trunk-<name>} unless given)
   */
  public record Node(
      String name, String zone, String instanceType, String instanceId, String trunkEniId) {}

  /**
   * A namespace.
   *
   * @param name its name
   * @param labels its labels ({@code kubernetes.io/metadata.name} is added as the API server does)
   */
  public record Namespace(String name, Map<String, String> labels) {

    /** Copies the labels. */
    public Namespace {
      labels = Map.copyOf(labels);
    }
  }

  /**
   * One step of a scenario.
   *
   * @param number its number, from 1
   * @param path its place in the file, {@code steps[0]}
   * @param action what it does
   * @param expectations what must hold after it
   * @param settle whether to tick until the pods concerned are at rest (Bind, Unbind or gone)
   */
  public record Step(
      int number, String path, Action action, List<Expectation> expectations, boolean settle) {

    /** Copies the expectations. */
    public Step {
      checkNotNull(action, "action");
      expectations = List.copyOf(expectations);
    }
  }

  /** What a step does. */
  public sealed interface Action
      permits CreatePods, DeletePods, ReleasePodEni, Advance, InjectFault, Restart, Check {

    /** Returns a short description for the timeline, e.g. {@code create on node-a}. */
    String describe();
  }

  /**
   * Creates pods (scheduled to a node): Terway's webhook runs first, then the allocator.
   *
   * @param namespace the namespace
   * @param names the pod names (one, or {@code <name>-0..<name>-(n-1)} with {@code replicas})
   * @param labels the pods' labels
   * @param annotations the pods' annotations
   * @param ownerKind the owner's kind ({@code StatefulSet}, {@code ReplicaSet}, ...), absent for a
   *     bare pod
   * @param ownerName the owner's name
   * @param node the node they are scheduled to
   */
  public record CreatePods(
      String namespace,
      List<String> names,
      Map<String, String> labels,
      Map<String, String> annotations,
      Optional<String> ownerKind,
      String ownerName,
      String node)
      implements Action {

    /** Copies the collections. */
    public CreatePods {
      names = List.copyOf(names);
      labels = Map.copyOf(labels);
      annotations = Map.copyOf(annotations);
    }

    @Override
    public String describe() {
      return "create" + ownerKind.map(k -> " " + k).orElse(" bare pod") + " on " + node;
    }
  }

  /**
   * Deletes pods.
   *
   * @param namespace the namespace
   * @param names the pod names
   */
  public record DeletePods(String namespace, List<String> names) implements Action {

    /** Copies the names. */
    public DeletePods {
      names = List.copyOf(names);
    }

    @Override
    public String describe() {
      return "delete";
    }
  }

  /**
   * Deletes a pod's PodENI as its owner would: how a {@code Never} ENI is given up.
   *
   * @param namespace the namespace
   * @param name the pod name
   */
  public record ReleasePodEni(String namespace, String name) implements Action {
    @Override
    public String describe() {
      return "release PodENI";
    }
  }

  /**
   * Lets virtual time pass, ticking the allocator at {@code tickEvery}.
   *
   * @param duration how long
   * @param tickEvery how often the allocator ticks meanwhile
   */
  public record Advance(Duration duration, Duration tickEvery) implements Action {
    @Override
    public String describe() {
      return "advance " + dev.terway4j.model.GoDurations.format(duration);
    }
  }

  /**
   * Injects a fault into the fake cloud, or clears them all.
   *
   * @param kind what kind of fault
   * @param operation the API it applies to, absent for {@link FaultKind#CLEAR}
   * @param errorCode for {@link FaultKind#ERROR}, the Alibaba Cloud error code
   * @param times for one-shot faults, how many calls
   * @param latency for {@link FaultKind#LATENCY}
   * @param callsPerMinute for {@link FaultKind#RATE_LIMIT}
   */
  public record InjectFault(
      FaultKind kind,
      Optional<dev.terway4j.cloud.spi.CloudOperation> operation,
      String errorCode,
      int times,
      Duration latency,
      int callsPerMinute)
      implements Action {

    @Override
    public String describe() {
      String api = operation.map(o -> " " + o.apiName()).orElse("");
      return switch (kind) {
        case ERROR -> "fault" + api + " fails " + errorCode + " x" + times;
        case THROTTLE -> "fault" + api + " throttled x" + times;
        case TIMEOUT -> "fault" + api + " times out after applying x" + times;
        case LATENCY ->
            "fault" + api + " latency " + dev.terway4j.model.GoDurations.format(latency);
        case RATE_LIMIT -> "fault" + api + " limited to " + callsPerMinute + "/min";
        case CLEAR -> "clear faults";
      };
    }
  }

  /** The kinds of fault a step can inject. */
  public enum FaultKind {
    /** The next calls fail with an error code. */
    ERROR,
    /** The next calls fail with {@code Throttling}. */
    THROTTLE,
    /** The next calls take effect, then the reply is lost. */
    TIMEOUT,
    /** Every call takes this long (virtual time). */
    LATENCY,
    /** The API admits at most so many calls a minute. */
    RATE_LIMIT,
    /** Every fault is removed. */
    CLEAR
  }

  /** Restarts the allocator: a new instance recovers from the PodENI records and the cloud. */
  public record Restart() implements Action {
    @Override
    public String describe() {
      return "restart allocator";
    }
  }

  /** Does nothing: a step that only checks its expectations. */
  public record Check() implements Action {
    @Override
    public String describe() {
      return "check";
    }
  }

  /**
   * What must hold after a step. Every field is optional; a pod-level field needs {@link #pod()}
   * (which a create or delete step of one pod supplies).
   *
   * @param path its place in the file, for messages
   * @param pod the pod ({@code namespace/name}) the pod-level fields are about
   * @param podNetworking the PodNetworking the webhook chose, {@code none} for none
   * @param ambiguous whether several PodNetworkings matched
   * @param vSwitch the vSwitch of the pod's ENI
   * @param ip the pod's IPv4 address
   * @param sameIpAsBefore whether the IP equals the one of the pod's previous creation
   * @param sameEniAsBefore whether the ENI equals the one of the pod's previous creation
   * @param phase the PodENI phase ({@code Bind}, {@code Unbind}, ...), {@code none} for no PodENI
   * @param node the node the PodENI is bound to
   * @param error the reason the step's allocation failed ({@code NODE_CAPACITY_FULL}, ...), or
   *     {@code none}
   * @param noLeakedEnis whether every ENI tagged with the cluster is referenced by a PodENI
   * @param enis how many ENIs tagged with the cluster exist
   * @param memberEnis member slots in use, per node name
   * @param podsPerVSwitch bound PodENIs per vSwitch
   * @param calls cloud calls so far, per API name (the fake's counters)
   */
  public record Expectation(
      String path,
      Optional<String> pod,
      Optional<String> podNetworking,
      Optional<Boolean> ambiguous,
      Optional<String> vSwitch,
      Optional<String> ip,
      Optional<Boolean> sameIpAsBefore,
      Optional<Boolean> sameEniAsBefore,
      Optional<String> phase,
      Optional<String> node,
      Optional<String> error,
      Optional<Boolean> noLeakedEnis,
      Optional<Integer> enis,
      Map<String, Integer> memberEnis,
      Map<String, Integer> podsPerVSwitch,
      Map<String, Long> calls) {

    /** Copies the maps. */
    public Expectation {
      memberEnis = Map.copyOf(memberEnis);
      podsPerVSwitch = Map.copyOf(podsPerVSwitch);
      calls = Map.copyOf(calls);
    }

    /** Returns whether a pod-level field is set. */
    public boolean aboutAPod() {
      return podNetworking.isPresent()
          || ambiguous.isPresent()
          || vSwitch.isPresent()
          || ip.isPresent()
          || sameIpAsBefore.isPresent()
          || sameEniAsBefore.isPresent()
          || phase.isPresent()
          || node.isPresent()
          || error.isPresent();
    }
  }
}
