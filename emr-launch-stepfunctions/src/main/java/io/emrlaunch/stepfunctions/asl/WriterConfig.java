package io.emrlaunch.stepfunctions.asl;

import java.util.Optional;
import org.immutables.value.Value;

/** How a ResultWriter shapes the results it writes ({@code WriterConfig}). */
@Value.Immutable
public interface WriterConfig {

  /**
   * A new builder.
   *
   * @return the builder
   */
  static ImmutableWriterConfig.Builder builder() {
    return ImmutableWriterConfig.builder();
  }

  /** {@code JSON} or {@code JSONL}. */
  Optional<String> outputType();

  /** {@code NONE}, {@code COMPACT} or {@code FLATTEN}. */
  Optional<String> transformation();
}
