package io.emrlaunch.core.launch;

import static io.emrlaunch.core.launch.ClusterLauncherFakeAwsTest.launcher;
import static io.emrlaunch.core.launch.ClusterLauncherFakeAwsTest.prepared;
import static io.emrlaunch.core.launch.ClusterLauncherFakeAwsTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.ClusterState;

/** A cluster already at its target when a wait starts is recognised by the first poll. */
class MonitorFirstCheckTest {

  @Test
  void aClusterAlreadyUpIsRecognisedWithinASecondOfTheWait() {
    FakeAws aws = prepared(FakeAws.builder().seed(31).build());
    var launched = launcher(aws).launch(request("up").waitFor(LaunchWait.WAITING).build());
    String id = aws.time().runUntil(launched, Duration.ofHours(1)).join().clusterId();

    for (ClusterTarget target :
        new ClusterTarget[] {ClusterTarget.STARTED, ClusterTarget.WAITING}) {
      ClusterMonitor fresh =
          ClusterMonitor.builder()
              .emr(aws.emrAsync())
              .scheduler(aws.scheduler())
              .clock(aws.clock())
              .build();
      Instant start = aws.clock().instant();
      var f = fresh.await(id, target);
      aws.time().runUntil(f, Duration.ofMinutes(5));
      assertThat(f.join().state()).contains(ClusterState.WAITING);
      assertThat(Duration.between(start, aws.clock().instant()))
          .as("lag for %s", target)
          .isLessThanOrEqualTo(Duration.ofSeconds(2));
      assertThat(fresh.callCounts().getOrDefault("DescribeCluster", 0L)).isLessThanOrEqualTo(1L);
      fresh.close();
    }
  }
}
