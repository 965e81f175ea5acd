package io.emrlaunch.core.launch.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.ListClustersRequest;
import software.amazon.awssdk.services.emr.model.StepSummary;

/**
 * Retries and paging for the launcher's EMR calls. Pauses run on the given scheduler (so virtual
 * time works in tests); nothing here blocks a thread.
 */
public final class EmrCalls {
  private final EmrAsyncClient emr;
  private final ScheduledExecutorService scheduler;
  private final int tries;
  private final Duration firstPause;

  /**
   * Creates the helper.
   *
   * @param emr the client
   * @param scheduler where pauses run
   * @param tries attempts per call, at least 1
   * @param firstPause the first pause; later pauses double
   */
  public EmrCalls(
      EmrAsyncClient emr, ScheduledExecutorService scheduler, int tries, Duration firstPause) {
    this.emr = emr;
    this.scheduler = scheduler;
    this.tries = Math.max(1, tries);
    this.firstPause = firstPause;
  }

  /** The client. */
  public EmrAsyncClient emr() {
    return emr;
  }

  /** Runs {@code call} again while it fails with a throttling or transient error. */
  public <T> CompletableFuture<T> idempotent(Supplier<CompletableFuture<T>> call) {
    return retrying(call, t -> isThrottling(t) || isTransient(t), 1);
  }

  /** Runs {@code call} again only while EMR throttles it (refused, so surely not performed). */
  public <T> CompletableFuture<T> throttledOnly(Supplier<CompletableFuture<T>> call) {
    return retrying(call, EmrCalls::isThrottling, 1);
  }

  private <T> CompletableFuture<T> retrying(
      Supplier<CompletableFuture<T>> call, Predicate<Throwable> retryable, int attempt) {
    CompletableFuture<T> out = new CompletableFuture<>();
    CompletableFuture<T> first;
    try {
      first = call.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    first.whenComplete(
        (v, t) -> {
          if (t == null) {
            out.complete(v);
            return;
          }
          Throwable cause = io.emrlaunch.core.Futures.unwrap(t);
          if (attempt >= tries || !retryable.test(cause)) {
            out.completeExceptionally(cause);
            return;
          }
          after(
              pause(attempt),
              () ->
                  retrying(call, retryable, attempt + 1)
                      .whenComplete(
                          (v2, t2) -> {
                            if (t2 != null) {
                              out.completeExceptionally(io.emrlaunch.core.Futures.unwrap(t2));
                            } else {
                              out.complete(v2);
                            }
                          }));
        });
    return out;
  }

  /** Reads every page of a listing (each page retried on throttling). */
  public CompletableFuture<List<ClusterSummary>> listAll(ListClustersRequest request) {
    return listFrom(request, null, new ArrayList<>());
  }

  private CompletableFuture<List<ClusterSummary>> listFrom(
      ListClustersRequest request, String marker, List<ClusterSummary> acc) {
    return idempotent(() -> emr.listClusters(request.toBuilder().marker(marker).build()))
        .thenCompose(
            resp -> {
              acc.addAll(resp.clusters());
              return resp.marker() == null || resp.marker().isEmpty()
                  ? CompletableFuture.completedFuture(acc)
                  : listFrom(request, resp.marker(), acc);
            });
  }

  /** Reads every page of a cluster's steps, newest first as EMR lists them. */
  public CompletableFuture<List<StepSummary>> listAllSteps(String clusterId) {
    return stepsFrom(clusterId, null, new ArrayList<>());
  }

  private CompletableFuture<List<StepSummary>> stepsFrom(
      String clusterId, String marker, List<StepSummary> acc) {
    return idempotent(() -> emr.listSteps(r -> r.clusterId(clusterId).marker(marker)))
        .thenCompose(
            resp -> {
              acc.addAll(resp.steps());
              return resp.marker() == null || resp.marker().isEmpty()
                  ? CompletableFuture.completedFuture(acc)
                  : stepsFrom(clusterId, resp.marker(), acc);
            });
  }

  /** The pause before attempt {@code attempt + 1}. */
  public Duration pause(int attempt) {
    return firstPause.multipliedBy(1L << Math.min(attempt - 1, 10));
  }

  /** Runs {@code r} on the scheduler after {@code d}. */
  public void after(Duration d, Runnable r) {
    scheduler.schedule(r, d.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** The scheduler. */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** EMR refused the call because of its rate: surely not performed. */
  public static boolean isThrottling(Throwable t) {
    return t instanceof AwsServiceException ase && ase.isThrottlingException();
  }

  /**
   * A 5xx or a client-side failure (timeout, connection reset, lost response): the call may or may
   * not have been performed.
   */
  public static boolean isTransient(Throwable t) {
    if (t instanceof AwsServiceException ase) {
      return !ase.isThrottlingException() && ase.statusCode() >= 500;
    }
    return t instanceof SdkClientException;
  }
}
