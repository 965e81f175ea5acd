package io.emrlaunch.stepfunctions.asl;

import java.util.Optional;
import org.immutables.value.Value;

/** The states a Map state runs for each item ({@code ItemProcessor}, or the legacy Iterator). */
@Value.Immutable
public interface ItemProcessor extends StateGraph, WithItemProcessor {

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
   * Builds {@link ItemProcessor} values: obtained from {@link ItemProcessor#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableItemProcessor.Builder {
    Builder() {}
  }

  /** Inline or distributed processing. */
  Optional<ProcessorConfig> processorConfig();
}
