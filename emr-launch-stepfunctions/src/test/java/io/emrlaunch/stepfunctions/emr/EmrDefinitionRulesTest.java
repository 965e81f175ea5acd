package io.emrlaunch.stepfunctions.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.json.EmrLaunchJson;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.AslCorpus;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Service rules applied to whole definitions: the corpus passes, each broken rule is named. */
class EmrDefinitionRulesTest {

  @Test
  void everyCorpusDefinitionFollowsTheEmrRules() {
    List<Path> files = AslCorpus.files();
    assertThat(files).hasSizeGreaterThan(30);
    for (Path f : files) {
      StateMachine m = StateMachine.fromJson(AslCorpus.read(f));
      assertThat(EmrDefinitionRules.check(m)).as(f.getFileName().toString()).isEmpty();
    }
  }

  private static StateMachine mutate(String corpusFile, Consumer<ObjectNode> change)
      throws Exception {
    Path file =
        AslCorpus.files().stream()
            .filter(p -> p.getFileName().toString().startsWith(corpusFile))
            .findFirst()
            .orElseThrow();
    ObjectNode root = (ObjectNode) EmrLaunchJson.newMapper().readTree(AslCorpus.read(file));
    change.accept((ObjectNode) root.get("States"));
    return StateMachine.fromJson(root.toString());
  }

  @Test
  void brokenCreateClusterIsReportedAtItsLocation() throws Exception {
    StateMachine m =
        mutate(
            "01-",
            states -> {
              ObjectNode params = (ObjectNode) states.get("Create Cluster").get("Parameters");
              ((ObjectNode) params.get("Instances")).put("KeepJobFlowAliveWhenNoSteps", false);
              params.putArray("Steps");
            });
    assertThat(m.validate()).isEmpty(); // fine for the States Language, wrong for EMR
    assertThat(EmrDefinitionRules.check(m))
        .extracting(Problem::path)
        .containsExactly(
            "States.Create Cluster.Parameters.Instances.KeepJobFlowAliveWhenNoSteps",
            "States.Create Cluster.Parameters.Steps");
    assertThatThrownBy(() -> EmrDefinitionRules.checkOrThrow(m))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("KeepJobFlowAliveWhenNoSteps");
  }

  @Test
  void unsupportedPatternsAndMissingFieldsInsideBranches() throws Exception {
    StateMachine m =
        mutate(
            "13-",
            states -> {
              ObjectNode orders =
                  (ObjectNode)
                      states.get("Fan Out").get("Branches").get(0).get("States").get("Orders");
              orders.put("Resource", "arn:aws:states:::elasticmapreduce:cancelStep.sync");
              ObjectNode inv =
                  (ObjectNode)
                      states.get("Fan Out").get("Branches").get(2).get("States").get("Inventory");
              ((ObjectNode) inv.get("Parameters").get("Step")).remove("HadoopJarStep");
              ((ObjectNode) inv.get("Parameters").get("Step")).put("ActionOnFailure", "RETRY");
            });
    assertThat(EmrDefinitionRules.check(m))
        .containsExactly(
            Problem.of("States.Fan Out.Branches[0].States.Orders.Parameters.StepId", "is required"),
            Problem.of(
                "States.Fan Out.Branches[0].States.Orders.Resource",
                "elasticmapreduce:cancelStep does not support .sync (supported: request-response)"),
            Problem.of(
                "States.Fan Out.Branches[2].States.Inventory.Parameters.Step.ActionOnFailure",
                "must be one of [TERMINATE_JOB_FLOW, TERMINATE_CLUSTER, CANCEL_AND_WAIT, CONTINUE]"
                    + " (was \"RETRY\")"),
            Problem.of(
                "States.Fan Out.Branches[2].States.Inventory.Parameters.Step.HadoopJarStep",
                "is required"));
  }

  @Test
  void byNameStatesMustNameAFleetOfTheMachinesCluster() {
    Arg cluster = Arg.path("$.cluster.ClusterId");
    ObjectNode create =
        EmrTasksTest.obj(
            "{'Name':'c','Instances':{'KeepJobFlowAliveWhenNoSteps':true,'InstanceFleets':"
                + "[{'Name':'Primary','InstanceFleetType':'MASTER'},{'Name':'Core','InstanceFleetType':'CORE'}]}}");
    var builder =
        io.emrlaunch.stepfunctions.asl.StateMachineBuilder.startWith(
                EmrTasks.createCluster("Launch", create).sync().resultPath("$.cluster"))
            .then(
                EmrTasks.modifyInstanceFleetByName("Grow Core", cluster, "Core", 1, 4)
                    .requestResponse())
            .then(
                EmrTasks.modifyInstanceFleetByName("Grow Task", cluster, "Task", 0, 8)
                    .requestResponse())
            .then(EmrTasks.terminateCluster("End", cluster).sync());
    List<Problem> problems = EmrDefinitionRules.check(builder.build());
    assertThat(problems)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.path()).isEqualTo("States.Grow Task.Parameters.InstanceFleetName");
              assertThat(p.message()).contains("known: [Primary, Core]");
            });
    // Corpus 29 resizes a cluster made elsewhere: nothing to compare with.
  }

  @Test
  void jsonataArgumentsAndCallbacks() throws Exception {
    StateMachine m =
        StateMachine.fromJson(
            "{\"StartAt\":\"A\",\"QueryLanguage\":\"JSONata\",\"States\":{"
                + "\"A\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::elasticmapreduce:terminateCluster.waitForTaskToken\","
                + "\"Arguments\":{\"ClusterId\":\"{% $c %}\"},\"Next\":\"B\"},"
                + "\"B\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::aws-sdk:emr:describeCluster.waitForTaskToken\","
                + "\"Arguments\":{},\"Next\":\"C\"},"
                + "\"C\":{\"Type\":\"Task\",\"Resource\":\"arn:aws-cn:states:::emr-containers:startJobRun.sync\","
                + "\"Arguments\":\"{% $states.input.request %}\",\"End\":true}}}");
    assertThat(EmrDefinitionRules.check(m))
        .containsExactly(
            Problem.of(
                "States.A.Resource",
                "elasticmapreduce:terminateCluster does not support .waitForTaskToken (supported:"
                    + " request-response, .sync)"),
            Problem.of("States.B.Arguments.ClusterId", "is required"));
  }
}
