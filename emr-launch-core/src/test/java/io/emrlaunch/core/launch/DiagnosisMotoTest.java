package io.emrlaunch.core.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.diagnosis.CauseCategory;
import io.emrlaunch.core.diagnosis.Diagnosis;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.emr.StepFailure;
import io.emrlaunch.testkit.moto.MotoTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The logs are read over HTTP from moto's S3: the testkit's EMR (virtual time) fails the step and
 * writes its logs to moto instead of its in-memory S3; the launcher reads them with an S3 client
 * pointed at moto.
 */
@MotoTest
class DiagnosisMotoTest {

  @Test
  void aStepFailureIsDiagnosedFromLogsInMotosS3(S3Client motoS3, S3AsyncClient motoS3Async)
      throws Exception {
    motoS3.createBucket(r -> r.bucket("my-logs"));
    FakeAws aws =
        DiagnosisEndToEndTest.aws(
            StepFailure.nonZeroExit()
                .withStepLog("stderr", DiagnosisEndToEndTest.PY_STDERR)
                .withStepLog("controller", DiagnosisEndToEndTest.CONTROLLER));
    aws.emrBackend()
        .setLogSink(
            (uri, gz) -> {
              String path = uri.substring("s3://my-logs/".length());
              motoS3.putObject(r -> r.bucket("my-logs").key(path), RequestBody.fromBytes(gz));
            });
    ClusterLauncher launcher =
        ClusterLauncher.builder()
            .emr(aws.emrAsync())
            .s3(motoS3Async)
            .scheduler(aws.scheduler())
            .clock(aws.clock())
            .build();
    String id = DiagnosisEndToEndTest.waitingCluster(aws, launcher);
    StepRun run =
        aws.time()
            .runUntil(
                launcher.submitSteps(id, List.of(EmrStep.sparkSubmit("report", "s3://code/r.py"))),
                Duration.ofSeconds(10))
            .join();
    String stepId = run.stepIds().get(0);
    CompletableFuture<StepSnapshot> diagnosed = run.step(0);
    // Run virtual time only until EMR reports the failure; the S3 reads then go over real HTTP
    // (virtual time stands still, so the diagnosis time limit cannot cut them short).
    CompletableFuture<StepSnapshot> failed = launcher.monitor().awaitStep(id, stepId);
    assertThat(aws.time().runUntil(failed, Duration.ofMinutes(10))).isCompletedExceptionally();
    Throwable t;
    try {
      diagnosed.get(60, TimeUnit.SECONDS);
      throw new AssertionError("the step did not fail");
    } catch (ExecutionException e) {
      t = e.getCause();
    }
    Diagnosis d = ((StepFailedException) t).diagnosis().orElseThrow();
    assertThat(d.category()).isEqualTo(CauseCategory.MISSING_PYTHON_MODULE);
    assertThat(d.evidence().get(0).logUri())
        .isEqualTo(
            "s3://my-logs/elasticmapreduce/shared/" + id + "/steps/" + stepId + "/stderr.gz");
    assertThat(d.evidence().get(0).lineNumber()).isEqualTo(5);
    assertThat(aws.calls().count(FakeAws.S3)).isZero(); // nothing read from the in-memory S3
  }
}
