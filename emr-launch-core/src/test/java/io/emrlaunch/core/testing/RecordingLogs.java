package io.emrlaunch.core.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * An SLF4J provider for core's tests (selected with {@code -Dslf4j.provider}): keeps the newest
 * lines of {@code io.emrlaunch} loggers in memory so tests can read what the library logged.
 */
public final class RecordingLogs implements SLF4JServiceProvider {
  private static final int KEEP = 20_000;
  private static final Deque<String> LINES = new ArrayDeque<>();

  /**
   * The lines logged since the last {@link #clear()}, as {@code LEVEL message}.
   *
   * @return a copy
   */
  public static List<String> lines() {
    synchronized (LINES) {
      return new ArrayList<>(LINES);
    }
  }

  /** Forgets every line. */
  public static void clear() {
    synchronized (LINES) {
      LINES.clear();
    }
  }

  private final ILoggerFactory factory = RecordingLogger::new;
  private final IMarkerFactory markers = new BasicMarkerFactory();
  private final MDCAdapter mdc = new NOPMDCAdapter();

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

  private static final class RecordingLogger extends LegacyAbstractLogger {
    private static final long serialVersionUID = 1L;
    private final boolean ours;

    RecordingLogger(String name) {
      this.name = name;
      this.ours = name.startsWith("io.emrlaunch");
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(
        Level level, Marker marker, String format, Object[] args, Throwable t) {
      String line = level + " " + MessageFormatter.basicArrayFormat(format, args);
      synchronized (LINES) {
        LINES.addLast(line);
        if (LINES.size() > KEEP) {
          LINES.removeFirst();
        }
      }
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return ours;
    }

    @Override
    public boolean isInfoEnabled() {
      return ours;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }
  }
}
