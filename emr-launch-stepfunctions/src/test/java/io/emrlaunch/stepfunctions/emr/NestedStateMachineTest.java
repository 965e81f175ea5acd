package io.emrlaunch.stepfunctions.emr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.Payload;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.asl.StateMachineBuilder;
import io.emrlaunch.stepfunctions.asl.TaskState;
import org.junit.jupiter.api.Test;

/** Child state machine tasks: resource per partition and pattern, input, ARN checks. */
class NestedStateMachineTest {
  private static TaskState only(StateMachine m) {
    return (TaskState) m.states().values().iterator().next();
  }

  @Test
  void runWaitsWithSync2AndForwardsTheExecutionInput() {
    String arn = "arn:aws-us-gov:states:us-gov-west-1:123456789012:stateMachine:child";
    TaskState t = only(StateMachineBuilder.startWith(NestedStateMachine.run("Child", arn)).build());
    assertThat(t.resource()).isEqualTo("arn:aws-us-gov:states:::states:startExecution.sync:2");
    JsonNode p = t.parameters().orElseThrow();
    assertThat(p.get("StateMachineArn").asText()).isEqualTo(arn);
    assertThat(p.get("Input.$").asText()).isEqualTo("$$.Execution.Input");
  }

  @Test
  void startDoesNotWaitAndTakesAnInputTemplate() {
    String arn = "arn:aws:states:us-east-1:123456789012:stateMachine:child";
    TaskState t =
        only(
            StateMachineBuilder.startWith(
                    NestedStateMachine.start(
                        "Child", arn, Payload.object().path("ClusterId", "$.ClusterId")))
                .build());
    assertThat(t.resource()).isEqualTo("arn:aws:states:::states:startExecution");
    assertThat(t.parameters().orElseThrow().get("Input").toString())
        .isEqualTo("{\"ClusterId.$\":\"$.ClusterId\"}");
  }

  @Test
  void somethingThatIsNotAStateMachineArnIsRejected() {
    for (String bad :
        new String[] {
          "",
          "child",
          "arn:aws:sns:us-east-1:123456789012:topic",
          "arn:aws:states:us-east-1:123456789012:execution:child:run"
        }) {
      assertThatThrownBy(() -> NestedStateMachine.run("Child", bad))
          .as(bad)
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("stateMachineArn");
    }
  }
}
