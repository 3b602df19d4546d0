package dev.terway4j.allocator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.terway4j.allocator.placement.PodEniLedger;
import dev.terway4j.model.ImmutablePodEni;
import dev.terway4j.model.ImmutablePodEniStatus;
import dev.terway4j.model.ObjectMeta;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodEniStatus;
import dev.terway4j.testkit.Gen;
import dev.terway4j.testkit.Gens;
import dev.terway4j.testkit.ModelGenerators;
import dev.terway4j.testkit.PropertyChecks;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The ledger an informer feeds counts, after any sequence of adds, updates, deletes and relists,
 * the same slots as counting the surviving records from scratch (issue 14 item 9, issue 15 item 5).
 */
@DisplayName("PodEniLedger vs counting from scratch, issue 14 item 9")
class PodEniLedgerProperties {

  private static final List<String> NAMES = List.of("a", "b", "c", "d", "e");
  private static final List<String> INSTANCES = List.of("", "i-node1", "i-node2", "i-node3");

  /** One informer event: put a record, delete one by name, or relist some. */
  record Event(int kind, PodEni record, List<PodEni> relist) {
    @Override
    public String toString() {
      return switch (kind) {
        case 0 -> "put " + record.metadata().name() + "@" + PodEniLedger.slotInstance(record);
        case 1 -> "delete " + record.metadata().name();
        default -> "relist " + relist.size();
      };
    }
  }

  static Gen<PodEni> records() {
    return Gens.combine(
        ModelGenerators.plain().podEnis(),
        Gens.elements(NAMES),
        Gens.elements(INSTANCES),
        (generated, name, instance) -> {
          PodEniStatus status =
              ImmutablePodEniStatus.copyOf(
                      generated.status().orElse(PodEniStatus.builder().build()))
                  .withInstanceID(instance);
          return (PodEni)
              ImmutablePodEni.copyOf(generated)
                  .withMetadata(ObjectMeta.named("apps", name))
                  .withStatus(status);
        });
  }

  static Gen<Event> events() {
    return Gens.frequency(
        List.of(
            Map.entry(6, records().map(r -> new Event(0, r, List.of()))),
            Map.entry(3, records().map(r -> new Event(1, r, List.of()))),
            Map.entry(1, Gens.listOf(records(), 0, 4).map(l -> new Event(2, null, l)))));
  }

  @Test
  void ledger_countsWhatTheSurvivingRecordsName() {
    PropertyChecks.forAll(Gens.listOf(events(), 0, 30))
        .withTries(300)
        .checkThat(
            events -> {
              PodEniLedger ledger = PodEniLedger.create();
              Map<String, PodEni> reference = new HashMap<>();
              for (Event e : events) {
                switch (e.kind()) {
                  case 0 -> {
                    ledger.put(e.record());
                    reference.put(e.record().metadata().name(), e.record());
                  }
                  case 1 -> {
                    ledger.remove("apps", e.record().metadata().name());
                    reference.remove(e.record().metadata().name());
                  }
                  default -> {
                    ledger.replaceAll(e.relist());
                    reference.clear();
                    e.relist().forEach(r -> reference.put(r.metadata().name(), r));
                  }
                }
              }
              Map<String, Integer> expected = new HashMap<>();
              for (String instance : INSTANCES.subList(1, INSTANCES.size())) {
                int n = PodEniLedger.slotsUsed(reference.values(), instance);
                assertEquals(n, ledger.slotsUsed(instance), instance);
                if (n > 0) {
                  expected.put(instance, n);
                }
              }
              assertEquals(expected, ledger.slotsByInstance());
              assertEquals(reference.size(), ledger.size());
              for (String name : NAMES) {
                assertEquals(
                    java.util.Optional.ofNullable(reference.get(name)), ledger.get("apps", name));
              }
            });
  }
}
