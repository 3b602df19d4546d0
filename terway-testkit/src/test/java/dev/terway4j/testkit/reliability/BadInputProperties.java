package dev.terway4j.testkit.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.terway4j.cloud.spi.InvalidArgumentException;
import dev.terway4j.cloud.spi.ResourceIds;
import dev.terway4j.model.DurationFormatException;
import dev.terway4j.model.GoDurations;
import dev.terway4j.model.KubernetesObject;
import dev.terway4j.model.ManifestException;
import dev.terway4j.model.ManifestProblem;
import dev.terway4j.model.ManifestValidator;
import dev.terway4j.model.Manifests;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.ReadOptions;
import dev.terway4j.model.ValidationException;
import dev.terway4j.model.ValidationResult;
import dev.terway4j.selector.Selector;
import dev.terway4j.selector.SelectorParseException;
import dev.terway4j.selector.Selectors;
import dev.terway4j.testkit.Gens;
import dev.terway4j.testkit.MalformedInputs;
import dev.terway4j.testkit.PropertyChecks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Generated malformed input reaches the model, selector and SPI entry points and comes back only as
 * their typed exceptions ({@link ManifestException}, {@link ValidationException}, {@link
 * SelectorParseException}, {@link DurationFormatException}, {@link InvalidArgumentException}),
 * never as a Jackson, SnakeYAML, NumberFormat, NullPointer or StackOverflow error. And where input
 * gets through reading and validation cleanly, nothing downstream (selector conversion, TTL
 * parsing) may throw at all.
 *
 * <p>Bounded tries here (6,801 inputs, the issue 13 classes among them); {@code -Dterway.tries=N}
 * runs N per property.
 */
class BadInputProperties {
  private static final AtomicLong INPUTS = new AtomicLong();

  @AfterAll
  static void report() {
    SuiteCounts.print("bad inputs", INPUTS.get() + " malformed inputs, only typed exceptions");
  }

  @Test
  void malformedManifests_failOnlyWithManifestException_andValidOnesConvertCleanly() {
    AtomicLong refused = new AtomicLong();
    AtomicLong tried = new AtomicLong();
    PropertyChecks.forAll(MalformedInputs.manifests())
        .withTries(1_500)
        .checkThat(
            text -> {
              INPUTS.incrementAndGet();
              tried.incrementAndGet();
              for (ReadOptions options :
                  List.of(ReadOptions.DEFAULT, ReadOptions.strictDefaults())) {
                List<KubernetesObject> objects;
                try {
                  objects = Manifests.read(text, options);
                } catch (ManifestException expected) {
                  assertFalse(expected.problems().isEmpty(), "a ManifestException names a problem");
                  if (options == ReadOptions.DEFAULT) {
                    refused.incrementAndGet();
                  }
                  continue;
                }
                objects.forEach(BadInputProperties::useDownstream);
              }
              try {
                Manifests.readJson(text, ReadOptions.strictDefaults());
              } catch (ManifestException expected) {
                // typed
              }
            });
    // The generator is worth its name: most of what it makes is refused even by lenient reading.
    assertTrue(refused.get() * 2 > tried.get(), refused + " of " + tried + " refused");
  }

  /** Validates what was read; whatever validates must convert and parse without exceptions. */
  private static void useDownstream(KubernetesObject object) {
    ValidationResult result = ManifestValidator.defaults().validate(object);
    if (!result.valid()) {
      try {
        result.throwIfInvalid();
      } catch (ValidationException expected) {
        assertFalse(expected.errors().isEmpty());
        return;
      }
      throw new AssertionError("an invalid result did not throw: " + result);
    }
    if (object instanceof PodNetworking pn) {
      pn.spec().selector().podSelector().ifPresent(Selectors::fromLabelSelector);
      pn.spec().selector().namespaceSelector().ifPresent(Selectors::fromLabelSelector);
      pn.spec().allocationType().releaseAfterDuration();
    }
    // Whatever was read writes back and reads again.
    Manifests.read(Manifests.toYaml(object));
  }

  @Test
  void malformedSelectorStrings_failOnlyWithSelectorParseException() {
    PropertyChecks.forAll(MalformedInputs.selectorStrings())
        .withTries(1_000)
        .checkThat(
            text -> {
              INPUTS.incrementAndGet();
              try {
                Selector parsed = Selector.parse(text);
                // What parses prints canonically and parses back to itself.
                assertTrue(parsed.equals(Selector.parse(parsed.toString())), parsed::toString);
              } catch (SelectorParseException expected) {
                assertFalse(expected.getMessage().isEmpty());
              }
            });
  }

