package io.emrlaunch.testkit.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.emr.ClusterFailure;
import io.emrlaunch.testkit.emr.EmrBehavior;
import io.emrlaunch.testkit.emr.Requests;
import io.emrlaunch.testkit.emr.StepFailure;
import io.emrlaunch.testkit.emr.StepScript;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.Step;

/** FakeEmr writes scripted failure logs to the bundle's S3, where EMR would upload them. */
class FailureLogsTest {

  private static String gunzip(byte[] bytes) {
    try (var in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aFailingStepWritesItsLogsUnderTheClustersLogUri() {
    FakeAws aws =
        FakeAws.builder()
            .emrBehavior(
                EmrBehavior.builder()
                    .step(
                        "etl",
                        StepScript.failing(
                            StepFailure.nonZeroExit()
                                .withStepLog("stderr", "Traceback (most recent call last):\nX")
                                .withStepLog("controller", "WARN Step failed with exitCode 1")
                                .withClusterLog("containers/application_1_0001/x/stderr", "drv")))
                    .build())
            .build();
    EmrClient emr = aws.emr();
    String id =
        emr.runJobFlow(
                Requests.cluster("c", true)
                    .logUri("s3n://emr-logs/prefix/")
                    .steps(Requests.step("etl", ActionOnFailure.CONTINUE))
                    .build())
            .jobFlowId();
    aws.time().advance(Duration.ofHours(1));
    String stepId = emr.listSteps(r -> r.clusterId(id)).steps().get(0).id();
    Step step = emr.describeStep(r -> r.clusterId(id).stepId(stepId)).step();
    String stepDir = "s3://emr-logs/prefix/" + id + "/steps/" + stepId + "/";
    assertThat(step.status().failureDetails().logFile())
        .isEqualTo("s3n://emr-logs/prefix/" + id + "/steps/" + stepId + "/stderr.gz");
    assertThat(gunzip(aws.s3Backend().get(stepDir + "stderr.gz").orElseThrow()))
        .isEqualTo("Traceback (most recent call last):\nX");
    assertThat(gunzip(aws.s3Backend().get(stepDir + "controller.gz").orElseThrow()))
        .contains("exitCode 1");
    // Readable through the S3 client view as well.
    byte[] viaClient =
        aws.s3()
            .getObjectAsBytes(
                r ->
                    r.bucket("emr-logs")
                        .key("prefix/" + id + "/containers/application_1_0001/x/stderr.gz"))
            .asByteArray();
    assertThat(gunzip(viaClient)).isEqualTo("drv");
  }

  @Test
  void aClusterFailureWritesItsLogsAndWithoutALogUriNothingIsWritten() {
    FakeAws aws =
        FakeAws.builder()
            .emrBehavior(
                EmrBehavior.builder()
                    .cluster(
                        "boot",
                        io.emrlaunch.testkit.emr.ClusterScript.failing(
                            ClusterFailure.bootstrapFailure()
                                .withLog(
                                    "node/i-0a1b2c3d4e5f60718/bootstrap-actions/1/stderr",
                                    "curl: (22) 404")))
                    .build())
            .build();
    String id =
        aws.emr().runJobFlow(Requests.cluster("boot", true).logUri("s3://l/").build()).jobFlowId();
    String none = aws.emr().runJobFlow(Requests.cluster("boot", true).build()).jobFlowId();
    aws.time().advance(Duration.ofHours(1));
    assertThat(
            gunzip(
                aws.s3Backend()
                    .get("s3://l/" + id + "/node/i-0a1b2c3d4e5f60718/bootstrap-actions/1/stderr.gz")
                    .orElseThrow()))
        .isEqualTo("curl: (22) 404");
    assertThat(aws.s3Backend().keys("l")).hasSize(1);
    assertThat(none).isNotEqualTo(id);
  }
}
