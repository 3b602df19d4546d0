package dev.terway4j.cli;

import dev.terway4j.model.ControlCharacters;
import java.io.PrintWriter;

/**
 * A writer for the terminal that {@linkplain ControlCharacters#escape escapes} every control
 * character it is given, line feeds included, so names and ids from manifests, scenarios or the
 * cloud can neither drive the terminal nor forge output lines. Only the line ends of {@code
 * println} reach the terminal raw, and tabs, which move the cursor and nothing else (stack traces
 * are indented with them). Thread-safe as {@link PrintWriter}.
 */
final class TerminalWriter extends PrintWriter {

  private TerminalWriter(PrintWriter out) {
    super(out, true);
  }

  /** Returns {@code out} wrapped, or {@code out} itself when it already escapes. */
  static PrintWriter of(PrintWriter out) {
    return out instanceof TerminalWriter ? out : new TerminalWriter(out);
  }

  @Override
  public void write(int c) {
    write(String.valueOf((char) c));
  }

  @Override
  public void write(char[] buf, int off, int len) {
    write(new String(buf, off, len));
  }

  @Override
  public void write(String s, int off, int len) {
    int end = off + len;
    int start = off;
    for (int tab = s.indexOf('\t', start); tab >= 0 && tab < end; tab = s.indexOf('\t', start)) {
      writeEscaped(s.substring(start, tab));
      super.write("\t", 0, 1);
      start = tab + 1;
    }
    writeEscaped(s.substring(start, end));
  }

  private void writeEscaped(String s) {
    String escaped = ControlCharacters.escape(s);
    super.write(escaped, 0, escaped.length());
  }
}
