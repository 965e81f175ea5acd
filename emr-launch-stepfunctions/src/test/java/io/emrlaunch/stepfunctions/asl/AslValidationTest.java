package io.emrlaunch.stepfunctions.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Broken machines, each yielding exactly the expected findings at their locations. */
class AslValidationTest {

  private static List<String> findings(String json) {
    return StateMachine.fromJson(json).validate().stream().map(Problem::toString).toList();
  }

  @Test
  void missingTargetsAreNamed() {
    assertThat(
            findings(
                """
                {"StartAt": "Nope", "States": {
                  "A": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish", "Next": "B",
                        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Gone"}]},
                  "B": {"Type": "Choice", "Choices": [{"Variable": "$.x", "IsPresent": true, "Next": "Missing"}],
                        "Default": "A"},
                  "C": {"Type": "Succeed"}
                }}
                """))
        .containsExactly(
            "StartAt: must name an existing state (was Nope)",
            "States.A.Catch[0].Next: must name an existing state (was Gone)",
            "States.B.Choices[0].Next: must name an existing state (was Missing)");
  }

  @Test
  void unreachableStatesAndEndlessLoopsAreFoundByWalkingTheGraph() {
    assertThat(
            findings(
                """
                {"StartAt": "Start", "States": {
                  "Start": {"Type": "Choice", "Choices": [{"Variable": "$.go", "BooleanEquals": true, "Next": "Spin"}],
                            "Default": "Done"},
                  "Spin": {"Type": "Wait", "Seconds": 5, "Next": "Spin Again"},
                  "Spin Again": {"Type": "Pass", "Next": "Spin"},
                  "Orphan": {"Type": "Pass", "Next": "Orphan Too"},
                  "Orphan Too": {"Type": "Pass", "Next": "Orphan"},
                  "Done": {"Type": "Succeed"}
                }}
                """))
        .containsExactly(
            "States.Orphan: is not reachable from StartAt Start",
            "States.Orphan Too: is not reachable from StartAt Start",
            "States.Spin: can never reach a terminal state (an endless loop)",
            "States.Spin Again: can never reach a terminal state (an endless loop)");
  }

  @Test
  void everyGraphNeedsATerminalState() {
    assertThat(
            findings(
                """
                {"StartAt": "P", "States": {
                  "P": {"Type": "Parallel", "End": true, "Branches": [
                    {"StartAt": "L", "States": {"L": {"Type": "Pass", "Next": "L"}}}]}
                }}
                """))
        .containsExactly(
            "States.P.Branches[0].States: has no terminal state (Succeed, Fail or \"End\": true)");
  }

  @Test
  void namesAreUniqueMachineWideAndAtMost80Characters() {
    String longName = "N".repeat(81);
    assertThat(
            findings(
                """
                {"StartAt": "P", "States": {
                  "P": {"Type": "Parallel", "Next": "%s", "Branches": [
                    {"StartAt": "Done", "States": {"Done": {"Type": "Succeed"}}}]},
                  "%s": {"Type": "Pass", "Next": "Done"},
                  "Done": {"Type": "Succeed"}
                }}
                """
                    .formatted(longName, longName)))
        .containsExactly(
            "States.Done: duplicates the state name of States.P.Branches[0].States.Done (names are"
                + " unique machine-wide)",
            "States." + longName + ": name must be at most 80 characters (was 81)");
  }

  @Test
  void noTransitionIntoOrOutOfBranchesAndProcessors() {
    assertThat(
            findings(
                """
                {"StartAt": "Fan", "States": {
                  "Fan": {"Type": "Parallel", "Next": "Each", "Branches": [
                    {"StartAt": "B1", "States": {"B1": {"Type": "Pass", "Next": "After"}}}]},
                  "Each": {"Type": "Map", "Next": "Inner", "ItemProcessor": {
                    "StartAt": "M1", "States": {
                      "M1": {"Type": "Pass", "Next": "After"},
                      "Inner": {"Type": "Succeed"}}}},
                  "After": {"Type": "Succeed"}
                }}
                """))
        .containsExactly(
            "States.After: is not reachable from StartAt Fan",
            "States.Each.ItemProcessor.States.Inner: is not reachable from StartAt M1",
            "States.Each.ItemProcessor.States.M1.Next: must name a state of the same graph; After is"
                + " at States.After (no transition into or out of a Parallel branch or Map"
                + " processor)",
            "States.Each.Next: must name a state of the same graph; Inner is at"
                + " States.Each.ItemProcessor.States.Inner (no transition into or out of a Parallel"
                + " branch or Map processor)",
            "States.Fan.Branches[0].States: has no terminal state (Succeed, Fail or \"End\": true)",
            "States.Fan.Branches[0].States.B1.Next: must name a state of the same graph; After is"
                + " at States.After (no transition into or out of a Parallel branch or Map"
                + " processor)");
  }

