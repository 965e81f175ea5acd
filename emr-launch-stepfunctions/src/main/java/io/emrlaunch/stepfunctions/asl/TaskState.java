package io.emrlaunch.stepfunctions.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * A Task state: calls {@link #resource()} with {@link #parameters()} (JSONPath) or {@link
 * #arguments()} (JSONata) as its request.
 */
@Value.Immutable
public non-sealed interface TaskState extends State, NextOrEnd, RetryAndCatch, WithTaskState {

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
   * Builds {@link TaskState} values: obtained from {@link TaskState#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableTaskState.Builder {
    Builder() {}
  }

  @Override
  default StateType type() {
    return StateType.TASK;
  }

  @Override
  @Value.Lazy
  default List<Transition> transitions() {
    return Transitions.of(this, this);
  }

  /** The resource ARN, e.g. {@code arn:aws:states:::elasticmapreduce:createCluster.sync}. */
  String resource();

  /** The request as a payload template (JSONPath). */
  Optional<JsonNode> parameters();

  /** The request (JSONata). */
  Optional<JsonNode> arguments();

  /** The role to assume for the call ({@code Credentials}). */
  Optional<JsonNode> credentials();

  /** Fails with {@code States.Timeout} after this many seconds. */
  Optional<NumberOrJsonata> timeoutSeconds();

  /** The timeout read from the input. */
  Optional<JsonPath> timeoutSecondsPath();

  /** Fails with {@code States.HeartbeatTimeout} when no heartbeat arrives in this many seconds. */
  Optional<NumberOrJsonata> heartbeatSeconds();

  /** The heartbeat interval read from the input. */
  Optional<JsonPath> heartbeatSecondsPath();

  /** Selects the effective input (JSONPath). */
  Optional<JsonPath> inputPath();

  /** Shapes the raw result (JSONPath). */
  Optional<JsonNode> resultSelector();

  /** Where the result goes in the input (JSONPath). */
  Optional<JsonPath> resultPath();

  /** Selects the effective output (JSONPath). */
  Optional<JsonPath> outputPath();

  /** The state output (JSONata). */
  Optional<JsonNode> output();

  /** Variables assigned by this state. */
  Map<String, JsonNode> assign();
}
