package dev.terway4j.cloud.aliyun.internal;

import com.aliyun.tea.TeaResponse;
import com.aliyun.tea.interceptor.InterceptorContext;
import com.aliyun.tea.interceptor.ResponseInterceptor;
import com.aliyun.tea.utils.AttributeMap;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Bounds the size and the JSON nesting of every reply body the backend's SDK calls read, at the
 * earliest point the Tea SDK offers: a response interceptor, which runs after the status line and
 * headers arrive and before any byte of the body is read. It wraps the body in a stream that counts
 * bytes and tracks the nesting of JSON objects and arrays (outside strings) as the SDK reads it,
 * and fails with {@link ReplyLimitExceededException} as soon as either bound is passed, so that at
 * most the size bound is ever held in memory and the SDK's recursive JSON handling never sees a
 * deep document. A {@code Content-Length} above the size bound fails before any body byte is read.
 *
 * <p>The Tea SDK keeps one interceptor chain for every client in the JVM. The interceptor is added
 * once, and it bounds only the calls made inside {@link #within} on the calling thread (the SDK
 * runs each call synchronously on it); other users of the SDK in the same JVM are not affected.
 *
 * <p>Thread-safe.
 */
public final class BoundedReplies {
  private static final ThreadLocal<Limits> CURRENT = new ThreadLocal<>();
  private static boolean installed;

  /**
   * The bounds of one call.
   *
   * @param maxBytes the largest body, in bytes
   * @param maxDepth the deepest nesting of JSON objects and arrays
   */
  public record Limits(int maxBytes, int maxDepth) {}

  /** An SDK call bounded by {@link #within}. */
  @FunctionalInterface
  public interface Call<T> {
    /**
     * Runs the call.
     *
     * @return its result
     * @throws Exception what the SDK throws
     */
    T run() throws Exception;
  }

  private BoundedReplies() {}

  /**
   * Adds the bounding interceptor to the SDK's interceptor chain, once per JVM.
   *
   * @param client any Tea OpenAPI client (the chain is shared by all of them)
   */
  public static synchronized void install(com.aliyun.teaopenapi.Client client) {
    if (!installed) {
      client.addResponseInterceptor(new Interceptor());
      installed = true;
    }
  }

  /**
   * Runs an SDK call with its reply bodies bounded.
   *
   * @param limits the bounds
   * @param call the call, run on this thread
   * @param <T> its result type
   * @return its result
   * @throws Exception what the call throws; a body past a bound makes the SDK throw an exception
   *     whose cause chain holds a {@link ReplyLimitExceededException}
   */
  public static <T> T within(Limits limits, Call<T> call) throws Exception {
    Limits previous = CURRENT.get();
    CURRENT.set(limits);
    try {
      return call.run();
    } finally {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    }
  }

  private static final class Interceptor implements ResponseInterceptor {
    @Override
    public TeaResponse modifyResponse(InterceptorContext context, AttributeMap attributes) {
      TeaResponse response = context.teaResponse();
      Limits limits = CURRENT.get();
      if (limits == null || response == null || response.body == null) {
        return response;
      }
      long declared = contentLength(response.headers);
      if (declared > limits.maxBytes()) {
        closeQuietly(response.body);
        response.body =
            new FailingStream(
                new ReplyLimitExceededException(
                    "the reply declares "
                        + declared
                        + " bytes, more than the "
                        + limits.maxBytes()
                        + " bytes allowed (maxReplyBytes)"));
      } else {
        response.body = new BoundedJsonStream(response.body, limits);
      }
      return response;
    }

    private static long contentLength(Map<String, String> headers) {
      if (headers == null) {
        return -1;
      }
      for (Map.Entry<String, String> header : headers.entrySet()) {
        if ("content-length".equalsIgnoreCase(header.getKey()) && header.getValue() != null) {
          try {
            return Long.parseLong(header.getValue().trim());
          } catch (NumberFormatException e) {
            return -1;
          }
        }
      }
      return -1;
    }
  }

  private static void closeQuietly(InputStream in) {
    try {
      in.close();
    } catch (IOException | RuntimeException e) {
      // Closing only releases the connection; the call fails anyway.
    }
  }

  /** A body that fails at the first read. */
  private static final class FailingStream extends InputStream {
    private final ReplyLimitExceededException failure;

    FailingStream(ReplyLimitExceededException failure) {
      this.failure = failure;
    }

    @Override
    public int read() throws IOException {
      throw failure;
    }
  }

  /** Counts bytes and JSON nesting as the body is read. */
  private static final class BoundedJsonStream extends FilterInputStream {
    private final Limits limits;
    private long count;
    private int depth;
    private boolean inString;
    private boolean escaped;

    BoundedJsonStream(InputStream in, Limits limits) {
      super(in);
      this.limits = limits;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        scan((byte) b);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      // Never read past the bound plus one byte, so that memory stays bounded whatever the caller.
      long room = (long) limits.maxBytes() + 1 - count;
      int n = super.read(buffer, offset, (int) Math.max(1, Math.min(length, room)));
      for (int i = 0; i < n; i++) {
        scan(buffer[offset + i]);
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      byte[] buffer = new byte[(int) Math.min(n, 8192)];
      int read = read(buffer, 0, buffer.length);
      return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    private void scan(byte b) throws ReplyLimitExceededException {
      if (++count > limits.maxBytes()) {
        fail(
            "the reply is longer than the " + limits.maxBytes() + " bytes allowed (maxReplyBytes)");
      }
      if (inString) {
        if (escaped) {
          escaped = false;
        } else if (b == '\\') {
          escaped = true;
        } else if (b == '"') {
          inString = false;
        }
      } else if (b == '"') {
        inString = true;
      } else if (b == '{' || b == '[') {
        if (++depth > limits.maxDepth()) {
          fail(
              "the reply nests JSON deeper than the "
                  + limits.maxDepth()
                  + " levels allowed (maxReplyDepth)");
        }
      } else if ((b == '}' || b == ']') && depth > 0) {
        depth--;
      }
    }

    private void fail(String message) throws ReplyLimitExceededException {
      // Closing the body drops the connection instead of reading the rest of a huge reply.
      closeQuietly(in);
      throw new ReplyLimitExceededException(message);
    }
  }
}
