package io.emrlaunch.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.launch.ClusterLauncher;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.SparkJob;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.emr.EmrBehavior;
import io.emrlaunch.testkit.emr.StepFailure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** A failed job's diagnosis (read from its logs by the launcher) reaches the user on stderr. */
class DiagnosisOutputTest {

  @Test
  void aFailedStepPrintsItsProbableCauseEvidenceAndSuggestion() {
    String stderr =
        String.join(
            "\n",
            "Traceback (most recent call last):",
            "  File \"/mnt/tmp/report.py\", line 3, in <module>",
            "    import pandas as pd",
            "ModuleNotFoundError: No module named 'pandas'");
    FakeAws aws =
        FakeAws.builder()
            .emrBehavior(
                EmrBehavior.builder()
                    .stepFailureRate(1.0, StepFailure.nonZeroExit().withStepLog("stderr", stderr))
                    .build())
            .build();
    ClusterLauncher launcher =
        ClusterLauncher.builder()
            .emr(aws.emrAsync())
            .s3(aws.s3Async())
            .scheduler(aws.scheduler())
            .clock(aws.clock())
            .build();
    EmrProfile profile =
        EmrProfile.builder()
            .name("analytics")
            .serviceRole("arn:aws:iam::123456789012:role/EMR_DefaultRole")
            .instanceRole("arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole")
            .logsBucket("my-emr-logs")
            .build();
    SparkJob job =
        SparkJob.builder()
            .jobName("daily-report")
            .entryPoint("s3://code/report/main.py")
            .subnetId("subnet-0abc")
            .build();
    CompletableFuture<?> run = launcher.runJob(profile, job);
    aws.time().runUntil(run, Duration.ofHours(2));
    assertThat(run).isCompletedExceptionally();

    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(CommandSpec.create());
    cl.setErr(new PrintWriter(err));
    int code = Root.handleException(catchFailure(run), cl);

    assertThat(code).isEqualTo(Root.FAILED);
    assertThat(err.toString())
        .contains("probable cause: MISSING_PYTHON_MODULE: ModuleNotFoundError: No module named")
        .containsPattern("(?m)^  s3://my-emr-logs/.*/stderr\\.gz:4: ModuleNotFoundError")
        .containsPattern("(?m)^emr-launch: try: .*--py-files");
  }

  private static Exception catchFailure(CompletableFuture<?> f) {
    try {
      f.join();
      throw new AssertionError("did not fail");
    } catch (java.util.concurrent.CompletionException e) {
      return e;
    }
  }
}
