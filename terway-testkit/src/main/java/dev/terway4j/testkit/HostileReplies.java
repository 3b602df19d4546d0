package dev.terway4j.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLEncoder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Generators of what a broken or hostile cloud endpoint answers, for checking that a backend never
 * leaks a credential and never fails with anything but its typed exception (issue 13 items 1 and
 * 2):
 *
 * <ul>
 *   <li>{@link #echoes()} and {@link #echoReply}: error replies and proxy pages that echo the
 *       request's credentials in every field (Message, Code, RequestId, HostId, Recommend,
 *       AccessDeniedDetail, lower-case keys, an HTML page, echoed headers) and every encoding (as
 *       is, URL-encoded once or twice, base64 in both alphabets and inside a longer text, with
 *       JSON-escaped slashes, upper-cased, or only an 8-character part), with {@link #leaks} as the
 *       oracle that finds any of those forms in a text;
 *   <li>{@link #hostile(int, int)}: replies just past (and far past) a size and a nesting bound,
 *       non-JSON, empty, truncated, wrongly typed, with huge numbers or control characters, on
 *       success and error statuses.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class HostileReplies {
  /** The shortest part of a credential that counts as a leak. */
  public static final int MIN_RUN = 8;

  /** Where a reply carries an echoed credential. */
  public enum Field {
    /** The JSON {@code Message}. */
    MESSAGE,
    /** The JSON {@code Code}. */
    CODE,
    /** The JSON {@code RequestId}. */
    REQUEST_ID,
    /** The JSON {@code HostId}. */
    HOST_ID,
    /** The JSON {@code Recommend} (a URL). */
    RECOMMEND,
    /** {@code AccessDeniedDetail.AuthAction} and its siblings. */
    ACCESS_DENIED_DETAIL,
    /** The lower-case {@code code}/{@code message}/{@code requestId} keys the SDK also reads. */
    LOWER_CASE_KEYS,
    /** An HTML page, as a proxy's 502. */
    HTML_PAGE,
    /** Request headers echoed back in the Message, as a gateway's debugging reply. */
    ECHOED_HEADERS
  }

  /** How an echoed credential is encoded. */
  public enum Encoding {
    /** As is. */
    RAW,
    /** URL-encoded. */
    URL,
    /** URL-encoded twice. */
    URL_TWICE,
    /** Base64, standard alphabet. */
    BASE64,
    /** Base64, URL-safe alphabet. */
    BASE64_URL,
    /** Base64 of {@code "user:" + credential}, as a Basic Authorization header. */
    BASE64_IN_BASIC_AUTH,
    /** With JSON-escaped slashes. */
    JSON_ESCAPED,
    /** Upper-cased. */
    UPPER_CASE,
    /** Only a part of 8 or more characters. */
    PARTIAL
  }

  /**
   * One echo: which credential (an index into the list given to {@link #echoReply}, modulo its
   * size), in which field, in which encoding; {@code offset} picks the part for {@link
   * Encoding#PARTIAL}.
   *
   * @param field where
   * @param encoding how
   * @param credential which credential
   * @param offset where a part starts
   */
  public record Echo(Field field, Encoding encoding, int credential, int offset) {}

  /**
   * A reply: status, content type and body. {@link #toString()} shows the description and the size,
   * not a huge body.
   *
   * @param status the HTTP status
   * @param contentType the Content-Type
   * @param body the body
   * @param description what it is, for failure messages
   */
  public record Reply(int status, String contentType, String body, String description) {
    @Override
    public String toString() {
      return description + " (" + status + ", " + body.length() + " chars)";
    }
  }

  private HostileReplies() {}

  /**
   * Returns lists of one to six echoes, every field and encoding represented.
   *
   * @return the generator
   */
  public static Gen<List<Echo>> echoes() {
    Gen<Echo> echo =
        Gens.combine(
            Gens.enums(Field.class),
            Gens.enums(Encoding.class),
            Gens.integers(0, 2),
            Gens.integers(0, 64),
            Echo::new);
    return echo.listOf(1, 6);
  }

  /**
   * Encodes a credential as an echo would carry it.
   *
   * @param credential the value
   * @param encoding how
   * @param offset where a part starts, for {@link Encoding#PARTIAL}
   * @return the encoded value
   */
  public static String encode(String credential, Encoding encoding, int offset) {
    return switch (encoding) {
      case RAW -> credential;
      case URL -> URLEncoder.encode(credential, UTF_8);
      case URL_TWICE -> URLEncoder.encode(URLEncoder.encode(credential, UTF_8), UTF_8);
      case BASE64 -> Base64.getEncoder().encodeToString(credential.getBytes(UTF_8));
      case BASE64_URL -> Base64.getUrlEncoder().encodeToString(credential.getBytes(UTF_8));
      case BASE64_IN_BASIC_AUTH ->
          "Basic " + Base64.getEncoder().encodeToString(("user:" + credential).getBytes(UTF_8));
      case JSON_ESCAPED -> credential.replace("/", "\\/");
      case UPPER_CASE -> credential.toUpperCase(Locale.ROOT);
      case PARTIAL -> {
        if (credential.length() <= MIN_RUN) {
          yield credential;
        }
        int from = offset % (credential.length() - MIN_RUN + 1);
        int to = Math.min(credential.length(), from + MIN_RUN + offset % 5);
        yield credential.substring(from, to);
      }
    };
  }

  /**
   * Builds the reply that carries the echoes of the given credentials: a JSON error reply (403), or
   * an HTML page (502) when any echo is in {@link Field#HTML_PAGE}.
   *
   * @param echoes what to echo where
   * @param credentials the credentials the endpoint saw (id, secret, token; blanks are skipped)
   * @return the reply
   */
  public static Reply echoReply(List<Echo> echoes, List<String> credentials) {
    List<String> present = credentials.stream().filter(c -> c != null && !c.isBlank()).toList();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("RequestId", "REQ-ECHO");
    json.put("Code", "SignatureDoesNotMatch");
    json.put("Message", "The request signature does not conform.");
    StringBuilder html = null;
    for (Echo echo : echoes) {
      if (present.isEmpty()) {
        break;
      }
      String value =
          encode(present.get(echo.credential() % present.size()), echo.encoding(), echo.offset());
      switch (echo.field()) {
        case MESSAGE -> json.put("Message", json.get("Message") + " " + value);
        case CODE -> json.put("Code", "Invalid." + value);
        case REQUEST_ID -> json.put("RequestId", value);
        case HOST_ID -> json.put("HostId", value);
        case RECOMMEND -> json.put("Recommend", "https://api.example/troubleshoot?q=" + value);
        case ACCESS_DENIED_DETAIL ->
            json.put(
                "AccessDeniedDetail",
                Map.of("AuthAction", "ecs:" + value, "AuthPrincipalDisplayName", value));
        case LOWER_CASE_KEYS -> {
          json.remove("Code");
          json.remove("Message");
          json.remove("RequestId");
          json.put("code", value);
          json.put("message", "denied: " + value);
          json.put("requestId", value);
        }
        case HTML_PAGE -> {
          html = html == null ? new StringBuilder() : html;
          html.append("<pre>").append(value).append("</pre>\n");
        }
        case ECHOED_HEADERS ->
            json.put(
                "Message",
                json.get("Message")
                    + " Authorization: ACS3-HMAC-SHA256 Credential="
                    + value
                    + ",SignedHeaders=host x-acs-security-token: "
                    + value);
      }
    }
    String description = "echo of " + echoes;
    if (html != null) {
      return new Reply(
          502,
          "text/html",
          "<html><body><h1>502 Bad Gateway</h1>\n" + html + "</body></html>",
          description);
    }
    return new Reply(403, "application/json;charset=utf-8", toJson(json), description);
  }

  /**
   * Returns every form in which a credential occurs in a text: any run of {@value #MIN_RUN} or more
   * characters of the credential as is, URL-encoded (once or twice), with JSON-escaped slashes or
   * base64-encoded (either alphabet, at any alignment), compared ignoring case. A credential
   * shorter than {@value #MIN_RUN} characters counts where it occurs whole.
   *
   * @param text the text to search, e.g. logs, messages and stack traces
   * @param credentials the credentials
   * @return the runs found, empty if none leaked
   */
  public static List<String> leaks(String text, Collection<String> credentials) {
    String haystack = text.toLowerCase(Locale.ROOT);
    Set<String> found = new LinkedHashSet<>();
    for (String credential : credentials) {
      if (credential == null || credential.isBlank()) {
        continue;
      }
      for (String form : forms(credential)) {
        String lower = form.toLowerCase(Locale.ROOT);
        if (lower.length() < MIN_RUN) {
          if (haystack.contains(lower)) {
            found.add(form);
          }
          continue;
        }
        for (int i = 0; i + MIN_RUN <= lower.length(); i++) {
          if (haystack.contains(lower.substring(i, i + MIN_RUN))) {
            found.add(form.substring(i, i + MIN_RUN));
          }
        }
      }
    }
    return List.copyOf(found);
  }

  /**
   * Returns replies a broken or hostile endpoint may send, around the given bounds: bodies just
   * past and far past {@code maxBytes}, JSON nested just past and far past {@code maxDepth},
   * non-JSON, empty, truncated, wrongly typed, with huge numbers or control characters, on 200 and
   * on error statuses. Bodies stay small when the bounds are small: nothing here allocates near the
   * production defaults.
   *
   * @param maxBytes the size bound the backend under test is configured with
   * @param maxDepth the nesting bound it is configured with
   * @return the generator
   */
  public static Gen<Reply> hostile(int maxBytes, int maxDepth) {
    Gen<Integer> status = Gens.elements(200, 200, 400, 403, 404, 500, 502, 503);
    Gen<Reply> oversize =
        Gens.combine(
            status,
            Gens.integers(1, 64),
            Gens.booleans(),
            (s, extra, far) -> {
              int size = far ? maxBytes * 4 : maxBytes + extra;
              return new Reply(s, "application/json", padded(size), size + " bytes");
            });
    Gen<Reply> deep =
        Gens.combine(
            status,
            Gens.integers(1, 8),
            Gens.elements("{\"x\":", "["),
            Gens.booleans(),
            (s, extra, open, far) -> {
              int depth =
                  far ? Math.max(maxDepth + 1, maxBytes / open.length() / 2) : maxDepth + extra;
              String close = open.equals("[") ? "]" : "}";
              String body =
                  "{\"RequestId\":\"r\",\"x\":"
                      + open.repeat(depth)
                      + "1"
                      + close.repeat(depth)
                      + "}";
              return new Reply(s, "application/json", body, "nested " + depth + " deep");
            });
    Gen<Reply> unclosed =
        Gens.combine(
            status,
            Gens.integers(1, 8),
            (s, extra) ->
                new Reply(
                    s,
                    "application/json",
                    "[".repeat(maxDepth + extra),
                    "unclosed " + (maxDepth + extra)));
    Gen<Reply> malformed =
        Gens.combine(
            status,
            Gens.elements(
                "",
                "null",
                "[]",
                "\"text\"",
                "12345678901234567890123456789012345678901234567890",
                "{\"RequestId\":",
                "{\"NetworkInterfaceSets\":{\"NetworkInterfaceSet\":\"not a list\"}}",
                "{\"NetworkInterfaceSets\":{\"NetworkInterfaceSet\":[{\"NetworkInterfaceId\":"
                    + "\"eni-\\u001b]0;PWNED\\u0007\\n[ERROR] forged\",\"Status\":\"InUse\"}]}}",
                "{\"Code\":\"\\u001b[2J\",\"Message\":\"\\r\\n[ERROR] forged\"}",
                "{\"TotalCount\":1e999999,\"VSwitches\":{\"VSwitch\":[]}}",
                "{\"NextToken\":" + "9".repeat(400) + "}",
                "<?xml version=\"1.0\"?><Error><Code>X</Code></Error>",
                "<html><body>502</body></html>",
                "\uFEFF{\"RequestId\":\"bom\"}",
                "{\"RequestId\":\"\uD800\"}"),
            Gens.elements("application/json", "text/html", "text/xml;charset=utf-8", "text/plain"),
            (s, body, type) -> new Reply(s, type, body, "malformed " + abbreviate(body)));
    return Gens.oneOf(oversize, deep, unclosed, malformed);
  }

  private static String padded(int bytes) {
    String head = "{\"RequestId\":\"r\",\"Pad\":\"";
    String tail = "\"}";
    return head + "p".repeat(Math.max(0, bytes - head.length() - tail.length())) + tail;
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "…";
  }

  private static List<String> forms(String credential) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(credential);
    String url = URLEncoder.encode(credential, UTF_8);
    forms.add(url);
    forms.add(URLEncoder.encode(url, UTF_8));
    forms.add(url.replace("+", "%20"));
    forms.add(credential.replace("/", "\\/"));
    byte[] bytes = credential.getBytes(UTF_8);
    for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
      for (int align = 0; align < 3; align++) {
        byte[] shifted = new byte[align + bytes.length];
        System.arraycopy(bytes, 0, shifted, align, bytes.length);
        String encoded = encoder.withoutPadding().encodeToString(shifted);
        int from = (8 * align + 5) / 6;
        int to = Math.min(encoded.length(), 8 * (align + bytes.length) / 6);
        if (to - from >= MIN_RUN) {
          forms.add(encoded.substring(from, to));
        }
      }
    }
    return new ArrayList<>(forms);
  }

  /** A minimal JSON writer for strings, maps and their nesting; enough for error replies. */
  private static String toJson(Object value) {
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (out.length() > 1) {
          out.append(',');
        }
        out.append(toJson(String.valueOf(e.getKey()))).append(':').append(toJson(e.getValue()));
      }
      return out.append('}').toString();
    }
    String s = String.valueOf(value);
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
