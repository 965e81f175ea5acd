package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** A Pass state: passes its input on, optionally shaped or replaced by a fixed result. */
@Value.Immutable
public non-sealed interface PassState extends State, NextOrEnd, WithPassState {

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
   * Builds {@link PassState} values: obtained from {@link PassState#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutablePassState.Builder {
    Builder() {}
  }

  @Override
  default StateType type() {
    return StateType.PASS;
  }

  @Override
  @Value.Lazy
  default List<Transition> transitions() {
    return Transitions.of(this);
  }

  /** Selects the effective input (JSONPath). */
  Optional<JsonPath> inputPath();

  /** A payload template (JSONPath). */
  Optional<JsonNode> parameters();

  /** A fixed result (JSONPath). */
  Optional<JsonNode> result();

  /** Where the result goes (JSONPath). */
  Optional<JsonPath> resultPath();

  /** Selects the effective output (JSONPath). */
  Optional<JsonPath> outputPath();

  /** The state output (JSONata). */
  Optional<JsonNode> output();

  /** Variables assigned by this state. */
  Map<String, JsonNode> assign();
}
