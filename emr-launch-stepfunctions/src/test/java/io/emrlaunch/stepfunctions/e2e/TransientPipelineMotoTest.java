package io.emrlaunch.stepfunctions.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.emr.ClusterLaunch;
import io.emrlaunch.stepfunctions.emr.LaunchFunctionMachine;
import io.emrlaunch.stepfunctions.emr.Phase;
import io.emrlaunch.stepfunctions.emr.ServiceIntegration;
import io.emrlaunch.stepfunctions.emr.TransientClusterPipeline;
import io.emrlaunch.testkit.moto.MotoServer;
import io.emrlaunch.testkit.moto.MotoTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.StepSummary;
import software.amazon.awssdk.services.emr.model.Tag;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * A transient pipeline whose launch is the generated launch function itself (inline, aws-sdk
 * integration), executed by moto: the records come from SSM, the input's overrides, tags and step
 * argument overrides reach EMR, the steps are added and the cluster is terminated at the end.
 */
@MotoTest
class TransientPipelineMotoTest {
  private MotoStepFunctions harness;
  private MotoServer moto;

  @BeforeEach
  void setUp(MotoServer moto) {
    this.moto = moto;
    harness = MotoStepFunctions.on(moto);
  }

  @AfterEach
  void tearDown() {
    harness.close();
  }

  @Test
  void launchFunctionThenStepsThenTerminate() {
    StateMachine launch =
        LaunchFunctionMachine.builder(
                SampleRecords.launchFunction(),
                SampleRecords.profile(),
                SampleRecords.configuration())
            .integration(ServiceIntegration.AWS_SDK)
            .pollInterval(Duration.ofSeconds(1))
            .build();
    StateMachine pipeline =
        TransientClusterPipeline.builder()
            .launch(ClusterLaunch.inline(launch))
            .integration(ServiceIntegration.AWS_SDK)
            .waitForSteps(false) // moto never finishes steps
            .pollIntervalSeconds(1)
            .phase(
                Phase.sequential(
                    "Ingest", EmrStep.sparkSubmit("Ingest", "s3://code/ingest.py", "--day", "DAY")))
            .phase(
                Phase.parallel(
                    "Prepare",
                    EmrStep.sparkSubmit("Orders", "s3://code/orders.py"),
                    EmrStep.sparkSubmit("Customers", "s3://code/customers.py")))
            .build();
    String input =
        "{\"ClusterConfigurationOverrides\": {\"ClusterName\": \"pipeline-run\"},"
            + " \"Tags\": [{\"Key\": \"run\", \"Value\": \"42\"}],"
            + " \"StepArgumentOverrides\": {\"Ingest\": {\"DAY\": \"2026-11-24\"}}}";

    ExecutionOutcome outcome =
        harness.run(
            pipeline,
            input,
            LaunchFixtures.of(SampleRecords.profile(), SampleRecords.configuration()));

    assertThat(outcome.status()).as(outcome.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    List<ClusterSummary> clusters = moto.emr().listClusters().clusters();
    assertThat(clusters).hasSize(1);
    Cluster cluster = moto.emr().describeCluster(r -> r.clusterId(clusters.get(0).id())).cluster();
    assertThat(cluster.name()).isEqualTo("pipeline-run");
    assertThat(cluster.status().state()).isEqualTo(ClusterState.TERMINATED);
    assertThat(cluster.logUri()).endsWith("/pipeline-run");
    assertThat(cluster.tags()).contains(Tag.builder().key("run").value("42").build());
    Map<String, List<String>> steps =
        moto.emr().listSteps(r -> r.clusterId(cluster.id())).steps().stream()
            .collect(Collectors.toMap(StepSummary::name, s -> s.config().args()));
    assertThat(steps).containsOnlyKeys("Ingest", "Orders", "Customers");
    assertThat(steps.get("Ingest"))
        .contains("s3://code/ingest.py", "2026-11-24")
        .doesNotContain("DAY");
    assertThat(outcome.outputJson().path("LaunchClusterResult").path("ClusterId").asText())
        .isEqualTo(cluster.id());
  }
}