  @Test
  void transitionsRetryAndCatchRules() {
    assertThat(
            findings(
                """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:f",
                        "Next": "B", "End": true,
                        "Retry": [{"ErrorEquals": ["States.ALL"], "BackoffRate": 0.5, "MaxAttempts": -1,
                                   "IntervalSeconds": 0, "MaxDelaySeconds": 0},
                                  {"ErrorEquals": ["States.Timeout", "States.ALL"]}],
                        "Catch": [{"ErrorEquals": [], "Next": "B"}]},
                  "B": {"Type": "Pass"}
                }}
                """))
        .containsExactly(
            "States.A.Catch[0].ErrorEquals: must name at least one error",
            "States.A.Next: must not be set together with \"End\": true",
            "States.A.Retry[0].BackoffRate: must be >= 1.0 (was 0.5)",
            "States.A.Retry[0].ErrorEquals: States.ALL must be in the last Retrier",
            "States.A.Retry[0].IntervalSeconds: must be >= 1 (was 0)",
            "States.A.Retry[0].MaxAttempts: must be >= 0 (was -1)",
            "States.A.Retry[0].MaxDelaySeconds: must be >= 1 (was 0)",
            "States.A.Retry[1].ErrorEquals: States.ALL must appear alone",
            "States.B: must have Next or \"End\": true");
  }

  @Test
  void taskTimeoutsAndExclusiveFields() {
    assertThat(
            findings(
                """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Task", "Resource": "elasticmapreduce:createCluster",
                        "TimeoutSeconds": 60, "HeartbeatSeconds": 60, "End": true},
                  "B": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                        "TimeoutSeconds": 0, "TimeoutSecondsPath": "$.t",
                        "HeartbeatSecondsPath": "$.h[*]", "ResultPath": "$$.Execution", "End": true}
                }}
                """))
        .containsExactly(
            "States.A.HeartbeatSeconds: must be less than TimeoutSeconds (60 >= 60)",
            "States.A.Resource: must be an ARN (was elasticmapreduce:createCluster)",
            "States.B: is not reachable from StartAt A",
            "States.B.HeartbeatSecondsPath: must be a reference path (a single node) (was $.h[*])",
            "States.B.ResultPath: must not start with $$ (was $$.Execution)",
            "States.B.TimeoutSeconds: must be a positive integer (was 0)",
            "States.B.TimeoutSecondsPath: must not be set together with TimeoutSeconds");
  }

  @Test
  void queryLanguageFieldsAreNotMixed() {
    assertThat(
            findings(
                """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:states:::sns:publish",
                        "InputPath": "$.x", "Parameters": {"M": 1}, "ResultPath": "$.r",
                        "TimeoutSeconds": "60", "Next": "B"},
                  "B": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
                        "Arguments": {"M": 1}, "Output": "{% $states.result %}",
                        "HeartbeatSeconds": "{% 5 %}", "Next": "C"},
                  "C": {"Type": "Choice", "QueryLanguage": "JSONata",
                        "Choices": [{"Variable": "$.x", "IsNull": true, "Next": "D"}], "Default": "D"},
                  "D": {"Type": "Map", "QueryLanguage": "JSONata", "ItemsPath": "$.items", "End": true,
                        "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.e", "Next": "E"}],
                        "ItemProcessor": {"StartAt": "In", "States": {"In": {"Type": "Succeed"}}}},
                  "E": {"Type": "Fail", "QueryLanguage": "JSONata", "ErrorPath": "$.e"}
                }}
                """))
        .containsExactly(
            "States.A.InputPath: is only allowed in JSONPath states",
            "States.A.Parameters: is only allowed in JSONPath states",
            "States.A.ResultPath: is only allowed in JSONPath states",
            "States.A.TimeoutSeconds: must be a number or a JSONata expression {% ... %} (was 60)",
            "States.B.Arguments: is only allowed in JSONata states",
            "States.B.HeartbeatSeconds: must be a number in a JSONPath state (was {% 5 %})",
            "States.B.Output: is only allowed in JSONata states",
            "States.C.Choices[0].Condition: is required in a JSONata Choice rule",
            "States.C.Choices[0].Variable: is only allowed in JSONPath states; use Condition",
            "States.D.Catch[0].ResultPath: is only allowed in JSONPath states",
            "States.D.ItemsPath: is only allowed in JSONPath states",
            "States.E.ErrorPath: is only allowed in JSONPath states");
  }

