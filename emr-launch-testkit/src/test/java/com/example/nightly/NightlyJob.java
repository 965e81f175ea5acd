package com.example.nightly;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.waiters.EmrAsyncWaiter;

/**
 * Stand-in for a user's own code: launch a cluster, wait until it can take steps, return its id.
 */
final class NightlyJob {
  private final EmrAsyncClient emr;
  private final EmrAsyncWaiter waiter;

  NightlyJob(EmrAsyncClient emr, ScheduledExecutorService scheduler) {
    this.emr = emr;
    this.waiter = EmrAsyncWaiter.builder().client(emr).scheduledExecutorService(scheduler).build();
  }

  CompletableFuture<String> launch(RunJobFlowRequest request) {
    return emr.runJobFlow(request)
        .thenCompose(
            launched ->
                waiter
                    .waitUntilClusterRunning(r -> r.clusterId(launched.jobFlowId()))
                    .thenApply(done -> launched.jobFlowId()));
  }
}
