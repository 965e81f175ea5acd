package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** A Succeed state: ends its graph successfully. */
@Value.Immutable
public non-sealed interface SucceedState extends State {

  /**
   * A new builder.
   *
   * @return the builder
   */
  static ImmutableSucceedState.Builder builder() {
    return ImmutableSucceedState.builder();
  }

  @Override
  default StateType type() {
    return StateType.SUCCEED;
  }

  @Override
  default List<Transition> transitions() {
    return List.of();
  }

  /** Selects the effective input (JSONPath). */
  Optional<JsonPath> inputPath();

  /** Selects the effective output (JSONPath). */
  Optional<JsonPath> outputPath();

  /** The state output (JSONata). */
  Optional<JsonNode> output();
}
