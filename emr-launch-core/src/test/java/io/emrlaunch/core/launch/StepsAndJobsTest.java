package io.emrlaunch.core.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.model.AllowedOverride;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.OverrideType;
import io.emrlaunch.core.model.SparkJob;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.VirtualTime;
import io.emrlaunch.testkit.emr.ClusterFailure;
import io.emrlaunch.testkit.emr.DurationDistribution;
import io.emrlaunch.testkit.emr.EmrBehavior;
import io.emrlaunch.testkit.emr.StepFailure;
import io.emrlaunch.testkit.emr.StepScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterStateChangeReasonCode;
import software.amazon.awssdk.services.emr.model.StepState;

/** Steps and Spark jobs against the testkit's in-memory EMR, in virtual time. */
class StepsAndJobsTest {
  FakeAws aws;
  VirtualTime time;
  FakeFleet emr;
  ClusterLauncher launcher;

  /** Clusters boot in 6 min; steps complete after 4 min, the "bad" ones fail after 3. */
  static EmrBehavior.Builder behavior() {
    StepScript bad =
        StepScript.failing(StepFailure.of("Step failed", "java.lang.OutOfMemoryError"))
            .withRunTime(DurationDistribution.fixed(Duration.ofMinutes(3)));
    return EmrBehavior.builder()
        .startingTime(DurationDistribution.fixed(Duration.ofMinutes(2)))
        .bootstrappingTime(DurationDistribution.fixed(Duration.ofMinutes(4)))
        .stepRunTime(DurationDistribution.fixed(Duration.ofMinutes(4)))
        .step("bad-job", bad)
        .step("bad-report", bad);
  }

