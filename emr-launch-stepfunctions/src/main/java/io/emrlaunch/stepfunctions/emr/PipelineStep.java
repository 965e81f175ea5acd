package io.emrlaunch.stepfunctions.emr;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.core.model.EmrStep;
import io.emrlaunch.stepfunctions.asl.Payload;
import io.emrlaunch.stepfunctions.internal.Json;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One element of a pipeline {@link Phase}: an EMR step added to the pipeline's cluster, or a child
 * state machine run with {@code states:startExecution.sync:2} (a nested state machine).
 *
 * <pre>{@code
 * PipelineStep.of(EmrStep.sparkSubmit("Ingest", "s3://bucket/ingest.py", "--date", "DATE"))
 * PipelineStep.of(step).withArgument(2, Arg.path("$$.Execution.Input.date"))  // run-time arg
 * PipelineStep.of(step).waitForCompletion(false)                              // fire and forget
 * PipelineStep.stateMachine("Publish", "arn:aws:states:us-east-1:123456789012:stateMachine:publish")
 * }</pre>
 *
 * <p>Instances are immutable; every {@code with...} method returns a copy.
 */
public final class PipelineStep {
  /** What a pipeline step runs. */
  public enum Kind {
    /** An EMR step on the pipeline's cluster. */
    EMR_STEP,
    /** A child state machine ({@code startExecution.sync:2}). */
    STATE_MACHINE
  }

  private final Kind kind;
  private final String name;
  private final EmrStep step;
  private final Map<Integer, Arg> argumentPaths;
  private final Optional<Boolean> waitForCompletion;
  private final String stateMachineArn;
  private final Optional<JsonNode> input;

  private PipelineStep(
      Kind kind,
      String name,
      EmrStep step,
      Map<Integer, Arg> argumentPaths,
      Optional<Boolean> waitForCompletion,
      String stateMachineArn,
      Optional<JsonNode> input) {
    this.kind = kind;
    this.name = name;
    this.step = step;
    this.argumentPaths = Map.copyOf(argumentPaths);
    this.waitForCompletion = waitForCompletion;
    this.stateMachineArn = stateMachineArn;
    this.input = input.map(JsonNode::deepCopy);
  }

  /**
   * An EMR step; the Task state is named after the step.
   *
   * @param step the step (its name must be unique in the pipeline)
   * @return the pipeline step
   */
  public static PipelineStep of(EmrStep step) {
    Objects.requireNonNull(step, "step");
    return new PipelineStep(
        Kind.EMR_STEP, step.name(), step, Map.of(), Optional.empty(), null, Optional.empty());
  }

  /**
   * A child state machine, started with {@code states:startExecution.sync:2} (or without waiting,
   * see {@link #waitForCompletion(boolean)}). Its input is the pipeline's execution input ({@code
   * $$.Execution.Input}) unless {@link #withInput(Object)} says otherwise; its output is discarded.
   *
   * @param name the state name
   * @param stateMachineArn the child's ARN
   * @return the pipeline step
   */
  public static PipelineStep stateMachine(String name, String stateMachineArn) {
    return new PipelineStep(
        Kind.STATE_MACHINE,
        Objects.requireNonNull(name, "name"),
        null,
        Map.of(),
        Optional.empty(),
        stateMachineArn,
        Optional.empty());
  }

  /**
   * Replaces one argument of the EMR step by a value read when the step runs (a JSONPath into the
   * state, the execution input or the Context Object). Such an argument is not subject to {@code
   * StepArgumentOverrides}.
   *
   * @param index the index in {@link EmrStep#args()}
   * @param value a {@link Arg.Kind#PATH} argument, e.g. {@code Arg.path("$$.Execution.Input.day")}
   * @return a copy
   * @throws IllegalArgumentException when this is not an EMR step, the index is out of range or the
   *     argument is not a path or intrinsic
   */
  public PipelineStep withArgument(int index, Arg value) {
    Objects.requireNonNull(value, "value");
    if (kind != Kind.EMR_STEP) {
      throw new IllegalArgumentException(name + " is a state machine, it has no arguments");
    }
    if (index < 0 || index >= step.args().size()) {
      throw new IllegalArgumentException(
          "argument index " + index + " is outside the " + step.args().size() + " args of " + name);
    }
    if (value.kind() != Arg.Kind.PATH) {
      throw new IllegalArgumentException("argument " + index + " must be a path or intrinsic");
    }
    Map<Integer, Arg> paths = new TreeMap<>(argumentPaths);
    paths.put(index, value);
    return new PipelineStep(kind, name, step, paths, waitForCompletion, stateMachineArn, input);
  }

  /**
   * Whether the pipeline waits for this step (or child execution) to finish before going on;
   * overrides the pipeline's default.
   *
   * @param wait false to continue as soon as the step is accepted
   * @return a copy
   */
  public PipelineStep waitForCompletion(boolean wait) {
    return new PipelineStep(
        kind, name, step, argumentPaths, Optional.of(wait), stateMachineArn, input);
  }

  /**
   * The input of a child state machine instead of {@code $$.Execution.Input}.
   *
   * @param input a {@link Payload}, JSON node or value (a JSONPath payload template)
   * @return a copy
   * @throws IllegalArgumentException when this is an EMR step
   */
  public PipelineStep withInput(Object input) {
    if (kind != Kind.STATE_MACHINE) {
      throw new IllegalArgumentException(name + " is an EMR step; use withArgument");
    }
    JsonNode node =
        input instanceof Payload p
            ? p.toJson()
            : input instanceof JsonNode j
                ? j.deepCopy()
                : Json.MAPPER.valueToTree(Objects.requireNonNull(input, "input"));
    return new PipelineStep(
        kind, name, step, argumentPaths, waitForCompletion, stateMachineArn, Optional.of(node));
  }

  /**
   * What this step runs.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * The step's name: the EMR step name, or the state name of a child state machine.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The EMR step.
   *
   * @return the step, empty for a child state machine
   */
  public Optional<EmrStep> emrStep() {
    return Optional.ofNullable(step);
  }

  /**
   * Arguments replaced by run-time values, by index.
   *
   * @return the map (empty when none)
   */
  public Map<Integer, Arg> argumentPaths() {
    return argumentPaths;
  }

  /**
   * Whether to wait for completion, when set on this step.
   *
   * @return the setting, empty to use the pipeline's default
   */
  public Optional<Boolean> waitForCompletionSetting() {
    return waitForCompletion;
  }

  /**
   * The child state machine's ARN.
   *
   * @return the ARN, empty for an EMR step
   */
  public Optional<String> stateMachineArn() {
    return Optional.ofNullable(stateMachineArn);
  }

  /**
   * The child's input template, when set.
   *
   * @return a copy of the template, empty for the default {@code $$.Execution.Input}
   */
  public Optional<JsonNode> input() {
    return input.map(JsonNode::deepCopy);
  }

  @Override
  public String toString() {
    return kind == Kind.EMR_STEP ? "EMR step " + name : "state machine " + name;
  }
}