  @Test
  void invalidModelLabelSelectors_failOnlyWithValidationException_withFieldPaths() {
    PropertyChecks.forAll(MalformedInputs.invalidLabelSelectors())
        .withTries(800)
        .checkThat(
            selector -> {
              INPUTS.incrementAndGet();
              try {
                Selectors.fromLabelSelector(selector);
                throw new AssertionError("an invalid selector converted: " + selector);
              } catch (ValidationException expected) {
                assertTrue(
                    expected.errors().stream().allMatch(v -> !v.path().isEmpty()),
                    expected::getMessage);
              }
            });
  }

  @Test
  void malformedDurations_failOnlyWithDurationFormatException() {
    PropertyChecks.forAll(MalformedInputs.durations())
        .withTries(1_000)
        .checkThat(
            text -> {
              INPUTS.incrementAndGet();
              boolean valid = GoDurations.isValid(text);
              try {
                GoDurations.parse(text);
                assertTrue(valid, "parse accepted what isValid refused: " + text);
              } catch (DurationFormatException expected) {
                assertFalse(valid, "isValid accepted what parse refused: " + text);
              }
            });
  }

  @Test
  void idsWithInjectedCharacters_areRefusedWithInvalidArgumentException() {
    List<Function<String, String>> checks =
        List.of(
            ResourceIds::checkNetworkInterfaceId,
            ResourceIds::checkVSwitchId,
            ResourceIds::checkInstanceId,
            ResourceIds::checkSecurityGroupId,
            ResourceIds::checkVpcId);
    List<String> prefixes = List.of("eni-", "vsw-", "i-", "sg-", "vpc-");
    PropertyChecks.forAll(
            Gens.integers(0, checks.size() - 1)
                .flatMap(i -> MalformedInputs.injectedIds(prefixes.get(i)).map(id -> i + ":" + id)))
        .withTries(800)
        .checkThat(
            tagged -> {
              INPUTS.incrementAndGet();
              int i = Integer.parseInt(tagged.substring(0, tagged.indexOf(':')));
              String id = tagged.substring(tagged.indexOf(':') + 1);
              try {
                checks.get(i).apply(id);
                throw new AssertionError("accepted " + id);
              } catch (InvalidArgumentException expected) {
                assertFalse(expected.retryable());
              }
            });
  }

  // ---------------------------------------------------------------- issue 13, by class

  /**
   * What every refusal must respect whatever the input (issue 13 item 5): at most {@code
   * maxProblems} kept problems plus their summaries, bounded components, a bounded message.
   */
  private static void assertBounded(ManifestException e, ReadOptions options) {
    List<ManifestProblem> problems = e.problems();
    assertFalse(problems.isEmpty());
    assertTrue(problems.size() <= 2 * options.maxProblems() + 1, "problems: " + problems.size());
    for (ManifestProblem p : problems) {
      assertTrue(p.path().length() <= ManifestProblem.MAX_PATH_CHARS, p::path);
      assertTrue(p.message().length() <= ManifestProblem.MAX_MESSAGE_CHARS, p::message);
    }
    int line = 2 * ManifestProblem.MAX_PATH_CHARS + ManifestProblem.MAX_MESSAGE_CHARS + 64;
    assertTrue(
        e.getMessage().length() <= ManifestException.MAX_PROBLEMS_IN_MESSAGE * line + 200,
        () -> "message of " + e.getMessage().length() + " characters");
  }

  @Test
  void hostileManifests_failOnlyWithBoundedManifestException_issue13items5to14() {
    PropertyChecks.forAll(MalformedInputs.hostileManifests())
        .withTries(150)
        .checkThat(
            text -> {
              INPUTS.incrementAndGet();
              for (ReadOptions options :
                  List.of(ReadOptions.DEFAULT, ReadOptions.strictDefaults())) {
                try {
                  Manifests.read(text, options);
                } catch (ManifestException e) {
                  assertBounded(e, options);
                }
              }
              try {
                Manifests.readJson(text, ReadOptions.DEFAULT);
              } catch (ManifestException e) {
                assertBounded(e, ReadOptions.DEFAULT);
              }
            });
  }

