package io.emrlaunch.stepfunctions.emr;

import static io.emrlaunch.stepfunctions.emr.PipelineTestSupport.LAUNCH_ARN;
import static io.emrlaunch.stepfunctions.emr.PipelineTestSupport.assertEveryPathAfterLaunchTerminates;
import static io.emrlaunch.stepfunctions.emr.PipelineTestSupport.assertEveryTaskCatchesIntoTerminate;
import static io.emrlaunch.stepfunctions.emr.PipelineTestSupport.json;
import static io.emrlaunch.stepfunctions.emr.PipelineTestSupport.passLaunch;
import static io.emrlaunch.stepfunctions.emr.PipelineTestSupport.step;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.stepfunctions.asl.AslValidatorCli;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The generated pipelines, variant by variant: shape, failure paths and validity. */
class PipelinesTest {
  private static final Map<String, String> EMITTED = new LinkedHashMap<>();

  static StateMachine emit(String name, StateMachine m) {
    assertThat(m.validate()).as(name).isEmpty();
    assertThat(StateMachine.fromJson(m.toJson())).as(name).isEqualTo(m);
    assertThat(EmrDefinitionRules.check(m)).as(name).isEmpty();
    EMITTED.put("pipeline-" + name, m.toPrettyJson());
    return m;
  }

  @AfterAll
  static void everyPipelineIsAcceptedByAslValidator() throws Exception {
    assertThat(EMITTED).hasSizeGreaterThanOrEqualTo(10);
    AslValidatorCli.Result r = AslValidatorCli.require().validateDefinitions(EMITTED);
    assertThat(r.invalid()).as(r.stdout() + r.stderr()).isEmpty();
    assertThat(r.files()).hasSize(EMITTED.size());
  }

  private static TransientClusterPipeline.Builder twoPhases() {
    return TransientClusterPipeline.builder()
        .phase(
            Phase.sequential(
                "Phase 1",
                step("Ingest", "spark-submit", "s3://code/ingest.py", "--day", "DAY"),
                step("Check", "bash", "-c", "true")))
        .phase(
            Phase.parallel(
                "Phase 2",
                step("Orders", "hive-script", "--run-hive-script", "s3://q/orders.q"),
                step("Customers", "hive-script", "--run-hive-script", "s3://q/customers.q")));
  }

  private static List<String> resources(JsonNode node) {
    List<String> out = new ArrayList<>();
    collect(node.get("States"), out);
    return out;
  }

  private static void collect(JsonNode states, List<String> out) {
    for (Iterator<JsonNode> it = states.elements(); it.hasNext(); ) {
      JsonNode s = it.next();
      if (s.has("Resource")) {
        out.add(s.get("Resource").asText());
      }
      s.path("Branches").forEach(b -> collect(b.get("States"), out));
    }
  }

