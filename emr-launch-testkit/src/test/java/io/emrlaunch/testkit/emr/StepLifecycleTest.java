package io.emrlaunch.testkit.emr;

import static io.emrlaunch.testkit.emr.DurationDistribution.fixed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.testkit.FakeAws;
import io.emrlaunch.testkit.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.CancelStepsInfo;
import software.amazon.awssdk.services.emr.model.CancelStepsRequestStatus;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterStateChangeReasonCode;
import software.amazon.awssdk.services.emr.model.ClusterStatus;
import software.amazon.awssdk.services.emr.model.EmrException;
import software.amazon.awssdk.services.emr.model.Step;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emr.model.StepSummary;

class StepLifecycleTest {
  private static final Instant T0 = VirtualTime.DEFAULT_START;
  private static final Duration BOOT = Duration.ofMinutes(8); // defaults: 3 + 5 min

  private final FakeAws aws =
      FakeAws.builder()
          .emrBehavior(
              EmrBehavior.builder()
                  .step("bad", StepScript.failing(StepFailure.of("Table not found", "orders_v2")))
                  .step("long", StepScript.defaults().withRunTime(fixed(Duration.ofHours(1))))
                  .build())
          .build();
  private final EmrClient emr = aws.emr();

  private Step step(String cluster, String step) {
    return emr.describeStep(r -> r.clusterId(cluster).stepId(step)).step();
  }

  private ClusterStatus status(String cluster) {
    return emr.describeCluster(r -> r.clusterId(cluster)).cluster().status();
  }

  private List<String> stepIds(String cluster) {
    // ListSteps is newest first; return in submission order
    List<String> ids =
        new java.util.ArrayList<>(
            emr.listSteps(r -> r.clusterId(cluster)).steps().stream()
                .map(StepSummary::id)
                .toList());
    java.util.Collections.reverse(ids);
    return ids;
  }

  @Test
  void stepsRunOneAfterAnotherThenTheTransientClusterTerminates() {
    String id =
        emr.runJobFlow(
                Requests.cluster("t", false)
                    .steps(
                        Requests.step("one", ActionOnFailure.CONTINUE),
                        Requests.step("two", ActionOnFailure.CONTINUE))
                    .build())
            .jobFlowId();
    List<String> steps = stepIds(id);
    assertThat(steps).hasSize(2).allMatch(s -> s.matches("s-[0-9A-Z]{13}"));
    assertThat(step(id, steps.get(0)).status().state()).isEqualTo(StepState.PENDING);

    aws.time().advance(BOOT);
    assertThat(status(id).state()).isEqualTo(ClusterState.RUNNING);
    assertThat(step(id, steps.get(0)).status().state()).isEqualTo(StepState.RUNNING);
    assertThat(step(id, steps.get(1)).status().state()).isEqualTo(StepState.PENDING);

    aws.time().advance(Duration.ofMinutes(5));
    Step first = step(id, steps.get(0));
    assertThat(first.status().state()).isEqualTo(StepState.COMPLETED);
    assertThat(first.status().timeline().startDateTime()).isEqualTo(T0.plus(BOOT));
    assertThat(first.status().timeline().endDateTime()).isEqualTo(T0.plus(BOOT).plusSeconds(300));
    assertThat(first.config().jar()).isEqualTo("command-runner.jar");
    assertThat(first.config().args()).containsExactly("spark-submit", "job.py");
    assertThat(step(id, steps.get(1)).status().state()).isEqualTo(StepState.RUNNING);

    aws.time().runUntilIdle();
    assertThat(step(id, steps.get(1)).status().state()).isEqualTo(StepState.COMPLETED);
    assertThat(status(id).state()).isEqualTo(ClusterState.TERMINATED);
    assertThat(status(id).stateChangeReason().code())
        .isEqualTo(ClusterStateChangeReasonCode.ALL_STEPS_COMPLETED);
  }

