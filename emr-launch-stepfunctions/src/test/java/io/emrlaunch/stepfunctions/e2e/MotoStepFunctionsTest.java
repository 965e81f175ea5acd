package io.emrlaunch.stepfunctions.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.repository.LaunchInputs;
import io.emrlaunch.core.repository.ParameterLayout;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.testkit.moto.MotoServer;
import io.emrlaunch.testkit.moto.MotoTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/** The harness itself, on small hand-written AWS SDK machines. */
@MotoTest
class MotoStepFunctionsTest {
  /** Reads the profile record, launches a cluster named by the input, describes it. */
  static final String LAUNCH =
      """
      {
        "StartAt": "Read Profile",
        "States": {
          "Read Profile": {
            "Type": "Task",
            "Resource": "arn:aws:states:::aws-sdk:ssm:getParameter",
            "Parameters": {"Name.$": "$.ProfileParameter"},
            "ResultSelector": {"Value.$": "$.Parameter.Value"},
            "ResultPath": "$.Profile",
            "Next": "Run Job Flow"
          },
          "Run Job Flow": {
            "Type": "Task",
            "Resource": "arn:aws:states:::aws-sdk:emr:runJobFlow",
            "Parameters": {
              "Name.$": "$.ClusterName",
              "ReleaseLabel": "emr-7.5.0",
              "ServiceRole": "e2e-EMR_ServiceRole",
              "JobFlowRole": "e2e-EMR_EC2_Role",
              "Instances": {
                "InstanceGroups": [
                  {"InstanceRole": "MASTER", "InstanceType": "m5.xlarge", "InstanceCount": 1}
                ],
                "KeepJobFlowAliveWhenNoSteps": true
              }
            },
            "ResultSelector": {"ClusterId.$": "$.JobFlowId"},
            "ResultPath": "$.LaunchClusterResult",
            "Next": "Describe Cluster"
          },
          "Describe Cluster": {
            "Type": "Task",
            "Resource": "arn:aws:states:::aws-sdk:emr:describeCluster",
            "Parameters": {"ClusterId.$": "$.LaunchClusterResult.ClusterId"},
            "ResultSelector": {"State.$": "$.Cluster.Status.State"},
            "ResultPath": "$.Described",
            "End": true
          }
        }
      }
      """;

  static final String PROFILE_PARAMETER =
      ParameterLayout.defaultLayout()
          .parameterName(
              io.emrlaunch.core.repository.RecordKind.PROFILE,
              SampleRecords.NAMESPACE,
              SampleRecords.profile().name());

  static MotoStepFunctions harness;
  MotoServer moto;

  @BeforeEach
  void setUp(MotoServer moto) {
    this.moto = moto;
    if (harness == null) {
      harness = MotoStepFunctions.on(moto);
    }
  }

  @AfterAll
  static void close() {
    if (harness != null) {
      harness.close();
      harness = null;
    }
  }

  static LaunchFixtures fixtures() {
    return LaunchFixtures.of(SampleRecords.profile(), SampleRecords.configuration());
  }

  static String input(String profileParameter) {
    return "{\"ProfileParameter\":\"" + profileParameter + "\",\"ClusterName\":\"tiny\"}";
  }

  @Test
  void aHandWrittenSdkMachineReadsTheFixturesAndLaunchesACluster() {
    StateMachine machine = StateMachine.fromJson(LAUNCH);
    assertThat(machine.validate()).isEmpty();

    ExecutionOutcome done = harness.run(machine, input(PROFILE_PARAMETER), fixtures());

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(done.statesEntered())
        .containsExactly("Read Profile", "Run Job Flow", "Describe Cluster");
    String clusterId = done.outputJson().at("/LaunchClusterResult/ClusterId").asText();
    assertThat(clusterId).startsWith("j-");
    assertThat(done.outputJson().at("/Described/State").asText()).isEqualTo("WAITING");
    // The SSM task read the record the store wrote (aws-emr-launch format: the service role
    // appears as it was saved).
    assertThat(done.outputJson().at("/Profile/Value").asText())
        .contains(SampleRecords.profile().serviceRole());
    Cluster cluster = moto.emr().describeCluster(r -> r.clusterId(clusterId)).cluster();
    assertThat(cluster.name()).isEqualTo("tiny");
    assertThat(cluster.status().state()).isEqualTo(ClusterState.WAITING);
  }

  @Test
  void aFailedTaskIsReportedWithErrorCauseAndHistory() {
    ExecutionOutcome done =
        harness.run(LAUNCH, input("/emr_launch/emr_profiles/e2e/missing"), fixtures());

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).contains("ParameterNotFound");
    assertThat(done.output()).isNull();
    assertThat(done.statesEntered()).containsExactly("Read Profile");
    assertThat(done.eventTypes()).contains("ExecutionFailed");
    assertThat(moto.emr().listClusters().clusters()).isEmpty();
  }

  @Test
  void everyRunStartsFromAResetMoto() {
    // moto runs one execution per region until a reset: the harness resets before each run.
    ExecutionOutcome first = harness.run(LAUNCH, input(PROFILE_PARAMETER), fixtures());
    ExecutionOutcome second = harness.run(LAUNCH, input(PROFILE_PARAMETER), fixtures());

    assertThat(first.status()).as(first.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(second.status()).as(second.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(moto.emr().listClusters().clusters())
        .singleElement()
        .satisfies(
            c ->
                assertThat(c.id())
                    .isEqualTo(second.outputJson().at("/LaunchClusterResult/ClusterId").asText()));
  }

  @Test
  void fixturesMakeTheProfilesReferencesReal() {
    ExecutionOutcome done =
        harness.run(
            "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}",
            "{}",
            fixtures());
    assertThat(done.succeeded()).as(done.toString()).isTrue();

    LaunchInputs inputs =
        fixtures()
            .store(moto)
            .loadLaunchInputs(SampleRecords.profile().ref(), SampleRecords.configuration().ref())
            .join();
    assertThat(inputs.profile().value()).isEqualTo(SampleRecords.profile());
    assertThat(inputs.configuration().value()).isEqualTo(SampleRecords.configuration());
    assertThat(
            moto.emr()
                .describeSecurityConfiguration(r -> r.name("e2e-security"))
                .securityConfiguration())
        .contains("EncryptionConfiguration");
    try (IamClient iam = moto.configure(IamClient.builder()).build()) {
      assertThat(
              iam.getInstanceProfile(r -> r.instanceProfileName("e2e-EMR_EC2_Role"))
                  .instanceProfile()
                  .roles())
          .extracting(r -> r.arn())
          .containsExactly(SampleRecords.profile().instanceRole());
      assertThat(iam.getRole(r -> r.roleName("e2e-EMR_ServiceRole")).role().arn())
          .isEqualTo(SampleRecords.profile().serviceRole());
      assertThat(iam.getRole(r -> r.roleName(MotoStepFunctions.ROLE_NAME)).role().arn())
          .endsWith(":role/" + MotoStepFunctions.ROLE_NAME);
    }
  }

  @Test
  void withoutConfigurationOnlyTheProfileIsSaved() {
    ExecutionOutcome done =
        harness.run(
            "{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}",
            "{}",
            fixtures().withoutConfiguration());
    assertThat(done.succeeded()).as(done.toString()).isTrue();
    assertThat(
            moto.ssm().getParametersByPath(r -> r.path("/emr_launch").recursive(true)).parameters())
        .extracting(p -> p.name())
        .containsExactly(PROFILE_PARAMETER);
  }
}
