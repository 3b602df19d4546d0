package dev.terway4j.cloud.aliyun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.credentials.exception.CredentialException;
import com.aliyun.tea.TeaException;
import com.aliyun.tea.TeaRetryableException;
import com.aliyun.tea.TeaUnretryableException;
import com.aliyun.teautil.models.TeaUtilException;
import dev.terway4j.cloud.aliyun.internal.AliyunErrorTranslator;
import dev.terway4j.cloud.spi.CloudClientException;
import dev.terway4j.cloud.spi.CloudException;
import dev.terway4j.cloud.spi.CloudOperation;
import dev.terway4j.cloud.spi.CloudServiceException;
import dev.terway4j.cloud.spi.NotFoundException;
import dev.terway4j.cloud.spi.RateLimitedException;
import dev.terway4j.cloud.spi.ServiceUnavailableException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The translator on SDK exceptions built by hand, for the shapes the wire tests cannot force. */
class AliyunErrorTranslatorTest {
  private static final String SECRET = "the-secret-value";
  private final AliyunErrorTranslator translator =
      new AliyunErrorTranslator(List.of("LTAIid", SECRET));

  private static TeaException reply(String code, int status, String message) {
    Map<String, Object> data = new HashMap<>();
    data.put("Code", code);
    data.put("Message", message);
    data.put("RequestId", "req-1");
    data.put("statusCode", status);
    Map<String, Object> map = new HashMap<>();
    map.put("code", code);
    map.put("message", "code: " + status + ", " + message + " request id: req-1");
    map.put("data", data);
    TeaException e = new TeaException(map);
    e.setStatusCode(status);
    return e;
  }

  @Test
  void errorReply_keepsCodeStatusAndRequestIdAndRedactsSecrets() {
    CloudException e =
        translator.translate(
            reply("InvalidEniId.NotFound", 404, "eni gone; key " + SECRET),
            CloudOperation.DELETE_NETWORK_INTERFACE,
            false);
    NotFoundException notFound = assertInstanceOf(NotFoundException.class, e);
    assertEquals("InvalidEniId.NotFound", notFound.errorCode());
    assertEquals(404, notFound.httpStatus());
    assertEquals(java.util.Optional.of("req-1"), notFound.requestId());
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    assertTrue(e.getMessage().startsWith("DeleteNetworkInterface: eni gone; key ***"));
    assertNull(e.getCause(), "the SDK exception, with the raw message, is not kept");
  }

  @Test
  void errorReply_whoseCodeIsTheStringNull_isClassifiedByStatus() {
    CloudException e =
        translator.translate(reply("null", 503, "down"), CloudOperation.DESCRIBE_VSWITCHES, false);
    assertInstanceOf(ServiceUnavailableException.class, e);
    assertEquals("Unknown", ((CloudServiceException) e).errorCode());
  }

  @Test
  void throttlingWith429_isRateLimited() {
    assertInstanceOf(
        RateLimitedException.class,
        translator.translate(
            reply("Throttling.User", 429, "slow down"),
            CloudOperation.CREATE_NETWORK_INTERFACE,
            false));
  }

  @Test
  void connectFailure_isRetryableAndNotSent_andKeepsOnlyTheIoCause() {
    ConnectException root = new ConnectException("Failed to connect to /127.0.0.1:1");
    CloudException e =
        translator.translate(
            new TeaUnretryableException(null, new TeaRetryableException(root)),
            CloudOperation.CREATE_NETWORK_INTERFACE,
            false);
    CloudClientException client = assertInstanceOf(CloudClientException.class, e);
    assertFalse(client.outcomeUnknown());
    assertTrue(client.retryable());
    assertSame(root, client.getCause());
  }

  @Test
  void connectTimeout_isNotSent_butReadTimeoutOfAMutatingCallIsUnknown() {
    CloudClientException connect =
        (CloudClientException)
            translator.translate(
                new TeaUnretryableException(
                    null,
                    new TeaRetryableException(new SocketTimeoutException("connect timed out"))),
                CloudOperation.ATTACH_NETWORK_INTERFACE,
                false);
    assertFalse(connect.outcomeUnknown());
    CloudClientException read =
        (CloudClientException)
            translator.translate(
                new TeaUnretryableException(
                    null, new TeaRetryableException(new SocketTimeoutException("timeout"))),
                CloudOperation.ATTACH_NETWORK_INTERFACE,
                false);
    assertTrue(read.outcomeUnknown());
  }

  @Test
  void nonJsonBody_isRetryable_andTruncated() {
    String html = "<html>" + "x".repeat(500) + "</html>";
    CloudClientException e =
        (CloudClientException)
            translator.translate(
                new TeaUtilException("Error: convert to JSON, response is: " + html),
                CloudOperation.DETACH_NETWORK_INTERFACE,
                false);
    assertTrue(e.retryable());
    assertTrue(e.outcomeUnknown());
    assertTrue(e.getMessage().length() < 250, e.getMessage());
  }

  @Test
  void missingCredentials_areRetryableAndNothingWasSent() {
    CloudClientException e =
        (CloudClientException)
            translator.translate(
                new CredentialException("not found credentials"),
                CloudOperation.DESCRIBE_NETWORK_INTERFACES,
                false);
    assertFalse(e.outcomeUnknown());
    assertTrue(e.getMessage().contains("could not obtain credentials"));
  }

  @Test
  void unexpectedFailure_isNotRetryable_andCloudExceptionsPassThrough() {
    CloudClientException e =
        (CloudClientException)
            translator.translate(
                new NullPointerException(), CloudOperation.DESCRIBE_INSTANCE_TYPES, false);
    assertFalse(e.retryable());
    CloudException already = new CloudClientException("x", null, false);
    assertSame(already, translator.translate(already, CloudOperation.DESCRIBE_VSWITCHES, false));
  }
}