  @Test
  void aFailedStepCarriesFailureDetailsWithTheLogFile() {
    String id =
        emr.runJobFlow(
                Requests.cluster("p", true)
                    .steps(Requests.step("bad", ActionOnFailure.CONTINUE))
                    .build())
            .jobFlowId();
    aws.time().runUntilIdle();

    Step bad = step(id, stepIds(id).get(0));
    assertThat(bad.status().state()).isEqualTo(StepState.FAILED);
    assertThat(bad.status().failureDetails().reason()).isEqualTo("Table not found");
    assertThat(bad.status().failureDetails().message()).isEqualTo("orders_v2");
    assertThat(bad.status().failureDetails().logFile())
        .isEqualTo("s3://my-logs/emr/" + id + "/steps/" + bad.id() + "/stderr.gz");
    // CONTINUE on a keep-alive cluster: back to WAITING
    assertThat(status(id).state()).isEqualTo(ClusterState.WAITING);
    assertThat(status(id).stateChangeReason().message())
        .isEqualTo("Cluster ready after last step completed.");
  }

  @Test
  void terminateClusterOnFailureCancelsTheRestAndEndsWithErrors() {
    String id =
        emr.runJobFlow(
                Requests.cluster("p", true)
                    .steps(
                        Requests.step("bad", ActionOnFailure.TERMINATE_CLUSTER),
                        Requests.step("after", ActionOnFailure.CONTINUE))
                    .build())
            .jobFlowId();
    aws.time().runUntilIdle();

    List<String> steps = stepIds(id);
    assertThat(step(id, steps.get(0)).status().state()).isEqualTo(StepState.FAILED);
    assertThat(step(id, steps.get(1)).status().state()).isEqualTo(StepState.CANCELLED);
    assertThat(status(id).state()).isEqualTo(ClusterState.TERMINATED_WITH_ERRORS);
    assertThat(status(id).stateChangeReason().code())
        .isEqualTo(ClusterStateChangeReasonCode.STEP_FAILURE);
    assertThat(status(id).stateChangeReason().message()).isEqualTo("Shut down as step failed");
  }

  @Test
  void terminateJobFlowIsTheLegacySpellingOfTerminateCluster() {
    String id =
        emr.runJobFlow(
                Requests.cluster("p", true)
                    .steps(Requests.step("bad", ActionOnFailure.TERMINATE_JOB_FLOW))
                    .build())
            .jobFlowId();
    aws.time().runUntilIdle();
    assertThat(status(id).state()).isEqualTo(ClusterState.TERMINATED_WITH_ERRORS);
  }

  @Test
  void cancelAndWaitCancelsPendingStepsAndKeepsTheClusterWaiting() {
    String id =
        emr.runJobFlow(
                Requests.cluster("p", true)
                    .steps(
                        Requests.step("bad", ActionOnFailure.CANCEL_AND_WAIT),
                        Requests.step("next", ActionOnFailure.CONTINUE))
                    .build())
            .jobFlowId();
    aws.time().runUntilIdle();

    List<String> steps = stepIds(id);
    assertThat(step(id, steps.get(1)).status().state()).isEqualTo(StepState.CANCELLED);
    assertThat(status(id).state()).isEqualTo(ClusterState.WAITING);
  }

  @Test
  void terminationProtectionTurnsTerminateClusterIntoCancelAndWait() {
    var request =
        Requests.cluster("p", true)
            .steps(Requests.step("bad", ActionOnFailure.TERMINATE_CLUSTER))
            .build();
    request =
        request.toBuilder()
            .instances(request.instances().toBuilder().terminationProtected(true).build())
            .build();
    String id = emr.runJobFlow(request).jobFlowId();
    aws.time().runUntilIdle();
    assertThat(status(id).state()).isEqualTo(ClusterState.WAITING);
  }

