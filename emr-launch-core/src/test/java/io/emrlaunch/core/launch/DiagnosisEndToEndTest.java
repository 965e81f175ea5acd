package io.emrlaunch.core.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.diagnosis.CauseCategory;
import io.emrlaunch.core.diagnosis.Diagnosis;
import io.emrlaunch.core.diagnosis.Evidence;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.SparkJob;
import io.emrlaunch.core.testing.RecordingLogs;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.RecordedCall;
import io.emrlaunch.testkit.VirtualTime;
import io.emrlaunch.testkit.emr.ClusterFailure;
import io.emrlaunch.testkit.emr.ClusterScript;
import io.emrlaunch.testkit.emr.DurationDistribution;
import io.emrlaunch.testkit.emr.EmrBehavior;
import io.emrlaunch.testkit.emr.StepFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * A failed step's or cluster's logs are in the testkit's S3 (FakeEmr writes them under the LogUri
 * when it fails); the launcher reads them and the exception carries the diagnosis.
 */
class DiagnosisEndToEndTest {
  static final String PY_STDERR =
      String.join(
          "\n",
          "23/11/14 10:01:02 INFO SparkContext: Running Spark version 3.4.1-amzn-2",
          "Traceback (most recent call last):",
          "  File \"/mnt/tmp/spark-7c1d/report.py\", line 3, in <module>",
          "    import pandas as pd",
          "ModuleNotFoundError: No module named 'pandas'",
          "23/11/14 10:01:04 INFO ShutdownHookManager: Shutdown hook called");
  static final String CONTROLLER =
      "2026-01-01T00:10:00Z INFO startExec 'spark-submit s3://code/report.py'\n"
          + "2026-01-01T00:13:00Z WARN Step failed with exitCode 1 and took 180 seconds\n";

  static EmrBehavior.Builder timing() {
    return EmrBehavior.builder()
        .startingTime(DurationDistribution.fixed(Duration.ofMinutes(2)))
        .bootstrappingTime(DurationDistribution.fixed(Duration.ofMinutes(4)))
        .stepRunTime(DurationDistribution.fixed(Duration.ofMinutes(3)));
  }

  static FakeAws aws(StepFailure failure) {
    return withSecurityConfiguration(
        FakeAws.builder().emrBehavior(timing().stepFailureRate(1.0, failure).build()).build());
  }

  /** The profile names a security configuration: create it. */
  static FakeAws withSecurityConfiguration(FakeAws aws) {
    new FakeFleet(aws);
    return aws;
  }

