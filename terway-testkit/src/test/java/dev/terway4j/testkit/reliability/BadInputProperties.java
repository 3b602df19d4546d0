package dev.terway4j.testkit.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.terway4j.cloud.fake.FakeCloudProvider;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.cloud.spi.InvalidArgumentException;
import dev.terway4j.cloud.spi.ResourceIds;
import dev.terway4j.model.CloudIds;
import dev.terway4j.model.ControlCharacters;
import dev.terway4j.model.DurationFormatException;
import dev.terway4j.model.GoDurations;
import dev.terway4j.model.KubernetesNames;
import dev.terway4j.model.KubernetesObject;
import dev.terway4j.model.ManifestException;
import dev.terway4j.model.ManifestProblem;
import dev.terway4j.model.ManifestValidator;
import dev.terway4j.model.Manifests;
import dev.terway4j.model.PodNetworking;
import dev.terway4j.model.ReadOptions;
import dev.terway4j.model.ValidationException;
import dev.terway4j.model.ValidationResult;
import dev.terway4j.selector.Operator;
import dev.terway4j.selector.Requirement;
import dev.terway4j.selector.Selector;
import dev.terway4j.selector.SelectorParseException;
import dev.terway4j.selector.Selectors;
import dev.terway4j.testkit.Gens;
import dev.terway4j.testkit.MalformedInputs;
import dev.terway4j.testkit.PropertyChecks;
import dev.terway4j.testkit.PropertyResult;
import java.io.IOException;
import java.math.BigInteger;
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
  private static final ObjectMapper JSON = new ObjectMapper();

  @AfterAll
  static void report() {
    SuiteCounts.print("bad inputs", INPUTS.get() + " malformed inputs, only typed exceptions");
  }

  @Test
  void malformedManifests_failOnlyWithManifestException_andValidOnesConvertCleanly() {
    PropertyResult result =
        PropertyChecks.forAll(MalformedInputs.manifests())
            .withTries(1_500)
            .checkThat(
                text -> {
                  INPUTS.incrementAndGet();
                  for (ReadOptions options :
                      List.of(ReadOptions.DEFAULT, ReadOptions.strictDefaults())) {
                    List<KubernetesObject> objects;
                    try {
                      objects = Manifests.read(text, options);
                    } catch (ManifestException expected) {
                      assertFalse(
                          expected.problems().isEmpty(), "a ManifestException names a problem");
                      PropertyChecks.classify(
                          options == ReadOptions.DEFAULT, "refused by lenient reading");
                      PropertyChecks.classify(
                          options != ReadOptions.DEFAULT, "refused by strict reading");
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
    SuiteCounts.print("malformed manifests", result.statistics());
    // The generator is worth its name: most of what it makes is refused even by lenient reading
    // (measured over the tries that ran, shrinking and discards excluded).
    result.statistics().requireAtLeast("refused by lenient reading", 0.5);
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
  void denseNodeManifests_stopExactlyPastTheNodeBudget_whateverTheirShape_issue13item6() {
    PropertyChecks.forAll(MalformedInputs.denseNodeManifests(), Gens.integers(10, 4_000))
        .withTries(300)
        .checkThat(
            (counted, budget) -> {
              INPUTS.incrementAndGet();
              ReadOptions options = ReadOptions.builder().maxNodes(budget).build();
              PropertyChecks.classify(counted.nodes() > budget, "over the budget");
              List<ManifestProblem> problems;
              try {
                Manifests.read(counted.text(), options);
                problems = List.of();
              } catch (ManifestException e) {
                assertBounded(e, options);
                problems = e.problems();
              }
              boolean stopped =
                  !problems.isEmpty()
                      && problems
                          .get(0)
                          .message()
                          .startsWith("more than " + budget + " YAML nodes");
              assertEquals(
                  counted.nodes() > budget,
                  stopped,
                  () -> counted.nodes() + " nodes, budget " + budget);
              assertTrue(
                  problems.stream().skip(1).noneMatch(p -> p.message().contains("YAML nodes")));
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
    // The node budget (issue 13 item 6) stops reading first; its problem leads, then the 20
    // kept problems of the document and the count of the rest.
    assertEquals(ReadOptions.DEFAULT.maxProblemsPerDocument() + 2, e.problems().size());
    assertTrue(e.problems().get(0).message().startsWith("more than 750000 YAML nodes"));
    assertBounded(e, ReadOptions.DEFAULT);
  }

  // ------------------------------------------------------------------ issue 13

  @Test
  void longDottedNames_areRefusedWithTypedExceptionsAtEveryEntryPoint_issue13item4() {
    PropertyChecks.forAll(MalformedInputs.longDottedNames())
        .withTries(200)
        .checkThat(
            name -> {
              INPUTS.incrementAndGet();
              assertFalse(KubernetesNames.isLabelKey(name + "/b"));
              assertFalse(KubernetesNames.dns1123SubdomainErrors(name).isEmpty());
              assertFalse(KubernetesNames.isLabelValue(name));
              try {
                Selector.parse(name + "/b in (x)");
                throw new AssertionError("parsed a key of " + name.length() + " characters");
              } catch (SelectorParseException expected) {
                // typed
              }
              try {
                Requirement.of(name + "/b", Operator.EXISTS);
                throw new AssertionError("built a key of " + name.length() + " characters");
              } catch (ValidationException expected) {
                // typed
              }
              try {
                Selectors.fromSet(Map.of(name + "/b", "v"));
                throw new AssertionError("converted a key of " + name.length() + " characters");
              } catch (ValidationException expected) {
                // typed
              }
              String manifest =
                  "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: \"" + name + "\"\n";
              for (KubernetesObject object : Manifests.read(manifest)) {
                assertFalse(ManifestValidator.defaults().validate(object).valid());
              }
            });
  }

  @Test
  void controlCharacters_neverReachAMessageRaw_issue13item3() {
    PropertyChecks.forAll(MalformedInputs.controlCharacterStrings())
        .withTries(600)
        .checkThat(
            text -> {
              INPUTS.incrementAndGet();
              assertNoControlCharacter(ControlCharacters.escape(text));
              try {
                Selector.parse("app=" + text);
              } catch (SelectorParseException expected) {
                assertNoControlCharacter(expected.getMessage());
              }
              try {
                Requirement.of("app", Operator.IN, text);
                throw new AssertionError("accepted a value with control characters");
              } catch (ValidationException expected) {
                assertNoControlCharacter(expected.getMessage());
              }
              CloudIds.error(CloudIds.Type.ENI, "eni-" + text)
                  .ifPresent(BadInputProperties::assertNoControlCharacter);
              String json =
                  "{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": "
                      + JSON.valueToTree(text)
                      + "}}";
              List<KubernetesObject> objects;
              try {
                objects = Manifests.readJson(json, ReadOptions.DEFAULT);
              } catch (ManifestException expected) {
                assertNoControlCharacter(expected.getMessage());
                return;
              }
              ValidationResult result = ManifestValidator.defaults().validate(objects.get(0));
              result.errors().forEach(v -> assertNoControlCharacter(v.toString()));
            });
  }

  private static void assertNoControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      // Messages of several violations are joined by this library's own line feeds.
      if (c != '\n' && ControlCharacters.isEscaped(c)) {
        throw new AssertionError(
            "raw U+" + Integer.toHexString(c) + " in " + ControlCharacters.escape(text));
      }
    }
  }

  @Test
  void outOfRangeIntegers_areNeverReadAsSelectorBounds_issue13item8() {
    PropertyChecks.forAll(MalformedInputs.outOfRangeIntegers())
        .withTries(400)
        .checkThat(
            number -> {
              INPUTS.incrementAndGet();
              boolean int64 = new BigInteger(number).bitLength() < 64;
              boolean labelValue = KubernetesNames.isLabelValue(number);
              try {
                Requirement r = Requirement.of("a", Operator.GREATER_THAN, number);
                assertTrue(int64 && labelValue, "accepted " + number);
                assertEquals(number, r.values().first());
              } catch (ValidationException expected) {
                assertFalse(int64 && labelValue, "refused " + number);
              }
            });
  }

  @Test
  void hugeFaultCounts_areStoredAsCounts_issue13item8() {
    PropertyChecks.forAll(MalformedInputs.hugeFaultCounts(), MalformedInputs.hugeFaultCounts())
        .withTries(50)
        .checkThat(
            (first, second) -> {
              INPUTS.incrementAndGet();
              FakeCloudProvider cloud = FakeCloudProvider.builder().build();
              cloud
                  .faults()
                  .throttle(CloudOperation.DESCRIBE_VSWITCHES, first)
                  .failWith(CloudOperation.DESCRIBE_VSWITCHES, "Throttling", 400, second);
              assertEquals(
                  (int) Math.min((long) first + second, Integer.MAX_VALUE),
                  cloud.faults().pendingCount(CloudOperation.DESCRIBE_VSWITCHES));
            });
  }
}
