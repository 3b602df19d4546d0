package dev.terway4j.model.internal;

import dev.terway4j.model.ManifestException;
import dev.terway4j.model.ManifestProblem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Reads the text of a manifest file through a bounded stream, whatever size the file system
 * reports: device files and FIFOs report 0 and could otherwise be read without end. The bytes must
 * be UTF-8 text: a UTF-16 or UTF-32 byte order mark, an invalid UTF-8 sequence or a control
 * character other than tab, line feed and carriage return (as in binary files, or UTF-16 without a
 * byte order mark) is a {@link ManifestException} naming the file and the byte offset. Stateless
 * and thread-safe.
 */
public final class ManifestFileText {

  private static final int CHUNK = 64 * 1024;

  private ManifestFileText() {}

  /**
   * Returns the text of {@code in}, at most {@code maxChars} characters.
   *
   * @param source the file name, for problems
   * @throws ManifestException when the bytes are not UTF-8 text or hold more than {@code maxChars}
   *     characters
   * @throws IOException when reading fails
   */
  public static String read(InputStream in, String source, int maxChars) throws IOException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    StringBuilder text = new StringBuilder();
    ByteBuffer bytes = ByteBuffer.allocate(CHUNK);
    CharBuffer chars = CharBuffer.allocate(CHUNK);
    long consumed = 0; // bytes decoded before bytes.position() 0
    boolean first = true;
    boolean end = false;
    while (!end) {
      int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
      if (n < 0) {
        end = true;
      } else {
        bytes.position(bytes.position() + n);
      }
      bytes.flip();
      if (first && (bytes.remaining() >= 4 || end)) {
        checkByteOrderMark(bytes, source);
        first = false;
      } else if (first) {
        bytes.compact();
        continue;
      }
      int start = bytes.position();
      CoderResult result = decoder.decode(bytes, chars, end);
      if (result.isError()) {
        long offset = consumed + bytes.position() - start;
        int bad = bytes.get(bytes.position()) & 0xFF;
        throw problem(
            source,
            "not UTF-8 text: invalid byte 0x"
                + hex(bad)
                + " at byte offset "
                + offset
                + "; manifests must be UTF-8");
      }
      consumed += bytes.position() - start;
      if (end) {
        decoder.flush(chars);
      }
      chars.flip();
      checkControls(chars, consumed, source);
      if (text.length() + chars.remaining() > maxChars) {
        throw new ManifestException(
            List.of(
                new ManifestProblem(
                    source,
                    -1,
                    "",
                    ManifestProblem.Kind.TOO_LARGE,
                    "file has more than " + maxChars + " characters, the limit")));
      }
      text.append(chars);
      chars.clear();
      bytes.compact();
    }
    return text.toString();
  }

  private static void checkByteOrderMark(ByteBuffer bytes, String source) {
    int b0 = byteAt(bytes, 0);
    int b1 = byteAt(bytes, 1);
    int b2 = byteAt(bytes, 2);
    int b3 = byteAt(bytes, 3);
    String encoding = null;
    if (b0 == 0x00 && b1 == 0x00 && b2 == 0xFE && b3 == 0xFF) {
      encoding = "UTF-32";
    } else if (b0 == 0xFF && b1 == 0xFE && b2 == 0x00 && b3 == 0x00) {
      encoding = "UTF-32";
    } else if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE)) {
      encoding = "UTF-16";
    }
    if (encoding != null) {
      throw problem(
          source, encoding + " text (byte order mark at byte offset 0); manifests must be UTF-8");
    }
  }

  private static int byteAt(ByteBuffer bytes, int index) {
    return bytes.position() + index < bytes.limit()
        ? bytes.get(bytes.position() + index) & 0xFF
        : -1;
  }

  /**
   * Refuses a control character YAML does not allow, with its byte offset: the characters before it
   * in this chunk are re-encoded to count their bytes, which only happens once, on failure.
   */
  private static void checkControls(CharBuffer chars, long consumedAfter, String source) {
    for (int i = chars.position(); i < chars.limit(); i++) {
      char c = chars.get(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
        long chunkBytes =
            String.valueOf(chars.array(), 0, chars.limit()).getBytes(StandardCharsets.UTF_8).length;
        long offset =
            consumedAfter
                - chunkBytes
                + String.valueOf(chars.array(), 0, i).getBytes(StandardCharsets.UTF_8).length;
        throw problem(
            source,
            "not a text file: control character 0x"
                + hex(c)
                + " at byte offset "
                + offset
                + " (binary data, or UTF-16 without a byte order mark); manifests must be UTF-8");
      }
    }
  }

  private static String hex(int value) {
    return String.format(Locale.ROOT, "%02X", value);
  }

  private static ManifestException problem(String source, String message) {
    return new ManifestException(
        List.of(new ManifestProblem(source, -1, "", ManifestProblem.Kind.SYNTAX, message)));
  }
}
