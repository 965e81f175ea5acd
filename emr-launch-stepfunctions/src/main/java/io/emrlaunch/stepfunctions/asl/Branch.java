package io.emrlaunch.stepfunctions.asl;

import org.immutables.value.Value;

/** One branch of a Parallel state. */
@Value.Immutable
public interface Branch extends StateGraph, WithBranch {

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
   * Builds {@link Branch} values: obtained from {@link Branch#builder()} or {@link #toBuilder()}.
   */
  final class Builder extends ImmutableBranch.Builder {
    Builder() {}
  }
}
