package io.emrlaunch.stepfunctions.emr;

import com.fasterxml.jackson.databind.JsonNode;
import io.emrlaunch.stepfunctions.asl.Payload;
import io.emrlaunch.stepfunctions.asl.StateMachine;
import io.emrlaunch.stepfunctions.internal.Json;
import java.util.Objects;
import java.util.Optional;

/**
 * How a transient-cluster pipeline launches its cluster: by embedding a launch state machine
 * ({@link #inline(StateMachine)}) or by running a deployed one as a child execution ({@link
 * #nested(String)}). Either way the launch's successful output must contain {@code
 * LaunchClusterResult.ClusterId} (what the launch function machine produces); the pipeline keeps
 * that id at {@code $.LaunchClusterResult.ClusterId}.
 *
 * <p>Inline, the launch machine's states become the one branch of a Parallel state: inside it
 * {@code $$.Execution.Input} is still the pipeline's execution input, so runtime overrides
 * (ClusterConfigurationOverrides, Tags, FailIfClusterRunning) reach the launch unchanged. Nested,
 * the child gets {@code $$.Execution.Input} as its input unless {@link #withInput(Object)} says
 * otherwise.
 *
 * <p>Instances are immutable.
 */
public final class ClusterLaunch {
  private final StateMachine machine;
  private final String stateMachineArn;
  private final String stateName;
  private final Optional<JsonNode> input;

  private ClusterLaunch(
      StateMachine machine, String stateMachineArn, String stateName, Optional<JsonNode> input) {
    this.machine = machine;
    this.stateMachineArn = stateMachineArn;
    this.stateName = Objects.requireNonNull(stateName, "stateName");
    this.input = input;
  }

  /**
   * Embeds a launch state machine (a JSONPath machine) as a one-branch Parallel state named {@code
   * Launch Cluster}. Its state names must not clash with the pipeline's.
   *
   * @param launch the launch machine
   * @return the launch
   */
  public static ClusterLaunch inline(StateMachine launch) {
    return new ClusterLaunch(
        Objects.requireNonNull(launch, "launch"), null, "Launch Cluster", Optional.empty());
  }

  /**
   * Runs a deployed launch state machine with {@code states:startExecution.sync:2} in a Task state
   * named {@code Launch Cluster}.
   *
   * @param stateMachineArn the launch machine's ARN
   * @return the launch
   */
  public static ClusterLaunch nested(String stateMachineArn) {
    return new ClusterLaunch(null, stateMachineArn, "Launch Cluster", Optional.empty());
  }

  /**
   * The same launch under another state name.
   *
   * @param name the state name
   * @return a copy
   */
  public ClusterLaunch withStateName(String name) {
    return new ClusterLaunch(machine, stateMachineArn, name, input);
  }

  /**
   * The input of a nested launch instead of {@code $$.Execution.Input}, e.g. only {@code
   * ClusterConfigurationOverrides} and {@code Tags}.
   *
   * @param input a {@link Payload}, JSON node or value (a JSONPath payload template)
   * @return a copy
   * @throws IllegalArgumentException for an inline launch (it always sees the execution input)
   */
  public ClusterLaunch withInput(Object input) {
    if (machine != null) {
      throw new IllegalArgumentException("an inline launch reads the pipeline's execution input");
    }
    JsonNode node =
        input instanceof Payload p
            ? p.toJson()
            : input instanceof JsonNode j
                ? j.deepCopy()
                : Json.MAPPER.valueToTree(Objects.requireNonNull(input, "input"));
    return new ClusterLaunch(null, stateMachineArn, stateName, Optional.of(node));
  }

  /**
   * The embedded launch machine.
   *
   * @return the machine, empty for a nested launch
   */
  public Optional<StateMachine> machine() {
    return Optional.ofNullable(machine);
  }

  /**
   * The nested launch machine's ARN.
   *
   * @return the ARN, empty for an inline launch
   */
  public Optional<String> stateMachineArn() {
    return Optional.ofNullable(stateMachineArn);
  }

  /**
   * The name of the launch state.
   *
   * @return the name
   */
  public String stateName() {
    return stateName;
  }

  /**
   * The nested launch's input template, when set.
   *
   * @return a copy, empty for {@code $$.Execution.Input}
   */
  public Optional<JsonNode> input() {
    return input.map(JsonNode::deepCopy);
  }
}
