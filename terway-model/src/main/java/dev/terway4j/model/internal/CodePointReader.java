package dev.terway4j.model.internal;

import java.util.Locale;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.scanner.Constant;

/**
 * SnakeYAML's character reader over a text held whole in memory, in linear time.
 *
 * <p>SnakeYAML's own {@link StreamReader} reads 1,024 characters at a time and copies everything
 * from the current token's start on every read, so one long token (a scalar, a comment, a run of
 * spaces) costs time quadratic in its length: a 7-million-character scalar took 15 seconds. This
 * reader indexes the code points of the whole text instead, so peeking ahead is constant time.
 * Behaviour otherwise follows {@link StreamReader}: characters YAML does not allow are refused with
 * a {@link ReaderException} when reached, line breaks are counted the same way, and peeking past
 * the end gives {@code 0}. Not thread-safe; one per parser.
 */
final class CodePointReader extends StreamReader {

  private static final String NAME = "'reader'";

  private final int[] codePoints;
  private final int length;

  /** Index of the first code point YAML does not allow, or {@code length}. */
  private final int firstUnprintable;

  private int pointer;
  private int index;
  private int documentIndex;
  private int line;
  private int column;

  CodePointReader(String text) {
    super("");
    this.codePoints = text.codePoints().toArray();
    this.length = codePoints.length;
    int bad = 0;
    while (bad < length && isPrintable(codePoints[bad])) {
      bad++;
    }
    this.firstUnprintable = bad;
  }

  @Override
  public Mark getMark() {
    return new Mark(NAME, index, line, column, codePoints, pointer);
  }

  @Override
  public void forward() {
    forward(1);
  }

  @Override
  public void forward(int count) {
    for (int i = 0; i < count && available(0); i++) {
      int c = codePoints[pointer++];
      index++;
      documentIndex++;
      if (Constant.LINEBR.has(c) || (c == '\r' && available(0) && codePoints[pointer] != '\n')) {
        line++;
        column = 0;
      } else if (c != 0xFEFF) {
        column++;
      }
    }
  }

  @Override
  public int peek() {
    return peek(0);
  }

  @Override
  public int peek(int offset) {
    return available(offset) ? codePoints[pointer + offset] : 0;
  }

  @Override
  public String prefix(int count) {
    if (count == 0) {
      return "";
    }
    available(count);
    return new String(codePoints, pointer, Math.min(count, length - pointer));
  }

  @Override
  public String prefixForward(int count) {
    String prefix = prefix(count);
    pointer += count;
    index += count;
    documentIndex += count;
    column += count;
    return prefix;
  }

  @Override
  public int getColumn() {
    return column;
  }

  @Override
  public int getDocumentIndex() {
    return documentIndex;
  }

  @Override
  public void resetDocumentIndex() {
    documentIndex = 0;
  }

  @Override
  public int getIndex() {
    return index;
  }

  @Override
  public int getLine() {
    return line;
  }

  /**
   * Returns whether the code point {@code offset} ahead exists, refusing a character YAML does not
   * allow once the reader comes near it (as {@link StreamReader} does when it reads it in).
   */
  private boolean available(int offset) {
    long at = (long) pointer + offset;
    if (at >= firstUnprintable && firstUnprintable < length) {
      int c = codePoints[firstUnprintable];
      throw new ReaderException(
          NAME,
          firstUnprintable,
          c,
          String.format(
              Locale.ROOT,
              "special character U+%04X at character offset %d is not allowed",
              c,
              firstUnprintable));
    }
    return at < length;
  }
}
