package dev.terway4j.testkit.security;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of the testkit's tests (registered in {@code META-INF/services}): every logger
 * is enabled at every level while a {@link CapturedLogs} capture is open, and hands its events,
 * formatted as SLF4J formats them, to the capture. Otherwise it drops everything.
 */
public final class CapturingSlf4jProvider implements SLF4JServiceProvider {
  private final ConcurrentMap<String, Logger> loggers = new ConcurrentHashMap<>();
  private final ILoggerFactory factory =
      name -> loggers.computeIfAbsent(name, CapturingLogger::new);
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new BasicMDCAdapter();

  /** Creates the provider; ServiceLoader calls this. */
  public CapturingSlf4jProvider() {}

  @Override
  public ILoggerFactory getLoggerFactory() {
    return factory;
  }

  @Override
  public IMarkerFactory getMarkerFactory() {
    return markers;
  }

  @Override
  public MDCAdapter getMDCAdapter() {
    return mdc;
  }

  @Override
  public String getRequestedApiVersion() {
    return "2.0.99";
  }

  @Override
  public void initialize() {}

  /** A logger that forwards to the open capture. */
  private static final class CapturingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;

    CapturingLogger(String name) {
      this.name = name;
    }

    @Override
    public boolean isTraceEnabled() {
      return CapturedLogs.capturing();
    }

    @Override
    public boolean isDebugEnabled() {
      return CapturedLogs.capturing();
    }

    @Override
    public boolean isInfoEnabled() {
      return CapturedLogs.capturing();
    }

    @Override
    public boolean isWarnEnabled() {
      return CapturedLogs.capturing();
    }

    @Override
    public boolean isErrorEnabled() {
      return CapturedLogs.capturing();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String messagePattern, Object[] arguments, Throwable thrown) {
      String message = MessageFormatter.basicArrayFormat(messagePattern, arguments);
      CapturedLogs.event(level.name(), name, message, thrown);
    }
  }
}