  @Test
  void waitFailAndChoiceRules() {
    assertThat(
            findings(
                """
                {"StartAt": "W", "States": {
                  "W": {"Type": "Wait", "Seconds": 5, "Timestamp": "2026-01-01", "Next": "W2"},
                  "W2": {"Type": "Wait", "Next": "C"},
                  "C": {"Type": "Choice", "Choices": [
                          {"Variable": "$.t", "TimestampEquals": "yesterday", "Next": "F"},
                          {"And": [], "Next": "F"},
                          {"Variable": "$.s", "StringMatches": "log-\\\\d", "Next": "F"}]},
                  "F": {"Type": "Fail", "Error": "E", "ErrorPath": "$.e", "Cause": "c",
                        "CausePath": "States.Format('{} {}', $.a)"}
                }}
                """))
        .containsExactly(
            "States.C.Choices[0].TimestampEquals: must be an RFC 3339 timestamp like"
                + " 2026-01-01T00:00:00Z (was \"yesterday\")",
            "States.C.Choices[1].And: must have at least one rule",
            "States.C.Choices[2].StringMatches: may only escape * and \\ with a backslash",
            "States.F.CausePath: is not a valid intrinsic function: 1 problem:"
                + " States.Format.arguments[0]: has 2 {} placeholder(s) but 1 argument(s) follow (call at"
                + " character 0)",
            "States.F.CausePath: must not be set together with Cause",
            "States.F.ErrorPath: must not be set together with Error",
            "States.W: must have exactly one of Seconds, SecondsPath, Timestamp and TimestampPath",
            "States.W.Timestamp: must be an RFC 3339 timestamp like 2026-01-01T00:00:00Z (was"
                + " 2026-01-01)",
            "States.W2: must have exactly one of Seconds, SecondsPath, Timestamp and"
                + " TimestampPath");
  }

  @Test
  void mapRules() {
    assertThat(
            findings(
                """
                {"StartAt": "Inline", "States": {
                  "Inline": {"Type": "Map", "Next": "Dist", "Label": "x",
                             "ItemReader": {"Resource": "arn:aws:states:::s3:getObject"},
                             "ItemSelector": {"a": 1}, "Parameters": {"a": 1},
                             "ToleratedFailurePercentage": 101, "MaxConcurrency": -1},
                  "Dist": {"Type": "Map", "End": true,
                           "ItemBatcher": {"BatchInput": {"x": 1}},
                           "ItemReader": {"Resource": "arn:aws:states:::s3:getObject",
                                          "ReaderConfig": {"InputType": "CSV", "CSVHeaderLocation": "GIVEN",
                                                           "MaxItems": 5, "MaxItemsPath": "$.m"}},
                           "ToleratedFailureCount": 1, "ToleratedFailureCountPath": "$.c",
                           "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED"},
                                             "StartAt": "P", "States": {"P": {"Type": "Succeed"}}},
                           "Iterator": {"StartAt": "Q", "States": {"Q": {"Type": "Succeed"}}}}
                }}
                """))
        .containsExactly(
            "States.Dist: must have exactly one of ItemProcessor and Iterator",
            "States.Dist.ItemBatcher: must set MaxItemsPerBatch(Path) or MaxInputBytesPerBatch(Path)",
            "States.Dist.ItemProcessor.ProcessorConfig.ExecutionType: is required in DISTRIBUTED"
                + " mode (STANDARD or EXPRESS)",
            "States.Dist.ItemReader.ReaderConfig.CSVHeaders: is required when CSVHeaderLocation is"
                + " GIVEN",
            "States.Dist.ItemReader.ReaderConfig.MaxItemsPath: must not be set together with"
                + " MaxItems",
            "States.Dist.ToleratedFailureCountPath: must not be set together with"
                + " ToleratedFailureCount",
            "States.Inline: must have exactly one of ItemProcessor and Iterator",
            "States.Inline.ItemReader: is only allowed in a DISTRIBUTED Map (ProcessorConfig.Mode)",
            "States.Inline.Label: is only allowed in a DISTRIBUTED Map (ProcessorConfig.Mode)",
            "States.Inline.MaxConcurrency: must be a non-negative integer (was -1)",
            "States.Inline.Parameters: must not be set together with ItemSelector (its deprecated"
                + " name)",
            "States.Inline.ToleratedFailurePercentage: is only allowed in a DISTRIBUTED Map"
                + " (ProcessorConfig.Mode)",
            "States.Inline.ToleratedFailurePercentage: must be between 0 and 100 (was 101)");
  }

