package dev.terway4j.cloud.aliyun.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import com.aliyun.credentials.exception.CredentialException;
import com.aliyun.tea.TeaException;
import com.aliyun.tea.TeaUnretryableException;
import com.aliyun.teautil.models.TeaUtilException;
import com.google.common.base.Throwables;
import com.google.common.collect.ImmutableList;
import dev.terway4j.cloud.spi.CloudClientException;
import dev.terway4j.cloud.spi.CloudErrorCodes;
import dev.terway4j.cloud.spi.CloudErrors;
import dev.terway4j.cloud.spi.CloudException;
import dev.terway4j.cloud.spi.CloudOperation;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLHandshakeException;

/**
 * The one place that turns what the Alibaba Cloud Tea SDK throws into the SPI's portable {@link
 * CloudException}s.
 *
 * <ul>
 *   <li>{@link TeaException} (an error reply): by error code and HTTP status through {@link
 *       CloudErrors#fromService}, with the reply's message and request id. {@code
 *       EniPerInstanceLimitExceeded} on a member attach is the trunk's member limit. A reply
 *       without a code (the SDK reports the string {@code "null"}) is classified by its status
 *       alone.
 *   <li>{@link TeaUnretryableException} (a transport failure; the SDK is run without its own
 *       retries): a retryable {@link CloudClientException}. When the connection was never made
 *       (refused, unknown host, connect timeout, TLS handshake) nothing was sent; otherwise, e.g.
 *       after a read timeout, a mutating call's outcome is unknown.
 *   <li>{@link TeaUtilException} (a body that is not JSON, e.g. an HTML 502 from a proxy, or an
 *       empty 200): a retryable {@link CloudClientException}; a mutating call's outcome is unknown,
 *       since the SDK cannot tell a 200 from an error here.
 *   <li>{@link CredentialException} (no credentials could be obtained): a retryable client failure;
 *       nothing was sent.
 *   <li>anything else: a non-retryable client failure; a mutating call's outcome is unknown.
 * </ul>
 *
 * <p>Messages name the API action and never contain the configured credentials: any occurrence of a
 * known secret is replaced by {@code ***}. The causes kept are the SDK's error replies and the I/O
 * exceptions beneath transport failures, never the SDK's request objects, which hold the signed
 * headers (and an STS token).
 *
 * <p>Immutable and thread-safe.
 */
public final class AliyunErrorTranslator {
  /** The code used for an error reply that carries none. */
  public static final String UNKNOWN_CODE = "Unknown";

  private static final Set<CloudOperation> MUTATING =
      EnumSet.of(
          CloudOperation.CREATE_NETWORK_INTERFACE,
          CloudOperation.ATTACH_NETWORK_INTERFACE,
          CloudOperation.DETACH_NETWORK_INTERFACE,
          CloudOperation.DELETE_NETWORK_INTERFACE);
  private static final int MAX_BODY_SNIPPET = 120;

  private final List<String> secrets;

  /**
   * Creates a translator that keeps the given strings out of every message.
   *
   * @param secrets credentials to redact (ids, secrets, tokens); blanks are ignored
   */
  public AliyunErrorTranslator(Collection<String> secrets) {
    this.secrets =
        secrets.stream()
            .filter(s -> s != null && !s.isBlank())
            .sorted((a, b) -> b.length() - a.length())
            .collect(ImmutableList.toImmutableList());
  }