  @Test
  void inlineLaunchOptimizedWaitingPipeline() {
    StateMachine m =
        emit("inline-optimized", twoPhases().launch(ClusterLaunch.inline(passLaunch())).build());
    JsonNode root = json(m);
    JsonNode states = root.get("States");
    assertThat(root.get("StartAt").asText()).isEqualTo("Launch Cluster");

    JsonNode launch = states.get("Launch Cluster");
    assertThat(launch.get("Type").asText()).isEqualTo("Parallel");
    assertThat(launch.get("Branches").get(0).get("StartAt").asText()).isEqualTo("Stand-in Launch");
    assertThat(launch.get("ResultSelector").toString())
        .isEqualTo("{\"ClusterId.$\":\"$[0].LaunchClusterResult.ClusterId\"}");
    assertThat(launch.get("ResultPath").asText()).isEqualTo("$.LaunchClusterResult");
    // A failed launch has no cluster: straight to the Fail state.
    assertThat(launch.get("Catch").get(0).get("Next").asText()).isEqualTo("Pipeline Failed");

    JsonNode ingest = states.get("Ingest");
    assertThat(ingest.get("Resource").asText())
        .isEqualTo("arn:aws:states:::elasticmapreduce:addStep.sync");
    assertThat(ingest.get("Parameters").get("ClusterId.$").asText())
        .isEqualTo("$.LaunchClusterResult.ClusterId");
    assertThat(ingest.get("Parameters").get("Step").get("HadoopJarStep").get("Args.$").asText())
        .isEqualTo(
            "States.Array($.StepArgs.Args['spark-submit'], $.StepArgs.Args['s3://code/ingest.py'],"
                + " $.StepArgs.Args['--day'], $.StepArgs.Args['DAY'])");
    assertThat(states.get("Ingest - Args").get("Result").get("Args").toString())
        .isEqualTo(
            "{\"spark-submit\":\"spark-submit\",\"s3://code/ingest.py\":\"s3://code/ingest.py\","
                + "\"--day\":\"--day\",\"DAY\":\"DAY\"}");
    JsonNode choice = states.get("Ingest - Overrides?");
    assertThat(choice.toString())
        .contains("$$.Execution.Input.StepArgumentOverrides['Ingest']")
        .contains("$$.Execution.Input.StepArgOverrides['Ingest']");
    assertThat(states.get("Ingest - Merge Overrides").get("Parameters").get("Args.$").asText())
        .isEqualTo(
            "States.JsonMerge($.StepArgs.Args,"
                + " $$.Execution.Input.StepArgumentOverrides['Ingest'], false)");
    assertThat(states.get("Ingest - Args Ready").get("Next").asText()).isEqualTo("Ingest");
    assertThat(states.get("Ingest").get("Next").asText()).isEqualTo("Check - Args");

    JsonNode phase2 = states.get("Phase 2");
    assertThat(phase2.get("Type").asText()).isEqualTo("Parallel");
    assertThat(phase2.get("Branches")).hasSize(2);
    assertThat(phase2.get("ResultPath").isNull()).isTrue();
    assertThat(phase2.get("Branches").get(1).get("StartAt").asText()).isEqualTo("Customers - Args");
    assertThat(phase2.get("Next").asText()).isEqualTo("Terminate Cluster");

    assertThat(states.get("Terminate Cluster").get("Resource").asText())
        .isEqualTo("arn:aws:states:::elasticmapreduce:terminateCluster.sync");
    assertThat(states.get("Terminate Cluster").get("End").asBoolean()).isTrue();
    assertEveryTaskCatchesIntoTerminate(m, "Launch Cluster");
    assertEveryPathAfterLaunchTerminates(m, "Launch Cluster");
  }

  @Test
  void nestedLaunchSdkPipelinePollsStepsAndTheTermination() {
    StateMachine m =
        emit(
            "nested-sdk",
            twoPhases()
                .launch(ClusterLaunch.nested(LAUNCH_ARN))
                .integration(ServiceIntegration.AWS_SDK)
                .pollIntervalSeconds(15)
                .build());
    JsonNode states = json(m).get("States");
    JsonNode launch = states.get("Launch Cluster");
    assertThat(launch.get("Resource").asText())
        .isEqualTo("arn:aws:states:::states:startExecution.sync:2");
    assertThat(launch.get("Parameters").toString())
        .isEqualTo(
            "{\"StateMachineArn\":\"" + LAUNCH_ARN + "\",\"Input.$\":\"$$.Execution.Input\"}");
    assertThat(launch.get("ResultSelector").get("ClusterId.$").asText())
        .isEqualTo("$.Output.LaunchClusterResult.ClusterId");

    JsonNode ingest = states.get("Ingest");
    assertThat(ingest.get("Resource").asText())
        .isEqualTo("arn:aws:states:::aws-sdk:emr:addJobFlowSteps");
    assertThat(ingest.get("Parameters").get("JobFlowId.$").asText())
        .isEqualTo("$.LaunchClusterResult.ClusterId");
    assertThat(ingest.get("Parameters").get("Steps").get(0).get("HadoopJarStep").has("Args.$"))
        .isTrue();
    assertThat(ingest.get("Next").asText()).isEqualTo("Ingest - Wait");
    assertThat(states.get("Ingest - Wait").get("Seconds").asInt()).isEqualTo(15);
    assertThat(states.get("Ingest - Poll").get("Resource").asText())
        .isEqualTo("arn:aws:states:::aws-sdk:emr:describeStep");
    JsonNode status = states.get("Ingest - Status?");
    assertThat(status.get("Choices").get(0).get("StringEquals").asText()).isEqualTo("COMPLETED");
    assertThat(status.get("Choices").get(0).get("Next").asText()).isEqualTo("Ingest - Completed");
    assertThat(status.get("Choices").get(1).toString())
        .contains("FAILED", "CANCELLED", "INTERRUPTED");
    assertThat(status.get("Default").asText()).isEqualTo("Ingest - Wait");
    // On the top level a failed step records the error, then terminates.
    JsonNode failed = states.get("Ingest - Failed");
    assertThat(failed.get("Type").asText()).isEqualTo("Pass");
    assertThat(failed.get("ResultPath").asText()).isEqualTo("$.Error");
    assertThat(failed.get("Parameters").get("Error").asText()).isEqualTo("EMR.StepFailed");
    assertThat(failed.get("Next").asText()).isEqualTo("Terminate Cluster After Failure");
    // In a branch it fails the branch (the Parallel state's Catch terminates).
    JsonNode branch = states.get("Phase 2").get("Branches").get(0).get("States");
    assertThat(branch.get("Orders - Failed").get("Type").asText()).isEqualTo("Fail");
    assertThat(branch.get("Orders - Failed").get("CausePath").asText())
        .startsWith("States.Format('EMR step {} ({}) ended {}'");
    assertThat(branch.get("Orders").has("Catch")).isFalse();

    assertThat(states.get("Terminate Cluster").get("Resource").asText())
        .isEqualTo("arn:aws:states:::aws-sdk:emr:terminateJobFlows");
    assertThat(states.get("Terminate Cluster").get("Parameters").get("JobFlowIds.$").asText())
        .isEqualTo("States.Array($.LaunchClusterResult.ClusterId)");
    assertThat(states.get("Terminate Cluster - Status?").toString())
        .contains("TERMINATED", "TERMINATED_WITH_ERRORS");
    assertThat(states.get("Terminate Cluster After Failure").get("Resource").asText())
        .isEqualTo("arn:aws:states:::aws-sdk:emr:terminateJobFlows");
    assertEveryTaskCatchesIntoTerminate(m, "Launch Cluster");
    assertEveryPathAfterLaunchTerminates(m, "Launch Cluster");
  }