  @Test
  void stepConcurrencyRunsStepsInParallel() {
    String id =
        emr.runJobFlow(
                Requests.cluster("p", true)
                    .stepConcurrencyLevel(2)
                    .steps(
                        Requests.step("a", ActionOnFailure.CONTINUE),
                        Requests.step("b", ActionOnFailure.CONTINUE),
                        Requests.step("c", ActionOnFailure.CONTINUE))
                    .build())
            .jobFlowId();
    aws.time().advance(BOOT);
    List<StepSummary> running =
        emr.listSteps(r -> r.clusterId(id).stepStates(StepState.RUNNING)).steps();
    assertThat(running).extracting(StepSummary::name).containsExactlyInAnyOrder("a", "b");

    aws.time().advance(Duration.ofMinutes(5));
    assertThat(emr.listSteps(r -> r.clusterId(id).stepStates(StepState.RUNNING)).steps())
        .extracting(StepSummary::name)
        .containsExactly("c");
    aws.time().runUntilIdle();
    assertThat(aws.time().now()).isEqualTo(T0.plus(BOOT).plus(Duration.ofMinutes(10)));
    assertThat(emr.describeCluster(r -> r.clusterId(id)).cluster().stepConcurrencyLevel())
        .isEqualTo(2);
  }

  @Test
  void concurrentStepsOnlyAllowContinue() {
    assertThatThrownBy(
            () ->
                emr.runJobFlow(
                    Requests.cluster("p", true)
                        .stepConcurrencyLevel(3)
                        .steps(Requests.step("a", ActionOnFailure.CANCEL_AND_WAIT))
                        .build()))
        .isInstanceOf(EmrException.class)
        .hasMessageContaining("ActionOnFailure setting CANCEL_AND_WAIT is not valid");
  }

  @Test
  void stepsAddedToAWaitingClusterStartAfterAShortDelay() {
    String id = emr.runJobFlow(Requests.cluster("p", true).build()).jobFlowId();
    aws.time().advance(BOOT);

    String stepId =
        emr.addJobFlowSteps(
                r -> r.jobFlowId(id).steps(Requests.step("later", ActionOnFailure.CONTINUE)))
            .stepIds()
            .get(0);
    assertThat(step(id, stepId).status().state()).isEqualTo(StepState.PENDING);
    aws.time().advance(Duration.ofSeconds(5));
    assertThat(step(id, stepId).status().state()).isEqualTo(StepState.RUNNING);
    assertThat(status(id).state()).isEqualTo(ClusterState.RUNNING);
  }

  @Test
  void cancellingGoesThroughCancelPending() {
    String id =
        emr.runJobFlow(
                Requests.cluster("p", true)
                    .steps(
                        Requests.step("long", ActionOnFailure.CONTINUE),
                        Requests.step("queued", ActionOnFailure.CONTINUE))
                    .build())
            .jobFlowId();
    aws.time().advance(BOOT);
    List<String> steps = stepIds(id);

    List<CancelStepsInfo> infos =
        emr.cancelSteps(r -> r.clusterId(id).stepIds(steps.get(1), steps.get(0), "s-UNKNOWN"))
            .cancelStepsInfoList();
    assertThat(infos)
        .extracting(CancelStepsInfo::status)
        .containsExactly(
            CancelStepsRequestStatus.SUBMITTED,
            CancelStepsRequestStatus.SUBMITTED,
            CancelStepsRequestStatus.FAILED);
    assertThat(step(id, steps.get(1)).status().state()).isEqualTo(StepState.CANCEL_PENDING);
    assertThat(step(id, steps.get(0)).status().state()).isEqualTo(StepState.CANCEL_PENDING);

    aws.time().advance(Duration.ofSeconds(10));
    assertThat(step(id, steps.get(0)).status().state()).isEqualTo(StepState.CANCELLED);
    assertThat(step(id, steps.get(1)).status().state()).isEqualTo(StepState.CANCELLED);
    assertThat(status(id).state()).isEqualTo(ClusterState.WAITING);

    // a finished step cannot be cancelled
    assertThat(
            emr.cancelSteps(r -> r.clusterId(id).stepIds(steps.get(0)))
                .cancelStepsInfoList()
                .get(0)
                .status())
        .isEqualTo(CancelStepsRequestStatus.FAILED);
  }

