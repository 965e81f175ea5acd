package io.emrlaunch.stepfunctions.internal;

import java.util.ServiceLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The module's logger (a copy of core's, which other modules may not use): SLF4J when the
 * application has an SLF4J provider, otherwise the JDK's {@link System.Logger} (which prints INFO
 * and above to stderr by default). Without the fallback a user without an SLF4J backend would see
 * only SLF4J's "defaulting to no-operation" warning and none of the launch progress. Messages use
 * SLF4J's {@code {}} placeholders. Never log a secret or a whole request body.
 */
public abstract class Log {
  private static final boolean SLF4J = hasSlf4jProvider();

  /**
   * The logger for a class.
   *
   * @param type the class that logs
   * @return its logger
   */
  public static Log of(Class<?> type) {
    return SLF4J
        ? new Slf4j(LoggerFactory.getLogger(type))
        : new Jdk(System.getLogger(type.getName()));
  }

  private static boolean hasSlf4jProvider() {
    try {
      return ServiceLoader.load(SLF4JServiceProvider.class, Log.class.getClassLoader())
          .findFirst()
          .isPresent();
    } catch (LinkageError | RuntimeException e) {
      return false;
    }
  }

  Log() {}

  /**
   * Whether DEBUG lines are kept (to skip building their arguments).
   *
   * @return true when enabled
   */
  public abstract boolean isDebugEnabled();

  /**
   * Logs at DEBUG.
   *
   * @param format the message with {@code {}} placeholders
   * @param args the arguments
   */
  public abstract void debug(String format, Object... args);

  /**
   * Logs at INFO.
   *
   * @param format the message with {@code {}} placeholders
   * @param args the arguments
   */
  public abstract void info(String format, Object... args);

  /**
   * Logs at WARN.
   *
   * @param format the message with {@code {}} placeholders
   * @param args the arguments
   */
  public abstract void warn(String format, Object... args);

  /** Replaces {@code {}} placeholders in order, as SLF4J does. */
  static String format(String format, Object... args) {
    StringBuilder out = new StringBuilder(format.length() + 32);
    int from = 0;
    int arg = 0;
    while (true) {
      int at = format.indexOf("{}", from);
      if (at < 0 || arg >= args.length) {
        out.append(format, from, format.length());
        return out.toString();
      }
      out.append(format, from, at).append(args[arg++]);
      from = at + 2;
    }
  }

  private static final class Slf4j extends Log {
    private final Logger logger;

    Slf4j(Logger logger) {
      this.logger = logger;
    }

    @Override
    public boolean isDebugEnabled() {
      return logger.isDebugEnabled();
    }

    @Override
    public void debug(String format, Object... args) {
      logger.debug(format, args);
    }

    @Override
    public void info(String format, Object... args) {
      logger.info(format, args);
    }

    @Override
    public void warn(String format, Object... args) {
      logger.warn(format, args);
    }
  }

  private static final class Jdk extends Log {
    private final System.Logger logger;

    Jdk(System.Logger logger) {
      this.logger = logger;
    }

    @Override
    public boolean isDebugEnabled() {
      return logger.isLoggable(System.Logger.Level.DEBUG);
    }

    @Override
    public void debug(String format, Object... args) {
      if (logger.isLoggable(System.Logger.Level.DEBUG)) {
        logger.log(System.Logger.Level.DEBUG, format(format, args));
      }
    }

    @Override
    public void info(String format, Object... args) {
      if (logger.isLoggable(System.Logger.Level.INFO)) {
        logger.log(System.Logger.Level.INFO, format(format, args));
      }
    }

    @Override
    public void warn(String format, Object... args) {
      if (logger.isLoggable(System.Logger.Level.WARNING)) {
        logger.log(System.Logger.Level.WARNING, format(format, args));
      }
    }
  }
}