  @Test
  void withoutWaitingStepsAreOnlySubmitted() {
    StateMachine optimized =
        emit(
            "no-wait-optimized",
            twoPhases()
                .launch(ClusterLaunch.nested(LAUNCH_ARN))
                .waitForSteps(false)
                .waitForTermination(false)
                .build());
    assertThat(resources(json(optimized)))
        .contains("arn:aws:states:::elasticmapreduce:addStep")
        .doesNotContain("arn:aws:states:::elasticmapreduce:addStep.sync")
        .contains("arn:aws:states:::elasticmapreduce:terminateCluster");
    StateMachine sdk =
        emit(
            "no-wait-sdk",
            twoPhases()
                .launch(ClusterLaunch.inline(passLaunch()))
                .integration(ServiceIntegration.AWS_SDK)
                .waitForSteps(false)
                .build());
    JsonNode states = json(sdk).get("States");
    assertThat(resources(json(sdk))).doesNotContain("arn:aws:states:::aws-sdk:emr:describeStep");
    assertThat(states.get("Ingest").get("Next").asText()).isEqualTo("Check - Args");
    assertEveryTaskCatchesIntoTerminate(sdk, "Launch Cluster");
    assertEveryPathAfterLaunchTerminates(sdk, "Launch Cluster");

    // The shape MotoPipelineTest executes: an inline aws-sdk runJobFlow launch.
    StateMachine motoShape =
        emit(
            "moto-shape",
            twoPhases()
                .launch(ClusterLaunch.inline(PipelineTestSupport.runJobFlowLaunch("nightly")))
                .integration(ServiceIntegration.AWS_SDK)
                .waitForSteps(false)
                .build());
    assertEveryTaskCatchesIntoTerminate(motoShape, "Launch Cluster");
    assertEveryPathAfterLaunchTerminates(motoShape, "Launch Cluster");

    // One step may still wait while the others do not.
    StateMachine mixed =
        emit(
            "mixed-wait",
            TransientClusterPipeline.builder()
                .launch(ClusterLaunch.nested(LAUNCH_ARN))
                .waitForSteps(false)
                .phase(
                    Phase.sequential(
                        "Only",
                        PipelineStep.of(step("A", "x")),
                        PipelineStep.of(step("B", "y")).waitForCompletion(true)))
                .build());
    assertThat(json(mixed).get("States").get("A").get("Resource").asText()).doesNotEndWith(".sync");
    assertThat(json(mixed).get("States").get("B").get("Resource").asText()).endsWith(".sync");
  }

