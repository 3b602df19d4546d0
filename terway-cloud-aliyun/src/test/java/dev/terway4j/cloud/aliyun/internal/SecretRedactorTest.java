package dev.terway4j.cloud.aliyun.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The redaction choke point on each form a credential may be echoed in (issue 13 item 1). */
@DisplayName("SecretRedactor (issue 13 item 1)")
class SecretRedactorTest {
  private static final String ID = "LTAI5tExampleAccessKeyId";
  private static final String SECRET = "Zx9/Secret+Value=With/Slashes01";
  private static final String TOKEN = "CAIS/Token+With=Padding/AndMore+Chars0123456789";

  private static SecretRedactor redactor() {
    SecretRedactor r = new SecretRedactor();
    r.register(ID);
    r.register(SECRET);
    r.register(TOKEN);
    return r;
  }

  private static void assertNoRun(String text, String secret) {
    for (int i = 0; i + SecretRedactor.MIN_RUN <= secret.length(); i++) {
      String run = secret.substring(i, i + SecretRedactor.MIN_RUN);
      assertFalse(text.contains(run), () -> "'" + run + "' of a credential survives in " + text);
    }
  }

  @Test
  void clean_removesTheCredential_asIs() {
    String out = redactor().clean("key " + ID + " secret " + SECRET + " token " + TOKEN + ".");
    assertEquals("key *** secret *** token ***.", out);
  }

  @Test
  void clean_removesTheCredential_urlEncoded_onceOrTwice_inEitherHexCase() {
    String once = URLEncoder.encode(SECRET, UTF_8);
    String twice = URLEncoder.encode(once, UTF_8);
    String lowerHex = once.replace("%2F", "%2f").replace("%2B", "%2b");
    String out = redactor().clean(once + " | " + twice + " | " + lowerHex);
    assertNoRun(out, once);
    assertNoRun(out, twice);
    assertNoRun(out.toLowerCase(), lowerHex.toLowerCase());
  }

  @Test
  void clean_removesTheCredential_base64Encoded_atEveryAlignment_insideALongerText() {
    SecretRedactor r = redactor();
    for (String prefix : new String[] {"", "a", "ab", "abc:"}) {
      for (Base64.Encoder encoder :
          new Base64.Encoder[] {Base64.getEncoder(), Base64.getUrlEncoder()}) {
        String basic = encoder.encodeToString((prefix + ID + ":" + SECRET).getBytes(UTF_8));
        String out = r.clean("Authorization: Basic " + basic);
        String core = basic.substring(8, basic.length() - 8);
        assertNoRun(out, core);
      }
    }
  }

  @Test
  void clean_removesAnyEightCharacterRun_ofACredential_butKeepsShorterOnes() {
    SecretRedactor r = redactor();
    String partial = TOKEN.substring(5, 13);
    assertEquals("cut ***", r.clean("cut " + partial));
    String seven = TOKEN.substring(5, 12);
    assertEquals("cut " + seven, r.clean("cut " + seven));
  }

  @Test
  void clean_ignoresCase_andJsonEscapedSlashes() {
    SecretRedactor r = redactor();
    assertNoRun(r.clean(ID.toUpperCase()).toUpperCase(), ID.toUpperCase());
    assertNoRun(r.clean(SECRET.replace("/", "\\/")), SECRET.replace("/", "\\/"));
  }

  @Test
  void clean_removesAShortCredential_whereItOccursWhole() {
    SecretRedactor r = new SecretRedactor();
    r.register("sk7");
    assertEquals("key *** end", r.clean("key sk7 end"));
  }

  @Test
  void clean_escapesControlCharacters_andBoundsTheText() {
    SecretRedactor r = redactor();
    assertEquals("a\\nb\\r\\e]0;x\\a\\u0000", r.clean("a\nb\r\u001b]0;x\u0007\u0000"));
    String long_ = "x".repeat(SecretRedactor.MAX_LENGTH + 10);
    String out = r.clean(long_);
    assertEquals(SecretRedactor.MAX_LENGTH + 1, out.length());
    assertTrue(out.endsWith("…"));
  }

  @Test
  void register_keepsOnlyTheMostRecentValues_soRotatingTokensDoNotGrowIt() {
    SecretRedactor r = new SecretRedactor();
    for (int i = 0; i < SecretRedactor.MAX_SECRETS + 5; i++) {
      r.register(String.format("rotating-token-%04d-value", i));
    }
    String newest = String.format("rotating-token-%04d-value", SecretRedactor.MAX_SECRETS + 4);
    assertEquals("***", r.clean(newest));
  }

  @Test
  void clean_withNothingRegistered_returnsTheTextEscaped() {
    assertEquals("plain \\t text", new SecretRedactor().clean("plain \t text"));
    assertEquals("null", new SecretRedactor().clean(null));
  }
}
