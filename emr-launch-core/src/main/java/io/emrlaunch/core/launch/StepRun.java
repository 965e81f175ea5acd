package io.emrlaunch.core.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Steps submitted to a cluster: their ids, and futures that complete when they are over. Cancelling
 * a future returned here cancels the steps it waits for ({@code CancelSteps}).
 */
public final class StepRun {
  private final String clusterId;
  private final List<String> stepIds;
  private final ClusterMonitor monitor;
  private final Function<List<String>, CompletableFuture<Void>> canceller;
  private final Function<Throwable, CompletableFuture<Throwable>> explain;

  StepRun(
      String clusterId,
      List<String> stepIds,
      ClusterMonitor monitor,
      Function<List<String>, CompletableFuture<Void>> canceller,
      Function<Throwable, CompletableFuture<Throwable>> explain) {
    this.clusterId = Objects.requireNonNull(clusterId, "clusterId");
    this.stepIds = List.copyOf(stepIds);
    this.monitor = monitor;
    this.canceller = canceller;
    this.explain = explain;
  }

  /** Fails {@code out} with {@code t}, diagnosed when the launcher can. */
  private void fail(CompletableFuture<?> out, Throwable t) {
    Throwable cause = io.emrlaunch.core.Futures.unwrap(t);
    if (out.isDone()) {
      return;
    }
    explain.apply(cause).whenComplete((e, x) -> out.completeExceptionally(e == null ? cause : e));
  }

  /**
   * The cluster.
   *
   * @return its id
   */
  public String clusterId() {
    return clusterId;
  }

  /**
   * The step ids ({@code s-...}), in submission order.
   *
   * @return the ids
   */
  public List<String> stepIds() {
    return stepIds;
  }

  /**
   * Waits for one step.
   *
   * @param index the step's position in {@link #stepIds()}
   * @return completes when the step {@code COMPLETED}; fails with {@link StepFailedException}
   *     (failure details, log file and, with an S3 client, the diagnosis) otherwise; cancelling it
   *     cancels the step
   */
  public CompletableFuture<StepSnapshot> step(int index) {
    String id = stepIds.get(index);
    CompletableFuture<StepSnapshot> out = new CompletableFuture<>();
    CompletableFuture<StepSnapshot> wait = monitor.awaitStep(clusterId, id);
    wait.whenComplete(
        (s, t) -> {
          if (t != null) {
            fail(out, t);
          } else {
            out.complete(s);
          }
        });
    out.whenComplete(
        (s, t) -> {
          if (out.isCancelled()) {
            wait.cancel(false);
            canceller.apply(List.of(id));
          }
        });
    return out;
  }

  /**
   * Waits for every step.
   *
   * @return completes with every step's snapshot, in order, when all {@code COMPLETED}; fails with
   *     the first {@link StepFailedException}; cancelling it cancels every step not over
   */
  public CompletableFuture<List<StepSnapshot>> all() {
    List<CompletableFuture<StepSnapshot>> waits = new ArrayList<>();
    for (String id : stepIds) {
      waits.add(monitor.awaitStep(clusterId, id));
    }
    CompletableFuture<List<StepSnapshot>> out = new CompletableFuture<>();
    for (CompletableFuture<StepSnapshot> w : waits) {
      w.whenComplete(
          (s, t) -> {
            if (t != null) {
              fail(out, t);
            } else if (waits.stream().allMatch(f -> f.isDone() && !f.isCompletedExceptionally())) {
              out.complete(waits.stream().map(CompletableFuture::join).toList());
            }
          });
    }
    out.whenComplete(
        (v, t) -> {
          if (out.isCancelled()) {
            waits.forEach(w -> w.cancel(false));
            canceller.apply(stepIds);
          }
        });
    return out;
  }

  /**
   * Cancels every step of this run that is not over.
   *
   * @return completes when EMR accepted the request
   */
  public CompletableFuture<Void> cancel() {
    return canceller.apply(stepIds);
  }

  @Override
  public String toString() {
    return "StepRun{" + clusterId + " " + stepIds + "}";
  }
}