  @Test
  void listStepsFiltersAndPagesNewestFirst() {
    String id = emr.runJobFlow(Requests.cluster("p", true).build()).jobFlowId();
    for (int i = 0; i < 60; i++) {
      int n = i;
      emr.addJobFlowSteps(
          r -> r.jobFlowId(id).steps(Requests.step("s" + n, ActionOnFailure.CONTINUE)));
    }
    var first = emr.listSteps(r -> r.clusterId(id));
    assertThat(first.steps()).hasSize(50);
    assertThat(first.steps().get(0).name()).isEqualTo("s59");
    var second = emr.listSteps(r -> r.clusterId(id).marker(first.marker()));
    assertThat(second.steps()).hasSize(10);
    assertThat(second.steps().get(9).name()).isEqualTo("s0");
    assertThat(second.marker()).isNull();

    String s3 = second.steps().get(6).id();
    assertThat(emr.listSteps(r -> r.clusterId(id).stepIds(s3)).steps())
        .extracting(StepSummary::name)
        .containsExactly("s3");
    assertThat(emr.listSteps(r -> r.clusterId(id).stepStates(StepState.COMPLETED)).steps())
        .isEmpty();
  }

  @Test
  void aShutDownClusterTakesNoMoreSteps() {
    String id = emr.runJobFlow(Requests.cluster("p", true).build()).jobFlowId();
    emr.terminateJobFlows(r -> r.jobFlowIds(id));
    assertThatThrownBy(
            () ->
                emr.addJobFlowSteps(
                    r -> r.jobFlowId(id).steps(Requests.step("x", ActionOnFailure.CONTINUE))))
        .isInstanceOf(EmrException.class)
        .hasMessageContaining("shutting down, terminated, or finished");
  }

  @Test
  void terminatingCancelsActiveSteps() {
    String id =
        emr.runJobFlow(
                Requests.cluster("p", true)
                    .steps(Requests.step("long", ActionOnFailure.CONTINUE))
                    .build())
            .jobFlowId();
    aws.time().advance(BOOT.plusMinutes(1));
    emr.terminateJobFlows(r -> r.jobFlowIds(id));
    aws.time().runUntilIdle();
    assertThat(step(id, stepIds(id).get(0)).status().state()).isEqualTo(StepState.CANCELLED);
    assertThat(status(id).state()).isEqualTo(ClusterState.TERMINATED);
  }

  @Test
  void raisingConcurrencyAfterAddingAStepDisarmsItsTerminateAction() {
    String id =
        emr.runJobFlow(
                Requests.cluster("p", true)
                    .steps(Requests.step("bad", ActionOnFailure.TERMINATE_CLUSTER))
                    .build())
            .jobFlowId();
    emr.modifyCluster(r -> r.clusterId(id).stepConcurrencyLevel(2));
    assertThatThrownBy(
            () ->
                emr.addJobFlowSteps(
                    r ->
                        r.jobFlowId(id)
                            .steps(Requests.step("x", ActionOnFailure.TERMINATE_CLUSTER))))
        .hasMessageContaining("not valid when StepConcurrencyLevel is greater than 1");
    String defaulted =
        emr.addJobFlowSteps(r -> r.jobFlowId(id).steps(Requests.step("x", null))).stepIds().get(0);
    assertThat(step(id, defaulted).actionOnFailure()).isEqualTo(ActionOnFailure.CONTINUE);

    aws.time().runUntilIdle();
    assertThat(step(id, stepIds(id).get(0)).status().state()).isEqualTo(StepState.FAILED);
    assertThat(status(id).state()).isEqualTo(ClusterState.WAITING);
  }
}