  static Throwable failure(VirtualTime time, CompletableFuture<?> f, Duration limit) {
    assertThat(time.runUntil(f, limit)).isDone();
    try {
      f.join();
      throw new AssertionError("did not fail");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  static String waitingCluster(FakeAws aws, ClusterLauncher launcher) {
    CompletableFuture<LaunchedCluster> f =
        launcher.launch(
            r ->
                r.profile(RunJobFlowRequestsTest.profile())
                    .configuration(ClusterLauncherTest.persistent())
                    .clusterName("shared")
                    .waitFor(LaunchWait.WAITING));
    return aws.time().runUntil(f, Duration.ofMinutes(10)).join().clusterId();
  }

  static ClusterLauncher launcher(FakeAws aws, boolean withS3) {
    return ClusterLauncher.builder()
        .emr(aws.emrAsync())
        .s3(withS3 ? aws.s3Async() : null)
        .scheduler(aws.scheduler())
        .clock(aws.clock())
        .build();
  }

  @Test
  void aSubmittedStepsFailureCarriesTheCauseFromItsStderr() {
    FakeAws aws =
        aws(
            StepFailure.nonZeroExit()
                .withStepLog("stderr", PY_STDERR)
                .withStepLog("controller", CONTROLLER));
    ClusterLauncher launcher = launcher(aws, true);
    String id = waitingCluster(aws, launcher);
    StepRun run =
        aws.time()
            .runUntil(
                launcher.submitSteps(id, List.of(EmrStep.sparkSubmit("report", "s3://code/r.py"))),
                Duration.ofSeconds(10))
            .join();
    StepFailedException e =
        (StepFailedException) failure(aws.time(), run.step(0), Duration.ofMinutes(10));
    Diagnosis d = e.diagnosis().orElseThrow();
    assertThat(d.category()).isEqualTo(CauseCategory.MISSING_PYTHON_MODULE);
    assertThat(d.cause()).isEqualTo("ModuleNotFoundError: No module named 'pandas'");
    String stderr =
        "s3://my-logs/elasticmapreduce/shared/"
            + id
            + "/steps/"
            + run.stepIds().get(0)
            + "/stderr.gz";
    assertThat(d.evidence().get(0))
        .isEqualTo(Evidence.of(stderr, 5, "ModuleNotFoundError: No module named 'pandas'"));
    assertThat(d.suggestion()).hasValueSatisfying(s -> assertThat(s).contains("--py-files"));
    // EMR's own details stay, and the message names the cause.
    assertThat(e.snapshot().failureMessage()).isPresent();
    assertThat(e.getMessage()).contains("probable cause: MISSING_PYTHON_MODULE");
    // The same through the all-steps wait.
    StepFailedException viaAll =
        (StepFailedException) failure(aws.time(), run.all(), Duration.ofMinutes(1));
    assertThat(viaAll.diagnosis()).contains(d);
    // Bounded reads: every GetObject asked for a range of at most the default bytes.
    List<RecordedCall> gets = aws.calls().calls(FakeAws.S3, "GetObject");
    assertThat(gets).isNotEmpty();
    assertThat(gets)
        .allSatisfy(
            c ->
                assertThat(((GetObjectRequest) c.request()).range())
                    .isEqualTo(
                        "bytes=0-" + (ClusterLauncherBuilder.DEFAULT_DIAGNOSIS_MAX_BYTES - 1)));
  }

  @Test
  void aSparkJobInClusterModeIsDiagnosedFromItsDriversLog() {
    String app = "application_1767225600000_0001";
    String driverLog =
        "26/01/01 00:12:00 INFO ApplicationMaster: Starting the user application\n"
            + "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space\n"
            + "\tat java.util.Arrays.copyOf(Arrays.java:3332)\n"
            + "\tat com.acme.Report$.main(Report.scala:40)\n";
    FakeAws aws =
        aws(
            StepFailure.of(
                    "Unknown Error.",
                    "Exception in thread \"main\" org.apache.spark.SparkException: Application "
                        + app
                        + " finished with failed status")
                .withStepLog(
                    "stderr",
                    "26/01/01 00:13:00 INFO Client: Application report for "
                        + app
                        + " (state: FINISHED)\n"
                        + "Exception in thread \"main\" org.apache.spark.SparkException: Application "
                        + app
                        + " finished with failed status\n"
                        + "\tat org.apache.spark.deploy.yarn.Client.run(Client.scala:1342)\n")
                .withClusterLog(
                    "containers/" + app + "/container_1767225600000_0001_01_000002/stderr",
                    "26/01/01 00:12:00 INFO Executor: Running task 0.0\n")
                .withClusterLog(
                    "containers/" + app + "/container_1767225600000_0001_01_000001/stderr",
                    driverLog));
    ClusterLauncher launcher = launcher(aws, true);
    SparkJob job =
        SparkJob.builder()
            .jobName("daily-report")
            .entryPoint("s3://code/report/Report.jar")
            .subnetId("subnet-0abc")
            .build();
    Throwable t =
        failure(
            aws.time(),
            launcher.runJob(RunJobFlowRequestsTest.profile(), job),
            Duration.ofMinutes(30));
    assertThat(t).isInstanceOf(StepFailedException.class);
    Diagnosis d = ((StepFailedException) t).diagnosis().orElseThrow();
    assertThat(d.category()).isEqualTo(CauseCategory.DRIVER_OUT_OF_MEMORY);
    assertThat(d.evidence().get(0).logUri())
        .endsWith("/containers/" + app + "/container_1767225600000_0001_01_000001/stderr.gz");
    assertThat(d.evidence().get(0).lineNumber()).isEqualTo(2);
    assertThat(aws.calls().count(FakeAws.S3, "ListObjectsV2")).isEqualTo(1);
  }

  @Test
  void withoutAnS3ClientTheFailureIsTheSameWithoutDiagnosis() {
    FakeAws aws = aws(StepFailure.nonZeroExit().withStepLog("stderr", PY_STDERR));
    ClusterLauncher launcher = launcher(aws, false);
    String id = waitingCluster(aws, launcher);
    StepRun run =
        aws.time()
            .runUntil(
                launcher.submitSteps(id, List.of(EmrStep.sparkSubmit("report", "s3://code/r.py"))),
                Duration.ofSeconds(10))
            .join();
    StepFailedException e =
        (StepFailedException) failure(aws.time(), run.step(0), Duration.ofMinutes(10));
    assertThat(e.diagnosis()).isEmpty();
    assertThat(e.getMessage()).doesNotContain("probable cause");
    assertThat(aws.calls().count(FakeAws.S3)).isZero();
  }

  @Test
  void unreadableLogsGiveTheOriginalFailureAndADebugLine() {
    FakeAws aws = aws(StepFailure.nonZeroExit().withStepLog("stderr", PY_STDERR));
    aws.faults().on(FakeAws.S3, "GetObject").always().serverError();
    ClusterLauncher launcher = launcher(aws, true);
    String id = waitingCluster(aws, launcher);
    StepRun run =
        aws.time()
            .runUntil(
                launcher.submitSteps(id, List.of(EmrStep.sparkSubmit("report", "s3://code/r.py"))),
                Duration.ofSeconds(10))
            .join();
    RecordingLogs.clear();
    StepFailedException e =
        (StepFailedException) failure(aws.time(), run.step(0), Duration.ofMinutes(10));
    assertThat(e.diagnosis()).isEmpty();
    assertThat(e.snapshot().failureReason()).contains("Unknown Error.");
    assertThat(aws.calls().count(FakeAws.S3, "GetObject")).isPositive();
    assertThat(RecordingLogs.lines())
        .anySatisfy(l -> assertThat(l).startsWith("DEBUG").contains("diagnosis of step"));
  }

  @Test
  void missingLogsGiveNoDiagnosis() {
    FakeAws aws = aws(StepFailure.nonZeroExit()); // no log content written
    ClusterLauncher launcher = launcher(aws, true);
    String id = waitingCluster(aws, launcher);
    StepRun run =
        aws.time()
            .runUntil(
                launcher.submitSteps(id, List.of(EmrStep.sparkSubmit("report", "s3://code/r.py"))),
                Duration.ofSeconds(10))
            .join();
    StepFailedException e =
        (StepFailedException) failure(aws.time(), run.step(0), Duration.ofMinutes(10));
    assertThat(e.diagnosis()).isEmpty();
    assertThat(aws.calls().count(FakeAws.S3, "GetObject")).isEqualTo(2); // stderr, controller
  }

  @Test
  void aSlowS3DelaysTheFailureByAtMostTheTimeLimit() {
    FakeAws aws = aws(StepFailure.nonZeroExit().withStepLog("stderr", PY_STDERR));
    aws.faults().on(FakeAws.S3, "GetObject").always().latency(Duration.ofHours(1));
    ClusterLauncher launcher =
        ClusterLauncher.builder()
            .emr(aws.emrAsync())
            .s3(aws.s3Async())
            .diagnosisLimits(64 * 1024, Duration.ofSeconds(5))
            .scheduler(aws.scheduler())
            .clock(aws.clock())
            .build();
    String id = waitingCluster(aws, launcher);
    StepRun run =
        aws.time()
            .runUntil(
                launcher.submitSteps(id, List.of(EmrStep.sparkSubmit("report", "s3://code/r.py"))),
                Duration.ofSeconds(10))
            .join();
    CompletableFuture<StepSnapshot> undiagnosed =
        launcher.monitor().awaitStep(id, run.stepIds().get(0));
    CompletableFuture<StepSnapshot> diagnosed = run.step(0);
    failure(aws.time(), undiagnosed, Duration.ofMinutes(10));
    Instant failedAt = aws.time().now();
    StepFailedException e =
        (StepFailedException) failure(aws.time(), diagnosed, Duration.ofMinutes(10));
    assertThat(e.diagnosis()).isEmpty();
    assertThat(Duration.between(failedAt, aws.time().now()))
        .isLessThanOrEqualTo(Duration.ofSeconds(5));
    assertThat(aws.calls().calls(FakeAws.S3, "GetObject"))
        .allSatisfy(
            c -> assertThat(((GetObjectRequest) c.request()).range()).isEqualTo("bytes=0-65535"));
  }

  @Test
  void aBootstrapFailureCarriesTheScriptsLastErrorLine() {
    FakeAws aws =
        FakeAws.builder()
            .emrBehavior(
                timing()
                    .cluster(
                        "boot-fails",
                        ClusterScript.failing(
                            ClusterFailure.bootstrapFailure()
                                .withLog(
                                    "node/i-0a1b2c3d4e5f60718/bootstrap-actions/1/stderr",
                                    "+ aws s3 cp s3://artifacts/agent.rpm /tmp/\n"
                                        + "fatal error: An error occurred (403) when calling the"
                                        + " HeadObject operation: Forbidden\n")))
                    .build())
            .build();
    withSecurityConfiguration(aws);
    ClusterLauncher launcher = launcher(aws, true);
    Throwable t =
        failure(
            aws.time(),
            launcher.launch(
                r ->
                    r.profile(RunJobFlowRequestsTest.profile())
                        .configuration(ClusterLauncherTest.persistent())
                        .clusterName("boot-fails")
                        .waitFor(LaunchWait.WAITING)),
            Duration.ofMinutes(30));
    ClusterFailedException e = (ClusterFailedException) t;
    assertThat(e.snapshot().reasonCode()).contains("BOOTSTRAP_FAILURE");
    Diagnosis d = e.diagnosis().orElseThrow();
    assertThat(d.category()).isEqualTo(CauseCategory.BOOTSTRAP_FAILURE);
    assertThat(d.cause())
        .startsWith("bootstrap action 1 returned a non-zero return code on the master instance")
        .endsWith("HeadObject operation: Forbidden");
    assertThat(d.evidence())
        .extracting(Evidence::logUri)
        .contains(
            "s3://my-logs/elasticmapreduce/boot-fails/"
                + e.snapshot().clusterId()
                + "/node/i-0a1b2c3d4e5f60718/bootstrap-actions/1/stderr.gz",
            "emr://" + e.snapshot().clusterId() + "/state-change-reason");
    assertThat(e.getMessage()).contains("probable cause: BOOTSTRAP_FAILURE");
  }

  @Test
  void anS3RefusalWithoutARoleInTheLogNamesTheClustersInstanceProfile() {
    FakeAws aws =
        aws(
            StepFailure.nonZeroExit()
                .withStepLog(
                    "stderr",
                    "Exception in thread \"main\" java.nio.file.AccessDeniedException:"
                        + " s3://acme-raw/clicks/2026/01/01: getFileStatus on"
                        + " s3://acme-raw/clicks/2026/01/01: com.amazonaws.services.s3.model"
                        + ".AmazonS3Exception: Access Denied (Service: Amazon S3; Status Code: 403;"
                        + " Error Code: AccessDenied)\n"));
    ClusterLauncher launcher = launcher(aws, true);
    String id = waitingCluster(aws, launcher);
    StepRun run =
        aws.time()
            .runUntil(
                launcher.submitSteps(id, List.of(EmrStep.sparkSubmit("report", "s3://code/r.py"))),
                Duration.ofSeconds(10))
            .join();
    StepFailedException e =
        (StepFailedException) failure(aws.time(), run.step(0), Duration.ofMinutes(10));
    Diagnosis d = e.diagnosis().orElseThrow();
    assertThat(d.category()).isEqualTo(CauseCategory.S3_ACCESS_DENIED);
    assertThat(d.cause()).isEqualTo("Amazon S3 denied access on s3://acme-raw/clicks/2026/01/01");
    String profileName =
        aws.emr()
            .describeCluster(r -> r.clusterId(id))
            .cluster()
            .ec2InstanceAttributes()
            .iamInstanceProfile();
    assertThat(profileName).isNotBlank();
    assertThat(d.suggestion().orElseThrow())
        .startsWith(
            "the request ran as the cluster's EC2 instance profile "
                + profileName
                + " (JobFlowRole) or the step's runtime role: grant it");
  }
}
