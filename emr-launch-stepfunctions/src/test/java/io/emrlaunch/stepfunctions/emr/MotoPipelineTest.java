package io.emrlaunch.stepfunctions.emr;

import static io.emrlaunch.stepfunctions.emr.PipelineTestSupport.runJobFlowLaunch;
import static io.emrlaunch.stepfunctions.emr.PipelineTestSupport.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.core.json.EmrLaunchJson;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.testkit.moto.MotoServer;
import io.emrlaunch.testkit.moto.MotoTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.StepSummary;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * Generated pipelines executed by moto's Step Functions interpreter against moto's EMR (AWS SDK
 * integration; moto runs no optimized EMR task and never finishes a step, so steps are not waited
 * for). One execution per test: the extension resets moto before each.
 */
@MotoTest
class MotoPipelineTest {
  private MotoServer moto;
  private IamClient iam;
  private String roleArn;

  @BeforeEach
  void setUp(MotoServer server) {
    moto = server;
    moto.enableStepFunctionsExecution();
    iam = moto.configure(IamClient.builder()).build();
    roleArn =
        iam.createRole(
                r ->
                    r.roleName("pipeline-exec")
                        .assumeRolePolicyDocument(
                            "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                                + "\"Principal\":{\"Service\":\"states.amazonaws.com\"},"
                                + "\"Action\":\"sts:AssumeRole\"}]}"))
            .role()
            .arn();
  }

  @AfterEach
  void tearDown() {
    iam.close();
    moto.disableStepFunctionsExecution();
  }

  private DescribeExecutionResponse run(StateMachine machine, String input) {
    SfnClient sfn = moto.sfn();
    String arn =
        sfn.createStateMachine(
                r -> r.name("pipeline").definition(machine.toJson()).roleArn(roleArn))
            .stateMachineArn();
    String execution = sfn.startExecution(r -> r.stateMachineArn(arn).input(input)).executionArn();
    Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
    DescribeExecutionResponse d = sfn.describeExecution(r -> r.executionArn(execution));
    while (d.status() == ExecutionStatus.RUNNING && Instant.now().isBefore(giveUp)) {
      sleep();
      d = sfn.describeExecution(r -> r.executionArn(execution));
    }
    return d;
  }

  private List<String> enteredStates(String executionArn) {
    return moto.sfn().getExecutionHistory(r -> r.executionArn(executionArn)).events().stream()
        .map(HistoryEvent::stateEnteredEventDetails)
        .filter(e -> e != null)
        .map(e -> e.name())
        .toList();
  }