  /**
   * Small templates compare names in place, large ones (over 32 fields) use a set: same findings.
   */
  @Test
  void dynamicFieldsBesideTheirLiteralTwinAreFoundInSmallAndLargeTemplates() {
    for (int extra : new int[] {0, 40}) {
      StringBuilder fields = new StringBuilder("\"b.$\": \"$.b\", \"a\": 1, \"a.$\": \"$.a\"");
      for (int i = 0; i < extra; i++) {
        fields.append(", \"f").append(i).append("\": ").append(i);
      }
      fields.append(", \"c.$\": \"$.c\", \"b\": 2, \"ab.$\": \"$.x\"");
      assertThat(
              findings(
                  "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", \"End\":"
                      + " true, \"Parameters\": {"
                      + fields
                      + "}}}}"))
          .as("%d extra fields", extra)
          .containsExactly(
              "States.A.Parameters.a: collides with another field named a",
              "States.A.Parameters.b: collides with another field named b");
    }
  }

  @Test
  void payloadTemplatesAndVariables() {
    assertThat(
            findings(
                """
                {"StartAt": "A", "States": {
                  "A": {"Type": "Pass", "End": true,
                        "Parameters": {"id.$": "cluster.id", "id": 1,
                                       "nested": [{"g.$": "States.Hash($.x, 'SHA-999')"}],
                                       "n.$": 5},
                        "Assign": {"1st": 1, "states": 2, "ok.$": "$.x", "fine": "$.y"}}
                }}
                """))
        .containsExactly(
            "States.A.Assign.1st: must be a variable name (a letter or _ first, then letters,"
                + " digits or _; at most 80 characters; not states)",
            "States.A.Assign.states: must be a variable name (a letter or _ first, then letters,"
                + " digits or _; at most 80 characters; not states)",
            "States.A.Parameters.id: collides with another field named id",
            "States.A.Parameters.id.$: must be a path or an intrinsic function: must start with $"
                + " (was cluster.id)",
            "States.A.Parameters.n.$: must be a path or intrinsic function string (the key ends in"
                + " .$)",
            "States.A.Parameters.nested[0].g.$: is not a valid intrinsic function: 1 problem:"
                + " States.Hash.arguments[1]: must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512"
                + " (was SHA-999) (call at character 0)");
  }

  @Test
  void definitionsOverOneMegabyteAreRejected() {
    String big = "x".repeat(StateMachine.MAX_DEFINITION_BYTES);
    StateMachine m =
        StateMachine.builder()
            .startAt("A")
            .putStates("A", PassState.builder().result(TextNode.valueOf(big)).end(true).build())
            .build();
    assertThat(m.validate())
        .extracting(Problem::toString)
        .singleElement()
        .asString()
        .matches("the definition is \\d+ bytes; the service limit is 1048576");
  }

  @Test
  void typedModelProblemsTheParserCannotProduce() {
    StateMachine m =
        StateMachine.builder()
            .startAt("C")
            .putStates(
                "C",
                ChoiceState.builder()
                    .addChoices(
                        ChoiceRule.of(
                            Condition.compare(
                                "$.n", ComparisonOperator.NUMERIC_EQUALS, TextNode.valueOf("1")),
                            "Done"))
                    .build())
            .putStates("Done", SucceedState.builder().build())
            .putStates("Empty", ChoiceState.builder().defaultState("Done").build())
            .putStates("P", ParallelState.builder().end(true).build())
            .build();
    assertThat(m.validate())
        .extracting(Problem::toString)
        .containsExactly(
            "States.C.Choices[0].NumericEquals: must be a number",
            "States.Empty: is not reachable from StartAt C",
            "States.Empty.Choices: must have at least one rule",
            "States.P: is not reachable from StartAt C",
            "States.P.Branches: must have at least one branch");
  }

  @Test
  void validateOrThrowListsEverything() {
    StateMachine m =
        StateMachine.fromJson(
            "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"}}}");
    assertThatThrownBy(m::validateOrThrow)
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            "2 problems: States: has no terminal state (Succeed, Fail or \"End\": true);"
                + " States.A.Next: must name an existing state (was B)");
  }
}
