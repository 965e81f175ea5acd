package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/** A Wait state: waits a number of seconds or until a timestamp (exactly one of four fields). */
@Value.Immutable
public non-sealed interface WaitState extends State, NextOrEnd, WithWaitState {

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
   * Builds {@link WaitState} values: obtained from {@link WaitState#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableWaitState.Builder {
    Builder() {}
  }

  @Override
  default StateType type() {
    return StateType.WAIT;
  }

  @Override
  @Value.Lazy
  default List<Transition> transitions() {
    return Transitions.of(this);
  }

  /** Waits this many seconds. */
  Optional<NumberOrJsonata> seconds();

  /** Waits the number of seconds at this path (JSONPath). */
  Optional<JsonPath> secondsPath();

  /** Waits until this RFC 3339 timestamp (or JSONata expression). */
  Optional<String> timestamp();

  /** Waits until the timestamp at this path (JSONPath). */
  Optional<JsonPath> timestampPath();

  /** Selects the effective input (JSONPath). */
  Optional<JsonPath> inputPath();

  /** Selects the effective output (JSONPath). */
  Optional<JsonPath> outputPath();

  /** The state output (JSONata). */
  Optional<JsonNode> output();

  /** Variables assigned by this state. */
  Map<String, JsonNode> assign();
}
