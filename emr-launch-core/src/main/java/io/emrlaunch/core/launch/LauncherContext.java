package io.emrlaunch.core.launch;

import io.emrlaunch.core.Futures;
import io.emrlaunch.core.internal.Log;
import io.emrlaunch.core.launch.internal.EmrCalls;
import io.emrlaunch.core.launch.internal.SecretResolver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.services.emr.EmrAsyncClient;

/** What every part of a {@link ClusterLauncher} shares: clients, time, the monitor, listeners. */
final class LauncherContext {
  static final Log LOG = Log.of(ClusterLauncher.class);

  final EmrAsyncClient emr;
  final Clock clock;
  final ClusterMonitor monitor;
  final List<LaunchListener> listeners;
  final Supplier<String> launchTokens;
  final int runJobFlowAttempts;
  final EmrCalls calls;

  /** Reads a launch's secrets right before RunJobFlow; null when the builder had no client. */
  final SecretResolver secrets;

  /**
   * How long the launcher keeps trying when it cannot tell whether a cluster exists (an unknown
   * {@code RunJobFlow} outcome) or cannot get it terminated.
   */
  final Duration persistence;

  /** Adds diagnoses to failures (a no-op without an S3 client). */
  final Diagnostics diagnostics;

  LauncherContext(
      EmrAsyncClient emr,
      Clock clock,
      ClusterMonitor monitor,
      List<LaunchListener> listeners,
      Supplier<String> launchTokens,
      int runJobFlowAttempts,
      EmrCalls calls,
      Duration persistence,
      SecretResolver secrets,
      Diagnostics diagnostics) {
    this.emr = emr;
    this.clock = clock;
    this.monitor = monitor;
    this.listeners = List.copyOf(listeners);
    this.launchTokens = launchTokens;
    this.runJobFlowAttempts = runJobFlowAttempts;
    this.calls = calls;
    this.persistence = persistence;
    this.secrets = secrets;
    this.diagnostics = diagnostics;
  }

  /** Tells the launcher's listeners and a request's own; a listener cannot break a launch. */
  void emit(List<LaunchListener> extra, Consumer<LaunchListener> event) {
    for (List<LaunchListener> group : List.of(listeners, extra)) {
      for (LaunchListener l : group) {
        try {
          event.accept(l);
        } catch (RuntimeException e) {
          LOG.debug("a launch listener failed: {}", e.toString());
        }
      }
    }
  }

  /** Completes after {@code d} on the scheduler. */
  CompletableFuture<Void> sleep(Duration d) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    calls.after(d, () -> done.complete(null));
    return done;
  }

  /**
   * The pause before retry {@code attempt + 1} of a persistent loop: doubling, at most 1 minute.
   */
  Duration backoff(int attempt) {
    Duration p = calls.pause(attempt);
    return p.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : p;
  }

  /**
   * Runs {@code call} until it succeeds, pausing with {@link #backoff} between attempts that EMR
   * throttled or whose outcome is unknown; gives up with the unwrapped cause on any other failure,
   * or when the next pause would end after {@code deadline}.
   */
  <T> CompletableFuture<T> persistently(
      String what, Supplier<CompletableFuture<T>> call, Instant deadline) {
    return persistently(what, call, deadline, 1);
  }

  private <T> CompletableFuture<T> persistently(
      String what, Supplier<CompletableFuture<T>> call, Instant deadline, int n) {
    return call.get()
        .exceptionallyCompose(
            t -> {
              Throwable cause = Futures.unwrap(t);
              boolean retryable = EmrCalls.isThrottling(cause) || EmrCalls.isTransient(cause);
              Duration pause = backoff(n);
              if (!retryable || clock.instant().plus(pause).isAfter(deadline)) {
                return CompletableFuture.failedFuture(cause);
              }
              LOG.debug("{} failed ({}); trying again", what, cause.toString());
              return sleep(pause).thenCompose(v -> persistently(what, call, deadline, n + 1));
            });
  }
}
