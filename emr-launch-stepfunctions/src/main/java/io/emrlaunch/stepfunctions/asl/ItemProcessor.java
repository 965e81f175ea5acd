package io.emrlaunch.stepfunctions.asl;

import java.util.Optional;
import org.immutables.value.Value;

/** The states a Map state runs for each item ({@code ItemProcessor}, or the legacy Iterator). */
@Value.Immutable
public interface ItemProcessor extends StateGraph {

  /**
   * A new builder.
   *
   * @return the builder
   */
  static ImmutableItemProcessor.Builder builder() {
    return ImmutableItemProcessor.builder();
  }

  /** Inline or distributed processing. */
  Optional<ProcessorConfig> processorConfig();
}
