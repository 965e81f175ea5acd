package io.emrlaunch.stepfunctions.emr;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.core.json.EmrLaunchJson;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.stepfunctions.asl.Flow;
import io.emrlaunch.stepfunctions.asl.Payload;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.StateMachineBuilder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/** Stand-in launch machines, sample steps and the structural checks the pipeline tests share. */
final class PipelineTestSupport {
  static final String LAUNCH_ARN = "arn:aws:states:us-east-1:123456789012:stateMachine:launch";

  private PipelineTestSupport() {}

  /** A launch machine that "launches" j-STANDIN (a Pass), like the launch function's output. */
  static StateMachine passLaunch() {
    return StateMachineBuilder.startWith(
            Flow.pass("Stand-in Launch")
                .result(
                    EmrLaunchJson.newMapper()
                        .createObjectNode()
                        .set(
                            "ClusterId",
                            EmrLaunchJson.newMapper().getNodeFactory().textNode("j-STANDIN")))
                .resultPath("$.LaunchClusterResult"))
        .build();
  }

  /** A launch machine that really creates a cluster through aws-sdk:emr:runJobFlow. */
  static StateMachine runJobFlowLaunch(String clusterName) {
    var request =
        EmrTasksTest.obj(
            "{\"Name\":\""
                + clusterName
                + "\",\"ReleaseLabel\":\"emr-7.5.0\",\"Instances\":{\"InstanceGroups\":["
                + "{\"InstanceRole\":\"MASTER\",\"InstanceType\":\"m5.xlarge\",\"InstanceCount\":1}],"
                + "\"KeepJobFlowAliveWhenNoSteps\":true},\"JobFlowRole\":\"EMR_EC2_DefaultRole\","
                + "\"ServiceRole\":\"EMR_DefaultRole\"}");
    return StateMachineBuilder.startWith(
            EmrSdkTasks.runJobFlow("Run Job Flow", request)
                .requestResponse()
                .resultSelector(Payload.object().path("ClusterId", "$.JobFlowId"))
                .resultPath("$.LaunchClusterResult"))
        .build();
  }

  static EmrStep step(String name, String... args) {
    return EmrStep.builder().name(name).jar(EmrStep.COMMAND_RUNNER).addArgs(args).build();
  }

  static JsonNode json(StateMachine m) {
    try {
      return EmrLaunchJson.newMapper().readTree(m.toJson());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Every Next, Default, Choice and Catch target of a top-level state. */
  static Set<String> targets(JsonNode state) {
    Set<String> out = new HashSet<>();
    if (state.has("Next")) {
      out.add(state.get("Next").asText());
    }
    if (state.has("Default")) {
      out.add(state.get("Default").asText());
    }
    state.path("Choices").forEach(c -> out.add(c.get("Next").asText()));
    state.path("Catch").forEach(c -> out.add(c.get("Next").asText()));
    return out;
  }

  /**
   * With the terminate states taken out of the graph, the Fail state (and every other end) can no
   * longer be reached from the state after the launch: every way out passes a terminate state.
   */
  static void assertEveryPathAfterLaunchTerminates(StateMachine m, String launchName) {
    JsonNode states = json(m).get("States");
    Set<String> removed =
        Set.of(
            TransientClusterPipeline.TERMINATE_STATE,
            TransientClusterPipeline.TERMINATE_AFTER_FAILURE_STATE);
    Deque<String> todo = new ArrayDeque<>();
    todo.add(states.get(launchName).get("Next").asText());
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (removed.contains(name) || !seen.add(name)) {
        continue;
      }
      JsonNode s = states.get(name);
      assertThat(s).as(name).isNotNull();
      assertThat(s.path("End").asBoolean(false)).as(name + " ends before terminating").isFalse();
      assertThat(s.get("Type").asText()).as(name).isNotIn("Fail", "Succeed");
      todo.addAll(targets(s));
    }
    assertThat(seen).as("states after the launch").isNotEmpty();
  }

  /**
   * Every Task and Parallel state after the launch, up to the success terminate, catches States.ALL
   * into $.Error and goes to the terminate-after-failure state.
   */
  static void assertEveryTaskCatchesIntoTerminate(StateMachine m, String launchName) {
    JsonNode states = json(m).get("States");
    Set<String> failurePath =
        Set.of(
            launchName,
            TransientClusterPipeline.TERMINATE_AFTER_FAILURE_STATE,
            PipelineBuilder.NOTIFY_FAILURE_STATE,
            PipelineBuilder.NOTIFY_SUCCESS_STATE);
    int checked = 0;
    for (Iterator<String> it = states.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      JsonNode s = states.get(name);
      String type = s.get("Type").asText();
      if (failurePath.contains(name) || !(type.equals("Task") || type.equals("Parallel"))) {
        continue;
      }
      JsonNode c = s.path("Catch");
      assertThat(c.size()).as(name + " catches").isEqualTo(1);
      assertThat(c.get(0).get("ErrorEquals").toString()).isEqualTo("[\"States.ALL\"]");
      assertThat(c.get(0).get("ResultPath").asText()).isEqualTo("$.Error");
      assertThat(c.get(0).get("Next").asText())
          .as(name)
          .isEqualTo(TransientClusterPipeline.TERMINATE_AFTER_FAILURE_STATE);
      checked++;
    }
    assertThat(checked).isPositive();
    JsonNode t = states.get(TransientClusterPipeline.TERMINATE_AFTER_FAILURE_STATE);
    assertThat(t.get("Catch").get(0).get("ErrorEquals").toString()).isEqualTo("[\"States.ALL\"]");
    JsonNode end = states.get(PipelineBuilder.FAILED_STATE);
    assertThat(end.get("Type").asText()).isEqualTo("Choice");
    assertThat(end.get("Choices").get(0).get("StringMatches").asText()).isEqualTo("States.*");
    assertThat(states.get(PipelineBuilder.FAILED_AT_RUNTIME_STATE).get("Error").asText())
        .isEqualTo(PipelineBuilder.PIPELINE_FAILED);
    JsonNode fail = states.get(PipelineBuilder.FAILED_WITH_ERROR_STATE);
    assertThat(fail.get("Type").asText()).isEqualTo("Fail");
    assertThat(fail.get("ErrorPath").asText()).isEqualTo("$.Error.Error");
    assertThat(fail.get("CausePath").asText()).isEqualTo("$.Error.Cause");
  }
}
