package io.emrlaunch.core.launch;

import static io.emrlaunch.core.launch.ClusterLauncherFakeAwsTest.failure;
import static io.emrlaunch.core.launch.ClusterLauncherFakeAwsTest.prepared;
import static io.emrlaunch.core.launch.ClusterLauncherFakeAwsTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.testing.RecordingLogs;
import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.ClusterState;

/** Orphans, unknown outcomes and idempotency keys under faults (issue 14, R1). */
class LaunchReliabilityTest {

  private static ClusterLauncher launcher(FakeAws aws, LaunchListener listener) {
    return ClusterLauncher.builder()
        .emr(aws.emrAsync())
        .scheduler(aws.scheduler())
        .clock(aws.clock())
        .listener(listener)
        .build();
  }

  /** D1: the lost answer's token lookup is itself throttled six times; the launch keeps looking. */
  @Test
  void lostRunJobFlowAnswerThenThrottledLookupsStillFindsTheOneCluster() {
    FakeAws aws = prepared(FakeAws.builder().seed(21).build());
    aws.faults().on(FakeAws.EMR, "RunJobFlow").next(1).loseResponse();
    aws.faults().on(FakeAws.EMR, "ListClusters").next(6).throttle();
    var f = launcher(aws, new LaunchListener() {}).launch(request("d1").build());
    aws.time().runUntil(f, Duration.ofHours(1));
    LaunchedCluster c = f.join();
    assertThat(c.clusterId()).startsWith("j-");
    assertThat(aws.emrBackend().clusterCount()).isEqualTo(1);
  }

  /**
   * D1: lookups that never succeed end in a typed failure naming the token, not a raw SDK error.
   */
  @Test
  void lookupsThatNeverAnswerFailTypedAndTheClusterFoundLaterIsNotLeft() {
    FakeAws aws = prepared(FakeAws.builder().seed(22).build());
    aws.faults().on(FakeAws.EMR, "RunJobFlow").next(1).loseResponse();
    aws.faults().on(FakeAws.EMR, "ListClusters").always().serverError();
    ClusterLauncher launcher =
        ClusterLauncher.builder()
            .emr(aws.emrAsync())
            .scheduler(aws.scheduler())
            .clock(aws.clock())
            .persistence(Duration.ofMinutes(10))
            .build();
    var f = launcher.launch(request("d1b").build());
    aws.time().runUntil(f, Duration.ofHours(1));
    Throwable e = failure(f);
    assertThat(e)
        .isInstanceOf(io.emrlaunch.core.EmrLaunchException.class)
        .hasMessageContaining("could not tell whether cluster d1b was created")
        .hasMessageContaining(ClusterLauncher.LAUNCH_TOKEN_TAG);
    assertThat(RecordingLogs.lines()).anyMatch(l -> l.startsWith("WARN could not tell whether"));
  }

  /** D2: three 500s and three throttles on TerminateJobFlows: the orphan is still terminated. */
  @Test
  void orphanTerminationRetriesUntilEmrAcceptsAndOnlyThenTellsListeners() {
    FakeAws aws = prepared(FakeAws.builder().seed(23).build());
    List<String> events = new CopyOnWriteArrayList<>();
    List<String> created = new CopyOnWriteArrayList<>();
    ClusterLauncher launcher =
        launcher(
            aws,
            new LaunchListener() {
              @Override
              public void clusterCreated(LaunchedCluster cluster, Duration sinceLaunch) {
                created.add(cluster.clusterId());
              }

              @Override
              public void orphanTerminated(String clusterId, String why) {
                events.add("terminated " + clusterId);
              }

              @Override
              public void orphanTerminationFailed(OrphanTerminationFailedException error) {
                events.add("failed " + error.clusterId());
              }
            });
    aws.faults().on(FakeAws.EMR, "TerminateJobFlows").next(3).serverError();
    aws.faults().on(FakeAws.EMR, "TerminateJobFlows").next(3).throttle();
    var f =
        launcher.launch(
            request("d2").waitFor(LaunchWait.WAITING).timeout(Duration.ofMinutes(2)).build());
    aws.time().runUntil(f, Duration.ofHours(1));
    assertThat(failure(f)).isInstanceOf(ClusterWaitTimeoutException.class);
    String id = created.get(0);
    aws.time().advance(Duration.ofHours(1));
    assertThat(events).containsExactly("terminated " + id);
    var described = aws.emrAsync().describeCluster(r -> r.clusterId(id));
    assertThat(
            aws.time().runUntil(described, Duration.ofMinutes(1)).join().cluster().status().state())
        .isEqualTo(ClusterState.TERMINATED);
  }

