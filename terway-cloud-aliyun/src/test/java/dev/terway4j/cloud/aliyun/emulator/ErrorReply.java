package dev.terway4j.cloud.aliyun.emulator;

import java.util.Map;

/** A refusal of the API itself (not of the cloud's state), answered as an error reply. */
public final class ErrorReply extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int status;
  final String code;
  final transient Map<String, Object> extra;

  ErrorReply(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  ErrorReply(int status, String code, String message, Map<String, Object> extra) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.extra = extra;
  }

  /** Returns the HTTP status. */
  public int status() {
    return status;
  }

  /** Returns the error code, e.g. {@code MissingParameter}. */
  public String code() {
    return code;
  }
}
