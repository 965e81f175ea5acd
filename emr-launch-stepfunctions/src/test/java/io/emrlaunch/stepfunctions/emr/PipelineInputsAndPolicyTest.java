package io.emrlaunch.stepfunctions.emr;

import static io.emrlaunch.stepfunctions.emr.PipelineTestSupport.LAUNCH_ARN;
import static io.emrlaunch.stepfunctions.emr.PipelineTestSupport.passLaunch;
import static io.emrlaunch.stepfunctions.emr.PipelineTestSupport.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.Flow;
import io.emrlaunch.stepfunctions.asl.QueryLanguage;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.StateMachineBuilder;
import io.emrlaunch.stepfunctions.iam.DerivedPolicy;
import io.emrlaunch.stepfunctions.iam.ExecutionRolePolicy;
import io.emrlaunch.stepfunctions.iam.PolicyDocument;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Bad pipeline input is reported by field path; generated pipelines derive an IAM policy. */
class PipelineInputsAndPolicyTest {
  private static List<String> problems(Supplier<StateMachine> build) {
    try {
      build.get();
    } catch (ValidationException e) {
      return e.problems().stream().map(Problem::toString).toList();
    }
    throw new AssertionError("expected a ValidationException");
  }

  @Test
  void missingLaunchAndPhasesAreNamed() {
    assertThat(problems(() -> TransientClusterPipeline.builder().build()))
        .anySatisfy(p -> assertThat(p).startsWith("launch:").contains("required"))
        .anySatisfy(p -> assertThat(p).startsWith("phases:").contains("at least one phase"));
    assertThat(problems(() -> PersistentClusterPipeline.builder().build()))
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith("phases:"));
  }

  @Test
  void emptyPhasesDuplicatesAndBadArnsAreNamedWithTheirPaths() {
    List<String> found =
        problems(
            () ->
                TransientClusterPipeline.builder()
                    .launch(ClusterLaunch.nested(" "))
                    .pollIntervalSeconds(0)
                    .partition("mars")
                    .failureTopic("arn:aws:sqs:us-east-1:123456789012:q")
                    .phase(Phase.sequential("Empty", new PipelineStep[0]))
                    .phase(Phase.parallel("P", step("Ingest", "a"), step("Ingest", "b")))
                    .phase(Phase.parallel("P", step("Other", "a")))
                    .phase(
                        Phase.sequential(
                            "Q",
                            PipelineStep.stateMachine("Child", ""),
                            PipelineStep.stateMachine(
                                "Typo", "arn:aws:states:us-east-1:123456789012:stateMachines:x"),
                            PipelineStep.of(step("Terminate Cluster", "x")),
                            PipelineStep.of(step("it's", "x"))))
                    .build());
    assertThat(found)
        .anySatisfy(p -> assertThat(p).startsWith("launch.stateMachineArn:").contains("blank"))
        .anySatisfy(p -> assertThat(p).startsWith("pollIntervalSeconds:"))
        .anySatisfy(p -> assertThat(p).startsWith("partition:"))
        .anySatisfy(p -> assertThat(p).startsWith("failureTopic:"))
        .anySatisfy(p -> assertThat(p).startsWith("phases[0].steps:").contains("at least one"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("phases[1].steps[1].name:")
                    .contains("duplicates phases[1].steps[0].name"))
        .anySatisfy(p -> assertThat(p).startsWith("phases[2].name:").contains("duplicates"))
        .anySatisfy(
            p -> assertThat(p).startsWith("phases[3].steps[0].stateMachineArn:").contains("blank"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("phases[3].steps[1].stateMachineArn:")
                    .contains("stateMachine:<name>"))
        .anySatisfy(p -> assertThat(p).startsWith("phases[3].steps[2].name:").contains("clashes"))
        .anySatisfy(p -> assertThat(p).startsWith("phases[3].steps[3].name:").contains("quote"));
  }

  @Test
  void arnsInAnotherPartitionAndInvalidStepsAreRejected() {
    assertThat(
            problems(
                () ->
                    TransientClusterPipeline.builder()
                        .partition("aws-cn")
                        .launch(ClusterLaunch.nested(LAUNCH_ARN))
                        .phase(
                            Phase.sequential(
                                "P",
                                io.emrlaunch.core.model.EmrStep.builder()
                                    .name("NoJar")
                                    .jar("")
                                    .build()))
                        .build()))
        .anySatisfy(
            p -> assertThat(p).startsWith("launch.stateMachineArn:").contains("partition aws-cn"))
        .anySatisfy(p -> assertThat(p).startsWith("phases[0].steps[0].").contains("jar"));
  }

  @Test
  void persistentClusterIdPathMustBeAPath() {
    assertThat(
            problems(
                () ->
                    PersistentClusterPipeline.builder()
                        .clusterIdPath("ClusterId")
                        .phase(Phase.sequential("P", step("A", "a")))
                        .build()))
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith("clusterIdPath:"));
  }

  @Test
  void anInlineLaunchMustBeJsonPathAndUseItsOwnStateNames() {
    StateMachine clashing =
        StateMachineBuilder.startWith(Flow.pass("Ingest").resultPath("$.LaunchClusterResult"))
            .build();
    assertThat(
            problems(
                () ->
                    TransientClusterPipeline.builder()
                        .launch(ClusterLaunch.inline(clashing))
                        .phase(Phase.sequential("P", step("Ingest", "a")))
                        .build()))
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith("launch.machine.States.Ingest:"));
    StateMachine jsonata =
        StateMachineBuilder.startWith(Flow.pass("Launch it"))
            .queryLanguage(QueryLanguage.JSONATA)
            .build();
    assertThat(
            problems(
                () ->
                    TransientClusterPipeline.builder()
                        .launch(ClusterLaunch.inline(jsonata))
                        .phase(Phase.sequential("P", step("A", "a")))
                        .build()))
        .singleElement()
        .satisfies(p -> assertThat(p).startsWith("launch.machine.QueryLanguage:"));
  }

  @Test
  void pipelineStepMisuseIsRefusedEarly() {
    PipelineStep emr = PipelineStep.of(step("A", "x"));
    assertThatThrownBy(() -> emr.withArgument(1, Arg.path("$.x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index 1");
    assertThatThrownBy(() -> emr.withArgument(0, Arg.of("literal")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> emr.withInput("{}")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ClusterLaunch.inline(passLaunch()).withInput("{}"))
        .isInstanceOf(IllegalArgumentException.class);
    // Copies: the original is unchanged.
    assertThat(emr.withArgument(0, Arg.path("$.x")).argumentPaths()).hasSize(1);
    assertThat(emr.argumentPaths()).isEmpty();
  }

  private static ExecutionRolePolicy policy() {
    return ExecutionRolePolicy.builder().region("us-east-1").accountId("123456789012").build();
  }

  @Test
  void nestedOptimizedPipelineDerivesStartExecutionSyncAndEmrPermissions() {
    StateMachine m =
        TransientClusterPipeline.builder()
            .launch(ClusterLaunch.nested(LAUNCH_ARN))
            .successTopic("arn:aws:sns:us-east-1:123456789012:ok")
            .phase(
                Phase.sequential(
                    "P",
                    PipelineStep.of(step("A", "a")),
                    PipelineStep.stateMachine(
                        "Child", "arn:aws:states:us-east-1:123456789012:stateMachine:child")))
            .build();
    DerivedPolicy derived = policy().derive(m);
    PolicyDocument doc = derived.policy();
    assertThat(doc.allows("states:StartExecution", LAUNCH_ARN)).isTrue();
    assertThat(
            doc.allows(
                "states:DescribeExecution",
                "arn:aws:states:us-east-1:123456789012:execution:launch:*"))
        .isTrue();
    assertThat(
            doc.allows(
                "states:StopExecution", "arn:aws:states:us-east-1:123456789012:execution:child:*"))
        .isTrue();
    assertThat(
            doc.allows(
                "events:PutRule",
                "arn:aws:events:us-east-1:123456789012:rule/"
                    + "StepFunctionsGetEventsForStepFunctionsExecutionRule"))
        .isTrue();
    assertThat(
            doc.allows(
                "elasticmapreduce:AddJobFlowSteps",
                "arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/*"))
        .isTrue();
    assertThat(
            doc.allows(
                "elasticmapreduce:TerminateJobFlows",
                "arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/*"))
        .isTrue();
    assertThat(doc.allows("sns:Publish", "arn:aws:sns:us-east-1:123456789012:ok")).isTrue();
    assertThat(
            doc.allows(
                "states:StartExecution",
                "arn:aws:states:us-east-1:123456789012:stateMachine:child"))
        .isTrue();
    assertThat(doc.toJson()).doesNotContain("stateMachine:*", "\"*\"");
  }

  @Test
  void sdkPipelineDerivesTheEmrApiCallsItPolls() {
    StateMachine m =
        PersistentClusterPipeline.builder()
            .integration(ServiceIntegration.AWS_SDK)
            .phase(Phase.parallel("P", step("A", "a"), step("B", "b")))
            .build();
    PolicyDocument doc = policy().derive(m).policy();
    String cluster = "arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/*";
    assertThat(doc.allows("elasticmapreduce:AddJobFlowSteps", cluster)).isTrue();
    assertThat(doc.allows("elasticmapreduce:DescribeStep", cluster)).isTrue();
    // A persistent pipeline never terminates its cluster, and polling needs no EventBridge rule.
    assertThat(doc.allows("elasticmapreduce:TerminateJobFlows", cluster)).isFalse();
    assertThat(doc.toJson()).doesNotContain("events:");
  }
}
