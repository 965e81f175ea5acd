package io.emrlaunch.stepfunctions.asl;

import java.util.Optional;
import org.immutables.value.Value;

/** How a Map state runs its item processor ({@code ProcessorConfig}). */
@Value.Immutable
public interface ProcessorConfig {

  /**
   * A new builder.
   *
   * @return the builder
   */
  static ImmutableProcessorConfig.Builder builder() {
    return ImmutableProcessorConfig.builder();
  }

  /** {@code INLINE} (the default) or {@code DISTRIBUTED}. */
  Optional<ProcessorMode> mode();

  /** The child workflow type; required for {@code DISTRIBUTED}. */
  Optional<ExecutionType> executionType();
}
