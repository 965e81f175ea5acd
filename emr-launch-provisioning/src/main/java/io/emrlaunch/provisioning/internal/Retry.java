package io.emrlaunch.provisioning.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Bounded exponential back-off on an injected scheduler (virtual time in tests): {@code base},
 * {@code 2 base}, ... capped at {@code max}, at most {@code attempts} attempts in all.
 */
public final class Retry {
  private final ScheduledExecutorService scheduler;
  private final int attempts;
  private final Duration base;
  private final Duration max;

  public Retry(ScheduledExecutorService scheduler, int attempts, Duration base, Duration max) {
    this.scheduler = scheduler;
    this.attempts = attempts;
    this.base = base;
    this.max = max;
  }

  /** Throttling and 5xx: the call did not take effect (or is safe to repeat). */
  public static boolean transientError(Throwable t) {
    Throwable e = unwrap(t);
    return e instanceof AwsServiceException a
        && (a.isThrottlingException() || a.statusCode() >= 500);
  }

  /** Throttling only: for creates, where a 5xx may have taken effect. */
  public static boolean throttled(Throwable t) {
    Throwable e = unwrap(t);
    return e instanceof AwsServiceException a && a.isThrottlingException();
  }

  /** An AWS error with this code. */
  public static boolean code(Throwable t, String code) {
    Throwable e = unwrap(t);
    return e instanceof AwsServiceException a
        && a.awsErrorDetails() != null
        && code.equals(a.awsErrorDetails().errorCode());
  }

  public static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while ((e instanceof CompletionException || e instanceof ExecutionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  public <T> CompletableFuture<T> run(
      Supplier<CompletableFuture<T>> call, Predicate<Throwable> retryable) {
    CompletableFuture<T> result = new CompletableFuture<>();
    attempt(call, retryable, 1, result);
    return result;
  }

  private <T> void attempt(
      Supplier<CompletableFuture<T>> call,
      Predicate<Throwable> retryable,
      int n,
      CompletableFuture<T> result) {
    CompletableFuture<T> f;
    try {
      f = call.get();
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
      return;
    }
    f.whenComplete(
        (v, e) -> {
          if (e == null) {
            result.complete(v);
          } else if (n < attempts && retryable.test(e)) {
            long delay = Math.min(max.toMillis(), base.toMillis() << Math.min(n - 1, 20));
            scheduler.schedule(
                () -> attempt(call, retryable, n + 1, result), delay, TimeUnit.MILLISECONDS);
          } else {
            result.completeExceptionally(unwrap(e));
          }
        });
  }
}