  @BeforeEach
  void setUp() {
    aws = FakeAws.builder().seed(5).emrBehavior(behavior().build()).build();
    time = aws.time();
    emr = new FakeFleet(aws);
    launcher =
        ClusterLauncher.builder()
            .emr(aws.emrAsync())
            .scheduler(aws.scheduler())
            .clock(aws.clock())
            .build();
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

  <T> T await(CompletableFuture<T> f, Duration limit) {
    assertThat(time.runUntil(f, limit)).as("done within %s", limit).isDone();
    return f.join();
  }

  String waitingCluster() {
    return await(
            launcher.launch(
                r ->
                    r.profile(RunJobFlowRequestsTest.profile())
                        .configuration(ClusterLauncherTest.persistent())
                        .clusterName("shared")
                        .waitFor(LaunchWait.WAITING)),
            Duration.ofMinutes(10))
        .clusterId();
  }

  @Test
  void stepsRunWithExactAndTemplateArgumentOverrides() {
    String id = waitingCluster();
    StepArguments args =
        StepArguments.builder()
            .putExact("report", Map.of("--date", "--date=2024-01-02"))
            .putVariables("bucket", "s3://out")
            .build();
    StepRun run =
        await(
            launcher.submitSteps(
                id,
                List.of(
                    EmrStep.sparkSubmit("report", "s3://code/r.py", "--date", "${bucket}/r"),
                    EmrStep.sparkSubmit("copy", "s3://code/c.py", "--date", "${other}")),
                args),
            Duration.ofSeconds(10));
    assertThat(emr.stepArgs(id, run.stepIds().get(0)))
        .endsWith("s3://code/r.py", "--date=2024-01-02", "s3://out/r");
    assertThat(emr.stepArgs(id, run.stepIds().get(1))).endsWith("--date", "${other}");

    List<StepSnapshot> done = await(run.all(), Duration.ofMinutes(15));
    assertThat(done).extracting(StepSnapshot::state).containsOnly(StepState.COMPLETED);
  }

  @Test
  void invalidStepsOrArgumentsMakeNoCall() {
    String id = waitingCluster();
    long before = emr.totalCalls();
    var f =
        launcher.submitSteps(
            id,
            List.of(EmrStep.sparkSubmit("report", "s3://code/r.py")),
            StepArguments.builder().putExact("nosuchstep", Map.of("a", "b")).build());
    Throwable t = failure(f);
    assertThat(((ValidationException) t).problems().stream().map(Problem::path))
        .contains("arguments.exact.nosuchstep");
    assertThat(emr.totalCalls()).isEqualTo(before);
  }

  @Test
  void stepFailureCarriesDetailsAndTheStderrLog() {
    String id = waitingCluster();
    StepRun run =
        await(
            launcher.submitSteps(id, List.of(EmrStep.sparkSubmit("bad-job", "s3://code/b.py"))),
            Duration.ofSeconds(10));
    var all = run.all();
    assertThat(time.runUntil(all, Duration.ofMinutes(10))).isDone();
    StepFailedException e = (StepFailedException) failure(all);
    assertThat(e.snapshot().failureMessage()).contains("java.lang.OutOfMemoryError");
    assertThat(e.snapshot().logFile())
        .contains(
            "s3://my-logs/elasticmapreduce/shared/"
                + id
                + "/steps/"
                + run.stepIds().get(0)
                + "/stderr.gz");
  }

  @Test
  void cancellingAStepWaitCancelsTheStep() {
    String id = waitingCluster();
    StepRun run =
        await(
            launcher.submitSteps(
                id,
                List.of(
                    EmrStep.sparkSubmit("first", "s3://code/1.py"),
                    EmrStep.sparkSubmit("second", "s3://code/2.py"))),
            Duration.ofSeconds(10));
    var all = run.all();
    time.advance(Duration.ofMinutes(1));
    all.cancel(true);
    // A running step goes CANCEL_PENDING, then CANCELLED (10 s in the fake, as in EMR: seconds).
    time.advance(Duration.ofSeconds(15));
    assertThat(emr.stepState(id, run.stepIds().get(0))).isEqualTo(StepState.CANCELLED);
    assertThat(emr.stepState(id, run.stepIds().get(1))).isEqualTo(StepState.CANCELLED);

    StepRun next =
        await(
            launcher.submitSteps(
                id,
                List.of(
                    EmrStep.sparkSubmit("third", "s3://code/3.py"),
                    EmrStep.sparkSubmit("fourth", "s3://code/4.py"))),
            Duration.ofSeconds(10));
    var third = next.step(0);
    time.advance(Duration.ofMinutes(1));
    third.cancel(true);
    time.advance(Duration.ofSeconds(15));
    assertThat(emr.stepState(id, next.stepIds().get(0))).isEqualTo(StepState.CANCELLED);
    assertThat(emr.stepState(id, next.stepIds().get(1))).isEqualTo(StepState.RUNNING);
    assertThat(emr.calls("CancelSteps")).isEqualTo(2);
  }

  SparkJob job(String name) {
    return SparkJob.builder()
        .jobName(name)
        .entryPoint("s3://code/report/main.py")
        .addArguments("--input", "s3://data/in")
        .subnetId("subnet-0abc")
        .build();
  }

  @Test
  void sparkJobRunsEndToEndOnATransientCluster() {
    JobRun run =
        await(
            launcher.runJob(RunJobFlowRequestsTest.profile(), job("daily-report")),
            Duration.ofMinutes(30));
    assertThat(run.steps()).hasSize(1);
    assertThat(run.steps().get(0).state()).isEqualTo(StepState.COMPLETED);
    assertThat(run.ended().state()).contains(ClusterState.TERMINATED);
    assertThat(run.ended().reasonCode()).contains("ALL_STEPS_COMPLETED");
    assertThat(emr.backend().clusterCount()).isEqualTo(1);
    assertThat(emr.calls("TerminateJobFlows")).isZero();
  }

  @Test
  void aFailingSparkJobFailsWithTheStepAndItsLog() {
    var run = launcher.runJob(RunJobFlowRequestsTest.profile(), job("bad-report"));
    assertThat(time.runUntil(run, Duration.ofMinutes(30))).isDone();
    StepFailedException e = (StepFailedException) failure(run);
    assertThat(e.snapshot().state()).isEqualTo(StepState.FAILED);
    assertThat(e.snapshot().logFile().orElseThrow()).endsWith("/stderr.gz");
    assertThat(emr.state(emr.clusterIds().get(0))).isEqualTo(ClusterState.TERMINATED_WITH_ERRORS);
  }

  @Test
  void aSparkJobWhoseClusterNeverStartsFailsWithTheBootstrapReason() {
    emr.behave(
        behavior()
            .clusterFailureRate(
                1.0,
                ClusterFailure.of(
                    ClusterFailure.Stage.BOOTSTRAPPING,
                    ClusterStateChangeReasonCode.BOOTSTRAP_FAILURE,
                    "no capacity")));
    var run = launcher.runJob(RunJobFlowRequestsTest.profile(), job("report"));
    assertThat(time.runUntil(run, Duration.ofMinutes(30))).isDone();
    ClusterFailedException e = (ClusterFailedException) failure(run);
    assertThat(e.snapshot().reasonCode()).contains("BOOTSTRAP_FAILURE");
  }

  @Test
  void cancellingARunTerminatesItsCluster() {
    var run = launcher.runJob(RunJobFlowRequestsTest.profile(), job("report"));
    time.advance(Duration.ofMinutes(8));
    run.cancel(true);
    time.advance(Duration.ofMinutes(3));
    String id = emr.clusterIds().get(0);
    assertThat(emr.state(id)).isEqualTo(ClusterState.TERMINATED);
    assertThat(emr.calls("TerminateJobFlows")).isEqualTo(1);
  }

  @Test
  void aRunThatTimesOutTerminatesItsCluster() {
    emr.behave(behavior().stepRunTime(DurationDistribution.fixed(Duration.ofHours(3))));
    var run =
        launcher.runJob(RunJobFlowRequestsTest.profile(), job("report"), Duration.ofMinutes(30));
    assertThat(time.runUntil(run, Duration.ofMinutes(31))).isDone();
    assertThat(failure(run)).isInstanceOf(ClusterWaitTimeoutException.class);
    time.advance(Duration.ofMinutes(3));
    assertThat(emr.state(emr.clusterIds().get(0))).isEqualTo(ClusterState.TERMINATED);
  }

  @Test
  void aTransientRunWatchesStepsBeyondTheFirstListStepsPage() {
    // ListSteps pages at 50, newest first: the oldest steps of a 60-step run are on page two.
    List<EmrStep> steps = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      steps.add(EmrStep.sparkSubmit(i == 2 ? "bad-job" : "step-" + i, "s3://code/s.py"));
    }
    emr.behave(behavior().stepRunTime(DurationDistribution.fixed(Duration.ofMinutes(1))));
    var run =
        launcher.runTransient(
            LaunchRequest.builder()
                .profile(RunJobFlowRequestsTest.profile())
                .configuration(job("many").toClusterConfiguration())
                .clusterName("many")
                .steps(steps)
                .build());
    assertThat(time.runUntil(run, Duration.ofHours(3))).isDone();

    StepFailedException e = (StepFailedException) failure(run);
    assertThat(e.snapshot().name()).contains("bad-job");
    assertThat(e.snapshot().state()).isEqualTo(StepState.FAILED);
  }

