package dev.terway4j.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the text of an input the command line names: {@code -} for standard input, or a path that
 * may be a regular file, a named pipe (FIFO) or a device. Every read is bounded: at most the given
 * number of bytes is taken from the stream, whatever size the file system reports (a FIFO reports
 * 0), and the bytes must be UTF-8. Stateless and thread-safe; standard input can be read once.
 */
public final class InputFiles {

  /** The argument that stands for standard input. */
  public static final String STANDARD_INPUT = "-";

  private InputFiles() {}

  /**
   * Returns whether {@code path} is {@code -}, standard input.
   *
   * @param path a command-line path
   * @return whether it stands for standard input
   */
  public static boolean isStandardInput(Path path) {
    return path.toString().equals(STANDARD_INPUT);
  }

  /**
   * Returns whether {@code path} is standard input or names something that exists.
   *
   * @param path a command-line path
   * @return whether it can be opened
   */
  public static boolean exists(Path path) {
    return isStandardInput(path) || Files.exists(path);
  }

  /**
   * Returns whether {@code path} is standard input or something other than a regular file.
   *
   * @param path a command-line path
   * @return whether its size says nothing and it must be read as a stream
   */
  public static boolean isStream(Path path) {
    return isStandardInput(path) || (Files.exists(path) && !Files.isRegularFile(path));
  }

  /**
   * Returns how the input is named in messages: {@code (standard input)} or the path.
   *
   * @param path a command-line path
   * @return its name for messages
   */
  public static String describe(Path path) {
    return isStandardInput(path) ? "(standard input)" : path.toString();
  }

  /**
   * Reads the whole input as UTF-8.
   *
   * @param path {@code -} or a path
   * @param maxBytes the largest input accepted
   * @return the text, without a leading byte order mark
   * @throws IOException when it cannot be read, holds more than {@code maxBytes} bytes (the message
   *     says so) or is not UTF-8 (the message names the byte offset)
   */
  public static String read(Path path, long maxBytes) throws IOException {
    if (isStandardInput(path)) {
      return read(System.in, maxBytes);
    }
    try (InputStream in = Files.newInputStream(path)) {
      return read(in, maxBytes);
    }
  }

  /**
   * Reads a stream as UTF-8, taking at most {@code maxBytes + 1} bytes from it.
   *
   * @param in the stream, left open
   * @param maxBytes the largest input accepted
   * @return the text, without a leading byte order mark
   * @throws IOException as {@link #read(Path, long)}
   */
  public static String read(InputStream in, long maxBytes) throws IOException {
    byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    if (bytes.length > maxBytes) {
      throw new IOException("more than " + maxBytes + " bytes, over the limit");
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer input = ByteBuffer.wrap(bytes);
    CharBuffer output = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(input, output, true);
    if (result.isError()) {
      throw new IOException("not UTF-8: invalid byte at offset " + input.position());
    }
    result = decoder.flush(output);
    if (result.isError()) {
      throw new CharacterCodingException();
    }
    String text = output.flip().toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }
}
