package io.emrlaunch.stepfunctions.emr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emrlaunch.core.validation.Problem;
import io.emrlaunch.core.validation.ValidationException;
import io.emrlaunch.stepfunctions.asl.Flow;
import io.emrlaunch.stepfunctions.asl.Payload;
import io.emrlaunch.stepfunctions.asl.TaskBuilder;
import io.emrlaunch.stepfunctions.internal.Json;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Task states that run another state machine ({@code states:startExecution}), the pure-ASL
 * successor of the Python library's {@code NestedStateMachine}: with {@code .sync:2} the parent
 * waits and receives the child's output already parsed as JSON under {@code Output}, so no
 * parse-JSON Lambda is needed. The child's input defaults to the parent's execution input ({@code
 * $$.Execution.Input}), which forwards runtime overrides. The ARN's partition is used for the
 * resource.
 *
 * <pre>{@code
 * TaskBuilder child = NestedStateMachine.run("Publish", publishArn)
 *     .resultSelector(Payload.object().path("Report.$", "$.Output.report"))
 *     .resultPath("$.Publish");
 * }</pre>
 */
public final class NestedStateMachine {
  private static final Pattern ARN =
      Pattern.compile("arn:(aws(?:-[a-z]+)*):states:[a-z0-9-]+:\\d{12}:stateMachine:[^:\\s]+");

  private NestedStateMachine() {}

  /**
   * Runs a child and waits for it ({@code startExecution.sync:2}) with the execution input.
   *
   * @param name the state name
   * @param stateMachineArn the child
   * @return the Task builder (add catches, result handling, ...)
   * @throws ValidationException naming {@code stateMachineArn} when it is not a state machine ARN
   */
  public static TaskBuilder run(String name, String stateMachineArn) {
    return task(name, stateMachineArn, null, true);
  }

  /**
   * Runs a child and waits for it, with an input template.
   *
   * @param name the state name
   * @param stateMachineArn the child
   * @param input a {@link Payload}, JSON node or value (a JSONPath payload template)
   * @return the Task builder
   * @throws ValidationException naming {@code stateMachineArn} when it is not a state machine ARN
   */
  public static TaskBuilder run(String name, String stateMachineArn, Object input) {
    return task(name, stateMachineArn, Objects.requireNonNull(input, "input"), true);
  }

  /**
   * Starts a child without waiting (request-response; the result holds {@code ExecutionArn}).
   *
   * @param name the state name
   * @param stateMachineArn the child
   * @return the Task builder
   * @throws ValidationException naming {@code stateMachineArn} when it is not a state machine ARN
   */
  public static TaskBuilder start(String name, String stateMachineArn) {
    return task(name, stateMachineArn, null, false);
  }

  /**
   * Starts a child without waiting, with an input template.
   *
   * @param name the state name
   * @param stateMachineArn the child
   * @param input a {@link Payload}, JSON node or value
   * @return the Task builder
   * @throws ValidationException naming {@code stateMachineArn} when it is not a state machine ARN
   */
  public static TaskBuilder start(String name, String stateMachineArn, Object input) {
    return task(name, stateMachineArn, Objects.requireNonNull(input, "input"), false);
  }

  /**
   * The partition of a state machine ARN.
   *
   * @param stateMachineArn the ARN
   * @return e.g. {@code aws-cn}
   * @throws ValidationException naming {@code stateMachineArn} when it is not a state machine ARN
   */
  public static String partitionOf(String stateMachineArn) {
    Matcher m = ARN.matcher(stateMachineArn == null ? "" : stateMachineArn);
    if (!m.matches()) {
      throw new ValidationException(
          List.of(
              Problem.of(
                  "stateMachineArn",
                  "must be arn:<partition>:states:<region>:<account>:stateMachine:<name> (was "
                      + stateMachineArn
                      + ")")));
    }
    return m.group(1);
  }

  private static TaskBuilder task(String name, String arn, Object input, boolean wait) {
    String partition = partitionOf(arn);
    ObjectNode params = Payload.object().put("StateMachineArn", arn).toJson();
    if (input == null) {
      params.put("Input.$", "$$.Execution.Input");
    } else {
      params.set("Input", json(input));
    }
    String resource =
        "arn:" + partition + ":states:::states:startExecution" + (wait ? ".sync:2" : "");
    return Flow.task(Objects.requireNonNull(name, "name"), resource).parameters(params);
  }

  private static JsonNode json(Object input) {
    if (input instanceof Payload p) {
      return p.toJson();
    }
    if (input instanceof JsonNode j) {
      return j.deepCopy();
    }
    return Json.MAPPER.valueToTree(input);
  }
}
