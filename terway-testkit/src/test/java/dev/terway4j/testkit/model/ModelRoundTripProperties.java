package dev.terway4j.testkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.model.GoDurations;
import dev.terway4j.model.KubernetesObject;
import dev.terway4j.model.ManifestException;
import dev.terway4j.model.ManifestValidator;
import dev.terway4j.model.Manifests;
import dev.terway4j.model.PodEni;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.ReadOptions;
import dev.terway4j.model.ValidationResult;
import dev.terway4j.testkit.Gen;
import dev.terway4j.testkit.Gens;
import dev.terway4j.testkit.ModelGenerators;
import dev.terway4j.testkit.PropertyChecks;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Properties of the model's reading, writing and validation over generated objects, with plain and
 * edge-case generators. Tries are bounded here; {@code -Dterway.tries=N} deepens them.
 */
class ModelRoundTripProperties {

  private static ModelGenerators generators(boolean edges) {
    return edges ? ModelGenerators.withEdgeCases() : ModelGenerators.plain();
  }

  @ParameterizedTest(name = "edge cases: {0}")
  @ValueSource(booleans = {false, true})
  void yaml_readWriteRead_givesEqualObject(boolean edges) {
    PropertyChecks.forAll(generators(edges).objects())
        .withTries(200)
        .checkThat(
            object -> {
              String yaml = Manifests.toYaml(object);
              List<KubernetesObject> back = Manifests.read(yaml, ReadOptions.strictDefaults());
              assertEquals(List.of(object), back, yaml);
            });
  }

  @ParameterizedTest(name = "edge cases: {0}")
  @ValueSource(booleans = {false, true})
  void json_readWriteRead_givesEqualObject(boolean edges) {
    PropertyChecks.forAll(generators(edges).objects())
        .withTries(200)
        .checkThat(
            object -> {
              String json = Manifests.toJson(object);
              assertEquals(
                  List.of(object), Manifests.readJson(json, ReadOptions.strictDefaults()), json);
              String pretty = Manifests.toPrettyJson(object);
              assertEquals(List.of(object), Manifests.read(pretty), pretty);
            });
  }

  @ParameterizedTest(name = "edge cases: {0}")
  @ValueSource(booleans = {false, true})
  void yaml_multiDocument_keepsOrder(boolean edges) {
    PropertyChecks.forAll(generators(edges).objects().listOf(0, 6))
        .withTries(50)
        .checkThat(objects -> assertEquals(objects, Manifests.read(Manifests.toYaml(objects))));
  }

  @ParameterizedTest(name = "edge cases: {0}")
  @ValueSource(booleans = {false, true})
  void generatedPodNetworkingsAndPodEnis_validateWithoutErrors(boolean edges) {
    ManifestValidator validator = ManifestValidator.defaults();
    Gen<KubernetesObject> crds =
        Gens.oneOf(
            generators(edges).podNetworkings().map(o -> (KubernetesObject) o),
            generators(edges).podEnis().map(o -> (KubernetesObject) o));
    PropertyChecks.forAll(crds)
        .withTries(200)
        .checkThat(
            object -> {
              ValidationResult result = validator.validate(object);
              assertTrue(result.valid(), () -> result + "\n" + Manifests.toYaml(object));
            });
  }

  @org.junit.jupiter.api.Test
  void goDurations_formatThenParse_isIdentity() {
    PropertyChecks.forAll(Gens.longs(Long.MIN_VALUE, Long.MAX_VALUE))
        .withTries(1000)
        .checkThat(
            nanos -> {
              Duration d = Duration.ofNanos(nanos);
              String text = GoDurations.format(d);
              assertEquals(d, GoDurations.parse(text), text);
            });
  }

  /** Random single-character edits of valid manifests never escape as untyped exceptions. */
  @ParameterizedTest(name = "edge cases: {0}")
  @ValueSource(booleans = {false, true})
  void mutatedManifests_readOrFailWithManifestExceptionOnly(boolean edges) {
    String noise = ":-[]{}#&*!|>'\"%@` \n\t0aZ,?";
    Gen<String> mutated =
        Gens.combine(
            generators(edges).objects().map(Manifests::toYaml),
            Gens.integers(0, 10_000),
            Gens.integers(0, noise.length() - 1),
            Gens.integers(0, 2),
            (yaml, at, c, how) -> {
              int i = at % (yaml.length() + 1);
              String ch = String.valueOf(noise.charAt(c));
              switch (how) {
                case 0:
                  return yaml.substring(0, i) + ch + yaml.substring(i);
                case 1:
                  return i < yaml.length() ? yaml.substring(0, i) + yaml.substring(i + 1) : yaml;
                default:
                  return i < yaml.length()
                      ? yaml.substring(0, i) + ch + yaml.substring(i + 1)
                      : yaml;
              }
            });
    PropertyChecks.forAll(mutated)
        .withTries(500)
        .checkThat(
            text -> {
              for (ReadOptions options :
                  List.of(ReadOptions.DEFAULT, ReadOptions.strictDefaults())) {
                try {
                  List<KubernetesObject> objects = Manifests.read(text, options);
                  for (KubernetesObject object : objects) {
                    // Whatever was read can be written and read again.
                    assertEquals(List.of(object), Manifests.read(Manifests.toYaml(object)));
                  }
                } catch (ManifestException expected) {
                  assertTrue(!expected.problems().isEmpty());
                }
              }
            });
  }

  @org.junit.jupiter.api.Test
  void podEni_fixedIp_isTrueExactlyWhenAnAllocationIsFixed() {
    PropertyChecks.forAll(ModelGenerators.plain().podEnis())
        .withTries(100)
        .checkThat(
            (PodEni eni) ->
                assertEquals(
                    eni.spec().allocations().stream()
                        .anyMatch(a -> a.allocationType().type().wireValue().equals("Fixed")),
                    eni.fixedIp()));
  }

  @org.junit.jupiter.api.Test
  void podNetworking_readyIsStatusReady() {
    PropertyChecks.forAll(ModelGenerators.plain().podNetworkings())
        .withTries(100)
        .checkThat(
            (PodNetworking pn) ->
                assertEquals(
                    pn.status()
                        .flatMap(s -> s.status())
                        .map(s -> s.wireValue())
                        .orElse("")
                        .equals("Ready"),
                    pn.ready()));
  }
}
