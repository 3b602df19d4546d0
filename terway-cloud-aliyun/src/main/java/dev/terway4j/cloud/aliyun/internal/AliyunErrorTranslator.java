package dev.terway4j.cloud.aliyun.internal;

import static com.google.common.base.Preconditions.checkNotNull;

import com.aliyun.credentials.exception.CredentialException;
import com.aliyun.tea.TeaException;
import com.aliyun.tea.TeaUnretryableException;
import com.aliyun.teautil.models.TeaUtilException;
import com.google.common.base.Throwables;
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
 * <p>Every text taken from a failure (the reply's message, code and request id, a body snippet, an
 * I/O message) passes through the provider's {@link SecretRedactor}: bounded, stripped of every
 * credential the provider has learned (in any encoding, or any 8-character run of it), and with
 * control characters escaped. Causes are kept only when their messages are already clean; otherwise
 * a {@link RedactedFailure} copy stands in for each, so that a stack trace printed by a caller
 * shows no credential either. The SDK's request objects, which hold the signed headers (and an STS
 * token), are never kept.
 *
 * <p>A reply past the bounds of {@link BoundedReplies} (size or JSON nesting) is a non-retryable
 * {@link CloudClientException}; a mutating call's outcome is unknown.
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

  private static final int MAX_CODE = 128;
  private static final int MAX_CAUSES = 8;

  private final SecretRedactor redactor;

  /**
   * Creates a translator that keeps the given strings out of every message.
   *
   * @param secrets credentials to redact (ids, secrets, tokens); blanks are ignored
   */
  public AliyunErrorTranslator(Collection<String> secrets) {
    this(new SecretRedactor());
    secrets.forEach(redactor::register);
  }

  /**
   * Creates a translator that cleans every text through a redactor, which may learn more
   * credentials later.
   *
   * @param redactor the provider's redactor
   */
  public AliyunErrorTranslator(SecretRedactor redactor) {
    this.redactor = checkNotNull(redactor, "redactor");
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
    ReplyLimitExceededException limit = limitCause(failure);
    if (limit != null) {
      return new CloudClientException(
          action
              + " got a reply beyond the configured bounds: "
              + clean(limit.getMessage())
              + (mutating ? "; it may have been applied" : ""),
          null,
          mutating,
          false);
    }
    if (failure instanceof TeaUnretryableException) {
      return transport(failure, action, mutating);
    }
    if (failure instanceof TeaException tea) {
      if (tea.getStatusCode() == null) {
        // Raised by the SDK itself (e.g. a model that fails validation), before sending.
        return new CloudClientException(
            action + " was refused by the SDK: " + clean(tea.getMessage()), null, false, false);
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
          action + " could not obtain credentials: " + clean(failure.getMessage()),
          null,
          false,
          true);
    }
    if (failure instanceof IOException io) {
      // E.g. the connection broke while the SDK was reading the body.
      return new CloudClientException(
          action + " failed while reading the response: " + describe(io),
          sanitize(io),
          mutating,
          true);
    }
    return new CloudClientException(
        action + " failed in the Aliyun SDK: " + describe(failure), null, mutating, false);
  }

  private CloudException reply(TeaException tea, CloudOperation operation, boolean memberAttach) {
    // getData() is the error body plus "statusCode"; getCode() is the string "null" without Code.
    Map<String, Object> data = tea.getData();
    // Every field of the reply is the server's text: each one is cleaned, the code included (a
    // code that held a credential would be no known code anyway).
    String code = tea.getCode();
    if (code == null || code.isBlank() || code.equals("null")) {
      code = UNKNOWN_CODE;
    } else {
      code = clean(code.length() > MAX_CODE ? code.substring(0, MAX_CODE) : code);
    }
    int status = tea.getStatusCode();
    String requestId = string(data, "RequestId", "requestId");
    if (requestId != null) {
      requestId =
          clean(requestId.length() > MAX_CODE ? requestId.substring(0, MAX_CODE) : requestId);
    }
    String message = string(data, "Message", "message");
    if (message == null) {
      message = "error reply";
    }
    StringBuilder text = new StringBuilder(operation.apiName()).append(": ").append(clean(message));
    Object denied = tea.getAccessDeniedDetail();
    if (denied instanceof Map<?, ?> detail && detail.get("AuthAction") != null) {
      text.append(" (denied action: ")
          .append(clean(String.valueOf(detail.get("AuthAction"))))
          .append(')');
    }
    String safe = text.toString();
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
        root == failure ? null : sanitize(root),
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
        + (t.getMessage() == null ? "" : ": " + clean(t.getMessage()));
  }

  private String snippet(String message) {
    String text = String.valueOf(message);
    // Bounded before the whitespace is folded, so that a huge body costs nothing here.
    if (text.length() > SecretRedactor.MAX_LENGTH) {
      text = text.substring(0, SecretRedactor.MAX_LENGTH);
    }
    text = redactor.redact(text);
    StringBuilder folded = new StringBuilder(Math.min(text.length(), MAX_BODY_SNIPPET + 1));
    boolean space = false;
    for (int i = 0; i < text.length() && folded.length() <= MAX_BODY_SNIPPET; i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        space = true;
        continue;
      }
      if (space && folded.length() > 0) {
        folded.append(' ');
      }
      space = false;
      folded.append(c);
    }
    String cut =
        folded.length() <= MAX_BODY_SNIPPET
            ? folded.toString()
            : folded.substring(0, MAX_BODY_SNIPPET) + "…";
    return SecretRedactor.escape(cut);
  }

  /**
   * Returns a text safe for a message: bounded, without credentials, control characters escaped.
   *
   * @param text a message, or {@code null}
   * @return the clean text
   */
  public String clean(String text) {
    return redactor.clean(text);
  }

  /**
   * Replaces every known credential in a text with {@code ***}.
   *
   * @param text a message, or {@code null}
   * @return the text without credentials
   */
  public String redact(String text) {
    return redactor.redact(text);
  }

  /**
   * Returns the failure itself when no message in its cause chain changes by cleaning; otherwise a
   * chain of {@link RedactedFailure} copies with clean messages and the original stack traces.
   */
  private Throwable sanitize(Throwable failure) {
    boolean clean = true;
    int n = 0;
    for (Throwable t = failure; t != null && n < MAX_CAUSES; t = t.getCause(), n++) {
      String m = t.getMessage();
      if (m != null && !m.equals(clean(m))) {
        clean = false;
      }
      if (t.getSuppressed().length > 0) {
        clean = false;
      }
    }
    return clean ? failure : copy(failure, 0);
  }

  private Throwable copy(Throwable t, int depth) {
    if (t == null || depth >= MAX_CAUSES) {
      return null;
    }
    RedactedFailure copy =
        new RedactedFailure(
            t.getClass().getName() + (t.getMessage() == null ? "" : ": " + clean(t.getMessage())),
            copy(t.getCause() == t ? null : t.getCause(), depth + 1));
    copy.setStackTrace(t.getStackTrace());
    return copy;
  }

  private static ReplyLimitExceededException limitCause(Throwable failure) {
    int n = 0;
    for (Throwable t = failure; t != null && n < MAX_CAUSES; t = t.getCause(), n++) {
      if (t instanceof ReplyLimitExceededException limit) {
        return limit;
      }
    }
    return null;
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