  /** D2: EMR never accepts: listeners, the log and the launch's failure all say so. */
  @Test
  void orphanTerminationThatNeverSucceedsIsReportedNotHidden() {
    FakeAws aws = prepared(FakeAws.builder().seed(24).build());
    List<String> events = new CopyOnWriteArrayList<>();
    List<String> created = new CopyOnWriteArrayList<>();
    ClusterLauncher launcher =
        ClusterLauncher.builder()
            .emr(aws.emrAsync())
            .scheduler(aws.scheduler())
            .clock(aws.clock())
            .persistence(Duration.ofMinutes(10))
            .listener(
                new LaunchListener() {
                  @Override
                  public void clusterCreated(LaunchedCluster cluster, Duration sinceLaunch) {
                    created.add(cluster.clusterId());
                  }

                  @Override
                  public void orphanTerminated(String clusterId, String why) {
                    events.add("terminated " + clusterId);
                  }

                  @Override
                  public void orphanTerminationFailed(OrphanTerminationFailedException error) {
                    events.add("failed " + error.clusterId());
                  }
                })
            .build();
    aws.faults().on(FakeAws.EMR, "TerminateJobFlows").always().serverError();
    var f =
        launcher.launch(
            request("d2b").waitFor(LaunchWait.WAITING).timeout(Duration.ofMinutes(2)).build());
    aws.time().runUntil(f, Duration.ofHours(1));
    Throwable e = failure(f);
    aws.time().advance(Duration.ofHours(1));
    String id = created.get(0);
    assertThat(events).containsExactly("failed " + id);
    assertThat(e.getSuppressed())
        .singleElement()
        .isInstanceOf(OrphanTerminationFailedException.class);
    assertThat(RecordingLogs.lines())
        .anyMatch(l -> l.startsWith("WARN could not terminate cluster " + id));
  }

  @Test
  void theSameIdempotencyKeyAttachesToTheActiveClusterInsteadOfLaunchingAnother() {
    FakeAws aws = prepared(FakeAws.builder().seed(25).build());
    ClusterLauncher launcher = launcher(aws, new LaunchListener() {});
    var first = launcher.launch(request("nightly").idempotencyKey("nightly-2026-12-03").build());
    String id = aws.time().runUntil(first, Duration.ofHours(1)).join().clusterId();
    // The caller crashed and retries with a new launcher: same key, same cluster.
    ClusterLauncher again = launcher(aws, new LaunchListener() {});
    var second = again.launch(request("nightly").idempotencyKey("nightly-2026-12-03").build());
    assertThat(aws.time().runUntil(second, Duration.ofHours(1)).join().clusterId()).isEqualTo(id);
    assertThat(aws.emrBackend().clusterCount()).isEqualTo(1);

    aws.time().runUntil(launcher.terminate(id), Duration.ofHours(1)).join();
    var third = again.launch(request("nightly").idempotencyKey("nightly-2026-12-03").build());
    assertThat(aws.time().runUntil(third, Duration.ofHours(1)).join().clusterId()).isNotEqualTo(id);
    assertThat(aws.emrBackend().clusterCount()).isEqualTo(2);
  }

  @Test
  void aMalformedIdempotencyKeyIsAValidationErrorWithNoCall() {
    FakeAws aws = prepared(FakeAws.builder().seed(26).build());
    var f =
        launcher(aws, new LaunchListener() {}).launch(request("k").idempotencyKey("a b").build());
    assertThat(failure(f))
        .isInstanceOf(io.emrlaunch.core.validation.ValidationException.class)
        .hasMessageContaining("idempotencyKey");
    assertThat(aws.emrBackend().clusterCount()).isZero();
  }
}