  /**
   * Translates a failure of one SDK call.
   *
   * @param failure what the SDK threw
   * @param operation the SPI operation being performed
   * @param memberAttach whether the call attached an ENI through a trunk ENI
   * @return the exception for the caller to throw
   */
  public CloudException translate(
      Throwable failure, CloudOperation operation, boolean memberAttach) {
    checkNotNull(failure, "failure");
    checkNotNull(operation, "operation");
    String action = operation.apiName();
    boolean mutating = MUTATING.contains(operation);
    if (failure instanceof CloudException cloud) {
      return cloud;
    }
    if (failure instanceof TeaUnretryableException) {
      return transport(failure, action, mutating);
    }
    if (failure instanceof TeaException tea) {
      if (tea.getStatusCode() == null) {
        // Raised by the SDK itself (e.g. a model that fails validation), before sending.
        return new CloudClientException(
            action + " was refused by the SDK: " + redact(tea.getMessage()), null, false, false);
      }
      return reply(tea, operation, memberAttach);
    }
    if (failure instanceof TeaUtilException) {
      return new CloudClientException(
          action + " got a response that is not JSON: " + snippet(failure.getMessage()),
          null,
          mutating,
          true);
    }
    if (failure instanceof CredentialException) {
      return new CloudClientException(
          action + " could not obtain credentials: " + redact(failure.getMessage()),
          null,
          false,
          true);
    }
    if (failure instanceof IOException io) {
      // E.g. the connection broke while the SDK was reading the body.
      return new CloudClientException(
          action + " failed while reading the response: " + describe(io), io, mutating, true);
    }
    return new CloudClientException(
        action + " failed in the Aliyun SDK: " + describe(failure), null, mutating, false);
  }

  private CloudException reply(TeaException tea, CloudOperation operation, boolean memberAttach) {
    // getData() is the error body plus "statusCode"; getCode() is the string "null" without Code.
    Map<String, Object> data = tea.getData();
    String code = tea.getCode();
    if (code == null || code.isBlank() || code.equals("null")) {
      code = UNKNOWN_CODE;
    }
    int status = tea.getStatusCode();
    String requestId = string(data, "RequestId", "requestId");
    String message = string(data, "Message", "message");
    if (message == null) {
      message = "error reply";
    }
    StringBuilder text = new StringBuilder(operation.apiName()).append(": ").append(message);
    Object denied = tea.getAccessDeniedDetail();
    if (denied instanceof Map<?, ?> detail && detail.get("AuthAction") != null) {
      text.append(" (denied action: ").append(detail.get("AuthAction")).append(')');
    }
    String safe = redact(text.toString());
    if (memberAttach && code.equals(CloudErrorCodes.ENI_PER_INSTANCE_LIMIT_EXCEEDED)) {
      // ECS reports a full trunk with the same code as a full instance.
      return CloudErrors.memberEniLimit(code, status, requestId, safe);
    }
    // No cause: the SDK exception repeats the reply's message unredacted; code, status, request id
    // and message are all carried over.
    return CloudErrors.fromService(code, status, requestId, safe, null);
  }

  private CloudException transport(Throwable failure, String action, boolean mutating) {
    Throwable root = Throwables.getRootCause(failure);
    boolean sent = !neverConnected(root);
    String what =
        sent ? (mutating ? "; it may have been applied" : "") : "; the request was not sent";
    return new CloudClientException(
        action + " failed in transport: " + describe(root) + what,
        root == failure ? null : root,
        sent && mutating,
        true);
  }

  private static boolean neverConnected(Throwable root) {
    if (root instanceof ConnectException
        || root instanceof UnknownHostException
        || root instanceof NoRouteToHostException
        || root instanceof PortUnreachableException
        || root instanceof SSLHandshakeException) {
      return true;
    }
    if (root instanceof SocketTimeoutException) {
      String message = String.valueOf(root.getMessage()).toLowerCase(Locale.ROOT);
      return message.contains("connect");
    }
    return false;
  }

  private String describe(Throwable t) {
    return t.getClass().getSimpleName()
        + (t.getMessage() == null ? "" : ": " + redact(t.getMessage()));
  }

  private String snippet(String message) {
    String text = redact(String.valueOf(message)).replaceAll("\\s+", " ");
    return text.length() <= MAX_BODY_SNIPPET ? text : text.substring(0, MAX_BODY_SNIPPET) + "…";
  }

  /**
   * Replaces every known secret in a text with {@code ***}.
   *
   * @param text a message, or {@code null}
   * @return the text without secrets
   */
  public String redact(String text) {
    if (text == null) {
      return "";
    }
    String result = text;
    for (String secret : secrets) {
      result = result.replace(secret, "***");
    }
    return result;
  }

  private static String string(Map<String, Object> data, String key, String fallback) {
    if (data == null) {
      return null;
    }
    Object value = data.get(key);
    if (value == null) {
      value = data.get(fallback);
    }
    return value == null ? null : value.toString();
  }
}