  @Test
  void withoutOverridesArgumentsAreLiteralsUnlessAPathIsGiven() {
    StateMachine m =
        emit(
            "no-overrides",
            TransientClusterPipeline.builder()
                .launch(ClusterLaunch.nested(LAUNCH_ARN))
                .argumentOverrides(false)
                .phase(
                    Phase.sequential(
                        "P",
                        PipelineStep.of(step("Plain", "a", "b")),
                        PipelineStep.of(step("Dated", "run", "--day", "DAY"))
                            .withArgument(2, Arg.path("$$.Execution.Input.day"))))
                .build());
    JsonNode states = json(m).get("States");
    assertThat(states.has("Plain - Args")).isFalse();
    assertThat(states.get("Plain").get("Parameters").get("Step").get("HadoopJarStep").get("Args"))
        .hasToString("[\"a\",\"b\"]");
    assertThat(states.has("Dated - Overrides?")).isFalse();
    assertThat(states.get("Dated").get("Parameters").get("Step").get("HadoopJarStep").get("Args.$"))
        .hasToString(
            "\"States.Array($.StepArgs.Args['run'], $.StepArgs.Args['--day'],"
                + " $$.Execution.Input.day)\"");
  }

  @Test
  void awkwardTokensAreQuotedOrKeptFixed() {
    StateMachine m =
        emit(
            "awkward-tokens",
            PersistentClusterPipeline.builder()
                .phase(
                    Phase.sequential(
                        "P",
                        step(
                            "Hive query.v2",
                            "hive",
                            "-e",
                            "select a, b from t where c = 'x'",
                            "a(b)",
                            "x y",
                            "$.notapath",
                            "",
                            "back\\slash")))
                .build());
    JsonNode states = json(m).get("States");
    JsonNode result = states.get("Hive query.v2 - Args").get("Result");
    assertThat(result.get("Args").has("a(b)")).isTrue();
    assertThat(result.get("Args").has("$.notapath")).isTrue();
    assertThat(result.get("Fixed").toString())
        .isEqualTo(
            "{\"a2\":\"select a, b from t where c = 'x'\",\"a6\":\"\",\"a7\":\"back\\\\slash\"}");
    assertThat(
            states
                .get("Hive query.v2")
                .get("Parameters")
                .get("Step")
                .get("HadoopJarStep")
                .get("Args.$")
                .asText())
        .contains("$.StepArgs.Fixed.a2", "$.StepArgs.Args['a(b)']", "$.StepArgs.Fixed.a7");
    assertThat(states.get("Hive query.v2 - Merge Overrides").get("Parameters").toString())
        .contains("\"Fixed.$\":\"$.StepArgs.Fixed\"");
    // A long step name is cut to fit the 80-character state name limit.
    StateMachine long_ =
        emit(
            "long-names",
            PersistentClusterPipeline.builder()
                .integration(ServiceIntegration.AWS_SDK)
                .phase(Phase.parallel("P", step("x".repeat(120), "a"), step("x".repeat(121), "a")))
                .build());
    assertThat(long_.allStates()).allSatisfy(e -> assertThat(e.name().length()).isLessThan(81));
  }

  @Test
  void partitionAppliesToEveryResource() {
    String arn = "arn:aws-cn:states:cn-north-1:123456789012:stateMachine:launch";
    for (ServiceIntegration integration : ServiceIntegration.values()) {
      StateMachine m =
          emit(
              "aws-cn-" + integration,
              twoPhases()
                  .launch(ClusterLaunch.nested(arn))
                  .partition("aws-cn")
                  .integration(integration)
                  .successTopic("arn:aws-cn:sns:cn-north-1:123456789012:ok")
                  .failureTopic("arn:aws-cn:sns:cn-north-1:123456789012:ko")
                  .phase(
                      Phase.sequential(
                          "Children",
                          PipelineStep.stateMachine(
                              "Child", "arn:aws-cn:states:cn-north-1:123456789012:stateMachine:c")))
                  .build());
      assertThat(resources(json(m)))
          .isNotEmpty()
          .allMatch(r -> r.startsWith("arn:aws-cn:states:::"));
    }
  }

