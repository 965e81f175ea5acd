package io.emrlaunch.core;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Small helpers for the futures this library returns: unwrapping their failures, a blocking join
 * that throws the library's own exceptions, and the scheduler components use when given none.
 *
 * <pre>{@code
 * LaunchedCluster cluster = Futures.join(launcher.launch(request)); // ValidationException, not
 *                                                                   // CompletionException
 * }</pre>
 */
public final class Futures {
  private Futures() {}

  /**
   * The failure a future's exception stands for: {@link CompletionException} and {@link
   * ExecutionException} wrappers removed.
   *
   * @param t a failure as a future reported it
   * @return the innermost cause that is not a wrapper (or {@code t} itself)
   */
  public static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  /**
   * Waits for a future and returns its value, throwing what it failed with unwrapped: the library's
   * exceptions arrive as themselves ({@code ValidationException}, {@code ClusterFailedException},
   * ...), other unchecked exceptions too, checked ones wrapped in an {@link EmrLaunchException}. An
   * interrupt cancels the future (a cancelled launch terminates its cluster), keeps the thread's
   * interrupt flag and throws {@link CancellationException}.
   *
   * @param future the future
   * @param <T> the value type
   * @return the value
   */
  public static <T> T join(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      CancellationException c = new CancellationException("interrupted while waiting");
      c.initCause(e);
      throw c;
    } catch (ExecutionException | CompletionException e) {
      throw rethrowable(unwrap(e));
    }
  }

  /**
   * The unchecked form of a failure: itself when unchecked, an {@link EmrLaunchException}
   * otherwise. Errors are thrown as they are.
   *
   * @param cause the failure (already unwrapped)
   * @return the exception to throw
   */
  public static RuntimeException rethrowable(Throwable cause) {
    if (cause instanceof RuntimeException r) {
      return r;
    }
    if (cause instanceof Error e) {
      throw e;
    }
    return new EmrLaunchException(String.valueOf(cause.getMessage()), cause);
  }

  /**
   * The process-wide scheduler (one daemon thread named {@code emr-launch-scheduler}) that
   * launchers, monitors and deployers use for polls, pauses and timeouts when they are built
   * without one. It only triggers work, so one thread serves any number of components; it is never
   * shut down and never keeps the JVM alive. Give components your own scheduler to control threads
   * or time (the testkit's virtual scheduler in tests).
   *
   * @return the shared scheduler
   */
  public static ScheduledExecutorService defaultScheduler() {
    return DefaultScheduler.INSTANCE;
  }

  /** Created on first use only. */
  private static final class DefaultScheduler {
    static final ScheduledExecutorService INSTANCE =
        Executors.unconfigurableScheduledExecutorService(
            Executors.newSingleThreadScheduledExecutor(
                r -> {
                  Thread t = new Thread(r, "emr-launch-scheduler");
                  t.setDaemon(true);
                  return t;
                }));
  }
}
