package io.emrlaunch.stepfunctions.asl;

import static org.assertj.core.api.Assertions.assertThat;

import io.emrlaunch.core.validation.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Where our validator is stricter than asl-validator: each definition here is accepted by
 * asl-validator 4.0.0 yet broken, and our validator names the problem.
 */
class StricterThanAslValidatorTest {

  /** Only referenced by each other: asl-validator's "reachable" means "named somewhere". */
  static final String UNREACHABLE_CYCLE =
      """
      {"StartAt": "Start", "States": {
        "Start": {"Type": "Pass", "Next": "Done"},
        "Poll": {"Type": "Wait", "Seconds": 30, "Next": "Check"},
        "Check": {"Type": "Choice", "Choices": [{"Variable": "$.ready", "BooleanEquals": true, "Next": "Done"}],
                  "Default": "Poll"},
        "Done": {"Type": "Succeed"}
      }}
      """;

  /** asl-validator only checks transitions out of the deprecated Iterator, not ItemProcessor. */
  static final String OUT_OF_ITEM_PROCESSOR =
      """
      {"StartAt": "Each", "States": {
        "Each": {"Type": "Map", "ItemsPath": "$.items", "Next": "After",
                 "ItemProcessor": {"StartAt": "Route", "States": {
                   "Route": {"Type": "Choice",
                             "Choices": [{"Variable": "$.skip", "BooleanEquals": true, "Next": "After"}],
                             "Default": "Work"},
                   "Work": {"Type": "Succeed"}}}},
        "After": {"Type": "Succeed"}
      }}
      """;

  /** The heartbeat can never fire before the timeout. */
  static final String HEARTBEAT_NOT_BELOW_TIMEOUT =
      """
      {"StartAt": "Step", "States": {
        "Step": {"Type": "Task", "Resource": "arn:aws:states:::elasticmapreduce:addStep.sync",
                 "TimeoutSeconds": 300, "HeartbeatSeconds": 600, "End": true}
      }}
      """;

  @Test
  void aslValidatorAcceptsWhatWeReject() throws Exception {
    Map<String, String> defs = new LinkedHashMap<>();
    defs.put("unreachable-cycle", UNREACHABLE_CYCLE);
    defs.put("out-of-item-processor", OUT_OF_ITEM_PROCESSOR);
    defs.put("heartbeat-not-below-timeout", HEARTBEAT_NOT_BELOW_TIMEOUT);
    AslValidatorCli.Result result = AslValidatorCli.require().validateDefinitions(defs);
    assertThat(result.allValid()).as(result.stdout() + result.stderr()).isTrue();

    assertThat(findings(UNREACHABLE_CYCLE))
        .containsExactly(
            "States.Check: is not reachable from StartAt Start",
            "States.Poll: is not reachable from StartAt Start");
    assertThat(findings(OUT_OF_ITEM_PROCESSOR))
        .containsExactly(
            "States.Each.ItemProcessor.States.Route.Choices[0].Next: must name a state of the same"
                + " graph; After is at States.After (no transition into or out of a Parallel branch"
                + " or Map processor)");
    assertThat(findings(HEARTBEAT_NOT_BELOW_TIMEOUT))
        .containsExactly(
            "States.Step.HeartbeatSeconds: must be less than TimeoutSeconds (600 >= 300)");
  }

  private static List<String> findings(String json) {
    return StateMachine.fromJson(json).validate().stream().map(Problem::toString).toList();
  }
}
