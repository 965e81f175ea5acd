package io.emrlaunch.stepfunctions.asl;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** How an ItemReader reads its source ({@code ReaderConfig}). */
@Value.Immutable
public interface ReaderConfig extends WithReaderConfig {

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
   * Builds {@link ReaderConfig} values: obtained from {@link ReaderConfig#builder()} or {@link
   * #toBuilder()}.
   */
  final class Builder extends ImmutableReaderConfig.Builder {
    Builder() {}
  }

  /** {@code CSV}, {@code JSON}, {@code JSONL}, {@code MANIFEST} or {@code PARQUET}. */
  Optional<String> inputType();

  /** {@code FIRST_ROW} or {@code GIVEN}. */
  Optional<String> csvHeaderLocation();

  /** The column names when the header location is {@code GIVEN}. */
  List<String> csvHeaders();

  /** {@code COMMA}, {@code PIPE}, {@code SEMICOLON}, {@code SPACE} or {@code TAB}. */
  Optional<String> csvDelimiter();

  /** The manifest kind for a {@code MANIFEST} input, e.g. {@code ATHENA_DATA}. */
  Optional<String> manifestType();

  /** Reads at most this many items. */
  Optional<NumberOrJsonata> maxItems();

  /** Reads at most the number of items at this path. */
  Optional<JsonPath> maxItemsPath();
}
