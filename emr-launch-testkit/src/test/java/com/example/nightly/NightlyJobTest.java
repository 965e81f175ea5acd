package com.example.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.testkit.EmrLaunchTest;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.emr.ClusterFailure;
import io.emrlaunch.testkit.emr.ClusterScript;
import io.emrlaunch.testkit.emr.DurationDistribution;
import io.emrlaunch.testkit.emr.EmrBehavior;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.InstanceGroupConfig;
import software.amazon.awssdk.services.emr.model.InstanceRoleType;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

/** The README example: a user testing their own launch code with the testkit. */
@EmrLaunchTest(seed = 42)
class NightlyJobTest {
  private static final RunJobFlowRequest REQUEST =
      RunJobFlowRequest.builder()
          .name("nightly")
          .releaseLabel("emr-7.2.0")
          .serviceRole("EMR_DefaultRole")
          .jobFlowRole("EMR_EC2_DefaultRole")
          .instances(
              i ->
                  i.keepJobFlowAliveWhenNoSteps(true)
                      .instanceGroups(
                          InstanceGroupConfig.builder()
                              .instanceRole(InstanceRoleType.MASTER)
                              .instanceType("m5.xlarge")
                              .instanceCount(1)
                              .build()))
          .build();

  @Test
  void launchesAndWaitsForTheCluster(FakeAws aws) {
    aws.emrBackend()
        .setBehavior(
            EmrBehavior.builder()
                .bootstrappingTime(
                    DurationDistribution.uniform(Duration.ofMinutes(6), Duration.ofMinutes(12)))
                .build());
    NightlyJob job = new NightlyJob(aws.emrAsync(), aws.scheduler());

    CompletableFuture<String> launched = job.launch(REQUEST);
    aws.time()
        .runUntil(launched, Duration.ofHours(1)); // ~15 virtual minutes, milliseconds of real time

    String clusterId = launched.join();
    assertThat(aws.emr().describeCluster(r -> r.clusterId(clusterId)).cluster().status().state())
        .isEqualTo(ClusterState.WAITING);
    assertThat(aws.calls().count(FakeAws.EMR, "RunJobFlow")).isEqualTo(1);
  }

  @Test
  void surfacesABootstrapFailure(FakeAws aws) {
    aws.emrBackend()
        .setBehavior(
            EmrBehavior.builder()
                .cluster("nightly", ClusterScript.failing(ClusterFailure.bootstrapFailure()))
                .build());
    CompletableFuture<String> launched =
        new NightlyJob(aws.emrAsync(), aws.scheduler()).launch(REQUEST);

    aws.time().runUntil(launched, Duration.ofHours(1));

    assertThat(launched).isCompletedExceptionally();
  }

  @Test
  void aThrottledLaunchFailsWithThrottling(FakeAws aws) {
    aws.faults().on(FakeAws.EMR, "RunJobFlow").next(1).throttle();
    CompletableFuture<String> launched =
        new NightlyJob(aws.emrAsync(), aws.scheduler()).launch(REQUEST);

    assertThatThrownBy(launched::join)
        .cause()
        .isInstanceOfSatisfying(
            AwsServiceException.class, e -> assertThat(e.isThrottlingException()).isTrue());
    assertThat(aws.emrBackend().clusterCount()).isZero();
  }
}
