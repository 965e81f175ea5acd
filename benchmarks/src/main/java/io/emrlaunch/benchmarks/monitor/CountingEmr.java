package io.emrlaunch.benchmarks.monitor;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
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
 * Counts one strategy's calls, by operation, on the way to the shared testkit FakeEmr (whose
 * CallLog sees both strategies).
 */
final class CountingEmr implements EmrAsyncClient {
  private final EmrAsyncClient delegate;
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final java.time.Clock clock;
  private final List<Instant> pollStarts = new CopyOnWriteArrayList<>();

  CountingEmr(EmrAsyncClient delegate) {
    this(delegate, null);
  }

  /** Also records when each poll began (its first ListClusters page was read), on {@code clock}. */
  CountingEmr(EmrAsyncClient delegate, java.time.Clock clock) {
    this.delegate = delegate;
    this.clock = clock;
  }

  /** When each poll's first ListClusters page was requested (successful requests only). */
  List<Instant> pollStarts() {
    List<Instant> out = new ArrayList<>(pollStarts);
    out.sort(null);
    return out;
  }

  private void count(String op) {
    calls.computeIfAbsent(op, k -> new LongAdder()).increment();
  }

  Map<String, Long> counts() {
    Map<String, Long> out = new TreeMap<>();
    calls.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  /** All calls, launching included. */
  long total() {
    return counts().values().stream().mapToLong(Long::longValue).sum();
  }

  /** Calls that watch clusters (everything but launching). */
  long watchCalls() {
    return counts().entrySet().stream()
        .filter(e -> !e.getKey().equals("RunJobFlow"))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  @Override
  public String serviceName() {
    return delegate.serviceName();
  }

  @Override
  public void close() {}

  @Override
  public CompletableFuture<RunJobFlowResponse> runJobFlow(RunJobFlowRequest r) {
    count("RunJobFlow");
    return delegate.runJobFlow(r);
  }

  @Override
  public CompletableFuture<ListClustersResponse> listClusters(ListClustersRequest r) {
    count("ListClusters");
    if (clock == null || r.marker() != null) {
      return delegate.listClusters(r);
    }
    Instant at = clock.instant();
    return delegate
        .listClusters(r)
        .whenComplete(
            (resp, t) -> {
              if (t == null) {
                pollStarts.add(at);
              }
            });
  }

  @Override
  public CompletableFuture<DescribeClusterResponse> describeCluster(DescribeClusterRequest r) {
    count("DescribeCluster");
    return delegate.describeCluster(r);
  }

  @Override
  public CompletableFuture<ListStepsResponse> listSteps(ListStepsRequest r) {
    count("ListSteps");
    return delegate.listSteps(r);
  }

  @Override
  public CompletableFuture<AddJobFlowStepsResponse> addJobFlowSteps(AddJobFlowStepsRequest r) {
    count("AddJobFlowSteps");
    return delegate.addJobFlowSteps(r);
  }

  @Override
  public CompletableFuture<TerminateJobFlowsResponse> terminateJobFlows(
      TerminateJobFlowsRequest r) {
    count("TerminateJobFlows");
    return delegate.terminateJobFlows(r);
  }

  @Override
  public CompletableFuture<SetTerminationProtectionResponse> setTerminationProtection(
      SetTerminationProtectionRequest r) {
    count("SetTerminationProtection");
    return delegate.setTerminationProtection(r);
  }
}