  @Test
  void deepAndWideManifests_areRefusedWithAtMostTwentyProblemsPerDocument_issue13item5() {
    ReadOptions options = ReadOptions.DEFAULT;
    PropertyChecks.forAll(
            Gens.oneOf(MalformedInputs.deepAndWideManifests(), MalformedInputs.longPathManifests()))
        .withTries(200)
        .checkThat(
            text -> {
              INPUTS.incrementAndGet();
              ManifestException e =
                  assertThrows(ManifestException.class, () -> Manifests.read(text, options));
              assertBounded(e, options);
              Map<Integer, Long> byDocument =
                  e.problems().stream()
                      .filter(p -> !p.message().startsWith("and "))
                      .collect(
                          Collectors.groupingBy(
                              ManifestProblem::documentIndex, Collectors.counting()));
              byDocument.forEach(
                  (document, count) ->
                      assertTrue(
                          count <= options.maxProblemsPerDocument(),
                          "document " + document + ": " + count));
            });
  }

  @Test
  void longTokenManifests_readOrFailWithATypedProblem_andLongNumbersAreTooLarge_issue13item6() {
    PropertyChecks.forAll(MalformedInputs.longTokenManifests())
        .withTries(200)
        .checkThat(
            text -> {
              INPUTS.incrementAndGet();
              try {
                Manifests.read(text);
              } catch (ManifestException e) {
                assertBounded(e, ReadOptions.DEFAULT);
                // Nothing long is a syntax error: a number is over its limit, or the rest of a
                // valid document is wrong (a missing field, a number where a string belongs).
                assertTrue(
                    e.problems().stream().noneMatch(p -> p.kind() == ManifestProblem.Kind.SYNTAX),
                    e::getMessage);
              }
            });
  }

  @Test
  void nullFirstDuplicateKeys_areAlwaysRefusedAsDuplicates_issue13item13() {
    PropertyChecks.forAll(MalformedInputs.nullFirstDuplicateKeys())
        .withTries(200)
        .checkThat(
            text -> {
              INPUTS.incrementAndGet();
              ManifestException e =
                  assertThrows(ManifestException.class, () -> Manifests.read(text), text);
              assertTrue(
                  e.problems().stream().anyMatch(p -> p.message().startsWith("duplicate key")),
                  e::getMessage);
            });
  }

  @Test
  void badTagManifests_areAlwaysRefused_issue13item13() {
    PropertyChecks.forAll(MalformedInputs.badTagManifests())
        .withTries(150)
        .checkThat(
            text -> {
              INPUTS.incrementAndGet();
              ManifestException e =
                  assertThrows(ManifestException.class, () -> Manifests.read(text), text);
              assertBounded(e, ReadOptions.DEFAULT);
            });
  }

  @Test
  void badTimestampManifests_areAlwaysRefusedAtTheTimestampsPath_issue13item14() {
    PropertyChecks.forAll(MalformedInputs.badTimestampManifests())
        .withTries(500)
        .checkThat(
            text -> {
              INPUTS.incrementAndGet();
              ManifestException e =
                  assertThrows(ManifestException.class, () -> Manifests.read(text), text);
              ManifestProblem p = e.problems().get(0);
              assertEquals(ManifestProblem.Kind.INVALID_VALUE, p.kind(), e.getMessage());
              assertTrue(p.path().endsWith("Timestamp") || p.path().endsWith("LastSeen"), p::path);
            });
  }

  @Test
  void invalidEncodingsInFiles_failWithManifestExceptionNamingFileAndByteOffset_issue13item7()
      throws IOException {
    Path dir = Files.createTempDirectory("terway-bad-encodings");
    Path file = dir.resolve("manifest.yaml");
    try {
      PropertyChecks.forAll(MalformedInputs.invalidEncodings())
          .withTries(300)
          .checkThat(
              bytes -> {
                INPUTS.incrementAndGet();
                Files.write(file, bytes);
                ManifestException e =
                    assertThrows(
                        ManifestException.class,
                        () -> Manifests.readDocuments(file, ReadOptions.DEFAULT));
                ManifestProblem p = e.problems().get(0);
                assertEquals(file.toString(), p.source());
                assertTrue(p.message().contains("byte offset"), p::message);
              });
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(dir);
    }
  }

  @Test
  void millionNullList_ofTheIssuesSize_isRefusedWithinBoundedMemory_issue13item5() {
    // The issue's 5 MB list: 1,000,000 problems and their joined message exhausted 256 MiB.
    String text = "[" + "null,".repeat(999_999) + "null]";
    INPUTS.incrementAndGet();
    ManifestException e =
        assertThrows(ManifestException.class, () -> Manifests.readJson(text, ReadOptions.DEFAULT));
    assertEquals(ReadOptions.DEFAULT.maxProblemsPerDocument() + 1, e.problems().size());
    assertBounded(e, ReadOptions.DEFAULT);
  }
}
