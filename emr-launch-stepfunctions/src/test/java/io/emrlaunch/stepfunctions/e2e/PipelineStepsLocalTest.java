package io.emrlaunch.stepfunctions.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.emr.PersistentClusterPipeline;
import io.emrlaunch.stepfunctions.emr.Phase;
import io.emrlaunch.stepfunctions.emr.ServiceIntegration;
import io.emrlaunch.stepfunctions.local.LocalExecution;
import io.emrlaunch.testkit.emr.StepFailure;
import io.emrlaunch.testkit.emr.StepScript;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emr.model.StepSummary;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;

/**
 * What moto cannot run and was only checked structurally, executed to the end locally: the aws-sdk
 * integration's step-wait loops (DescribeStep polled until the step ends) and the optimized {@code
 * elasticmapreduce:createCluster.sync} / {@code addStep.sync} paths, for the transient pipeline
 * (its own cluster, terminated at the end or after a failure) and the persistent one (steps on a
 * running cluster, left running), with steps COMPLETED, FAILED and CANCELLED. Complements {@link
 * PipelineLocalTest}: here the executed resources, the number of polls and the cluster's final
 * TERMINATED state are checked.
 */
class PipelineStepsLocalTest {
  final PipelineLocalTest world = new PipelineLocalTest();

  /** How many times each Task resource was scheduled, e.g. {@code aws-sdk:emr:describeStep}. */
  static Map<String, Long> scheduled(LocalExecution e) {
    return e.history().stream()
        .map(HistoryEvent::taskScheduledEventDetails)
        .filter(d -> d != null)
        .map(d -> d.resourceType() + ":" + d.resource())
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
  }

  List<StepSummary> steps(String clusterId) {
    return world.aws.emr().listSteps(r -> r.clusterId(clusterId)).steps();
  }

  ClusterState stateAfterAWhile(String clusterId) {
    world.aws.time().advance(Duration.ofMinutes(30));
    return world.aws.emr().describeCluster(r -> r.clusterId(clusterId)).cluster().status().state();
  }

  @ParameterizedTest
  @EnumSource(ServiceIntegration.class)
  void transientPipelineExecutesItsWaitLoopsOrSyncTasksToTheEnd(ServiceIntegration integration) {
    world.setUp(StepScript.defaults().succeeding());

    LocalExecution done =
        world.await(
            world.engine.start(PipelineLocalTest.pipeline(integration), PipelineLocalTest.INPUT));

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    Map<String, Long> tasks = scheduled(done);
    if (integration == ServiceIntegration.OPTIMIZED) {
      assertThat(tasks)
          .as("optimized integrations: .sync tasks wait, no polling states")
          .containsEntry("elasticmapreduce:addStep.sync", 3L)
          .doesNotContainKey("aws-sdk:emr:describeStep");
      assertThat(tasks.keySet()).anyMatch(k -> k.startsWith("elasticmapreduce:createCluster"));
    } else {
      // 40-minute steps polled every 60 s: the wait loop went round dozens of times per step.
      assertThat(tasks).containsEntry("aws-sdk:emr:addJobFlowSteps", 3L);
      assertThat(tasks.get("aws-sdk:emr:describeStep")).isGreaterThanOrEqualTo(3 * 39L);
      assertThat(tasks.get("aws-sdk:emr:describeCluster")).isGreaterThanOrEqualTo(2L);
    }
    String clusterId = world.onlyCluster().id();
    assertThat(steps(clusterId))
        .allSatisfy(s -> assertThat(s.status().state()).isEqualTo(StepState.COMPLETED));
    assertThat(stateAfterAWhile(clusterId)).isEqualTo(ClusterState.TERMINATED);
  }

