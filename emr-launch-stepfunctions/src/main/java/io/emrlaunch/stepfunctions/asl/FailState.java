package io.emrlaunch.stepfunctions.asl;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** A Fail state: ends the execution with an error name and cause. */
@Value.Immutable
public non-sealed interface FailState extends State, WithFailState {

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
   * Builds {@link FailState} values: obtained from {@link FailState#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableFailState.Builder {
    Builder() {}
  }

  @Override
  default StateType type() {
    return StateType.FAIL;
  }

  @Override
  default List<Transition> transitions() {
    return List.of();
  }

  /** The error name (or a JSONata expression). */
  Optional<String> error();

  /** The error name read from a path or intrinsic function (JSONPath). */
  Optional<String> errorPath();

  /** The human-readable cause (or a JSONata expression). */
  Optional<String> cause();

  /** The cause read from a path or intrinsic function (JSONPath). */
  Optional<String> causePath();
}
