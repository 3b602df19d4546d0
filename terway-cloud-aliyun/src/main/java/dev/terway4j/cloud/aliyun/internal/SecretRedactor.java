package dev.terway4j.cloud.aliyun.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.collect.ImmutableSet;
import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The one choke point for text that leaves the Aliyun backend (exception messages, error codes,
 * request ids, log arguments): bounds its length, removes every credential it has learned, and
 * escapes control characters.
 *
 * <p>A credential is removed in every form a server or proxy may echo it in: as is, URL-encoded
 * (once or twice, either hex case, {@code +} or {@code %20} for a space), with JSON-escaped
 * slashes, and base64-encoded (standard or URL-safe alphabet, at any byte alignment, so that it is
 * found inside the encoding of a longer text such as {@code id:secret}). Any run of {@value
 * #MIN_RUN} or more characters that occurs in one of those forms is replaced by {@code ***}, so a
 * truncated or partial echo is removed too; matching ignores case. A credential shorter than
 * {@value #MIN_RUN} characters is removed where it occurs whole.
 *
 * <p>The backend registers credentials whenever it obtains them: static ones when it is created,
 * and those of a credentials provider or the default chain each time the SDK fetches them. The most
 * recent {@value #MAX_SECRETS} distinct values are kept, so rotating STS tokens do not grow it
 * without bound.
 *
 * <p>Thread-safe: registration is synchronized; {@link #clean} reads an immutable snapshot.
 */
public final class SecretRedactor {
  /** The shortest run of a credential that is removed wherever it occurs. */
  public static final int MIN_RUN = 8;

  /** The longest text {@link #clean} returns, before its ellipsis. */
  public static final int MAX_LENGTH = 2048;

  static final int MAX_SECRETS = 64;
  private static final String MASK = "***";

  private final LinkedHashSet<String> secrets = new LinkedHashSet<>();
  private volatile Snapshot snapshot = new Snapshot(ImmutableSet.of(), List.of(), Set.of());

  /** The forms to look for, lower-cased: 8-character runs and short whole forms. */
  private record Snapshot(Set<String> runs, List<String> shortForms, Set<String> known) {}

  /** Creates a redactor that knows no credential yet. */
  public SecretRedactor() {}

  /**
   * Learns a credential (an AccessKeyId, AccessKeySecret, SecurityToken or bearer token). Cheap
   * when the value is already known, as it is on every request after the first.
   *
   * @param secret the value; {@code null} and blanks are ignored
   */
  public void register(String secret) {
    if (secret == null || secret.isBlank() || snapshot.known().contains(secret)) {
      return;
    }
    synchronized (this) {
      if (secrets.contains(secret)) {
        return;
      }
      secrets.add(secret);
      while (secrets.size() > MAX_SECRETS) {
        secrets.remove(secrets.iterator().next());
      }
      Set<String> runs = new HashSet<>();
      List<String> shortForms = new ArrayList<>();
      for (String known : secrets) {
        for (String form : forms(known)) {
          String lower = lower(form);
          if (lower.length() < MIN_RUN) {
            shortForms.add(lower);
          } else {
            for (int i = 0; i + MIN_RUN <= lower.length(); i++) {
              runs.add(lower.substring(i, i + MIN_RUN));
            }
          }
        }
      }
      snapshot =
          new Snapshot(
              ImmutableSet.copyOf(runs), List.copyOf(shortForms), ImmutableSet.copyOf(secrets));
    }
  }

  /**
   * Returns a text safe to put in a message or a log line: at most {@value #MAX_LENGTH} characters
   * (then {@code …}), every learned credential replaced by {@code ***}, and control characters
   * escaped ({@code \n}, {@code \r}, {@code \t}, {@code \e}, {@code \a}, {@code \\uXXXX}).
   *
   * @param text any text, or {@code null}
   * @return the safe text; {@code "null"} for {@code null}
   */
  public String clean(String text) {
    if (text == null) {
      return "null";
    }
    // Truncating first is safe: a run of a credential that survives the cut is still a run of it.
    boolean cut = text.length() > MAX_LENGTH;
    String bounded = cut ? text.substring(0, MAX_LENGTH) : text;
    return escape(redact(bounded)) + (cut ? "…" : "");
  }

  /**
   * Returns a text with every learned credential replaced by {@code ***}, without bounding or
   * escaping it.
   *
   * @param text any text, or {@code null}
   * @return the text without credentials; {@code ""} for {@code null}
   */
  public String redact(String text) {
    if (text == null) {
      return "";
    }
    Snapshot s = snapshot;
    if (s.known().isEmpty() || text.isEmpty()) {
      return text;
    }
    String lower = lower(text);
    boolean[] masked = new boolean[text.length()];
    boolean any = false;
    if (!s.runs().isEmpty()) {
      for (int i = 0; i + MIN_RUN <= lower.length(); i++) {
        if (s.runs().contains(lower.substring(i, i + MIN_RUN))) {
          for (int j = i; j < i + MIN_RUN; j++) {
            masked[j] = true;
          }
          any = true;
        }
      }
    }
    for (String form : s.shortForms()) {
      for (int i = lower.indexOf(form); i >= 0; i = lower.indexOf(form, i + 1)) {
        for (int j = i; j < i + form.length(); j++) {
          masked[j] = true;
        }
        any = true;
      }
    }
    if (!any) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      if (!masked[i]) {
        out.append(text.charAt(i));
      } else if (i == 0 || !masked[i - 1]) {
        out.append(MASK);
      }
    }
    return out.toString();
  }

  /**
   * Returns a text with control characters (C0, DEL, C1, and the line and paragraph separators)
   * escaped, so that it stays on one line and cannot drive a terminal.
   *
   * @param text any text
   * @return the escaped text
   */
  public static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
      if (!control) {
        if (out != null) {
          out.append(c);
        }
        continue;
      }
      if (out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case 0x1b -> out.append("\\e");
        case 0x07 -> out.append("\\a");
        default -> out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out == null ? text : out.toString();
  }

  private static List<String> forms(String secret) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(secret);
    String formEncoded = URLEncoder.encode(secret, UTF_8);
    forms.add(formEncoded);
    String percentEncoded = formEncoded.replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    forms.add(percentEncoded);
    forms.add(URLEncoder.encode(formEncoded, UTF_8));
    forms.add(URLEncoder.encode(percentEncoded, UTF_8));
    forms.add(secret.replace("/", "\\/"));
    byte[] bytes = secret.getBytes(UTF_8);
    for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
      for (int align = 0; align < 3; align++) {
        byte[] shifted = new byte[align + bytes.length];
        System.arraycopy(bytes, 0, shifted, align, bytes.length);
        String encoded = encoder.withoutPadding().encodeToString(shifted);
        // Only the characters made of the secret's bits alone; the others depend on neighbours.
        int from = (8 * align + 5) / 6;
        int to = Math.min(encoded.length(), (8 * (align + bytes.length)) / 6);
        if (to - from >= MIN_RUN) {
          forms.add(encoded.substring(from, to));
        }
      }
    }
    return List.copyOf(forms);
  }

  /** Lower-cases char by char, so that indexes stay aligned with the original text. */
  private static String lower(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      chars[i] = Character.toLowerCase(chars[i]);
    }
    return new String(chars);
  }
}
