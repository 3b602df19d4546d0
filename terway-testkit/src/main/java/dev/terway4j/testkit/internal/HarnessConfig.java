package dev.terway4j.testkit.internal;

import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.testkit.CloudScenario;
import dev.terway4j.testkit.Fault;
import dev.terway4j.testkit.Gen;
import dev.terway4j.testkit.PodController;
import dev.terway4j.testkit.SimulatedCluster;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What a harness run was configured with, shared by its tries. Immutable apart from the stats.
 *
 * @param factory creates the controller for a cluster, on every (re)start
 * @param scenarios the cloud scenarios
 * @param podNetworkings the PodNetworkings of a scenario
 * @param faults the faults the sequences may contain
 * @param excluded the cloud faults that never hit an operation
 * @param invariant the user's invariant, or null
 * @param tolerated the exception types that mean "requeue"
 * @param settleRounds the most clock advances the final convergence may take
 * @param stats the counters
 */
public record HarnessConfig(
    Function<? super SimulatedCluster, ? extends PodController> factory,
    Gen<CloudScenario> scenarios,
    Function<CloudScenario, Gen<List<PodNetworking>>> podNetworkings,
    Set<Fault> faults,
    Set<Map.Entry<Fault, CloudOperation>> excluded,
    UserInvariant invariant,
    List<Class<? extends Throwable>> tolerated,
    int settleRounds,
    HarnessStats stats) {

  /** The user's invariant, with the controller type erased. */
  @FunctionalInterface
  public interface UserInvariant {
    /**
     * Checks the cluster and the controller.
     *
     * @param cluster the cluster
     * @param controller the current controller
     * @throws Exception when the invariant does not hold
     */
    void check(SimulatedCluster cluster, PodController controller) throws Exception;
  }

  /**
   * Tells whether an exception means "requeue".
   *
   * @param t the exception
   * @return true if one of the tolerated types
   */
  public boolean tolerates(Throwable t) {
    for (Class<? extends Throwable> type : tolerated) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
