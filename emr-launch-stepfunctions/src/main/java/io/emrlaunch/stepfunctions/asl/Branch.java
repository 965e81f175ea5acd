package io.emrlaunch.stepfunctions.asl;

import org.immutables.value.Value;

/** One branch of a Parallel state. */
@Value.Immutable
public interface Branch extends StateGraph {

  /**
   * A new builder.
   *
   * @return the builder
   */
  static ImmutableBranch.Builder builder() {
    return ImmutableBranch.builder();
  }
}
