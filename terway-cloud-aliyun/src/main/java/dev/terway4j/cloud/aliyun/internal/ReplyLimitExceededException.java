package dev.terway4j.cloud.aliyun.internal;

import java.io.IOException;

/**
 * A reply body passed the configured bound on its size or its JSON nesting ({@link
 * BoundedReplies}). Raised while the SDK reads the body; the SDK wraps it, and {@link
 * AliyunErrorTranslator} finds it in the cause chain.
 *
 * <p>Immutable and thread-safe.
 */
public final class ReplyLimitExceededException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message which bound was passed, by how much
   */
  public ReplyLimitExceededException(String message) {
    super(message);
  }
}
