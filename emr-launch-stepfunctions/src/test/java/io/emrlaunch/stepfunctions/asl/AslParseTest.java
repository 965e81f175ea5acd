package io.emrlaunch.stepfunctions.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.emrlaunch.core.validation.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parse errors: every structural problem at once, each at its JSON pointer. */
class AslParseTest {

  private static List<String> problems(String json) {
    AslParseException e =
        catchThrowableOfType(() -> StateMachine.fromJson(json), AslParseException.class);
    assertThat(e).as("expected a parse error for " + json).isNotNull();
    return e.problems().stream().map(Problem::toString).toList();
  }

  @Test
  void everyStructuralProblemIsReportedAtItsPointer() {
    String json =
        """
        {"StartAt": "A", "Bogus": 1, "States": {
          "A": {"Type": "Task", "Retry": [{"ErrorEquals": ["X"], "MaxAttempts": "three"}],
                "Catch": [{"ErrorEquals": ["States.ALL"]}], "Next": "B"},
          "B": {"Type": "Wait", "SecondsPath": "cluster.id", "End": "yes"},
          "a/b": {"Type": "Sleep"},
          "C": {"Type": "Choice", "Choices": [{"Variable": "$.x", "NumericEquals": "1", "Next": "A"},
                                              {"Variable": "$.x", "IsNull": true, "IsString": true, "Next": "A"}]},
          "D": {"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "SIDEWAYS"},
                "StartAt": "E", "States": {"E": {"Type": "Pass", "End": true, "Extra": 1}}}, "End": true}
        }}
        """;
    assertThat(problems(json))
        .containsExactlyInAnyOrder(
            "/Bogus: is not a field of state machine",
            "/States/A/Resource: is required in a Task state",
            "/States/A/Retry/0/MaxAttempts: must be an integer",
            "/States/A/Catch/0/Next: is required in a Catcher",
            "/States/B/SecondsPath: is not a valid path: must start with $ (was cluster.id)",
            "/States/B/End: must be a boolean",
            "/States/a~1b/Type: must be one of Task, Pass, Choice, Wait, Succeed, Fail, Parallel,"
                + " Map (was Sleep)",
            "/States/C/Choices/0/NumericEquals: must be a number",
            "/States/C/Choices/1: must have exactly one comparison operator or And/Or/Not (found 2)",
            "/States/D/ItemProcessor/ProcessorConfig/Mode: has an unknown value SIDEWAYS",
            "/States/D/ItemProcessor/States/E/Extra: is not a field of a Pass state");
  }

  @Test
  void invalidJsonNamesLineAndColumn() {
    assertThat(problems("{\"StartAt\": \"A\",\n \"States\": {"))
        .singleElement()
        .asString()
        .startsWith("is not valid JSON")
        .contains("line 2");
  }

  @Test
  void missingTopLevelFieldsAreRequired() {
    assertThat(problems("{\"Comment\": \"x\"}"))
        .containsExactlyInAnyOrder(
            "/StartAt: is required in state machine", "/States: is required");
    assertThat(problems("[]")).containsExactly("must be an object (state machine)");
  }

  @Test
  void parsedModelIsWalkable() {
    StateMachine m =
        StateMachine.fromJson(
            AslCorpus.read(AslCorpus.directory().resolve("13-parallel-emr-steps.json")));
    assertThat(m.allStates()).isNotEmpty();
    assertThat(m.allStates())
        .anySatisfy(e -> assertThat(e.location()).contains(".Branches[0].States."));
    for (StateMachine.StateEntry e : m.allStates()) {
      for (Transition t : e.state().transitions()) {
        assertThat(e.graph().states())
            .as(e.location() + "." + t.location())
            .containsKey(t.target());
      }
    }
  }
}
