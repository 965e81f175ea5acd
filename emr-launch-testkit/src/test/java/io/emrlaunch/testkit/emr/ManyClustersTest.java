package io.emrlaunch.testkit.emr;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.waiters.WaiterResponse;
import software.amazon.awssdk.services.emr.model.DescribeClusterResponse;
import software.amazon.awssdk.services.emr.waiters.EmrAsyncWaiter;

/** Five hundred clusters, each watched by its own SDK waiter, all on one virtual scheduler. */
class ManyClustersTest {

  @Test
  void fiveHundredWaitersOnOneVirtualScheduler() {
    long seed = 500;
    FakeAws aws =
        FakeAws.builder()
            .seed(seed)
            .keepCalls(false)
            .emrBehavior(
                EmrBehavior.builder()
                    .bootstrappingTime(
                        DurationDistribution.uniform(Duration.ofMinutes(6), Duration.ofMinutes(12)))
                    .clusterFailureRate(0.05, ClusterFailure.bootstrapFailure())
                    .build())
            .build();
    EmrAsyncWaiter waiter = aws.emrAsync().waiter();
    long realStart = System.nanoTime();
    List<CompletableFuture<WaiterResponse<DescribeClusterResponse>>> waits = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String id = aws.emr().runJobFlow(Requests.cluster("c" + i, true).build()).jobFlowId();
      waits.add(waiter.waitUntilClusterRunning(r -> r.clusterId(id)));
    }
    CompletableFuture<Void> all =
        CompletableFuture.allOf(
            waits.stream().map(w -> w.handle((r, e) -> null)).toArray(CompletableFuture[]::new));
    aws.time().runUntil(all, Duration.ofHours(1));
    long realMillis = (System.nanoTime() - realStart) / 1_000_000;

    long failed = waits.stream().filter(CompletableFuture::isCompletedExceptionally).count();
    long describes = aws.calls().count(FakeAws.EMR, "DescribeCluster");
    System.out.printf(
        "ManyClustersTest: 500 clusters, %d DescribeCluster calls, %d failed boots, %d ms real%n",
        describes, failed, realMillis);
    assertThat(all).isDone();
    assertThat(failed).as("seed %d: ~5%% of 500 fail at bootstrap", seed).isBetween(10L, 45L);
    // 30 s polling over 9-15 min boots: between 19 and 31 DescribeCluster calls per cluster
    assertThat(describes).as("seed %d", seed).isBetween(500L * 19, 500L * 31);
  }
}
