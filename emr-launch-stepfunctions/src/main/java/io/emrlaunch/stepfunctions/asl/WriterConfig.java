package io.emrlaunch.stepfunctions.asl;

import java.util.Optional;
import org.immutables.value.Value;

/** How a ResultWriter shapes the results it writes ({@code WriterConfig}). */
@Value.Immutable
public interface WriterConfig extends WithWriterConfig {

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
   * Builds {@link WriterConfig} values: obtained from {@link WriterConfig#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableWriterConfig.Builder {
    Builder() {}
  }

  /** {@code JSON} or {@code JSONL}. */
  Optional<String> outputType();

  /** {@code NONE}, {@code COMPACT} or {@code FLATTEN}. */
  Optional<String> transformation();
}
