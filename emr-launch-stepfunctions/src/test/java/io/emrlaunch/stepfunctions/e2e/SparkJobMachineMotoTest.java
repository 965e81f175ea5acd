package io.emrlaunch.stepfunctions.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.model.ClusterManagerPayload;
import io.emrlaunch.core.model.EmrProfile;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.emr.ServiceIntegration;
import io.emrlaunch.stepfunctions.emr.SparkJobMachine;
import io.emrlaunch.testkit.moto.MotoServer;
import io.emrlaunch.testkit.moto.MotoTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.InstanceGroup;
import software.amazon.awssdk.services.emr.model.StepSummary;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The Cluster Manager machine (aws-sdk integration) executed by moto. moto's steps never finish, so
 * the happy path is observed up to the step poll: the payload's cluster and the exact spark-submit
 * arguments reach EMR. A refused payload fails the execution, publishes to the topic and launches
 * nothing.
 */
@MotoTest
class SparkJobMachineMotoTest {
  static final String PAYLOAD =
      """
      {"job_name": "daily-report", "resource": "report", "namespace": "report",
       "arguments": [{"argument": "date", "value": "2024-01-01"}, {"argument": "limit", "value": 10},
                     {"argument": "quote", "value": "it's \\"quoted\\", {braced}"}],
       "code_files": "s3://code-bucket/report/code.zip",
       "code_entrypoint": "s3://code-bucket/report/main.py",
       "mem_executor": "20G", "slave_type": "r5.xlarge", "release": "emr-6.15.0",
       "log_bucket": "s3://job-logs",
       "spark_packages": ["com.amazon.deequ:deequ:2.0.7-spark-3.5", "org.example:x:1.0"]}
      """;

  private MotoStepFunctions harness;
  private MotoServer moto;

  @BeforeEach
  void setUp(MotoServer moto) {
    this.moto = moto;
    // The happy path never ends in moto (steps stay RUNNING): it is stopped after this long.
    harness = MotoStepFunctions.on(moto).timeout(Duration.ofSeconds(25));
  }

  @AfterEach
  void tearDown() {
    harness.close();
  }

  static EmrProfile profile() {
    return EmrProfile.builder()
        .name("analytics")
        .serviceRole("arn:aws:iam::123456789012:role/EMR_DefaultRole")
        .instanceRole("arn:aws:iam::123456789012:role/EMR_EC2_DefaultRole")
        .build();
  }

  StateMachine machine(String topic) {
    var b =
        SparkJobMachine.builder(profile())
            .integration(ServiceIntegration.AWS_SDK)
            .pollInterval(Duration.ofSeconds(1));
    return topic == null ? b.build() : b.failureTopicArn(topic).build();
  }

  @Test
  void launchesThePayloadsClusterAndRunsItsExactSparkSubmit() {
    ExecutionOutcome outcome =
        harness.run(machine(null), PAYLOAD, MotoStepFunctions.Fixture.none());

    // moto never finishes a step: the machine is still polling it.
    assertThat(outcome.status()).as(outcome.toString()).isEqualTo(ExecutionStatus.RUNNING);
    assertThat(outcome.statesEntered()).contains("Add Spark Step", "Describe Step");
    List<ClusterSummary> clusters = moto.emr().listClusters().clusters();
    assertThat(clusters).hasSize(1);
    Cluster cluster = moto.emr().describeCluster(r -> r.clusterId(clusters.get(0).id())).cluster();
    assertThat(cluster.name()).isEqualTo("daily-report");
    assertThat(cluster.releaseLabel()).isEqualTo("emr-6.15.0");
    assertThat(cluster.logUri()).isEqualTo("s3://job-logs/elasticmapreduce/daily-report/");
    List<InstanceGroup> groups =
        moto.emr().listInstanceGroups(r -> r.clusterId(cluster.id())).instanceGroups();
    assertThat(groups)
        .extracting(InstanceGroup::instanceType)
        .containsExactlyInAnyOrder("m5.xlarge", "r5.xlarge");
    List<StepSummary> steps = moto.emr().listSteps(r -> r.clusterId(cluster.id())).steps();
    assertThat(steps).hasSize(1);
    ClusterManagerPayload payload = ClusterManagerPayload.fromJson(PAYLOAD);
    // The same spark-submit the Java reader builds (which puts packages in spark-defaults instead).
    assertThat(steps.get(0).config().args())
        .containsExactly(
            "spark-submit",
            "--deploy-mode",
            "cluster",
            "--executor-memory",
            "20G",
            "--driver-memory",
            "8G",
            "--py-files",
            "s3://code-bucket/report/code.zip",
            "--packages",
            "com.amazon.deequ:deequ:2.0.7-spark-3.5,org.example:x:1.0",
            "s3://code-bucket/report/main.py",
            payload.renderedArguments().get(0),
            payload.renderedArguments().get(1),
            payload.renderedArguments().get(2));
    assertThat(payload.renderedArguments().get(2))
        .isEqualTo("report.quote=it's \"quoted\", {braced}");
  }

  @Test
  void aRefusedPayloadPublishesTheFailureAndLaunchesNothing() {
    String[] topic = new String[1];
    ExecutionOutcome outcome =
        harness.run(
            machine("arn:aws:sns:us-east-1:123456789012:emr-jobs"),
            "{\"job_name\": \"j\", \"code_entrypoint\": \"main.py\", \"log_bucket\": \"s3://l-1\"}",
            (m, iam) -> {
              try (SnsClient sns = m.configure(SnsClient.builder()).build()) {
                topic[0] = sns.createTopic(r -> r.name("emr-jobs")).topicArn();
              }
            });

    assertThat(outcome.status()).as(outcome.toString()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(outcome.error()).isEqualTo(SparkJobMachine.JOB_FAILED);
    assertThat(outcome.cause()).startsWith(SparkJobMachine.INVALID_INPUT + ": code_entrypoint");
    assertThat(outcome.statesEntered()).contains("Notify Failure").doesNotContain("Create Cluster");
    assertThat(moto.emr().listClusters().clusters()).isEmpty();
  }
}
