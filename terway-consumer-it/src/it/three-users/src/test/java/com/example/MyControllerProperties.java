package com.example;

import dev.terway4j.allocator.TrunkAllocator;
import dev.terway4j.model.Namespace;
import dev.terway4j.model.Node;
import dev.terway4j.model.Pod;
import dev.terway4j.testkit.CloudScenarios;
import dev.terway4j.testkit.ControllerHarness;
import dev.terway4j.testkit.PodController;
import dev.terway4j.testkit.SimulatedCluster;
import org.junit.jupiter.api.Test;

// The README's "Your controller's property test" sample, built as the project of a controller's
// author would: only the BOM and public packages. The marked lines are the README's, verbatim.
// README sample begins
class MyControllerProperties {
  /** The controller under test: it hands pod events to a TrunkAllocator. */
  static final class MyController implements PodController {
    final TrunkAllocator allocator;

    MyController(SimulatedCluster cluster) {
      allocator = cluster.newAllocator();
      allocator.recover(); // after a crash or a restart, the store still holds the PodENIs
    }

    @Override
    public void podScheduled(Pod pod, Namespace namespace, Node node) {
      allocator.podScheduled(pod, namespace, node);
    }

    @Override
    public void podDeleted(Pod pod) {
      allocator.podDeleted(pod.metadata().namespace(), pod.metadata().name());
    }

    @Override
    public void timePassed() {
      allocator.tick();
    }
  }

  @Test
  void myController_keepsTheInvariants_underFaultsCrashesAndRestarts() {
    var result =
        ControllerHarness.of(MyController::new) // called again after every crash and restart
            .podNetworkings( // the kinds of PodNetworking my cluster uses
                s -> CloudScenarios.podNetworkings(s, CloudScenarios.allocationTypes()))
            .maxSteps(30)
            .withTries(50)
            .check(); // on failure: the seed and the shortest failing sequence, step by step
    System.out.println(result); // 50 sequences passed: ... steps, ... faulted steps, ...
  }
}
// README sample ends
