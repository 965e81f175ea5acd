package io.emrlaunch.core.launch;

import static io.emrlaunch.core.launch.ClusterLauncherFakeAwsTest.launcher;
import static io.emrlaunch.core.launch.ClusterLauncherFakeAwsTest.prepared;
import static io.emrlaunch.core.launch.ClusterLauncherFakeAwsTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.DescribeClusterRequest;
import software.amazon.awssdk.services.emr.model.DescribeClusterResponse;
import software.amazon.awssdk.services.emr.model.ListClustersRequest;
import software.amazon.awssdk.services.emr.model.ListClustersResponse;

/**
 * A poll phase that throws must not stall the monitor: before the guard, a DescribeCluster answer
 * without its cluster raised a NullPointerException on the scheduler thread, the poll stayed marked
 * as running, and the wait hung for good.
 */
class MonitorPollFailureTest {

  @Test
  void aDescribeClusterAnswerWithoutTheClusterDoesNotStallTheWait() {
    FakeAws aws = prepared(FakeAws.builder().seed(5).build());
    var launched = launcher(aws).launch(request("up").waitFor(LaunchWait.WAITING).build());
    String id = aws.time().runUntil(launched, Duration.ofHours(1)).join().clusterId();

    AtomicInteger emptyAnswers = new AtomicInteger();
    EmrAsyncClient real = aws.emrAsync();
    EmrAsyncClient firstDescribeEmpty =
        new EmrAsyncClient() {
          @Override
          public String serviceName() {
            return real.serviceName();
          }

          @Override
          public void close() {}

          @Override
          public CompletableFuture<ListClustersResponse> listClusters(ListClustersRequest r) {
            return real.listClusters(r);
          }

          @Override
          public CompletableFuture<DescribeClusterResponse> describeCluster(
              DescribeClusterRequest r) {
            if (emptyAnswers.getAndIncrement() == 0) {
              return CompletableFuture.completedFuture(DescribeClusterResponse.builder().build());
            }
            return real.describeCluster(r);
          }
        };
    try (ClusterMonitor monitor =
        ClusterMonitor.builder()
            .emr(firstDescribeEmpty)
            .scheduler(aws.scheduler())
            .clock(aws.clock())
            .build()) {
      // A WAITING cluster is not in the listing of pending states: the monitor describes it.
      var up = monitor.await(id, ClusterTarget.WAITING);
      aws.time().runUntil(up, Duration.ofMinutes(10));
      assertThat(up).isCompleted();
      assertThat(up.join().state()).contains(ClusterState.WAITING);
      assertThat(emptyAnswers.get()).isGreaterThanOrEqualTo(1);
    }
  }
}
