package io.emrlaunch.benchmarks.monitor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.model.AddJobFlowStepsRequest;
import software.amazon.awssdk.services.emr.model.AddJobFlowStepsResponse;
import software.amazon.awssdk.services.emr.model.DescribeClusterRequest;
import software.amazon.awssdk.services.emr.model.DescribeClusterResponse;
import software.amazon.awssdk.services.emr.model.ListClustersRequest;
import software.amazon.awssdk.services.emr.model.ListClustersResponse;
import software.amazon.awssdk.services.emr.model.ListStepsRequest;
import software.amazon.awssdk.services.emr.model.ListStepsResponse;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;
import software.amazon.awssdk.services.emr.model.RunJobFlowResponse;
import software.amazon.awssdk.services.emr.model.SetTerminationProtectionRequest;
import software.amazon.awssdk.services.emr.model.SetTerminationProtectionResponse;
import software.amazon.awssdk.services.emr.model.TerminateJobFlowsRequest;
import software.amazon.awssdk.services.emr.model.TerminateJobFlowsResponse;

/**
 * What the SDK's standard retry strategy does for throttling: up to 3 attempts, backing off (the
 * mean of its full-jitter delays: 0.5 s, then 1 s), in virtual time. Both strategies get it, as
 * they would with a default client; the attempts are counted by the {@link CountingEmr} below.
 */
final class RetryingEmr implements EmrAsyncClient {
  private final EmrAsyncClient delegate;
  private final ScheduledExecutorService scheduler;

  RetryingEmr(EmrAsyncClient delegate, ScheduledExecutorService scheduler) {
    this.delegate = delegate;
    this.scheduler = scheduler;
  }

  private <T> CompletableFuture<T> retry(Supplier<CompletableFuture<T>> call) {
    return attempt(call, 1);
  }

  private <T> CompletableFuture<T> attempt(Supplier<CompletableFuture<T>> call, int n) {
    CompletableFuture<T> out = new CompletableFuture<>();
    call.get()
        .whenComplete(
            (v, t) -> {
              Throwable c = t instanceof CompletionException ? t.getCause() : t;
              if (c instanceof AwsServiceException e && e.isThrottlingException() && n < 3) {
                scheduler.schedule(
                    () ->
                        attempt(call, n + 1)
                            .whenComplete(
                                (v2, t2) -> {
                                  if (t2 != null) {
                                    out.completeExceptionally(t2);
                                  } else {
                                    out.complete(v2);
                                  }
                                }),
                    500L << (n - 1),
                    TimeUnit.MILLISECONDS);
              } else if (t != null) {
                out.completeExceptionally(c);
              } else {
                out.complete(v);
              }
            });
    return out;
  }

  @Override
  public String serviceName() {
    return delegate.serviceName();
  }

  @Override
  public void close() {}

  @Override
  public CompletableFuture<RunJobFlowResponse> runJobFlow(RunJobFlowRequest r) {
    return retry(() -> delegate.runJobFlow(r));
  }

  @Override
  public CompletableFuture<ListClustersResponse> listClusters(ListClustersRequest r) {
    return retry(() -> delegate.listClusters(r));
  }

  @Override
  public CompletableFuture<DescribeClusterResponse> describeCluster(DescribeClusterRequest r) {
    return retry(() -> delegate.describeCluster(r));
  }

  @Override
  public CompletableFuture<ListStepsResponse> listSteps(ListStepsRequest r) {
    return retry(() -> delegate.listSteps(r));
  }

  @Override
  public CompletableFuture<AddJobFlowStepsResponse> addJobFlowSteps(AddJobFlowStepsRequest r) {
    return retry(() -> delegate.addJobFlowSteps(r));
  }

  @Override
  public CompletableFuture<TerminateJobFlowsResponse> terminateJobFlows(
      TerminateJobFlowsRequest r) {
    return retry(() -> delegate.terminateJobFlows(r));
  }

  @Override
  public CompletableFuture<SetTerminationProtectionResponse> setTerminationProtection(
      SetTerminationProtectionRequest r) {
    return retry(() -> delegate.setTerminationProtection(r));
  }
}
