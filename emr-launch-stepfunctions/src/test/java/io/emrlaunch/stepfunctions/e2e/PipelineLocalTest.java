package io.emrlaunch.stepfunctions.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.core.repository.ParameterLayout;
import io.emrlaunch.ssm.SsmRecordStore;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.emr.ClusterLaunch;
import io.emrlaunch.stepfunctions.emr.LaunchFunctionMachine;
import io.emrlaunch.stepfunctions.emr.Phase;
import io.emrlaunch.stepfunctions.emr.ServiceIntegration;
import io.emrlaunch.stepfunctions.emr.TransientClusterPipeline;
import io.emrlaunch.stepfunctions.emr.internal.PipelineFlows;
import io.emrlaunch.stepfunctions.local.LocalEngine;
import io.emrlaunch.stepfunctions.local.LocalExecution;
import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.emr.DurationDistribution;
import io.emrlaunch.testkit.emr.EmrBehavior;
import io.emrlaunch.testkit.emr.StepFailure;
import io.emrlaunch.testkit.emr.StepScript;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emr.model.StepSummary;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Transient pipelines whose launch is the generated launch function, executed by the local engine
 * on FakeAws in virtual time: the step-wait loops (aws-sdk polling) and the optimized {@code
 * addStep.sync}/{@code createCluster.sync} paths finish with steps COMPLETED, FAILED (Catch, then
 * terminate, then Fail) and CANCELLED, which moto cannot show (its steps never finish).
 */
class PipelineLocalTest {
  static final Duration STEP_TIME = Duration.ofMinutes(40);

  FakeAws aws;
  LocalEngine engine;

  void setUp(StepScript ingest) {
    aws =
        FakeAws.builder()
            .emrBehavior(
                EmrBehavior.builder()
                    .stepRunTime(DurationDistribution.fixed(STEP_TIME))
                    .step("Ingest", ingest)
                    .build())
            .build();
    engine =
        LocalEngine.builder()
            .clock(aws.clock())
            .scheduler(aws.scheduler())
            .client(aws.emrAsync())
            .client(aws.ssmAsync())
            .client(aws.sfnAsync())
            .pollInterval(Duration.ofSeconds(60))
            .build();
    SsmRecordStore store =
        SsmRecordStore.builder()
            .client(aws.ssmAsync())
            .layout(ParameterLayout.defaultLayout())
            .build();
    aws.time().runUntil(store.profiles().save(SampleRecords.profile()), Duration.ofMinutes(1));
    aws.time()
        .runUntil(
            store.configurations().save(SampleRecords.configuration()), Duration.ofMinutes(1));
    SampleRecords.profile()
        .securityConfigurationName()
        .ifPresent(
            n ->
                aws.emr()
                    .createSecurityConfiguration(
                        r ->
                            r.name(n)
                                .securityConfiguration(
                                    "{\"EncryptionConfiguration\":{"
                                        + "\"EnableInTransitEncryption\":false,"
                                        + "\"EnableAtRestEncryption\":false}}")));
  }

  static StateMachine pipeline(ServiceIntegration integration) {
    StateMachine launch =
        LaunchFunctionMachine.builder(
                SampleRecords.launchFunction(),
                SampleRecords.profile(),
                SampleRecords.configuration())
            .integration(integration)
            .pollInterval(Duration.ofSeconds(30))
            .build();
    return TransientClusterPipeline.builder()
        .launch(ClusterLaunch.inline(launch))
        .integration(integration)
        .waitForSteps(true)
        .pollIntervalSeconds(60)
        .phase(
            Phase.sequential(
                "Ingest", EmrStep.sparkSubmit("Ingest", "s3://code/ingest.py", "--day", "DAY")))
        .phase(
            Phase.parallel(
                "Prepare",
                EmrStep.sparkSubmit("Orders", "s3://code/orders.py"),
                EmrStep.sparkSubmit("Customers", "s3://code/customers.py")))
        .build();
  }

  static final String INPUT =
      "{\"ClusterConfigurationOverrides\": {\"ClusterName\": \"pipeline-run\"},"
          + " \"StepArgumentOverrides\": {\"Ingest\": {\"DAY\": \"2026-11-24\"}}}";

  LocalExecution await(CompletableFuture<LocalExecution> f) {
    aws.time().runUntil(f, Duration.ofDays(2));
    assertThat(f).as("the pipeline ends within two virtual days").isDone();
    return f.join();
  }

  ClusterSummary onlyCluster() {
    List<ClusterSummary> clusters = aws.emr().listClusters().clusters();
    assertThat(clusters).hasSize(1);
    return clusters.get(0);
  }

  List<StepSummary> steps(String clusterId) {
    return aws.emr().listSteps(r -> r.clusterId(clusterId)).steps();
  }

