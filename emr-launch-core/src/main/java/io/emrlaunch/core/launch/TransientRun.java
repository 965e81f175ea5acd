package io.emrlaunch.core.launch;

import io.emrlaunch.core.Futures;
import io.emrlaunch.core.validation.Problems;
import io.emrlaunch.core.validation.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.emr.model.StepState;

/**
 * Steps on a transient cluster: launch it with the steps, wait until it has terminated, report
 * every step's outcome; a timeout or a cancel terminates the cluster.
 */
final class TransientRun {
  private final LauncherContext ctx;
  private final ClusterLauncher launcher;
  private final LaunchRequest request;
  private final Optional<Duration> timeout;
  private final CompletableFuture<JobRun> result = new CompletableFuture<>();
  private final AtomicBoolean cleanedUp = new AtomicBoolean();
  private final ClusterEvents events;

  TransientRun(
      LauncherContext ctx,
      ClusterLauncher launcher,
      LaunchRequest request,
      Optional<Duration> timeout) {
    this.ctx = ctx;
    this.launcher = launcher;
    this.request = request;
    this.timeout = timeout;
    this.events = new ClusterEvents(request.listeners());
  }

  CompletableFuture<JobRun> start() {
    Problems p = Problems.root();
    if (request.steps().isEmpty()) {
      p.add("steps", "a transient run needs at least one step");
    }
    if (request.configuration().instances().keepJobFlowAliveWhenNoSteps()) {
      p.at("configuration")
          .at("instances")
          .add(
              "keepJobFlowAliveWhenNoSteps",
              "must be false: a transient cluster ends with its steps");
    }
    timeout.ifPresent(
        t -> {
          if (t.isNegative() || t.isZero()) {
            p.add("timeout", "must be positive");
          }
        });
    if (p.any()) {
      return CompletableFuture.failedFuture(new ValidationException(p.problems()));
    }
    LaunchRequest noWait = request.withWaitFor(LaunchWait.NONE).withTimeout(Optional.empty());
    CompletableFuture<LaunchedCluster> launched = launcher.launch(noWait);
    result.whenComplete(
        (v, t) -> {
          ctx.monitor.removeListener(events);
          if (result.isCancelled()) {
            launched.cancel(false);
            launched.thenAccept(c -> terminate(c.clusterId(), "the caller cancelled the run"));
          }
        });
    timeout.ifPresent(t -> ctx.calls.after(t, () -> timedOut(launched, t)));
    launched
        .thenCompose(this::watch)
        .whenComplete(
            (run, t) -> {
              if (t != null) {
                Throwable cause = Futures.unwrap(t);
                if (result.isDone()) {
                  return;
                }
                ctx.diagnostics
                    .explain(cause)
                    .whenComplete((e, x) -> result.completeExceptionally(e == null ? cause : e));
              } else {
                result.complete(run);
              }
            });
    return result;
  }

  private void timedOut(CompletableFuture<LaunchedCluster> launched, Duration t) {
    String id =
        launched.isDone() && !launched.isCompletedExceptionally()
            ? launched.join().clusterId()
            : null;
    ClusterSnapshot last = id == null ? null : ctx.monitor.lastSeen(id).orElse(null);
    if (result.completeExceptionally(
        new ClusterWaitTimeoutException(
            id == null ? "(not created yet)" : id, ClusterTarget.TERMINATED, t, last))) {
      launched.thenAccept(c -> terminate(c.clusterId(), "the run timed out after " + t));
    }
  }

  private void terminate(String clusterId, String why) {
    if (!request.terminateOnFailure() || !cleanedUp.compareAndSet(false, true)) {
      return;
    }
    OrphanTerminator.terminate(
            ctx,
            clusterId,
            request.configuration().instances().terminationProtected(),
            why,
            request.listeners())
        .exceptionally(t -> null); // reported to listeners and logged by the terminator
  }

  private CompletableFuture<JobRun> watch(LaunchedCluster cluster) {
    String id = cluster.clusterId();
    if (!request.listeners().isEmpty()) {
      events.clusterId = id;
      ctx.monitor.addListener(events);
    }
    return ctx.calls
        .listAllSteps(id)
        .thenCompose(
            listed -> {
              // EMR lists the newest step first.
              List<String> ids = new ArrayList<>(listed.stream().map(s -> s.id()).toList());
              Collections.reverse(ids);
              List<CompletableFuture<StepSnapshot>> steps =
                  ids.stream().map(s -> ctx.monitor.awaitStep(id, s)).toList();
              CompletableFuture<ClusterSnapshot> ended =
                  ctx.monitor.await(id, ClusterTarget.TERMINATED);
              CompletableFuture<?>[] everything = new CompletableFuture<?>[steps.size() + 1];
              for (int i = 0; i < steps.size(); i++) {
                everything[i] = steps.get(i).exceptionally(t -> null);
              }
              everything[steps.size()] = ended;
              return CompletableFuture.allOf(everything)
                  .thenApply(v -> outcome(cluster, ended.join(), steps));
            });
  }

  private static JobRun outcome(
      LaunchedCluster cluster, ClusterSnapshot ended, List<CompletableFuture<StepSnapshot>> steps) {
    List<StepSnapshot> snapshots = new ArrayList<>();
    StepFailedException firstFailed = null;
    StepFailedException firstOther = null;
    for (CompletableFuture<StepSnapshot> f : steps) {
      try {
        snapshots.add(f.join());
      } catch (CompletionException e) {
        if (e.getCause() instanceof StepFailedException sf) {
          snapshots.add(sf.snapshot());
          if (sf.snapshot().state() == StepState.FAILED) {
            firstFailed = firstFailed == null ? sf : firstFailed;
          } else {
            firstOther = firstOther == null ? sf : firstOther;
          }
        } else {
          throw e;
        }
      }
    }
    if (firstFailed != null) {
      throw firstFailed;
    }
    if (ended.ready().isEmpty() && firstOther != null) {
      throw new ClusterFailedException(ClusterTarget.STARTED, ended, null);
    }
    if (firstOther != null) {
      throw firstOther;
    }
    return new JobRun(cluster.withSnapshot(ended), ended, snapshots);
  }
}