  @Test
  void aTimedOutRunOfATerminationProtectedClusterStillTerminatesIt() {
    emr.behave(behavior().stepRunTime(DurationDistribution.fixed(Duration.ofHours(3))));
    ClusterConfiguration transientConfig = job("protected").toClusterConfiguration();
    ClusterConfiguration protectedConfig =
        transientConfig.withInstances(transientConfig.instances().withTerminationProtected(true));
    var run =
        launcher.runTransient(
            LaunchRequest.builder()
                .profile(RunJobFlowRequestsTest.profile())
                .configuration(protectedConfig)
                .clusterName("protected")
                .steps(job("protected").steps())
                .build(),
            Duration.ofMinutes(30));
    assertThat(time.runUntil(run, Duration.ofMinutes(31))).isDone();
    assertThat(failure(run)).isInstanceOf(ClusterWaitTimeoutException.class);
    time.advance(Duration.ofMinutes(3));

    assertThat(emr.state(emr.clusterIds().get(0))).isEqualTo(ClusterState.TERMINATED);
    assertThat(emr.calls("SetTerminationProtection")).isEqualTo(1);
  }

  @Test
  void launchAppliesAllowListedOverridesAndRefusesOthersWithoutCalls() {
    ClusterConfiguration config =
        ClusterLauncherTest.persistent()
            .withAllowedOverrides(
                AllowedOverride.builder()
                    .name("CoreInstanceCount")
                    .path("instances.coreGroup.instanceCount")
                    .type(OverrideType.INTEGER)
                    .minimum(1.0)
                    .maximum(20.0)
                    .build());
    var bad =
        launcher.launch(
            r ->
                r.profile(RunJobFlowRequestsTest.profile())
                    .configuration(config)
                    .putOverrides("CoreInstanceCount", 50)
                    .putOverrides("ReleaseLabel", "emr-6.0.0"));
    Throwable t = failure(bad);
    assertThat(((ValidationException) t).problems().stream().map(Problem::path))
        .contains("overrides.CoreInstanceCount", "overrides.ReleaseLabel");
    assertThat(emr.totalCalls()).isZero();

    var ok =
        launcher.launch(
            r ->
                r.profile(RunJobFlowRequestsTest.profile())
                    .configuration(config)
                    .waitFor(LaunchWait.NONE)
                    .putOverrides("CoreInstanceCount", 7));
    String id = await(ok, Duration.ofSeconds(10)).clusterId();
    assertThat(emr.runJobFlowRequest(id).instances().instanceGroups())
        .anyMatch(g -> g.instanceRoleAsString().equals("CORE") && g.instanceCount() == 7);
  }
}
