package io.emrlaunch.core.launch;

import io.emrlaunch.core.internal.Log;
import io.emrlaunch.core.launch.internal.EmrCalls;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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

  /**
   * How long the launcher keeps trying when it cannot tell whether a cluster exists (an unknown
   * {@code RunJobFlow} outcome) or cannot get it terminated.
   */
  final Duration persistence;

  LauncherContext(
      EmrAsyncClient emr,
      Clock clock,
      ClusterMonitor monitor,
      List<LaunchListener> listeners,
      Supplier<String> launchTokens,
      int runJobFlowAttempts,
      EmrCalls calls,
      Duration persistence) {
    this.emr = emr;
    this.clock = clock;
    this.monitor = monitor;
    this.listeners = List.copyOf(listeners);
    this.launchTokens = launchTokens;
    this.runJobFlowAttempts = runJobFlowAttempts;
    this.calls = calls;
    this.persistence = persistence;
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
  java.util.concurrent.CompletableFuture<Void> sleep(Duration d) {
    java.util.concurrent.CompletableFuture<Void> done =
        new java.util.concurrent.CompletableFuture<>();
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
}