  @Test
  void childStateMachinesAndNotifications() {
    StateMachine m =
        emit(
            "children-sns",
            TransientClusterPipeline.builder()
                .launch(
                    ClusterLaunch.nested(LAUNCH_ARN)
                        .withInput(
                            io.emrlaunch.stepfunctions.asl.Payload.object()
                                .path(
                                    "ClusterConfigurationOverrides",
                                    "$.ClusterConfigurationOverrides")))
                .successTopic("arn:aws:sns:us-east-1:123456789012:ok")
                .failureTopic("arn:aws:sns:us-east-1:123456789012:ko")
                .phase(
                    Phase.parallel(
                        "Fan Out",
                        PipelineStep.stateMachine(
                            "Publish", "arn:aws:states:us-east-1:123456789012:stateMachine:pub"),
                        PipelineStep.stateMachine(
                                "Notify Team",
                                "arn:aws:states:us-east-1:123456789012:stateMachine:team")
                            .waitForCompletion(false)
                            .withInput(
                                io.emrlaunch.stepfunctions.asl.Payload.object()
                                    .path("ClusterId", "$.LaunchClusterResult.ClusterId"))))
                .build());
    JsonNode states = json(m).get("States");
    assertThat(states.get("Launch Cluster").get("Parameters").get("Input").toString())
        .isEqualTo("{\"ClusterConfigurationOverrides.$\":\"$.ClusterConfigurationOverrides\"}");
    JsonNode branches = states.get("Fan Out").get("Branches");
    JsonNode publish = branches.get(0).get("States").get("Publish");
    assertThat(publish.get("Resource").asText())
        .isEqualTo("arn:aws:states:::states:startExecution.sync:2");
    assertThat(publish.get("Parameters").get("Input.$").asText()).isEqualTo("$$.Execution.Input");
    assertThat(publish.get("ResultPath").isNull()).isTrue();
    JsonNode team = branches.get(1).get("States").get("Notify Team");
    assertThat(team.get("Resource").asText()).isEqualTo("arn:aws:states:::states:startExecution");
    assertThat(team.get("Parameters").get("Input").toString())
        .isEqualTo("{\"ClusterId.$\":\"$.LaunchClusterResult.ClusterId\"}");

    assertThat(states.get("Terminate Cluster").get("Next").asText()).isEqualTo("Notify Success");
    assertThat(states.get("Notify Success").get("Resource").asText())
        .isEqualTo("arn:aws:states:::sns:publish");
    assertThat(states.get("Launch Cluster").get("Catch").get(0).get("Next").asText())
        .isEqualTo("Notify Failure");
    assertThat(states.get("Terminate Cluster After Failure").get("Next").asText())
        .isEqualTo("Notify Failure");
    assertThat(states.get("Notify Failure").get("Next").asText()).isEqualTo("Pipeline Failed");
    assertThat(states.get("Notify Failure").get("Catch").get(0).get("Next").asText())
        .isEqualTo("Pipeline Failed");
    assertEveryTaskCatchesIntoTerminate(m, "Launch Cluster");
    assertEveryPathAfterLaunchTerminates(m, "Launch Cluster");
  }

  @Test
  void persistentPipelineRunsOnTheGivenClusterAndFailsWithTheError() {
    for (ServiceIntegration integration : ServiceIntegration.values()) {
      StateMachine m =
          emit(
              "persistent-" + integration,
              PersistentClusterPipeline.builder()
                  .integration(integration)
                  .phase(Phase.parallel("Phase 1", step("A", "a"), step("B", "b")))
                  .phase(Phase.sequential("Phase 2", step("C", "c")))
                  .build());
      JsonNode states = json(m).get("States");
      assertThat(resources(json(m)))
          .noneMatch(r -> r.contains("terminate") || r.contains("TerminateJobFlows"));
      JsonNode c = states.get("C");
      String idField = integration == ServiceIntegration.OPTIMIZED ? "ClusterId.$" : "JobFlowId.$";
      assertThat(c.get("Parameters").get(idField).asText()).isEqualTo("$.ClusterId");
      for (String name : List.of("Phase 1", "C")) {
        JsonNode catcher = states.get(name).get("Catch").get(0);
        assertThat(catcher.get("Next").asText()).isEqualTo("Pipeline Failed");
        assertThat(catcher.get("ResultPath").asText()).isEqualTo("$.Error");
      }
      assertThat(states.get("Pipeline Failed").get("ErrorPath").asText())
          .isEqualTo("$.Error.Error");
    }
    StateMachine custom =
        emit(
            "persistent-custom-path",
            PersistentClusterPipeline.builder()
                .clusterIdPath("$$.Execution.Input.cluster.id")
                .phase(Phase.sequential("P", step("A", "a")))
                .build());
    assertThat(json(custom).get("States").get("A").get("Parameters").get("ClusterId.$").asText())
        .isEqualTo("$$.Execution.Input.cluster.id");
  }
}
