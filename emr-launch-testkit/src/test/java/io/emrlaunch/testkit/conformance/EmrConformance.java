package io.emrlaunch.testkit.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.testkit.emr.Requests;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.Application;
import software.amazon.awssdk.services.emr.model.Cluster;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;
import software.amazon.awssdk.services.emr.model.StepState;
import software.amazon.awssdk.services.emr.model.StepSummary;
import software.amazon.awssdk.services.emr.model.Tag;

/**
 * EMR scenarios that must give the same observable results on {@code FakeEmr} and on moto once the
 * cluster has {@link #settle() settled}. The {@code lifecycle*} scenarios pin where the fake
 * follows AWS and moto 5.2.1 does not: moto jumps to WAITING and TERMINATED inside the call and
 * never finishes a step; the fake passes through STARTING, BOOTSTRAPPING and TERMINATING in virtual
 * time and runs steps to COMPLETED.
 */
abstract class EmrConformance {

  abstract EmrClient emr();

  /** Lets enough (virtual) time pass for clusters and steps to reach a stable state. */
  abstract void settle();

  /** True for the fake (AWS lifecycles), false for moto (instant states, steps never end). */
  abstract boolean simulatesLifecycle();

  String launch(String name, boolean keepAlive) {
    return emr()
        .runJobFlow(
            Requests.cluster(name, keepAlive)
                .tags(Tag.builder().key("team").value("data").build())
                .build())
        .jobFlowId();
  }

  Cluster describe(String id) {
    return emr().describeCluster(r -> r.clusterId(id)).cluster();
  }

  @Test
  void runThenDescribe() {
    String id = launch("conf-run", true);
    settle();
    Cluster c = describe(id);
    assertThat(id).startsWith("j-");
    assertThat(c.id()).isEqualTo(id);
    assertThat(c.name()).isEqualTo("conf-run");
    assertThat(c.releaseLabel()).isEqualTo("emr-6.15.0");
    assertThat(c.applications()).extracting(Application::name).contains("Spark");
    assertThat(c.tags()).extracting(t -> t.key() + "=" + t.value()).contains("team=data");
    assertThat(c.serviceRole()).isEqualTo("EMR_DefaultRole");
    assertThat(c.status().state()).isEqualTo(ClusterState.WAITING);
  }

  @Test
  void listFiltersByState() {
    String id = launch("conf-list", true);
    settle();
    List<ClusterSummary> waiting =
        emr().listClusters(r -> r.clusterStates(ClusterState.WAITING)).clusters();
    assertThat(waiting).extracting(ClusterSummary::id).contains(id);
    assertThat(emr().listClusters(r -> r.clusterStates(ClusterState.TERMINATED)).clusters())
        .extracting(ClusterSummary::id)
        .doesNotContain(id);
  }

  @Test
  void terminateEndsInTerminated() {
    String id = launch("conf-term", true);
    settle();
    emr().terminateJobFlows(r -> r.jobFlowIds(id));
    settle();
    assertThat(describe(id).status().state()).isEqualTo(ClusterState.TERMINATED);
    assertThat(emr().listClusters(r -> r.clusterStates(ClusterState.TERMINATED)).clusters())
        .extracting(ClusterSummary::id)
        .contains(id);
  }

  @Test
  void terminationProtectionRefusesTermination() {
    String id = launch("conf-protect", true);
    settle();
    emr().setTerminationProtection(r -> r.jobFlowIds(id).terminationProtected(true));
    assertThatThrownBy(() -> emr().terminateJobFlows(r -> r.jobFlowIds(id)))
        .isInstanceOfSatisfying(
            AwsServiceException.class,
            e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    assertThat(describe(id).status().state()).isEqualTo(ClusterState.WAITING);
  }

  @Test
  void autoTerminatingClusterWithoutStepsEndsTerminated() {
    String id = launch("conf-auto", false);
    settle();
    assertThat(describe(id).status().state()).isEqualTo(ClusterState.TERMINATED);
  }

  @Test
  void stepsAreAddedListedAndDescribed() {
    String id = launch("conf-steps", true);
    settle();
    List<String> stepIds =
        emr()
            .addJobFlowSteps(
                r ->
                    r.jobFlowId(id)
                        .steps(
                            Requests.step("first", ActionOnFailure.CONTINUE),
                            Requests.step("second", ActionOnFailure.CONTINUE)))
            .stepIds();
    assertThat(stepIds).hasSize(2).allMatch(s -> s.startsWith("s-"));
    assertThat(emr().listSteps(r -> r.clusterId(id)).steps())
        .extracting(StepSummary::name)
        .containsExactlyInAnyOrder("first", "second");
    var step = emr().describeStep(r -> r.clusterId(id).stepId(stepIds.get(0))).step();
    assertThat(step.name()).isEqualTo("first");
    assertThat(step.config().jar()).isEqualTo("command-runner.jar");
    assertThat(step.config().args()).containsExactly("spark-submit", "job.py");
  }

  // ----- where the fake follows AWS and moto 5.2.1 does not ------------------------------------

  @Test
  void lifecycleANewClusterIsStartingNotWaiting() {
    String id = launch("conf-new", true);
    ClusterState first = describe(id).status().state();
    assertThat(first)
        .isEqualTo(simulatesLifecycle() ? ClusterState.STARTING : ClusterState.WAITING);
  }

  @Test
  void lifecycleStepsComplete() {
    String id = launch("conf-complete", true);
    settle();
    String stepId =
        emr()
            .addJobFlowSteps(
                r -> r.jobFlowId(id).steps(Requests.step("s", ActionOnFailure.CONTINUE)))
            .stepIds()
            .get(0);
    settle();
    StepState state =
        emr().describeStep(r -> r.clusterId(id).stepId(stepId)).step().status().state();
    assertThat(state).isEqualTo(simulatesLifecycle() ? StepState.COMPLETED : StepState.RUNNING);
  }
}
