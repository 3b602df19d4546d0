package dev.terway4j.kubernetes;

import static dev.terway4j.kubernetes.PodEniFixtures.withoutServerFields;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.terway4j.model.ImmutableObjectMeta;
import dev.terway4j.model.ImmutablePodEni;
import dev.terway4j.model.PodEni;
import dev.terway4j.testkit.ModelGenerators;
import dev.terway4j.testkit.PropertyChecks;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Any PodENI the model can hold survives the trip through the Kubernetes API unchanged: written by
 * {@link KubernetesPodEniStore} as JSON, stored by the (mock) API server, read back.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesPodEniStoreProperties {

  KubernetesClient client;
  private KubernetesPodEniStore store;

  @BeforeEach
  void setUp() {
    PodEniFixtures.installCrds(client);
    store = KubernetesPodEniStore.create(client);
  }

  @Test
  void everyPodEni_readsBackAsWritten() {
    PropertyChecks.forAll(ModelGenerators.withEdgeCases().podEnis())
        .withTries(60)
        .checkThat(
            generated -> {
              PodEni record = clientSide(generated);
              store.put(record);
              PodEni read =
                  store.get(record.metadata().namespace(), record.metadata().name()).orElseThrow();
              assertEquals(record, withoutServerFields(read));
              store.delete(record.metadata().namespace(), record.metadata().name());
            });
  }

  /** The record without the metadata only the API server sets. */
  private static PodEni clientSide(PodEni record) {
    return ImmutablePodEni.copyOf(withoutServerFields(record))
        .withMetadata(
            ImmutableObjectMeta.copyOf(withoutServerFields(record).metadata())
                .withDeletionTimestamp(Optional.empty()));
  }
}
