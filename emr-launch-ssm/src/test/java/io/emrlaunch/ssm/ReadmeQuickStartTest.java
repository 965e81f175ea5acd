package io.emrlaunch.ssm;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.launch.ClusterLauncher;
import io.emrlaunch.core.launch.LaunchWait;
import io.emrlaunch.core.launch.LaunchedCluster;
import io.emrlaunch.core.launch.StepRun;
import io.emrlaunch.core.launch.StepSnapshot;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterPresets;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.PresetOptions;
import io.emrlaunch.core.repository.LaunchInputs;
import io.emrlaunch.testkit.EmrLaunchTest;
import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emr.model.Tag;

/**
 * The README's quick start, line for line, with the testkit's clients in place of real ones: if
 * this stops compiling or passing, the README is no longer true.
 */
@EmrLaunchTest
class ReadmeQuickStartTest {

  static final EmrProfile PROFILE =
      EmrProfile.builder()
          .name("analytics")
          .serviceRole("arn:aws:iam::123456789012:role/EMR_DefaultRole")
          .instanceRole("arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole")
          .masterSecurityGroup("sg-0123456789abcdef0")
          .workersSecurityGroup("sg-0123456789abcdef1")
          .logsBucket("my-emr-logs")
          .build();

  static final ClusterConfiguration CONFIGURATION =
      ClusterPresets.instanceGroups(PresetOptions.of("spark-small", "subnet-0abc"))
          .withReleaseLabel("emr-7.5.0");

  @Test
  void launchRunAStepAndTerminate(FakeAws aws) {
    try (ClusterLauncher launcher =
        ClusterLauncher.builder()
            .emr(aws.emrAsync())
            .scheduler(aws.scheduler())
            .clock(aws.clock())
            .build()) {
      CompletableFuture<LaunchedCluster> launching =
          launcher.launch(
              r ->
                  r.profile(PROFILE)
                      .configuration(CONFIGURATION)
                      .clusterName("nightly-etl")
                      .putTags("team", "data")
                      .putOverrides("CoreInstanceCount", 10)
                      .failIfClusterRunning(true)
                      .waitFor(LaunchWait.WAITING)
                      .timeout(Duration.ofMinutes(30)));
      LaunchedCluster cluster = aws.time().runUntil(launching, Duration.ofHours(1)).join();

      var described = aws.emr().describeCluster(d -> d.clusterId(cluster.clusterId())).cluster();
      assertThat(described.status().state()).isEqualTo(ClusterState.WAITING);
      assertThat(described.tags()).contains(Tag.builder().key("team").value("data").build());
      assertThat(
              aws
                  .emr()
                  .listInstanceGroups(g -> g.clusterId(cluster.clusterId()))
                  .instanceGroups()
                  .stream()
                  .filter(g -> g.instanceGroupTypeAsString().equals("CORE"))
                  .findFirst()
                  .orElseThrow()
                  .requestedInstanceCount())
          .isEqualTo(10);

      StepRun steps =
          aws.time()
              .runUntil(
                  launcher.submitSteps(
                      cluster.clusterId(),
                      List.of(
                          EmrStep.sparkSubmit(
                              "report", "s3://code/report.py", "--date", "2024-01-02"))),
                  Duration.ofMinutes(5))
              .join();
      List<StepSnapshot> done = aws.time().runUntil(steps.all(), Duration.ofHours(1)).join();
      assertThat(done).extracting(StepSnapshot::state).containsExactly(StepState.COMPLETED);

      aws.time().runUntil(launcher.terminate(cluster.clusterId()), Duration.ofHours(1)).join();
      assertThat(
              aws.emr()
                  .describeCluster(d -> d.clusterId(cluster.clusterId()))
                  .cluster()
                  .status()
                  .state())
          .isEqualTo(ClusterState.TERMINATED);
    }
  }

  @Test
  void shareBothHalvesThroughSsmAndLoadThemInOneRoundTrip(FakeAws aws) {
    SsmRecordStore store = SsmRecordStore.builder().client(aws.ssmAsync()).build();
    store.profiles().create(PROFILE).join();
    store.configurations().create(CONFIGURATION).join();
    aws.calls().reset();

    LaunchInputs inputs = store.loadLaunchInputs(PROFILE.ref(), CONFIGURATION.ref()).join();

    assertThat(inputs.profile().value().serviceRole()).isEqualTo(PROFILE.serviceRole());
    assertThat(inputs.configuration().value().name()).isEqualTo("spark-small");
    assertThat(aws.calls().countsByOperation(FakeAws.SSM)).containsOnlyKeys("GetParameters");
    assertThat(aws.calls().count(FakeAws.SSM, "GetParameters")).isEqualTo(1);
  }
}
