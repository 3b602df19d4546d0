package dev.terway4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KubernetesNamesTest {

  @Nested
  @DisplayName("issue 13 item 4: long dotted names are scanned, not recursed over")
  class LongDottedNames {

    private final String dotted = "a.".repeat(100_000) + "a";

    @Test
    void labelKeyErrors_givenLongDottedPrefix_reportsLengthWithoutOverflowingStack_issue13item4() {
      assertEquals(
          java.util.List.of("prefix part must be no more than 253 characters"),
          KubernetesNames.labelKeyErrors(dotted + "/b"));
    }

    @Test
    void dns1123SubdomainErrors_givenLongDottedName_reportsLength_issue13item4() {
      assertEquals(
          java.util.List.of("must be no more than 253 characters"),
          KubernetesNames.dns1123SubdomainErrors(dotted));
    }

    @Test
    void labelValueErrors_givenLongDottedValue_reportsLength_issue13item4() {
      assertEquals(
          java.util.List.of("must be no more than 63 characters"),
          KubernetesNames.labelValueErrors(dotted));
    }

    @Test
    void validate_givenLongDottedMetadataName_reportsInvalidName_issue13item4() {
      ValidationResult result =
          ManifestValidator.defaults()
              .validate(
                  Manifests.readOne(
                      "apiVersion: v1\nkind: Pod\nmetadata:\n  namespace: default\n  name: "
                          + dotted
                          + "\n",
                      Pod.class));

      assertFalse(result.valid());
      assertTrue(result.errors().toString().contains("253 characters"), result.toString());
    }
  }

  @Test
  void checks_agreeWithApimachineryRegularExpressionsOnShortInputs_issue13item4() {
    // The expressions of apimachinery's validation package, safe here because inputs are short.
    Pattern qualifiedName = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    Pattern labelValue = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    Pattern subdomain =
        Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    String alphabet = "aZ0-_./é ";
    Random random = new Random(13);
    for (int trial = 0; trial < 50_000; trial++) {
      StringBuilder sb = new StringBuilder();
      int length = random.nextInt(8);
      for (int i = 0; i < length; i++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = sb.toString();
      assertEquals(
          subdomain.matcher(s).matches(),
          KubernetesNames.dns1123SubdomainErrors(s).isEmpty(),
          () -> "subdomain " + s);
      assertEquals(
          labelValue.matcher(s).matches(), KubernetesNames.isLabelValue(s), () -> "value " + s);
      int slash = s.indexOf('/');
      boolean keyByRegex =
          slash < 0
              ? qualifiedName.matcher(s).matches()
              : s.indexOf('/', slash + 1) < 0
                  && subdomain.matcher(s.substring(0, slash)).matches()
                  && qualifiedName.matcher(s.substring(slash + 1)).matches();
      assertEquals(keyByRegex, KubernetesNames.isLabelKey(s), () -> "key " + s);
    }
  }

  @Test
  void isLabelKey_acceptsPrefixedAndPlainKeys() {
    assertTrue(KubernetesNames.isLabelKey("example.com/My_name.1"));
    assertTrue(KubernetesNames.isLabelKey("a"));
    assertFalse(KubernetesNames.isLabelKey("a/b/c"));
    assertFalse(KubernetesNames.isLabelKey("/b"));
    assertFalse(KubernetesNames.isLabelKey("a..b/c"));
  }
}
