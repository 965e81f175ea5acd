package io.emrlaunch.core.launch;

import static io.emrlaunch.core.launch.ClusterLauncherFakeAwsTest.failure;
import static io.emrlaunch.core.launch.ClusterLauncherFakeAwsTest.launcher;
import static io.emrlaunch.core.launch.ClusterLauncherFakeAwsTest.prepared;
import static io.emrlaunch.core.launch.ClusterLauncherFakeAwsTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.SparkJob;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.testkit.FakeAws;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.AddJobFlowStepsRequest;

/** Values the launcher used to validate and then drop (issue 14, "silent drops"). */
class SilentDropsTest {
  private static final String ROLE = "arn:aws:iam::123456789012:role/step-runtime";

  @Test
  void submitStepsSendsTheStepsExecutionRole() {
    FakeAws aws = prepared(FakeAws.builder().seed(41).build());
    ClusterLauncher launcher = launcher(aws);
    var up = launcher.launch(request("roles").waitFor(LaunchWait.WAITING).build());
    String id = aws.time().runUntil(up, Duration.ofHours(1)).join().clusterId();
    EmrStep step = EmrStep.command("as-role", "true").withExecutionRoleArn(ROLE);
    aws.time().runUntil(launcher.submitSteps(id, List.of(step)), Duration.ofMinutes(5)).join();
    List<AddJobFlowStepsRequest> sent =
        aws.calls().requests(FakeAws.EMR, "AddJobFlowSteps", AddJobFlowStepsRequest.class);
    assertThat(sent)
        .singleElement()
        .extracting(AddJobFlowStepsRequest::executionRoleArn)
        .isEqualTo(ROLE);
  }

  @Test
  void stepsWithDifferentRolesInOneSubmissionAreRefusedBeforeAnyCall() {
    FakeAws aws = prepared(FakeAws.builder().seed(42).build());
    var f =
        launcher(aws)
            .submitSteps(
                "j-ANY",
                List.of(
                    EmrStep.command("a", "true").withExecutionRoleArn(ROLE),
                    EmrStep.command("b", "true")));
    assertThat(failure(f))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("steps[1].executionRoleArn");
    assertThat(aws.calls().calls(FakeAws.EMR, "AddJobFlowSteps")).isEmpty();
  }

  @Test
  void aJobForAnotherRegionIsRefusedNotLaunchedHere() {
    FakeAws aws = prepared(FakeAws.builder().seed(44).build());
    SparkJob job =
        SparkJob.builder()
            .jobName("elsewhere")
            .entryPoint("s3://code/main.py")
            .region("eu-west-1")
            .subnetId("subnet-0abc")
            .build();
    var f = launcher(aws).runJob(RunJobFlowRequestsTest.profile(), job);
    assertThat(failure(f))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("job.region")
        .hasMessageContaining("eu-west-1");
    assertThat(aws.calls().calls(FakeAws.EMR, "RunJobFlow")).isEmpty();
  }
}
