package io.emrlaunch.core.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.testkit.moto.MotoTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.EmrAsyncClient;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.Tag;

/**
 * The launcher's happy path over HTTP against moto (real wire, real threads). moto's clusters are
 * WAITING as soon as RunJobFlow returns, and its steps never finish.
 */
@MotoTest
class ClusterLauncherMotoTest {

  static ClusterLauncher launcher(EmrAsyncClient emr) {
    return ClusterLauncher.builder()
        .emr(emr)
        .cadence(
            MonitorCadence.builder()
                .startupPeriod(Duration.ofMillis(200))
                .activePeriod(Duration.ofMillis(200))
                .build())
        .build();
  }

  @Test
  void launchWaitStepsTagsAndTerminateOverHttp(EmrAsyncClient emr) throws Exception {
    try (ClusterLauncher launcher = launcher(emr)) {
      LaunchedCluster cluster =
          launcher
              .launch(
                  r ->
                      r.profile(RunJobFlowRequestsTest.profile())
                          .configuration(ClusterLauncherTest.persistent())
                          .clusterName("moto-etl")
                          .putTags("team", "data")
                          .waitFor(LaunchWait.WAITING)
                          .failIfClusterRunning(true)
                          .timeout(Duration.ofSeconds(30)))
              .get(60, TimeUnit.SECONDS);
      assertThat(cluster.snapshot().orElseThrow().state()).contains(ClusterState.WAITING);

      List<Tag> tags =
          emr.describeCluster(r -> r.clusterId(cluster.clusterId())).join().cluster().tags();
      assertThat(tags)
          .contains(
              Tag.builder().key("team").value("data").build(),
              Tag.builder()
                  .key(ClusterLauncher.LAUNCH_TOKEN_TAG)
                  .value(cluster.launchToken())
                  .build());

      // The same name again is refused before any cluster is created.
      assertThatThrownBy(
              () ->
                  launcher
                      .launch(
                          r ->
                              r.profile(RunJobFlowRequestsTest.profile())
                                  .configuration(ClusterLauncherTest.persistent())
                                  .clusterName("moto-etl")
                                  .failIfClusterRunning(true))
                      .join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(ClusterAlreadyRunningException.class);

      StepRun steps =
          launcher
              .submitSteps(
                  cluster.clusterId(), List.of(EmrStep.sparkSubmit("report", "s3://code/r.py")))
              .get(30, TimeUnit.SECONDS);
      assertThat(steps.stepIds()).hasSize(1);

      launcher
          .addTags(cluster.clusterId(), java.util.Map.of("owner", "me"))
          .get(30, TimeUnit.SECONDS);
      ClusterSnapshot gone = launcher.terminate(cluster.clusterId()).get(60, TimeUnit.SECONDS);
      assertThat(gone.state()).contains(ClusterState.TERMINATED);

      // One scheduler thread serves the launcher and its monitor.
      long threads =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.getName().startsWith("emr-launch-"))
              .count();
      assertThat(threads).isEqualTo(1);
    }
  }
}
