package io.emrlaunch.stepfunctions.asl;

import java.util.Optional;
import org.immutables.value.Value;

/** How a Map state runs its item processor ({@code ProcessorConfig}). */
@Value.Immutable
public interface ProcessorConfig extends WithProcessorConfig {

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
   * Builds {@link ProcessorConfig} values: obtained from {@link ProcessorConfig#builder()} or
   * {@link #toBuilder()}.
   */
  final class Builder extends ImmutableProcessorConfig.Builder {
    Builder() {}
  }

  /** {@code INLINE} (the default) or {@code DISTRIBUTED}. */
  Optional<ProcessorMode> mode();

  /** The child workflow type; required for {@code DISTRIBUTED}. */
  Optional<ExecutionType> executionType();
}
