package dev.terway4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's usage sample, kept compiling and true. */
class ReadmeExampleTest {

  @Test
  void readmeSample_readsValidatesAndRewrites() {
    PodNetworking pn =
        Manifests.readOne(Resources.text("guide/podnetworking-example.yaml"), PodNetworking.class);

    ValidationResult result = ManifestValidator.defaults().validate(pn);
    assertTrue(result.warnings().isEmpty());
    result.throwIfInvalid();

    Duration ttl = pn.spec().allocationType().releaseAfterDuration().orElseThrow();
    assertEquals(Duration.ofHours(1), ttl);
    PodNetworking relaxed =
        ImmutablePodNetworking.copyOf(pn)
            .withSpec(
                ImmutablePodNetworkingSpec.copyOf(pn.spec())
                    .withAllocationType(AllocationType.fixedTtl(Duration.ofMinutes(30))));
    assertTrue(
        Manifests.toYaml(relaxed).contains("releaseAfter: 30m0s"), Manifests.toYaml(relaxed));
  }

  @Test
  void readmeSample_strictReadingAndTerwayPolicy() {
    String text =
        Resources.text("guide/podnetworking-example.yaml")
            .replace("vSwitchOptions", "vswitchOptions");
    assertThrows(ManifestException.class, () -> Manifests.read(text, ReadOptions.strictDefaults()));
    assertEquals(
        10, ManifestValidator.of(ValidationPolicy.TERWAY_COMPATIBLE).policy().maxSecurityGroups());
  }
}
