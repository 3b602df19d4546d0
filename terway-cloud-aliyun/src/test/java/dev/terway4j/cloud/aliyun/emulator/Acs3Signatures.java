package dev.terway4j.cloud.aliyun.emulator;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.Headers;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server-side checks of Alibaba Cloud's V3 request signature ({@code ACS3-HMAC-SHA256}), as the Tea
 * SDK computes it (docs/aliyun-wire.md, "Signature: ACS3-HMAC-SHA256"). Stateless and thread-safe.
 */
public final class Acs3Signatures {
  /** The algorithm name at the start of the Authorization header. */
  public static final String ALGORITHM = "ACS3-HMAC-SHA256";

  private Acs3Signatures() {}

  /** The parts of an {@code Authorization: ACS3-HMAC-SHA256 ...} header. */
  record Authorization(String accessKeyId, String signedHeaders, String signature) {}

  /**
   * Parses an Authorization header.
   *
   * @param header the header value, or null
   * @return its parts, or empty if it is not an ACS3 header
   */
  static Optional<Authorization> parse(String header) {
    if (header == null || !header.startsWith(ALGORITHM + " ")) {
      return Optional.empty();
    }
    Map<String, String> parts = new HashMap<>();
    for (String part : header.substring(ALGORITHM.length() + 1).split(",")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        parts.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      }
    }
    if (!parts.containsKey("Credential")
        || !parts.containsKey("SignedHeaders")
        || !parts.containsKey("Signature")) {
      return Optional.empty();
    }
    return Optional.of(
        new Authorization(
            parts.get("Credential"), parts.get("SignedHeaders"), parts.get("Signature")));
  }

  /**
   * Decodes a raw query string as the SDK encoded it ({@code URLEncoder}).
   *
   * @param rawQuery the raw query, or null
   * @return the parameters, sorted by name
   */
  static SortedMap<String, String> decodeQuery(String rawQuery) {
    SortedMap<String, String> query = new TreeMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      query.put(
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8),
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8));
    }
    return query;
  }

  /**
   * Recomputes the signature of a request and compares it with the one it carries.
   *
   * @param method the HTTP method
   * @param path the request path
   * @param query the decoded query
   * @param headers the request headers
   * @param bodySha256Hex the hex SHA-256 of the request body, as the signed {@code
   *     x-acs-content-sha256} header states it
   * @param authorization the parsed Authorization header
   * @param secret the AccessKeySecret the emulator expects for that AccessKeyId
   * @return whether the signature matches
   */
  static boolean verify(
      String method,
      String path,
      SortedMap<String, String> query,
      Headers headers,
      String bodySha256Hex,
      Authorization authorization,
      String secret) {
    StringBuilder canonicalHeaders = new StringBuilder();
    // An element of the ;-separated list, not a substring of it (issue 12 item 2's class of check).
    if (!List.of(authorization.signedHeaders().split(";")).contains("x-acs-content-sha256")) {
      return false;
    }
    for (String name : authorization.signedHeaders().split(";")) {
      String value = headers.getFirst(name);
      if (value == null) {
        return false;
      }
      canonicalHeaders.append(name).append(':').append(value.trim()).append('\n');
    }
    StringBuilder canonicalQuery = new StringBuilder();
    for (Map.Entry<String, String> e : query.entrySet()) {
      if (canonicalQuery.length() > 0) {
        canonicalQuery.append('&');
      }
      canonicalQuery.append(percent(e.getKey())).append('=');
      if (!e.getValue().isEmpty()) {
        canonicalQuery.append(percent(e.getValue()));
      }
    }
    String canonical =
        method
            + "\n"
            + path
            + "\n"
            + canonicalQuery
            + "\n"
            + canonicalHeaders
            + "\n"
            + authorization.signedHeaders()
            + "\n"
            + bodySha256Hex;
    String stringToSign = ALGORITHM + "\n" + sha256Hex(canonical.getBytes(UTF_8));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256"));
      String expected = HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(UTF_8)));
      return MessageDigest.isEqual(
          expected.getBytes(UTF_8), authorization.signature().getBytes(UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String percent(String s) {
    return URLEncoder.encode(s, UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
