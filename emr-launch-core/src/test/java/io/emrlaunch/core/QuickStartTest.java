package io.emrlaunch.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.json.AwsEmrLaunchFormat;
import io.emrlaunch.core.json.EmrLaunchFormat;
import io.emrlaunch.core.launch.RunJobFlowRequests;
import io.emrlaunch.core.model.ClusterConfiguration;
import io.emrlaunch.core.model.ClusterPresets;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.model.PresetOptions;
import io.emrlaunch.core.model.S3Encryption;
import io.emrlaunch.core.model.SecurityConfiguration;
import io.emrlaunch.core.model.SparkJob;
import io.emrlaunch.core.model.StepFailureAction;
import io.emrlaunch.core.overrides.Overrides;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.RunJobFlowRequest;

/**
 * The first example of docs/model.md with assertions on what it builds ({@code DocsTest} in
 * emr-launch-api-checks compiles and runs the block itself).
 */
class QuickStartTest {
  @Test
  void readmeQuickStart() {
    EmrProfile profile =
        EmrProfile.builder()
            .name("analytics")
            .serviceRole("arn:aws:iam::123456789012:role/EMR_DefaultRole")
            .instanceRole("arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole")
            .masterSecurityGroup("sg-0123456789abcdef0")
            .workersSecurityGroup("sg-0123456789abcdef1")
            .logsBucket("my-emr-logs")
            .securityConfigurationName("analytics-sc")
            .securityConfiguration(
                SecurityConfiguration.builder()
                    .s3Encryption(
                        S3Encryption.sseKms(
                            "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"))
                    .build())
            .build();
    ClusterConfiguration config =
        ClusterPresets.instanceGroups(PresetOptions.of("spark-small", "subnet-0abc"))
            .withReleaseLabel("emr-7.5.0")
            .addSparkPackages("com.amazon.deequ:deequ:2.0.7-spark-3.5");
    ClusterConfiguration sized = Overrides.apply(config, Map.of("CoreInstanceCount", 10));
    RunJobFlowRequest request =
        RunJobFlowRequests.from(
            profile,
            sized,
            "nightly-etl",
            Map.of("team", "data"),
            List.of(
                EmrStep.sparkSubmit("etl", "s3://code/etl.py", "--date", "2024-01-01")
                    .withActionOnFailure(StepFailureAction.TERMINATE_CLUSTER)));
    assertThat(request.name()).isEqualTo("nightly-etl");
    assertThat(request.instances().instanceGroups().get(1).instanceCount()).isEqualTo(10);
    assertThat(request.securityConfiguration()).isEqualTo("analytics-sc");
    assertThat(request.logUri()).isEqualTo("s3://my-emr-logs/elasticmapreduce/nightly-etl");

    SparkJob job =
        SparkJob.builder()
            .jobName("daily-report")
            .entryPoint("s3://code/report/main.py")
            .codeFiles("s3://code/report/deps.zip")
            .putNamedArguments("report.date", "2024-01-01")
            .subnetId("subnet-0abc")
            .build();
    RunJobFlowRequest transient_ = RunJobFlowRequests.from(profile, job);
    assertThat(transient_.instances().keepJobFlowAliveWhenNoSteps()).isFalse();

    String stored = AwsEmrLaunchFormat.configurations().write(sized);
    ClusterConfiguration back = AwsEmrLaunchFormat.configurations().read(stored);
    assertThat(back).isEqualTo(sized);
    assertThat(EmrLaunchFormat.of(ClusterConfiguration.class).write(back))
        .contains("schemaVersion");
  }
}
