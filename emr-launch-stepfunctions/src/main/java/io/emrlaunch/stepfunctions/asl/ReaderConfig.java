package io.emrlaunch.stepfunctions.asl;

import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** How an ItemReader reads its source ({@code ReaderConfig}). */
@Value.Immutable
public interface ReaderConfig {

  /**
   * A new builder.
   *
   * @return the builder
   */
  static ImmutableReaderConfig.Builder builder() {
    return ImmutableReaderConfig.builder();
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
