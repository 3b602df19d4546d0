package dev.terway4j.testkit.security;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Everything logged while a capture is open: SLF4J events at every level (through {@link
 * CapturingSlf4jProvider}, the only SLF4J provider on the test class path), {@code
 * java.util.logging} records, and what is printed to {@code System.out} and {@code System.err}.
 * Outside a capture SLF4J events are dropped, so other tests pay nothing.
 *
 * <p>One capture at a time (the suite's tests run one after the other).
 */
final class CapturedLogs implements AutoCloseable {
  private static volatile CapturedLogs current;

  private final StringBuilder text = new StringBuilder();
  private final List<String> levels = new ArrayList<>();
  private final PrintStream originalOut = System.out;
  private final PrintStream originalErr = System.err;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final Handler julHandler;
  private final Level julLevel;

  private CapturedLogs() {
    PrintStream tee = new PrintStream(printed, true, StandardCharsets.UTF_8);
    System.setOut(tee);
    System.setErr(tee);
    julHandler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            String message = record.getMessage();
            Object[] params = record.getParameters();
            if (params != null) {
              for (Object p : params) {
                message += " " + p;
              }
            }
            append("JUL " + record.getLevel(), message, record.getThrown());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    julHandler.setLevel(Level.ALL);
    Logger root = Logger.getLogger("");
    julLevel = root.getLevel();
    root.setLevel(Level.ALL);
    root.addHandler(julHandler);
  }

  /** Opens a capture. */
  static CapturedLogs open() {
    CapturedLogs logs = new CapturedLogs();
    current = logs;
    return logs;
  }

  static boolean capturing() {
    return current != null;
  }

  static void event(String level, String logger, String message, Throwable thrown) {
    CapturedLogs logs = current;
    if (logs != null) {
      logs.append(level + " " + logger, message, thrown);
    }
  }

  private synchronized void append(String where, String message, Throwable thrown) {
    levels.add(where);
    text.append(where).append(": ").append(message).append('\n');
    if (thrown != null) {
      text.append(stackTrace(thrown));
    }
  }

  /** Returns a throwable as {@code printStackTrace} shows it: causes and suppressed included. */
  static String stackTrace(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return out.toString();
  }

  /** Returns how many log events (SLF4J and JUL) were captured. */
  synchronized int events() {
    return levels.size();
  }

  /** Returns every captured line, log events then printed output. */
  synchronized String all() {
    return text + printed.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    current = null;
    System.setOut(originalOut);
    System.setErr(originalErr);
    Logger root = Logger.getLogger("");
    root.removeHandler(julHandler);
    root.setLevel(julLevel);
  }
}
