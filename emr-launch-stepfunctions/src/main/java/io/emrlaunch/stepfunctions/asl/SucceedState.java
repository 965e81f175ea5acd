package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** A Succeed state: ends its graph successfully. */
@Value.Immutable
public non-sealed interface SucceedState extends State, WithSucceedState {

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
   * Builds {@link SucceedState} values: obtained from {@link SucceedState#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableSucceedState.Builder {
    Builder() {}
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