  @ParameterizedTest
  @EnumSource(ServiceIntegration.class)
  void stepsCompleteAndTheClusterIsTerminated(ServiceIntegration integration) {
    setUp(StepScript.defaults().succeeding());
    Instant start = aws.clock().instant();

    LocalExecution done = await(engine.start(pipeline(integration), INPUT));

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    ClusterSummary c = onlyCluster();
    assertThat(c.name()).isEqualTo("pipeline-run");
    assertThat(aws.emr().describeCluster(r -> r.clusterId(c.id())).cluster().status().state())
        .isEqualTo(ClusterState.TERMINATED);
    assertThat(steps(c.id()))
        .extracting(StepSummary::name)
        .containsExactlyInAnyOrder("Ingest", "Orders", "Customers");
    assertThat(steps(c.id()))
        .allSatisfy(s -> assertThat(s.status().state()).isEqualTo(StepState.COMPLETED));
    // Ingest, then Orders and Customers side by side: at least two step run times passed.
    assertThat(Duration.between(start, aws.clock().instant()))
        .isGreaterThan(STEP_TIME.plus(STEP_TIME));
    assertThat(
            aws.emr()
                .describeStep(
                    r ->
                        r.clusterId(c.id())
                            .stepId(
                                steps(c.id()).stream()
                                    .filter(s -> s.name().equals("Ingest"))
                                    .findFirst()
                                    .orElseThrow()
                                    .id()))
                .step()
                .config()
                .args())
        .contains("2026-11-24");
  }

  @ParameterizedTest
  @EnumSource(ServiceIntegration.class)
  void aFailedStepIsCaughtTheClusterTerminatedAndThePipelineFails(ServiceIntegration integration) {
    setUp(StepScript.failing(StepFailure.nonZeroExit()));

    LocalExecution done = await(engine.start(pipeline(integration), INPUT));

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.error().orElseThrow())
        .isEqualTo(
            integration == ServiceIntegration.AWS_SDK
                ? PipelineFlows.STEP_FAILED
                // addStep.sync fails with States.TaskFailed; the pipeline's Fail re-raises States.*
                // errors under its own name.
                : "EmrPipeline.Failed");
    assertThat(done.cause().orElseThrow()).contains("FAILED");
    ClusterSummary c = onlyCluster();
    assertTerminated(c.id());
    assertThat(steps(c.id())).extracting(StepSummary::name).containsExactly("Ingest");
    assertThat(done.history())
        .anySatisfy(
            e ->
                assertThat(
                        e.stateEnteredEventDetails() == null
                            ? ""
                            : e.stateEnteredEventDetails().name())
                    .isEqualTo(TransientClusterPipeline.TERMINATE_AFTER_FAILURE_STATE));
  }

  @ParameterizedTest
  @EnumSource(ServiceIntegration.class)
  void aCancelledStepFailsThePipelineAfterTerminating(ServiceIntegration integration) {
    setUp(StepScript.defaults().succeeding());
    CompletableFuture<LocalExecution> f = engine.start(pipeline(integration), INPUT);
    String clusterId = null;
    String stepId = null;
    for (int i = 0; i < 600 && stepId == null; i++) {
      aws.time().advance(Duration.ofMinutes(1));
      List<ClusterSummary> clusters = aws.emr().listClusters().clusters();
      if (clusters.isEmpty()) {
        continue;
      }
      clusterId = clusters.get(0).id();
      String id = clusterId;
      stepId =
          steps(id).stream()
              .filter(s -> s.status().state() == StepState.RUNNING)
              .map(StepSummary::id)
              .findFirst()
              .orElse(null);
    }
    assertThat(stepId).as("a step started").isNotNull();
    String cluster = clusterId;
    String step = stepId;
    aws.emr().cancelSteps(r -> r.clusterId(cluster).stepIds(step));

    LocalExecution done = await(f);

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.cause().orElseThrow()).contains("CANCELLED");
    assertThat(
            aws.emr().describeStep(r -> r.clusterId(cluster).stepId(step)).step().status().state())
        .isEqualTo(StepState.CANCELLED);
    assertTerminated(cluster);
  }

  /** The pipeline asked EMR to terminate the cluster (TERMINATING or already TERMINATED). */
  void assertTerminated(String clusterId) {
    var status = aws.emr().describeCluster(r -> r.clusterId(clusterId)).cluster().status();
    assertThat(status.state()).isIn(ClusterState.TERMINATING, ClusterState.TERMINATED);
    assertThat(status.stateChangeReason().codeAsString()).isEqualTo("USER_REQUEST");
    assertThat(aws.calls().calls(FakeAws.EMR, "TerminateJobFlows")).isNotEmpty();
  }
}
