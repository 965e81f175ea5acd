package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** A Parallel state: runs every branch with the same input; its result is the array of outputs. */
@Value.Immutable
public non-sealed interface ParallelState
    extends State, NextOrEnd, RetryAndCatch, ContainerState, WithParallelState {

  /**
   * A new builder.
   *
   * @return the builder
   */
  static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this value's attributes, to change several of them at once.
   *
   * @return a new builder initialised from this value
   */
  default Builder toBuilder() {
    return builder().from(this);
  }

  /**
   * Builds {@link ParallelState} values: obtained from {@link ParallelState#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableParallelState.Builder {
    Builder() {}
  }

  @Override
  default StateType type() {
    return StateType.PARALLEL;
  }

  @Override
  @Value.Lazy
  default List<Transition> transitions() {
    return Transitions.of(this, this);
  }

  @Override
  default List<StateGraph> graphs() {
    return List.copyOf(branches());
  }

  /** The branches. */
  List<Branch> branches();

  /** Selects the effective input (JSONPath). */
  Optional<JsonPath> inputPath();

  /** A payload template given to every branch (JSONPath). */
  Optional<JsonNode> parameters();

  /** The input of every branch (JSONata). */
  Optional<JsonNode> arguments();

  /** Shapes the array of branch outputs (JSONPath). */
  Optional<JsonNode> resultSelector();

  /** Where the result goes (JSONPath). */
  Optional<JsonPath> resultPath();

  /** Selects the effective output (JSONPath). */
  Optional<JsonPath> outputPath();

  /** The state output (JSONata). */
  Optional<JsonNode> output();

  /** Variables assigned by this state. */
  Map<String, JsonNode> assign();
}