  @ParameterizedTest
  @EnumSource(ServiceIntegration.class)
  void aFailedStepEndsWithTheClusterTerminated(ServiceIntegration integration) {
    world.setUp(StepScript.failing(StepFailure.nonZeroExit()));

    LocalExecution done =
        world.await(
            world.engine.start(PipelineLocalTest.pipeline(integration), PipelineLocalTest.INPUT));

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.FAILED);
    String clusterId = world.onlyCluster().id();
    assertThat(steps(clusterId))
        .singleElement()
        .satisfies(s -> assertThat(s.status().state()).isEqualTo(StepState.FAILED));
    assertThat(stateAfterAWhile(clusterId)).isEqualTo(ClusterState.TERMINATED);
  }

  static StateMachine persistent(ServiceIntegration integration) {
    return PersistentClusterPipeline.builder()
        .integration(integration)
        .waitForSteps(true)
        .pollIntervalSeconds(60)
        .phase(
            Phase.sequential(
                "Ingest", EmrStep.sparkSubmit("Ingest", "s3://code/ingest.py", "--day", "DAY")))
        .phase(Phase.sequential("Report", EmrStep.sparkSubmit("Report", "s3://code/report.py")))
        .build();
  }

  String runningCluster() {
    String id =
        world
            .aws
            .emr()
            .runJobFlow(
                r ->
                    r.name("persistent")
                        .releaseLabel("emr-7.5.0")
                        .serviceRole("e2e-EMR_ServiceRole")
                        .jobFlowRole("e2e-EMR_EC2_Role")
                        .instances(
                            i ->
                                i.instanceCount(1)
                                    .masterInstanceType("m5.xlarge")
                                    .keepJobFlowAliveWhenNoSteps(true)))
            .jobFlowId();
    world.aws.time().advance(Duration.ofMinutes(15));
    return id;
  }

  String input(String clusterId) {
    return "{\"ClusterId\":\""
        + clusterId
        + "\",\"StepArgumentOverrides\":{\"Ingest\":{\"DAY\":\"2026-12-03\"}}}";
  }

  @ParameterizedTest
  @EnumSource(ServiceIntegration.class)
  void persistentPipelineStepsCompleteAndTheClusterKeepsRunning(ServiceIntegration integration) {
    world.setUp(StepScript.defaults().succeeding());
    String clusterId = runningCluster();

    LocalExecution done =
        world.await(world.engine.start(persistent(integration), input(clusterId)));

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(steps(clusterId))
        .extracting(StepSummary::name)
        .containsExactlyInAnyOrder("Ingest", "Report");
    assertThat(steps(clusterId))
        .allSatisfy(s -> assertThat(s.status().state()).isEqualTo(StepState.COMPLETED));
    assertThat(stateAfterAWhile(clusterId)).isEqualTo(ClusterState.WAITING);
    assertThat(scheduled(done))
        .containsKey(
            integration == ServiceIntegration.OPTIMIZED
                ? "elasticmapreduce:addStep.sync"
                : "aws-sdk:emr:describeStep");
  }

  @ParameterizedTest
  @EnumSource(ServiceIntegration.class)
  void persistentPipelineFailsOnAFailedStepAndLeavesTheClusterUp(ServiceIntegration integration) {
    world.setUp(StepScript.failing(StepFailure.of("Table not found", "orders_v2")));
    String clusterId = runningCluster();

    LocalExecution done =
        world.await(world.engine.start(persistent(integration), input(clusterId)));

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.cause().orElseThrow()).contains("FAILED");
    assertThat(steps(clusterId))
        .singleElement()
        .satisfies(s -> assertThat(s.status().state()).isEqualTo(StepState.FAILED));
    assertThat(stateAfterAWhile(clusterId)).isEqualTo(ClusterState.WAITING);
  }

  @ParameterizedTest
  @EnumSource(ServiceIntegration.class)
  void persistentPipelineFailsOnACancelledStep(ServiceIntegration integration) {
    world.setUp(StepScript.defaults().succeeding());
    String clusterId = runningCluster();
    CompletableFuture<LocalExecution> f =
        world.engine.start(persistent(integration), input(clusterId));
    String running = null;
    for (int i = 0; i < 60 && running == null; i++) {
      world.aws.time().advance(Duration.ofMinutes(1));
      running =
          steps(clusterId).stream()
              .filter(s -> s.status().state() == StepState.RUNNING)
              .map(StepSummary::id)
              .findFirst()
              .orElse(null);
    }
    assertThat(running).as("a step started").isNotNull();
    String step = running;
    world.aws.emr().cancelSteps(r -> r.clusterId(clusterId).stepIds(step));

    LocalExecution done = world.await(f);

    assertThat(done.status()).as(done.toString()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(done.cause().orElseThrow()).contains("CANCELLED");
    assertThat(steps(clusterId)).extracting(StepSummary::name).containsExactly("Ingest");
    assertThat(stateAfterAWhile(clusterId)).isEqualTo(ClusterState.WAITING);
  }
}