  private static JsonNode output(DescribeExecutionResponse d) {
    try {
      return EmrLaunchJson.newMapper().readTree(d.output());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private ClusterSummary onlyCluster() {
    List<ClusterSummary> clusters = moto.emr().listClusters().clusters();
    assertThat(clusters).hasSize(1);
    return clusters.get(0);
  }

  private static Map<String, List<String>> stepArgs(EmrClient emr, String clusterId) {
    return emr.listSteps(r -> r.clusterId(clusterId)).steps().stream()
        .collect(Collectors.toMap(StepSummary::name, s -> s.config().args()));
  }

  @Test
  void transientPipelineRunsStepsWithOverriddenArgsThenTerminatesTheCluster() {
    StateMachine pipeline =
        TransientClusterPipeline.builder()
            .launch(ClusterLaunch.inline(runJobFlowLaunch("nightly")))
            .integration(ServiceIntegration.AWS_SDK)
            .waitForSteps(false)
            .pollIntervalSeconds(1)
            .phase(
                Phase.sequential(
                    "Phase 1",
                    step(
                        "Ingest",
                        "spark-submit",
                        "s3://code/ingest.py",
                        "--day",
                        "DAY.Placeholder")))
            .phase(
                Phase.parallel(
                    "Phase 2",
                    step("Orders", "hive-script", "--run-hive-script", "s3://q/orders.q"),
                    step("Customers", "hive-script", "--run-hive-script", "s3://q/customers.q")))
            .build();

    DescribeExecutionResponse d =
        run(
            pipeline,
            "{\"StepArgumentOverrides\":{\"Ingest\":{\"DAY.Placeholder\":\"2026-11-24\"},"
                + "\"Customers\":{\"s3://q/customers.q\":\"s3://q/customers-v2.q\"}}}");

    assertThat(d.status()).as(d.error() + " " + d.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    ClusterSummary cluster = onlyCluster();
    assertThat(cluster.name()).isEqualTo("nightly");
    assertThat(cluster.status().state()).isEqualTo(ClusterState.TERMINATED);
    assertThat(output(d).at("/LaunchClusterResult/ClusterId").asText()).isEqualTo(cluster.id());
    Map<String, List<String>> args = stepArgs(moto.emr(), cluster.id());
    assertThat(args)
        .containsOnlyKeys("Ingest", "Orders", "Customers")
        .containsEntry(
            "Ingest", List.of("spark-submit", "s3://code/ingest.py", "--day", "2026-11-24"))
        .containsEntry("Orders", List.of("hive-script", "--run-hive-script", "s3://q/orders.q"))
        .containsEntry(
            "Customers", List.of("hive-script", "--run-hive-script", "s3://q/customers-v2.q"));
    assertThat(enteredStates(d.executionArn()))
        .contains("Run Job Flow", "Terminate Cluster - Poll", "Cluster Terminated")
        .doesNotContain(TransientClusterPipeline.TERMINATE_AFTER_FAILURE_STATE);
  }

  @Test
  void aFailureAfterTheLaunchTerminatesTheClusterAndFailsTheExecution() {
    StateMachine pipeline =
        TransientClusterPipeline.builder()
            .launch(ClusterLaunch.inline(runJobFlowLaunch("doomed")))
            .integration(ServiceIntegration.AWS_SDK)
            .waitForSteps(false)
            .phase(Phase.sequential("Phase 1", step("Ingest", "spark-submit", "s3://code/a.py")))
            .phase(
                Phase.sequential(
                    "Phase 2",
                    // No such machine: the child execution cannot start.
                    PipelineStep.stateMachine(
                            "Publish", "arn:aws:states:us-east-1:123456789012:stateMachine:missing")
                        .waitForCompletion(true)))
            .build();

    DescribeExecutionResponse d = run(pipeline, "{}");

    assertThat(d.status()).isEqualTo(ExecutionStatus.FAILED);
    ClusterSummary cluster = onlyCluster();
    assertThat(cluster.status().state()).isEqualTo(ClusterState.TERMINATED);
    assertThat(stepArgs(moto.emr(), cluster.id())).containsOnlyKeys("Ingest");
    // The Fail state raises the child's error, never a reserved States.* name (refused at run
    // time).
    assertThat(d.error()).isNotBlank().doesNotStartWith("States.");
    assertThat(d.cause()).doesNotContain("MUST NOT begin");
    List<String> entered = enteredStates(d.executionArn());
    assertThat(entered)
        .containsSubsequence(
            "Publish",
            TransientClusterPipeline.TERMINATE_AFTER_FAILURE_STATE,
            PipelineBuilder.FAILED_STATE)
        .doesNotContain(TransientClusterPipeline.TERMINATE_STATE);
  }

  @Test
  void persistentPipelineAddsStepsToTheGivenClusterAndLeavesItRunning() {
    String clusterId =
        moto.emr()
            .runJobFlow(
                r ->
                    r.name("shared")
                        .releaseLabel("emr-7.5.0")
                        .instances(
                            i ->
                                i.masterInstanceType("m5.xlarge")
                                    .instanceCount(1)
                                    .keepJobFlowAliveWhenNoSteps(true))
                        .jobFlowRole("EMR_EC2_DefaultRole")
                        .serviceRole("EMR_DefaultRole"))
            .jobFlowId();
    StateMachine pipeline =
        PersistentClusterPipeline.builder()
            .integration(ServiceIntegration.AWS_SDK)
            .waitForSteps(false)
            .phase(Phase.parallel("Phase 1", step("A", "echo", "a"), step("B", "echo", "b")))
            .build();

    DescribeExecutionResponse d =
        run(
            pipeline,
            "{\"ClusterId\":\"" + clusterId + "\",\"StepArgOverrides\":{\"B\":{\"b\":\"bee\"}}}");

    assertThat(d.status()).as(d.error() + " " + d.cause()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(onlyCluster().status().state()).isNotEqualTo(ClusterState.TERMINATED);
    assertThat(stepArgs(moto.emr(), clusterId))
        .containsEntry("A", List.of("echo", "a"))
        .containsEntry("B", List.of("echo", "bee"));
  }
}
