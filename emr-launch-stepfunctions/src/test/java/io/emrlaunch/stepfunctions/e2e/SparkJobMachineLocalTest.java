package io.emrlaunch.stepfunctions.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emrlaunch.core.model.ClusterManagerPayload;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.stepfunctions.asl.Flow;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.StateMachineBuilder;
import io.emrlaunch.stepfunctions.emr.NestedStateMachine;
import io.emrlaunch.stepfunctions.emr.ServiceIntegration;
import io.emrlaunch.stepfunctions.emr.SparkJobMachine;
import io.emrlaunch.stepfunctions.local.LocalEngine;
import io.emrlaunch.stepfunctions.local.LocalExecution;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.emr.ClusterFailure;
import io.emrlaunch.testkit.emr.ClusterScript;
import io.emrlaunch.testkit.emr.DurationDistribution;
import io.emrlaunch.testkit.emr.EmrBehavior;
import io.emrlaunch.testkit.emr.StepFailure;
import io.emrlaunch.testkit.emr.StepScript;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emr.model.StepSummary;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * The Cluster Manager machine ({@link SparkJobMachine}) executed end to end by the local engine on
 * FakeAws in virtual time, with both integrations: the payload's step COMPLETED (cluster
 * terminated, the output the Cluster Manager's callers read), the step FAILED and the cluster
 * failing at bootstrap (cluster terminated, the execution's state published to the SNS topic, the
 * execution FAILED with {@code EmrLaunch.JobFailed}), and nested in a parent machine through {@code
 * states:startExecution.sync:2} on the testkit's Step Functions.
 */
class SparkJobMachineLocalTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:emr-jobs";
  static final Duration STEP_TIME = Duration.ofMinutes(25);
  static final String PAYLOAD =
      """
      {"job_name": "daily-report", "resource": "report", "namespace": "report",
       "arguments": [{"argument": "date", "value": "2024-01-01"}, {"argument": "limit", "value": 10}],
       "code_files": "s3://code-bucket/report/code.zip",
       "code_entrypoint": "s3://code-bucket/report/main.py",
       "mem_executor": "20G", "slave_type": "r5.xlarge", "release": "emr-6.15.0",
       "log_bucket": "s3://job-logs"}
      """;

  FakeAws aws;
  RecordingSns sns;
  LocalEngine engine;

  void setUp(EmrBehavior.Builder behavior) {
    aws =
        FakeAws.builder()
            .emrBehavior(behavior.stepRunTime(DurationDistribution.fixed(STEP_TIME)).build())
            .build();
    sns = new RecordingSns();
    engine =
        LocalEngine.builder()
            .clock(aws.clock())
            .scheduler(aws.scheduler())
            .client(aws.emrAsync())
            .client(aws.sfnAsync())
            .client(sns)
            .pollInterval(Duration.ofSeconds(60))
            .build();
    aws.sfnBackend().executionEngine(engine::execute);
  }

  static EmrProfile profile() {
    return EmrProfile.builder()
        .name("analytics")
        .serviceRole("arn:aws:iam::123456789012:role/EMR_DefaultRole")
        .instanceRole("arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole")
        .build();
  }

  static StateMachine machine(ServiceIntegration integration) {
    return SparkJobMachine.builder(profile())
        .integration(integration)
        .pollInterval(Duration.ofSeconds(30))
        .failureTopicArn(TOPIC)
        .build();
  }

  LocalExecution run(ServiceIntegration integration, String input) {
    CompletableFuture<LocalExecution> f = engine.start(machine(integration), input);
    aws.time().runUntil(f, Duration.ofDays(1));
    assertThat(f).as("the job ends within a virtual day").isDone();
    return f.join();
  }

  ClusterSummary onlyCluster() {
    List<ClusterSummary> clusters = aws.emr().listClusters().clusters();
    assertThat(clusters).hasSize(1);
    return clusters.get(0);
  }

  ClusterState stateOf(String clusterId) {
    return aws.emr().describeCluster(r -> r.clusterId(clusterId)).cluster().status().state();
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @ParameterizedTest
  @EnumSource(ServiceIntegration.class)
  void aStepThatFinishesEndsSucceededWithTheClusterTerminated(ServiceIntegration integration) {
    setUp(EmrBehavior.builder());
    Instant start = aws.clock().instant();

    LocalExecution done = run(integration, PAYLOAD);

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    ClusterSummary c = onlyCluster();
    JsonNode out = json(done.output().orElseThrow());
    assertThat(out.path("JobName").asText()).isEqualTo("daily-report");
    assertThat(out.path("ClusterId").asText()).isEqualTo(c.id());
    assertThat(out.path("StepState").asText()).isEqualTo("COMPLETED");
    assertThat(out.path("ClusterState").asText()).isEqualTo("TERMINATED");
    assertThat(stateOf(c.id())).isEqualTo(ClusterState.TERMINATED);
    List<StepSummary> steps = aws.emr().listSteps(r -> r.clusterId(c.id())).steps();
    assertThat(steps).hasSize(1);
    assertThat(steps.get(0).id()).isEqualTo(out.path("StepId").asText());
    assertThat(steps.get(0).status().state()).isEqualTo(StepState.COMPLETED);
    ClusterManagerPayload payload = ClusterManagerPayload.fromJson(PAYLOAD);
    assertThat(steps.get(0).config().args())
        .startsWith("spark-submit")
        .contains("20G", "s3://code-bucket/report/main.py")
        .endsWith(payload.renderedArguments().toArray(String[]::new));
    assertThat(Duration.between(start, aws.clock().instant()))
        .as("the step's run time passed in virtual time")
        .isGreaterThan(STEP_TIME);
    assertThat(sns.published()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(ServiceIntegration.class)
  void aStepThatFailsTerminatesTheClusterAndPublishesTheFailure(ServiceIntegration integration) {
    setUp(
        EmrBehavior.builder()
            .step(
                "daily-report",
                StepScript.failing(StepFailure.of("Table not found", "orders_v2 is missing"))));

    LocalExecution done = run(integration, PAYLOAD);

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).as(done.toString()).contains(SparkJobMachine.JOB_FAILED);
    ClusterSummary c = onlyCluster();
    // The machine asks EMR to terminate (request-response) before it fails: the cluster is on its
    // way down when the execution ends, and down a little later.
    assertThat(aws.calls().count(FakeAws.EMR, "TerminateJobFlows")).isEqualTo(1);
    assertThat(stateOf(c.id())).isIn(ClusterState.TERMINATING, ClusterState.TERMINATED);
    aws.time().advance(Duration.ofHours(1));
    assertThat(stateOf(c.id())).isEqualTo(ClusterState.TERMINATED);
    assertThat(aws.emr().listSteps(r -> r.clusterId(c.id())).steps().get(0).status().state())
        .isEqualTo(StepState.FAILED);
    List<PublishRequest> published = sns.published();
    assertThat(published).hasSize(1);
    assertThat(published.get(0).topicArn()).isEqualTo(TOPIC);
    JsonNode message = json(published.get(0).message());
    assertThat(message.path("payload").path("job_name").asText()).isEqualTo("daily-report");
    assertThat(message.path("error").isObject()).as(message.toString()).isTrue();
    assertThat(message.path("cluster").path("ClusterId").asText()).isEqualTo(c.id());
  }

  @ParameterizedTest
  @EnumSource(ServiceIntegration.class)
  void aClusterThatFailsAtBootstrapPublishesTheFailure(ServiceIntegration integration) {
    setUp(
        EmrBehavior.builder()
            .cluster("daily-report", ClusterScript.failing(ClusterFailure.bootstrapFailure())));

    LocalExecution done = run(integration, PAYLOAD);

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error()).as(done.toString()).contains(SparkJobMachine.JOB_FAILED);
    aws.time().advance(Duration.ofHours(1));
    assertThat(stateOf(onlyCluster().id())).isEqualTo(ClusterState.TERMINATED_WITH_ERRORS);
    assertThat(sns.published()).hasSize(1);
    assertThat(aws.emr().listSteps(r -> r.clusterId(onlyCluster().id())).steps())
        .allSatisfy(s -> assertThat(s.status().state()).isNotEqualTo(StepState.COMPLETED));
  }

  @Test
  void aRefusedPayloadPublishesAndLaunchesNothing() {
    setUp(EmrBehavior.builder());

    LocalExecution done =
        run(
            ServiceIntegration.OPTIMIZED,
            "{\"job_name\": \"j\", \"code_entrypoint\": \"main.py\", \"log_bucket\": \"s3://l-1\"}");

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.cause())
        .hasValueSatisfying(
            c -> assertThat(c).startsWith(SparkJobMachine.INVALID_INPUT + ": code_entrypoint"));
    assertThat(sns.published()).hasSize(1);
    assertThat(aws.emr().listClusters().clusters()).isEmpty();
  }

  @Test
  void runsNestedFromAParentMachineWithStartExecutionSync2() {
    setUp(EmrBehavior.builder());
    String child =
        aws.sfn()
            .createStateMachine(
                r ->
                    r.name("spark-job")
                        .definition(machine(ServiceIntegration.OPTIMIZED).toJson())
                        .roleArn("arn:aws:iam::123456789012:role/sfn"))
            .stateMachineArn();
    StateMachine parent =
        StateMachineBuilder.startWith(NestedStateMachine.run("Run Job", child).resultPath("$.job"))
            .then(Flow.succeed("Done"))
            .build();
    String parentArn =
        aws.sfn()
            .createStateMachine(
                r ->
                    r.name("nightly")
                        .definition(parent.toJson())
                        .roleArn("arn:aws:iam::123456789012:role/sfn"))
            .stateMachineArn();

    String execution =
        aws.sfn().startExecution(r -> r.stateMachineArn(parentArn).input(PAYLOAD)).executionArn();
    aws.time().advance(Duration.ofHours(2));

    DescribeExecutionResponse d = aws.sfn().describeExecution(r -> r.executionArn(execution));
    assertThat(d.status()).as(d.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    JsonNode out = json(d.output());
    assertThat(out.path("job").path("Output").path("StepState").asText()).isEqualTo("COMPLETED");
    assertThat(out.path("job").path("Output").path("ClusterState").asText())
        .isEqualTo("TERMINATED");
    assertThat(stateOf(onlyCluster().id())).isEqualTo(ClusterState.TERMINATED);
    assertThat(aws.sfn().listExecutions(r -> r.stateMachineArn(child)).executions())
        .singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(ExecutionStatus.SUCCEEDED));
  }
}
