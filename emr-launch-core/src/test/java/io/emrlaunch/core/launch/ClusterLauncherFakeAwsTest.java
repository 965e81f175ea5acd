package io.emrlaunch.core.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.emr.ClusterFailure;
import io.emrlaunch.testkit.emr.ClusterScript;
import io.emrlaunch.testkit.emr.EmrBehavior;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.ClusterState;

/** The launcher against the testkit's in-memory EMR, through FakeAws directly. */
class ClusterLauncherFakeAwsTest {

  /** The profile names a security configuration; the fake (like EMR) checks that it exists. */
  static FakeAws prepared(FakeAws aws) {
    aws.time()
        .runUntil(
            aws.emrAsync()
                .createSecurityConfiguration(
                    r -> r.name("analytics-secure-sc").securityConfiguration("{}")),
            Duration.ofSeconds(10))
        .join();
    return aws;
  }

  static ClusterLauncher launcher(FakeAws aws) {
    return ClusterLauncher.builder()
        .emr(aws.emrAsync())
        .scheduler(aws.scheduler())
        .clock(aws.clock())
        .build();
  }

  static LaunchRequest.Builder request(String name) {
    return LaunchRequest.builder()
        .profile(RunJobFlowRequestsTest.profile())
        .configuration(ClusterLauncherTest.persistent())
        .clusterName(name);
  }

  static Throwable failure(CompletableFuture<?> f) {
    assertThat(f).isCompletedExceptionally();
    try {
      f.join();
      throw new AssertionError("not failed");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  @Test
  void launchesToWaiting() {
    FakeAws aws = prepared(FakeAws.builder().seed(3).build());
    ClusterLauncher launcher = launcher(aws);
    var f = launcher.launch(request("etl").waitFor(LaunchWait.WAITING).build());
    aws.time().runUntil(f, Duration.ofMinutes(30));
    assertThat(f.join().snapshot().orElseThrow().state()).contains(ClusterState.WAITING);
    assertThat(aws.emrBackend().clusterCount()).isEqualTo(1);
  }

  @Test
  void bootstrapFailureCarriesTheReason() {
    FakeAws aws =
        prepared(
            FakeAws.builder()
                .seed(3)
                .emrBehavior(
                    EmrBehavior.builder()
                        .cluster("etl", ClusterScript.failing(ClusterFailure.bootstrapFailure()))
                        .build())
                .build());
    var f = launcher(aws).launch(request("etl").build());
    aws.time().runUntil(f, Duration.ofMinutes(30));
    ClusterFailedException e = (ClusterFailedException) failure(f);
    assertThat(e.snapshot().reasonCode()).contains("BOOTSTRAP_FAILURE");
  }

  @Test
  void lostResponseMakesExactlyOneCluster() {
    FakeAws aws = prepared(FakeAws.builder().seed(3).build());
    aws.faults().on(FakeAws.EMR, "RunJobFlow").next(1).loseResponse();
    var f = launcher(aws).launch(request("etl").build());
    aws.time().runUntil(f, Duration.ofMinutes(30));
    assertThat(f.join().snapshot().orElseThrow().up()).isTrue();
    assertThat(aws.emrBackend().clusterCount()).isEqualTo(1);
  }

  @Test
  void cancellationTerminatesTheCluster() {
    FakeAws aws = prepared(FakeAws.builder().seed(3).build());
    List<String> created = new ArrayList<>();
    ClusterLauncher launcher =
        ClusterLauncher.builder()
            .emr(aws.emrAsync())
            .scheduler(aws.scheduler())
            .clock(aws.clock())
            .listener(
                new LaunchListener() {
                  @Override
                  public void clusterCreated(LaunchedCluster cluster, Duration sinceLaunch) {
                    created.add(cluster.clusterId());
                  }
                })
            .build();
    var f = launcher.launch(request("etl").build());
    aws.time().advance(Duration.ofSeconds(30));
    assertThat(created).hasSize(1);
    f.cancel(true);
    var gone = launcher.monitor().await(created.get(0), ClusterTarget.TERMINATED);
    aws.time().runUntil(gone, Duration.ofMinutes(30));
    assertThat(gone.join().state()).contains(ClusterState.TERMINATED);
    assertThat(gone.join().reasonCode()).contains("USER_REQUEST");
  }

  @Test
  void throttlingStormNeverFailsAWait() {
    long seed = 5;
    FakeAws aws = prepared(FakeAws.builder().seed(seed).build());
    aws.faults().on(FakeAws.EMR, "ListClusters").withProbability(0.4).throttle();
    aws.faults().on(FakeAws.EMR, "DescribeCluster").withProbability(0.4).throttle();
    aws.faults().on(FakeAws.EMR, "RunJobFlow").withProbability(0.4).throttle();
    ClusterLauncher launcher = launcher(aws);
    List<CompletableFuture<LaunchedCluster>> all = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      all.add(launcher.launch(request("c" + i).build()));
    }
    var done = CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
    aws.time().runUntil(done, Duration.ofHours(2));
    assertThat(done).as("seed %d", seed).isCompleted();
    assertThat(aws.emrBackend().clusterCount()).isEqualTo(30);
  }
}
